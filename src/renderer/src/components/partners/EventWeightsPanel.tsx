import { useEffect, useState } from 'react';
import type { EventWeightsView } from '../../../../shared/targeting';
import { call, CallError } from '../../bridge';
import { useFormat, useT } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';
import { NumberInput } from '../plan/NumberInput';

/**
 * The project's event weights: each event type its interactions hold, how many rows, and how
 * much one counts (a purchase over a view by default). Saved weights apply from the next run.
 */
export function EventWeightsPanel({ projectId }: { projectId: number }) {
  const t = useT();
  const f = useFormat();
  const toast = useToasts((s) => s.show);
  const [view, setView] = useState<EventWeightsView | null>(null);
  const [draft, setDraft] = useState<Record<string, number | null>>({});
  useEffect(() => {
    void call('targeting.eventWeights', { projectId }).then((v) => {
      setView(v);
      setDraft(Object.fromEntries(v.events.map((e) => [e.event, e.weight])));
    });
  }, [projectId]);
  if (!view) return null;
  const invalid = Object.values(draft).some((v) => v === null);
  const changed = view.events.some((e) => draft[e.event] !== e.weight);
  const save = async () => {
    try {
      const next = await call('targeting.saveEventWeights', { projectId, weights: Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v ?? 0])) });
      setView(next);
      toast(t('targeting.weights.saved'));
    } catch (e) {
      toast(e instanceof CallError ? e.message : String(e), { tone: 'error' });
    }
  };
  return (
    <details className="event-weights" data-testid="event-weights">
      <summary>{t('targeting.weights.title')}</summary>
      <p className="muted small">{t('targeting.weights.hint')}</p>
      {view.events.length === 0 ? (
        <p className="muted small">{t('targeting.weights.none')}</p>
      ) : (
        <div className="weights-grid">
          {view.events.map((e) => (
            <label key={e.event} className="inline">
              <span className="event-name">{e.event}</span>
              <span className="muted small">{t('targeting.weights.rows', { rows: f.number(e.rows) })}</span>
              <NumberInput value={draft[e.event] ?? null} max={100} label={t('targeting.weights.of', { event: e.event })} onValue={(v) => setDraft((d) => ({ ...d, [e.event]: v }))} />
            </label>
          ))}
          <button className="btn" disabled={invalid || !changed} onClick={() => void save()}>{t('targeting.weights.save')}</button>
        </div>
      )}
    </details>
  );
}
