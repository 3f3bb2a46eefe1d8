import { useState } from 'react';
import type { Preset } from '../../../../shared/partners';
import { callResult } from '../../bridge';
import { parseNumberInput } from '../../forms';
import { useFormat, useT } from '../../stores/settings';

type Result = { selected: string[]; totalScore: number; totalFee: number; excluded: { id: string; why: string; with?: string }[]; names: Map<string, string> };

/** The best set of partners under a budget and a count, with why strong candidates were left out. */
export function PortfolioCard({ projectId, preset, defaultBudget, currency }: { projectId: number; preset: Preset; defaultBudget: number; currency: string }) {
  const t = useT();
  const f = useFormat();
  const [budget, setBudget] = useState(String(defaultBudget || ''));
  const [max, setMax] = useState('4');
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    const b = parseNumberInput(budget);
    const m = parseNumberInput(max);
    if ('invalid' in b || b.value === null) return setError(t('validation.number'));
    const r = await callResult('partners.portfolio', { projectId, budget: b.value, max: 'value' in m && m.value ? Math.round(m.value) : 4, preset });
    if (!r.ok) return setError(r.error.issues?.length ? t(r.error.issues[0].message) : r.error.message);
    setError(null);
    setResult({ ...r.value, names: new Map(r.value.ranking.partners.map((p) => [p.id, p.name])) });
  };
  return (
    <section className="card" data-testid="portfolio">
      <header><div><h2>{t('partners.portfolio')}</h2><p>{t('partners.portfolioHint')}</p></div></header>
      <div className="body">
        <div className="seg-row">
          <label className="inline">{t('partners.budget')} <input className="input" inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} style={{ width: 130 }} /></label>
          <label className="inline">{t('partners.maxCount')} <input className="input small-num" inputMode="numeric" value={max} onChange={(e) => setMax(e.target.value)} /></label>
          <button className="btn primary" onClick={() => void run()}>{t('partners.optimise')}</button>
        </div>
        {error && <p className="error" role="alert">{error}</p>}
        {result && (
          <div className="portfolio-result">
            <p>
              {result.selected.length
                ? t('partners.selected', { n: result.selected.length, score: result.totalScore.toFixed(2), fee: f.money(result.totalFee, currency) })
                : t('partners.noneFits')}
            </p>
            <ol>{result.selected.map((id) => <li key={id}>{result.names.get(id) ?? id}</li>)}</ol>
            {result.excluded.length > 0 && (
              <>
                <h3 className="sub">{t('partners.leftOut')}</h3>
                <ul className="muted small">
                  {result.excluded.map((x) => (
                    <li key={x.id}>{result.names.get(x.id) ?? x.id}: {t(`partners.why.${x.why.replace(' ', '_')}`, { with: x.with ? (result.names.get(x.with) ?? x.with) : '' })}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
