import { useState } from 'react';
import { VerdictBadge } from '../VerdictBadge';
import { describeSettings } from '../../../../shared/targetingText';
import { EventWeightsPanel } from './EventWeightsPanel';
import { ModelSearchTable } from './ModelSearchTable';
import { segmentLabel } from '../../../../shared/segments';
import type { TargetingResult } from '../../../../shared/targeting';
import { call, CallError } from '../../bridge';
import { waitForJob } from '../../stores/jobWait';
import { useFormat, useSettings, useT } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';

/**
 * Targeting by collaborative filtering: the co-branded concept (the product with a
 * shortlisted partner's themes) placed among its nearest catalog items, every user scored
 * against it by the model a validation split chose (every candidate's score shown), the
 * addressable audience per segment, the held-out quality beside most-popular and item-kNN in
 * plain words, the project's event weights, and the target list exported.
 */
export function TargetingCard({ projectId, shortlist }: { projectId: number; shortlist: { id: string; name: string }[] }) {
  const t = useT();
  const f = useFormat();
  const toast = useToasts((s) => s.show);
  const { lang } = useSettings();
  const [partnerId, setPartnerId] = useState('');
  const [share, setShare] = useState(20);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TargetingResult | null>(null);
  const run = async (outPath?: string) => {
    setBusy(true);
    try {
      const job = await call('jobs.start', { kind: 'target', projectId, share: share / 100, ...(partnerId ? { partnerId } : {}), ...(outPath ? { outPath } : {}) });
      const ended = await waitForJob(job.id);
      if (ended.state === 'done') {
        const r = ended.result as TargetingResult;
        setResult(r);
        if (outPath) toast(t('risk.exported', { rows: r.written, path: outPath }));
      } else if (ended.state === 'failed') toast(ended.error ?? t('job.failed', { error: '' }), { tone: 'error' });
    } catch (e) {
      toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const exportList = async () => {
    const picked = await call('dialogs.save', { purpose: 'exportTable', defaultName: `${t('targeting.fileName')}.csv` });
    if (picked.path) await run(picked.path);
  };
  const most = Math.max(1, ...(result?.bySegment.map((s) => s.users) ?? [1]));
  return (
    <section className="card" data-testid="targeting">
      <header><div><h2>{t('targeting.title')}</h2><p>{t('targeting.hint')}</p></div></header>
      <div className="body">
        <div className="seg-row">
          <label className="inline">
            {t('targeting.concept')}
            <select className="input" value={partnerId} onChange={(e) => setPartnerId(e.target.value)} style={{ maxWidth: 220 }}>
              <option value="">{t('targeting.productAlone')}</option>
              {shortlist.map((p) => <option key={p.id} value={p.id}>{t('targeting.with', { name: p.name })}</option>)}
            </select>
          </label>
          <label className="inline">
            {t('targeting.share')}
            <input className="input small-num" type="number" min={1} max={100} value={share} onChange={(e) => setShare(Math.max(1, Math.min(100, Number(e.target.value) || 20)))} />%
          </label>
          <button className="btn primary" disabled={busy} onClick={() => void run()}>{t('targeting.find')}</button>
          {result && <button className="btn" disabled={busy} onClick={() => void exportList()}>{t('targeting.export')}</button>}
        </div>
        <EventWeightsPanel projectId={projectId} />
        {result && (
          <div className="targeting-result">
            <VerdictBadge verdict={result.verdict} testId="targeting-verdict" />
            <p data-testid="targeting-summary">{t('targeting.summary', { n: f.number(result.addressable), users: f.number(result.users) })}</p>
            <p className="small" data-testid="targeting-model"><strong>{t('targeting.chosenModel', { model: describeSettings(result.settings, lang) })}</strong></p>
            <p className="muted small" data-testid="targeting-quality">
              {t('targeting.quality', {
                users: f.number(result.quality.users),
                name: t(`targeting.model.${result.model}`),
                model: result.quality.model.ndcg.toFixed(3),
                popular: result.quality.popular.ndcg.toFixed(3),
                knn: result.quality.itemKnn ? result.quality.itemKnn.ndcg.toFixed(3) : '—',
                precision: result.quality.model.precision.toFixed(3),
                recall: result.quality.model.recall.toFixed(3),
              })}
            </p>
            <ModelSearchTable search={result.search} chosen={result.settings} />
            <div className="chips" style={{ margin: '6px 0' }}>{result.conceptWords.map((w) => <span className="chip" key={w}>{w}</span>)}</div>
            <p className="muted small">{t('targeting.anchors', { items: result.anchors.map((a) => a.title).join('、') })}</p>
            {result.bySegment.length > 0 ? (
              <table className="data segments-reach">
                <tbody>
                  {result.bySegment.map((s) => (
                    <tr key={s.id}>
                      <td>{segmentLabel(s, lang)}</td>
                      <td style={{ width: '45%' }}>
                        <div className="reach"><span className="all" style={{ width: `${(100 * s.users) / most}%` }} /><span className="hit" style={{ width: `${(100 * s.addressable) / most}%` }} /></div>
                      </td>
                      <td className="num">{f.number(s.addressable)} / {f.number(s.users)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted small">{t('targeting.noSegments')}</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
