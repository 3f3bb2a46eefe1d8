import { useEffect, useState } from 'react';
import type { RevenueScenario, SplitModel } from '../../../../shared/revenue';
import { call, callResult } from '../../bridge';
import { useProject } from '../../stores/project';
import { useFormat } from '../../stores/settings';
import { messagesByField, parseNumberInput } from '../../forms';
import { useT } from '../../stores/settings';
import { Dialog, useDiscardGuard } from '../Dialog';

type Kind = SplitModel['kind'];
interface PartyDraft {
  name: string;
  kind: Kind;
  amount: string;
  share: string;
  minimum: string;
  tiers: { upTo: string; share: string }[];
}

const KINDS: Kind[] = ['percent', 'tiered', 'guarantee', 'fixed'];

function draftOf(m: SplitModel, name: string): PartyDraft {
  const d: PartyDraft = { name, kind: m.kind, amount: '', share: '', minimum: '', tiers: [{ upTo: '', share: '' }] };
  if (m.kind === 'fixed') d.amount = String(m.amount);
  if (m.kind === 'percent') d.share = String(m.share);
  if (m.kind === 'guarantee') Object.assign(d, { minimum: String(m.minimum), share: String(m.share) });
  if (m.kind === 'tiered') d.tiers = m.tiers.map((x) => ({ upTo: x.upTo === null ? '' : String(x.upTo), share: String(x.share) }));
  return d;
}

/** Typed numbers, or NaN (which the contract refuses with a located message). */
const num = (s: string): number => {
  const r = parseNumberInput(s);
  return 'value' in r && r.value !== null ? r.value : Number.NaN;
};

function modelOf(d: PartyDraft): SplitModel {
  switch (d.kind) {
    case 'fixed':
      return { kind: 'fixed', amount: num(d.amount) };
    case 'percent':
      return { kind: 'percent', share: num(d.share) };
    case 'guarantee':
      return { kind: 'guarantee', minimum: num(d.minimum), share: num(d.share) };
    case 'tiered':
      return { kind: 'tiered', tiers: d.tiers.map((x) => ({ upTo: x.upTo.trim() ? num(x.upTo) : null, share: num(x.share) })) };
  }
}

