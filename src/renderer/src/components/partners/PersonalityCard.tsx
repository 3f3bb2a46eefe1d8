import { useCallback, useEffect, useState } from 'react';
import { FIT_RULE, PERSONALITY_DIMENSIONS, type PersonalityDimension, type PersonalityRatings, type PersonalityView, personalityFit, PRODUCT_SUBJECT } from '../../../../shared/personality';
import { call, CallError } from '../../bridge';
import { Chart } from '../../charts/Chart';
import type { ChartPalette } from '../../charts/palette';
import { personalityOption } from '../../charts/partnerCharts';
import { useFormat, useT } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';

const MIDDLE: PersonalityRatings = { sincerity: 3, excitement: 3, competence: 3, sophistication: 3, ruggedness: 3 };

/**
 * Brand personality: the product and each shortlisted partner rated on the five dimensions (by
 * hand, or a survey file's means), the pair on a radar, and the fit per dimension the way
 * van der Lans et al. (2014) found brand alliances to work — similar on sophistication and
 * ruggedness, moderately different on sincerity and competence.
 */
export function PersonalityCard({ projectId, partners, palette, onChange }: { projectId: number; partners: { id: string; name: string }[]; palette: ChartPalette; onChange?: () => void }) {
  const t = useT();
  const f = useFormat();
  const toast = useToasts((s) => s.show);
  const [view, setView] = useState<PersonalityView | null>(null);
  const [subject, setSubject] = useState<string>(PRODUCT_SUBJECT);
  const [draft, setDraft] = useState<Record<PersonalityDimension, string>>(() => text(MIDDLE));
  const [compare, setCompare] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => setView(await call('personality.view', { projectId })), [projectId]);
  useEffect(() => void load(), [load]);
  const ratingsOf = (s: string): PersonalityRatings | null => (s === PRODUCT_SUBJECT ? view?.product?.ratings : view?.partners.find((p) => p.subject === s)?.ratings) ?? null;
  // Editing another subject starts from its saved ratings.
  useEffect(() => setDraft(text(ratingsOf(subject) ?? MIDDLE)), [subject, view]);
  const rated = view?.partners ?? [];
  const shown = rated.find((p) => p.subject === compare) ?? rated[0] ?? null;

  const parsed = Object.fromEntries(PERSONALITY_DIMENSIONS.map((d) => [d, Number(draft[d].replace(',', '.'))])) as PersonalityRatings;
  const invalid = PERSONALITY_DIMENSIONS.filter((d) => !(parsed[d] >= 1 && parsed[d] <= 5));
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
      onChange?.();
    } catch (e) {
      toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const save = () => act(async () => setView(await call('personality.save', { projectId, subject, ratings: parsed })));
  const importSurvey = () =>
    act(async () => {
      const picked = await call('dialogs.open', { purpose: 'importTable' });
      if (!picked.path) return;
      const r = await call('personality.importSurvey', { projectId, path: picked.path });
      setView(r.view);
      toast(t('personality.imported', { n: f.number(r.respondents), subjects: r.subjects.map((s) => s.name).join('、'), rejected: f.number(r.rejected.length) }));
    });
  if (!view) return null;
  const dimName = (d: PersonalityDimension) => t(`personality.dim.${d}`);
  const fit = shown && view.product ? personalityFit(view.product.ratings, shown.ratings) : null;
  const source = (p: { respondents: number; source: string } | null) => (p ? (p.respondents ? t('personality.fromSurvey', { n: f.number(p.respondents), file: p.source }) : t('personality.byHand')) : t('personality.unrated'));
  return (
    <section className="card personality-card" data-testid="personality">
      <header>
        <div>
          <h2>{t('personality.title')}</h2>
          <p>{t('personality.hint')}</p>
        </div>
        <button className="btn" disabled={busy} onClick={() => void importSurvey()}>{t('personality.import')}</button>
      </header>
      <div className="body personality-body">
        <div className="personality-edit">
          <label className="inline">
            {t('personality.rate')}
            <select className="input" data-testid="personality-subject" value={subject} onChange={(e) => setSubject(e.target.value)}>
              <option value={PRODUCT_SUBJECT}>{t('personality.product')}</option>
              {partners.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
          <p className="muted small">{source(subject === PRODUCT_SUBJECT ? view.product : (rated.find((p) => p.subject === subject) ?? null))}</p>
          {PERSONALITY_DIMENSIONS.map((d) => (
            <label key={d} className="weight">
              <span>{dimName(d)}</span>
              <input type="range" min={1} max={5} step={0.1} value={Number.isFinite(parsed[d]) ? Math.min(5, Math.max(1, parsed[d])) : 3} aria-label={dimName(d)} onChange={(e) => setDraft({ ...draft, [d]: e.target.value })} />
              <input className="input small-num" data-testid={`personality-${d}`} value={draft[d]} aria-invalid={invalid.includes(d)} onChange={(e) => setDraft({ ...draft, [d]: e.target.value })} />
            </label>
          ))}
          {invalid.length > 0 && <p className="small" role="alert" style={{ color: 'var(--danger)' }}>{t('personality.problem.range')}</p>}
          <button className="btn primary" data-testid="personality-save" disabled={busy || invalid.length > 0} onClick={() => void save()}>{t('personality.save')}</button>
        </div>
        <div className="personality-fit">
          {!view.product ? (
            <p className="muted small">{t('personality.needProduct')}</p>
          ) : !shown ? (
            <p className="muted small">{t('personality.needPartner')}</p>
          ) : (
            <>
              {rated.length > 1 && (
                <label className="inline">
                  {t('personality.compare')}
                  <select className="input" value={shown.subject} onChange={(e) => setCompare(e.target.value)}>
                    {rated.map((p) => <option key={p.subject} value={p.subject}>{p.name}</option>)}
                  </select>
                </label>
              )}
              <Chart option={personalityOption(PERSONALITY_DIMENSIONS.map(dimName), [{ name: t('personality.product'), values: PERSONALITY_DIMENSIONS.map((d) => view.product!.ratings[d]) }, { name: shown.name, values: PERSONALITY_DIMENSIONS.map((d) => shown.ratings[d]) }], palette)} label={t('personality.title')} testId="personality-radar" />
              <table className="data" data-testid="personality-fit">
                <thead><tr><th>{t('personality.dimension')}</th><th className="num">{t('personality.product')}</th><th className="num">{shown.name}</th><th>{t('personality.rule')}</th><th className="num">{t('personality.fit')}</th></tr></thead>
                <tbody>
                  {PERSONALITY_DIMENSIONS.map((d) => (
                    <tr key={d}>
                      <td>{dimName(d)}</td>
                      <td className="num">{view.product!.ratings[d].toFixed(1)}</td>
                      <td className="num">{shown.ratings[d].toFixed(1)}</td>
                      <td className="small muted">{t(`personality.rule.${FIT_RULE[d]}`)}</td>
                      <td className="num">{FIT_RULE[d] === 'notADriver' ? '—' : fit!.perDimension[d].toFixed(2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="small" data-testid="personality-overall"><strong>{t('personality.overall', { name: shown.name, fit: fit!.overall.toFixed(2) })}</strong></p>
              <p className="muted small">{t('personality.method')}</p>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function text(r: PersonalityRatings): Record<PersonalityDimension, string> {
  return Object.fromEntries(PERSONALITY_DIMENSIONS.map((d) => [d, String(r[d])])) as Record<PersonalityDimension, string>;
}
