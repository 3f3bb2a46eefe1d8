import { useCallback, useEffect, useRef, useState } from 'react';
import type { Plan, PlanView } from '../../../../shared/plan';
import type { FieldIssue } from '../../../../shared/result';
import { call, callResult } from '../../bridge';
import { useProject } from '../../stores/project';

export type Campaign = { budget: number; startDate: string | null; endDate: string | null };
export type SaveState = { state: 'idle' | 'saving' | 'saved' | 'refused'; at?: string; issues?: FieldIssue[]; message?: string };

/**
 * The wizard's plan: the draft the strategist edits, saved 400 ms after the last change
 * (and at once on a step change) through `plan.save`; the view it returns brings the gaps
 * and the shortlist back. A refused save keeps the draft and shows the located issues.
 */
export function usePlan(projectId: number) {
  const [view, setView] = useState<PlanView | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [campaign, setCampaign] = useState<Campaign | null>(null);
  const [save, setSave] = useState<SaveState>({ state: 'idle' });
  const pending = useRef<{ plan: Plan; campaign: Campaign } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const revision = useRef(0);

  const reload = useCallback(async () => {
    const v = await call('plan.get', { projectId });
    setView(v);
    return v;
  }, [projectId]);

  useEffect(() => {
    void reload().then((v) => {
      setPlan(v.plan);
      setCampaign({ budget: v.campaign.budget, startDate: v.campaign.startDate, endDate: v.campaign.endDate });
      setSave({ state: 'idle', at: v.updatedAt ?? undefined });
    });
  }, [reload]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (!next) return true;
    pending.current = null;
    const mine = ++revision.current;
    setSave({ state: 'saving' });
    const r = await callResult('plan.save', { projectId, plan: next.plan, campaign: next.campaign });
    if (mine !== revision.current) return r.ok;
    if (r.ok) {
      setView(r.value);
      setSave({ state: 'saved', at: r.value.updatedAt ?? undefined });
      // The budget and dates are the project's: the other pages read them from its store.
      void call('projects.get', { id: projectId }).then((project) => useProject.setState({ project }), () => {});
    } else setSave({ state: 'refused', issues: r.error.issues, message: r.error.message });
    return r.ok;
  }, [projectId]);

  useEffect(() => () => void flush(), [flush]);

  const change = useCallback((nextPlan: Plan, nextCampaign: Campaign) => {
    setPlan(nextPlan);
    setCampaign(nextCampaign);
    pending.current = { plan: nextPlan, campaign: nextCampaign };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 400);
  }, [flush]);

  return { view, plan, campaign, save, change, flush, reload };
}