/** A revenue-share scenario: the revenue points to split and each party's split model. */
export function ScenarioDialog({ projectId, scenario, onClose, onSaved }: { projectId: number; scenario: RevenueScenario | null; onClose(): void; onSaved(list: RevenueScenario[], id: number): void }) {
  const t = useT();
  const [name, setName] = useState(scenario?.name ?? '');
  const [revenues, setRevenues] = useState(scenario?.revenues.map((r) => ({ label: r.label, amount: String(r.amount) })) ?? [{ label: 'P10', amount: '' }, { label: 'P50', amount: '' }, { label: 'P90', amount: '' }]);
  const [parties, setParties] = useState<PartyDraft[]>(scenario?.parties.map((p) => draftOf(p.model, p.name)) ?? [draftOf({ kind: 'percent', share: 10 }, '')]);
  const [initial] = useState(() => JSON.stringify({ name, revenues, parties }));
  // Closing with changes asks first (Escape, the backdrop, Cancel).
  const guard = useDiscardGuard(JSON.stringify({ name, revenues, parties }) !== initial, onClose);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fromForecast = useForecastRevenue(projectId);
  const party = (i: number, patch: Partial<PartyDraft>) => setParties((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const err = (path: string) => errors[path];

  const save = async () => {
    const input = { ...(scenario ? { id: scenario.id } : {}), name, revenues: revenues.map((r) => ({ label: r.label, amount: num(r.amount) })), parties: parties.map((p) => ({ name: p.name, model: modelOf(p) })) };
    const result = await callResult('revenue.save', { projectId, scenario: input });
    if (!result.ok) return setErrors(messagesByField(result.error.issues ?? [{ path: '', message: result.error.message }], t, 'scenario.'));
    onSaved(result.value, scenario?.id ?? Math.max(...result.value.map((s) => s.id)));
  };

  return (
    <Dialog
      title={scenario ? scenario.name : t('revenue.new')}
      wide
      onClose={guard.close}
      notice={guard.notice}
      footer={
        <>
          <button className="btn" onClick={guard.close}>{t('common.cancel')}</button>
          <button className="btn primary" onClick={() => void save()}>{t('common.save')}</button>
        </>
      }
    >
      {(errors._ || errors.parties) && <p className="error" role="alert">{errors._ ?? errors.parties}</p>}
      <div className="field wide">
        <label htmlFor="sc-name">{t('revenue.scenarioName')}</label>
        <input id="sc-name" className="input" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!err('name')} />
        {err('name') && <span className="error">{err('name')}</span>}
      </div>
      <h3 className="sub">{t('revenue.points')}</h3>
      {fromForecast.options.length > 0 ? (
        <div className="seg-row" data-testid="revenue-from-forecast">
          <select className="input" aria-label={t('revenue.fromForecastPick')} value={fromForecast.chosen ?? ''} onChange={(e) => fromForecast.choose(Number(e.target.value))}>
            {fromForecast.options.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <button className="btn small" onClick={() => { const pts = fromForecast.points(); if (pts) setRevenues(pts); }}>{t('revenue.fromForecast')}</button>
          <span className="muted small">{fromForecast.price ? t('revenue.fromForecastPrice', { price: fromForecast.price }) : t('revenue.fromForecastNoPrice')}</span>
        </div>
      ) : (
        <p className="muted small">{t('revenue.noForecast')}</p>
      )}
      <div className="revenue-points">
        {revenues.map((r, i) => (
          <div key={i} className="point">
            <input className="input" aria-label={t('revenue.pointLabel')} value={r.label} onChange={(e) => setRevenues((rs) => rs.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))} />
            <input className="input" aria-label={t('revenue.pointAmount', { label: r.label })} inputMode="decimal" value={r.amount} aria-invalid={!!err(`revenues.${i}.amount`)} onChange={(e) => setRevenues((rs) => rs.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} />
            {err(`revenues.${i}.amount`) && <span className="error">{err(`revenues.${i}.amount`)}</span>}
          </div>
        ))}
      </div>
      <h3 className="sub">{t('revenue.parties')}</h3>
      <div className="parties">
        {parties.map((p, i) => (
          <div key={i} className="party" data-testid="party">
            <input className="input" aria-label={t('revenue.party')} placeholder={t('revenue.party')} value={p.name} onChange={(e) => party(i, { name: e.target.value })} aria-invalid={!!err(`parties.${i}.name`)} />
            <select className="input" aria-label={t('revenue.model')} value={p.kind} onChange={(e) => party(i, { kind: e.target.value as Kind })}>
              {KINDS.map((k) => <option key={k} value={k}>{t(`revenue.kind.${k}`)}</option>)}
            </select>
            <div className="params">
              {p.kind === 'fixed' && <Num label={t('revenue.amount')} value={p.amount} error={err(`parties.${i}.model.amount`)} onChange={(v) => party(i, { amount: v })} />}
              {(p.kind === 'percent' || p.kind === 'guarantee') && <Num label={t('revenue.share')} value={p.share} error={err(`parties.${i}.model.share`)} onChange={(v) => party(i, { share: v })} />}
              {p.kind === 'guarantee' && <Num label={t('revenue.minimum')} value={p.minimum} error={err(`parties.${i}.model.minimum`)} onChange={(v) => party(i, { minimum: v })} />}
              {p.kind === 'tiered' &&
                p.tiers.map((x, j) => (
                  <div key={j} className="tier">
                    <Num label={t('revenue.upTo', { n: j + 1 })} value={x.upTo} placeholder={t('revenue.noEnd')} error={err(`parties.${i}.model.tiers.${j}.upTo`)} onChange={(v) => party(i, { tiers: p.tiers.map((y, k) => (k === j ? { ...y, upTo: v } : y)) })} />
                    <Num label={t('revenue.share')} value={x.share} error={err(`parties.${i}.model.tiers.${j}.share`)} onChange={(v) => party(i, { tiers: p.tiers.map((y, k) => (k === j ? { ...y, share: v } : y)) })} />
                  </div>
                ))}
              {p.kind === 'tiered' && <button className="btn ghost small" onClick={() => party(i, { tiers: [...p.tiers, { upTo: '', share: '' }] })}>{t('revenue.addTier')}</button>}
            </div>
            <button className="btn ghost small" aria-label={t('revenue.removeParty')} onClick={() => setParties((ps) => ps.filter((_, j) => j !== i))} disabled={parties.length === 1}>✕</button>
          </div>
        ))}
        <div>
          <button className="btn small" onClick={() => setParties((ps) => [...ps, draftOf({ kind: 'percent', share: 10 }, '')])}>{t('revenue.addParty')}</button>
        </div>
      </div>
    </Dialog>
  );
}

function Num({ label, value, onChange, error, placeholder }: { label: string; value: string; onChange(v: string): void; error?: string; placeholder?: string }) {
  return (
    <label className="num-field">
      <span className="muted small">{label}</span>
      <input className="input" inputMode="decimal" value={value} placeholder={placeholder} aria-label={label} aria-invalid={!!error} onChange={(e) => onChange(e.target.value)} />
      {error && <span className="error">{error}</span>}
    </label>
  );
}

/**
 * Revenue points from a saved forecast scenario: its total outcome's P10/P50/P90, times the
 * product's price when the project sets one (the outcome being sign-ups or sales).
 */
function useForecastRevenue(projectId: number) {
  const f = useFormat();
  const project = useProject((s) => s.project);
  const [options, setOptions] = useState<{ id: number; name: string; total: { p10: number; p50: number; p90: number } }[]>([]);
  const [chosen, choose] = useState<number | null>(null);
  useEffect(() => {
    void call('scenarios.list', { projectId }).then((list) => {
      const ran = list.flatMap((s) => (s.result ? [{ id: s.id, name: s.name, total: s.result.total }] : []));
      setOptions(ran);
      choose(ran[0]?.id ?? null);
    }, () => setOptions([]));
  }, [projectId]);
  const price = project?.price && project.price > 0 ? project.price : null;
  const points = () => {
    const o = options.find((x) => x.id === chosen);
    if (!o) return null;
    const amount = (v: number) => String(Math.round(v * (price ?? 1)));
    return [{ label: 'P10', amount: amount(o.total.p10) }, { label: 'P50', amount: amount(o.total.p50) }, { label: 'P90', amount: amount(o.total.p90) }];
  };
  return { options, chosen, choose, points, price: price === null ? null : f.number(price) };
}
