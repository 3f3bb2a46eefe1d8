import { useMemo } from 'react';
import { type CampaignFrame, campaignFrame } from '../../../../shared/campaignFrame';
import type { MmmResult } from '../../../../shared/forecast';
import { useProject } from '../../stores/project';
import { useFormat, useT } from '../../stores/settings';

/** The campaign the forecast cards plan for: the project's weeks and budget on the fit's weekly grid. */
export function useCampaignFrame(fit: MmmResult): CampaignFrame {
  const project = useProject((s) => s.project)!;
  return useMemo(
    () => campaignFrame(project, { channels: fit.channels, lastWeek: fit.series.periods.at(-1)! }),
    [project.budget, project.startDate, project.endDate, fit],
  );
}

/** One line saying where the weeks and the weekly budget come from. */
export function CampaignFrameNote({ frame }: { frame: CampaignFrame }) {
  const t = useT();
  const f = useFormat();
  const currency = useProject((s) => s.project!.currency);
  const params = { weeks: frame.weeks, start: f.day(frame.start), weekly: f.money(frame.weeklyBudget, currency), budget: frame.budget === null ? '' : f.money(frame.budget, currency) };
  return (
    <p className="muted small frame-note" data-testid="campaign-frame">
      {t(frame.datesFrom === 'project' ? 'forecast.frame.dates' : 'forecast.frame.noDates', params)}{' '}
      {t(frame.budgetFrom === 'project' ? 'forecast.frame.budget' : 'forecast.frame.noBudget', params)}
    </p>
  );
}
