import { PLAN_STEPS, type Plan, type PlanStep } from '../../../shared/plan';
import { PlanGaps } from '../components/plan/PlanGaps';
import { StepContent } from '../components/plan/StepContent';
import { StepCooperation } from '../components/plan/StepCooperation';
import { StepMetrics } from '../components/plan/StepMetrics';
import { StepNeeds } from '../components/plan/StepNeeds';
import { StepShortlist } from '../components/plan/StepShortlist';
import { type Campaign, usePlan } from '../components/plan/usePlan';
import { useProject } from '../stores/project';
import { useFormat, useT } from '../stores/settings';

export interface StepProps {
  projectId: number;
  plan: Plan;
  campaign: Campaign;
  currency: string;
  view: NonNullable<ReturnType<typeof usePlan>['view']>;
  change: (plan: Plan, campaign?: Campaign) => void;
  /** The located message of a refused save for this path, translated. */
  issue: (path: string) => string | undefined;
  reload: () => Promise<unknown>;
}

/**
 * The partner-selection wizard: five steps from needs to success metrics, saved on the
 * project as the strategist goes, and reopened on the step they left.
 */
export default function PlanPage() {
  const t = useT();
  const f = useFormat();
  const project = useProject((s) => s.project)!;
  const { view, plan, campaign, save, change, flush, reload } = usePlan(project.id);
  if (!view || !plan || !campaign) return <div className="page muted">{t('common.loading')}</div>;

  const at = PLAN_STEPS.indexOf(plan.step);
  const go = async (step: PlanStep) => {
    const done = new Set(plan.done);
    if (PLAN_STEPS.indexOf(step) > at) done.add(plan.step);
    change({ ...plan, step, done: PLAN_STEPS.filter((s) => done.has(s)) }, campaign);
    await flush();
  };
  const props: StepProps = {
    projectId: project.id,
    plan,
    campaign,
    currency: project.currency,
    view,
    change: (p, c) => change(p, c ?? campaign),
    issue: (path) => {
      const hit = save.issues?.find((i) => i.path === path || i.path.startsWith(`${path}.`));
      return hit ? t(hit.message, hit.params) : undefined;
    },
    reload,
  };
  const gapsOf = (s: PlanStep) => view.gaps.filter((g) => g.step === s).length;

  return (
    <div className="page plan">
      <div className="page-head">
        <div>
          <h1>{t('nav.plan')}</h1>
          <p>{t('plan.subtitle')}</p>
        </div>
        <span className={`save-state ${save.state}`} role="status" data-testid="plan-save">
          {save.state === 'saving' ? t('plan.saving') : save.state === 'refused' ? t('plan.notSaved') : save.at ? t('plan.savedAt', { time: f.dateTime(save.at) }) : t('plan.notStarted')}
        </span>
      </div>

      <ol className="stepper" aria-label={t('plan.steps')}>
        {PLAN_STEPS.map((s, i) => {
          const open = gapsOf(s);
          const state = s === plan.step ? 'current' : plan.done.includes(s) ? (open ? 'gaps' : 'done') : 'todo';
          return (
            <li key={s} className={state}>
              <button aria-current={s === plan.step ? 'step' : undefined} onClick={() => void go(s)} data-step={s}>
                <span className="dot">{state === 'done' ? '✓' : i + 1}</span>
                <span className="label">
                  <b>{t(`plan.step.${s}`)}</b>
                  <small>{open ? t('plan.gapCount', { count: open }) : plan.done.includes(s) ? t('plan.stepDone') : t(`plan.stepHint.${s}`)}</small>
                </span>
              </button>
            </li>
          );
        })}
      </ol>

      {save.state === 'refused' && (
        <p className="error banner" role="alert">
          {t('plan.refused')} {save.issues?.length ? save.issues.map((i) => t(i.message, i.params)).join(' ') : save.message}
        </p>
      )}

      <div data-testid={`plan-step-${plan.step}`}>
        {plan.step === 'needs' && <StepNeeds {...props} />}
        {plan.step === 'cooperation' && <StepCooperation {...props} />}
        {plan.step === 'shortlist' && <StepShortlist {...props} />}
        {plan.step === 'content' && <StepContent {...props} />}
        {plan.step === 'metrics' && <StepMetrics {...props} />}
      </div>

      <div className="plan-foot">
        <PlanGaps gaps={view.gaps.filter((g) => g.step === plan.step)} />
        <div className="actions">
          <button className="btn" disabled={at === 0} onClick={() => void go(PLAN_STEPS[at - 1])}>{t('plan.back')}</button>
          {at < PLAN_STEPS.length - 1 ? (
            <button className="btn primary" onClick={() => void go(PLAN_STEPS[at + 1])} data-testid="plan-next">{t('plan.next')}</button>
          ) : (
            <button className="btn primary" onClick={() => { change({ ...plan, done: [...PLAN_STEPS] }, campaign); void flush(); }} data-testid="plan-finish">{t('plan.finish')}</button>
          )}
        </div>
      </div>
    </div>
  );
}
