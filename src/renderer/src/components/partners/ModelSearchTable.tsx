import type { ModelSearch, ModelSettings } from '../../../../shared/targeting';
import { sameCandidate, settingsText } from '../../../../shared/targetingText';
import { useSettings, useT } from '../../stores/settings';

/**
 * How the targeting model was chosen: the best candidate of each family (most popular,
 * item-kNN, RP3beta, EASE, ALS) by its validation nDCG@10, the chosen one marked, a bar for
 * each against the best; every candidate tried is one click further down.
 */
export function ModelSearchTable({ search, chosen }: { search: ModelSearch; chosen: ModelSettings }) {
  const t = useT();
  const { lang } = useSettings();
  const families = new Map<string, { best: ModelSearch['candidates'][number]; tried: number }>();
  for (const c of search.candidates) {
    const f = families.get(c.settings.model);
    if (f) f.tried++;
    else families.set(c.settings.model, { best: c, tried: 1 });
  }
  const top = Math.max(1e-9, ...search.candidates.map((c) => c.ndcg));
  const row = (c: ModelSearch['candidates'][number], note: string, key: string) => {
    const isChosen = sameCandidate(c.settings, chosen);
    return (
      <tr key={key} className={isChosen ? 'chosen' : undefined}>
        <td>{t(`targeting.model.${c.settings.model}`)}{isChosen && <span className="chip small-chip">{t('targeting.search.chosen')}</span>}</td>
        <td className="muted small">{settingsText(c.settings, lang)}{note && <span> · {note}</span>}</td>
        <td style={{ width: '22%' }}><div className="reach"><span className="hit" style={{ width: `${(100 * c.ndcg) / top}%` }} /></div></td>
        <td className="num">{c.ndcg.toFixed(3)}</td>
      </tr>
    );
  };
  const head = (
    <thead>
      <tr><th>{t('targeting.search.model')}</th><th>{t('targeting.search.settings')}</th><th /><th className="num">{t('targeting.search.ndcg')}</th></tr>
    </thead>
  );
  return (
    <div className="model-search" data-testid="targeting-search">
      <h3>{t('targeting.search.title')}</h3>
      <p className="muted small">{t('targeting.search.hint', { n: search.candidates.length, users: search.users.toLocaleString(lang) })}</p>
      <table className="data">
        {head}
        <tbody>{[...families.values()].map((f) => row(f.best, f.tried > 1 ? t('targeting.search.bestOf', { n: f.tried }) : '', f.best.settings.model))}</tbody>
      </table>
      <details>
        <summary className="small">{t('targeting.search.all', { n: search.candidates.length })}</summary>
        <table className="data">
          {head}
          <tbody>{search.candidates.map((c, i) => row(c, '', String(i)))}</tbody>
        </table>
      </details>
    </div>
  );
}
