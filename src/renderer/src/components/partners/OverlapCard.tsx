import { useCallback, useEffect, useState } from 'react';
import type { OverlapResult } from '../../../../shared/overlap/compareSketches';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../../../shared/overlap/identifiers';
import { OVERLAP_MEASURES, type OverlapMeasure, type OverlapView, type PartnerDeal } from '../../../../shared/overlap/overlapView';
import { DEFAULT_K, OWN_K } from '../../../../shared/overlap/thetaSketch';
import { segmentLabel } from '../../../../shared/segments';
import { call, CallError } from '../../bridge';
import { parseNumberInput } from '../../forms';
import { waitForJob } from '../../stores/jobWait';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';

/**
 * Audience overlap with a partner, without either side handing over its list: Tandem writes a
 * partner kit per deal (its key inside), the partner sends back a sketch, and the card shows how
 * many people both reach, the share of each side, the new people the partner brings, the
 * overlap per segment and the affinity against two random audiences of the same sizes — each
 * with its P10–P90 band — and what a sketch can and cannot reveal.
 */
export function OverlapCard({ projectId, partners, onChange }: { projectId: number; partners: { id: string; name: string }[]; onChange?: () => void }) {
  const t = useT();
  const f = useFormat();
  const { lang } = useSettings();
  const toast = useToasts((s) => s.show);
  const [view, setView] = useState<OverlapView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [universe, setUniverse] = useState('');
  const load = useCallback(async () => {
    try {
      const v = await call('overlap.view', { projectId });
      setView(v);
      setUniverse(new Intl.NumberFormat('en').format(v.settings.universe));
    } catch (e) {
      toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
    }
  }, [projectId, toast]);
  useEffect(() => void load(), [load]);

  const guard = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (e) {
      toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
    } finally {
      setBusy(null);
    }
  };
  const save = (patch: { column?: string; kind?: IdentifierKind | null; universe?: number; measure?: OverlapMeasure }) =>
    guard('settings', async () => {
      setView(await call('overlap.saveSettings', { projectId, ...patch }));
      onChange?.();
    });
  const kit = (partnerId: string, name: string) =>
    guard(`kit:${partnerId}`, async () => {
      const picked = await call('dialogs.save', { purpose: 'partnerKit', defaultName: t('overlap.kitFileName', { name }) });
      if (!picked.path) return;
      const r = await call('overlap.kit', { projectId, partnerId, path: picked.path, lang });
      toast(t('overlap.kitWritten', { path: r.path }));
      await load();
    });
  const runJob = (partnerId: string, path?: string) =>
    guard(`job:${partnerId}`, async () => {
      const job = await call('jobs.start', { kind: 'overlap', projectId, partnerId, ...(path ? { path } : {}) });
      const ended = await waitForJob(job.id);
      if (ended.state === 'failed') toast(ended.error ?? t('job.failed', { error: '' }), { tone: 'error' });
      await load();
      onChange?.();
    });
  const importSketch = (partnerId: string) =>
    guard(`pick:${partnerId}`, async () => {
      const picked = await call('dialogs.open', { purpose: 'overlapSketch' });
      if (picked.path) await runJob(partnerId, picked.path);
    });
  const forget = (partnerId: string) =>
    guard(`forget:${partnerId}`, async () => {
      setView(await call('overlap.forget', { projectId, partnerId }));
      onChange?.();
    });

  if (!view) return null;
  const deals = new Map(view.deals.map((d) => [d.partnerId, d]));
  const rows = [...partners.map((p) => ({ id: p.id, name: p.name })), ...view.deals.filter((d) => !partners.some((p) => p.id === d.partnerId)).map((d) => ({ id: d.partnerId, name: d.name }))];
  const parsed = parseNumberInput(universe);
  const universeValue = 'value' in parsed ? parsed.value : null;
  const universeProblem = universeValue === null || universeValue < 1000 ? t('overlap.problem.universeSmall') : null;
  return (
    <section className="card overlap-card" data-testid="overlap">
      <header>
        <div>
          <h2>{t('overlap.title')}</h2>
          <p>{t('overlap.hint')}</p>
        </div>
      </header>
      <div className="body">
        <div className="seg-row">
          <label className="inline">
            {t('overlap.column')}
            <select className="input" data-testid="overlap-column" value={view.settings.column} disabled={busy !== null} onChange={(e) => void save({ column: e.target.value })}>
              {view.columns.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label className="inline">
            {t('overlap.kind')}
            <select className="input" data-testid="overlap-kind" value={view.settings.kind ?? 'auto'} disabled={busy !== null} onChange={(e) => void save({ kind: e.target.value === 'auto' ? null : (e.target.value as IdentifierKind) })}>
              <option value="auto">{t('overlap.kind.auto')}</option>
              {IDENTIFIER_KINDS.map((k) => <option key={k} value={k}>{t(`overlap.kind.${k}`)}</option>)}
            </select>
          </label>
          <label className="inline" title={t('overlap.universeHint')}>
            {t('overlap.universe')}
            <input className="input" data-testid="overlap-universe" style={{ width: 140 }} value={universe} aria-invalid={universeProblem !== null} onChange={(e) => setUniverse(e.target.value)} onBlur={() => universeProblem === null && universeValue !== view.settings.universe && void save({ universe: universeValue! })} />
          </label>
          <label className="inline" title={t('overlap.measureHint')}>
            {t('overlap.measure')}
            <select className="input" data-testid="overlap-measure" value={view.settings.measure} disabled={busy !== null} onChange={(e) => void save({ measure: e.target.value as OverlapMeasure })}>
              {OVERLAP_MEASURES.map((m) => <option key={m} value={m}>{t(`overlap.measure.${m}`)}</option>)}
            </select>
          </label>
        </div>
        {universeProblem && <p className="small" style={{ color: "var(--danger)" }} role="alert">{universeProblem}</p>}
        {rows.length === 0 ? (
          <p className="muted small">{t('overlap.noPartners')}</p>
        ) : (
          <table className="data overlap-deals">
            <thead>
              <tr>
                <th>{t('overlap.partner')}</th>
                <th>{t('overlap.deal')}</th>
                <th>{t('overlap.theirSketch')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const d = deals.get(p.id);
                return (
                  <tr key={p.id} data-testid={`overlap-row-${p.id}`}>
                    <td>{p.name}</td>
                    <td className="small">{d ? <span title={t('overlap.keyIdHint')}>{t('overlap.keyId', { id: d.keyId })}</span> : <span className="muted">{t('overlap.noDeal')}</span>}</td>
                    <td className="small">{d?.theirs ? `${d.theirs.file} · ${f.date(d.theirs.importedAt)}` : <span className="muted">—</span>}</td>
                    <td className="actions">
                      <button className="btn small" disabled={busy !== null} onClick={() => void kit(p.id, p.name)}>{t('overlap.kit')}</button>
                      {d && <button className="btn small" disabled={busy !== null} onClick={() => void importSketch(p.id)}>{t('overlap.import')}</button>}
                      {d?.theirs && d.stale && <button className="btn small" disabled={busy !== null} onClick={() => void runJob(p.id)}>{t('overlap.refresh')}</button>}
                      {d?.theirs && <button className="btn small ghost" disabled={busy !== null} onClick={() => void forget(p.id)}>{t('overlap.forget')}</button>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {busy?.startsWith('job:') && <p className="muted small">{t('overlap.working')}</p>}
        {view.deals.filter((d) => d.result).map((d) => <DealResult key={d.partnerId} deal={d} result={d.result!} lang={lang} />)}
        <details className="overlap-privacy" data-testid="overlap-privacy">
          <summary>{t('overlap.privacyTitle')}</summary>
          <p className="small">{t('overlap.privacyHolds', { k: f.number(DEFAULT_K) })}</p>
          <p className="small">{t('overlap.privacyReveals', { k: f.number(DEFAULT_K) })}</p>
          <p className="small">{t('overlap.privacyChecklist')}</p>
        </details>
      </div>
    </section>
  );
}

function DealResult({ deal, result: r, lang }: { deal: PartnerDeal; result: OverlapResult; lang: 'en' | 'zh-CN' }) {
  const t = useT();
  const f = useFormat();
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const band = (b: { estimate: number; p10: number; p90: number }) => (b.p10 === b.p90 ? f.number(b.estimate) : t('overlap.band', { v: f.number(b.estimate), lo: f.number(b.p10), hi: f.number(b.p90) }));
  const ratio = (v: number) => (v >= 10 ? f.number(Math.round(v)) : v.toFixed(2));
  const affinity = r.affinity === null ? null : ratio(r.affinity);
  const verdict = r.affinityP10 !== null && r.affinityP10 > 1 ? 'above' : r.affinityP90 !== null && r.affinityP90 < 1 ? 'below' : 'chance';
  const most = Math.max(1e-9, ...r.segments.map((s) => s.shareP90));
  return (
    <div className="overlap-result" data-testid={`overlap-result-${deal.partnerId}`}>
      <h3>{t('overlap.resultTitle', { name: deal.name })}</h3>
      {deal.stale && <p className="warn small">{t('overlap.stale')}</p>}
      <dl className="figures">
        <div><dt>{t('overlap.inBoth')}</dt><dd data-testid="overlap-both">{band(r.overlap)}</dd></div>
        <div><dt>{t('overlap.shareOfOurs')}</dt><dd>{pct(r.shareOfA)} <span className="muted small">({pct(r.shareOfAP10)}–{pct(r.shareOfAP90)})</span></dd></div>
        <div><dt>{t('overlap.shareOfTheirs')}</dt><dd>{pct(r.shareOfB)} <span className="muted small">({pct(r.shareOfBP10)}–{pct(r.shareOfBP90)})</span></dd></div>
        <div><dt>{t('overlap.newPeople')}</dt><dd data-testid="overlap-new">{band(r.incrementalReach)}</dd></div>
        {affinity !== null && <div><dt>{t('overlap.affinity')}</dt><dd data-testid="overlap-affinity">{affinity} <span className="muted small">({ratio(r.affinityP10!)}–{ratio(r.affinityP90!)})</span></dd></div>}
      </dl>
      <p className="small" data-testid="overlap-summary">
        {t('overlap.summary', { ours: f.number(r.a.estimate), theirs: f.number(r.b.estimate), both: f.number(r.overlap.estimate), share: pct(r.shareOfA), fresh: f.number(r.incrementalReach.estimate) })}{' '}
        {affinity !== null && t(`overlap.affinity.${verdict}`, { a: affinity, universe: f.number(r.universe ?? 0) })}
      </p>
      {r.segments.length > 0 ? (
        <table className="data segments-reach">
          <thead><tr><th>{t('overlap.segment')}</th><th style={{ width: '40%' }}>{t('overlap.segmentShare')}</th><th className="num">{t('overlap.inBoth')}</th></tr></thead>
          <tbody>
            {r.segments.map((s) => (
              <tr key={s.name}>
                <td>{s.names ? segmentLabel(s.names, lang) : s.name}</td>
                <td>
                  <div className="reach" title={`${pct(s.shareP10)}–${pct(s.shareP90)}`}>
                    <span className="all" style={{ width: `${(100 * s.shareP90) / most}%` }} />
                    <span className="hit" style={{ width: `${(100 * s.share) / most}%` }} />
                  </div>
                </td>
                <td className="num">{pct(s.share)} · {band(s.overlap)} / {f.number(s.size.estimate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">{t('overlap.noSegments')}</p>
      )}
      <p className="muted small">{t('overlap.method', { theirs: deal.theirs?.label ?? '', k: f.number(DEFAULT_K), ours: f.number(OWN_K) })}</p>
    </div>
  );
}
