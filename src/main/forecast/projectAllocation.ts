import type { Db } from '../db/connection';
import { ProjectsRepo } from '../db/projectsRepo';
import { boundsFor, campaignFrame, planFlags, planWeeks } from '../../shared/campaignFrame';
import type { Allocation, MmmResult } from '../../shared/forecast';
import { DomainError } from '../../shared/result';
import { allocate } from './allocate';

export interface ProjectAllocationRequest {
  budget?: number;
  target?: number;
  bounds?: Record<string, [number, number]>;
}

/**
 * The allocator for a project: without a budget or target it splits the project's own
 * weekly budget (its budget over its campaign weeks) — never today's spend when the project
 * says otherwise — with bounds around today's mix scaled to that budget, and it says what
 * the split totals over the campaign and how far that exceeds the project's budget.
 */
export function allocateForProject(db: Db, projectId: number, fit: MmmResult, request: ProjectAllocationRequest): Allocation {
  const project = new ProjectsRepo(db).get(projectId);
  if (!project) throw new DomainError('not_found', `There is no project ${projectId}.`);
  const frame = campaignFrame(project, { channels: fit.channels, lastWeek: fit.series.periods.at(-1)! });
  const budget = request.target !== undefined ? undefined : (request.budget ?? frame.weeklyBudget);
  // The project's budget brings bounds around today's mix scaled to it; a budget or target
  // given by the caller keeps the documented default (±30% of each channel's average week).
  const fromFrame = request.budget === undefined && request.target === undefined;
  const bounds = request.bounds ?? (fromFrame ? boundsFor(fit.channels, frame.weeklyBudget) : undefined);
  const a = allocate({ channels: fit.channels, budget, target: request.target, bounds });
  const total = Math.round(a.budget * frame.weeks * 100) / 100;
  const budgetFrom = request.budget !== undefined || request.target !== undefined ? 'request' : frame.budgetFrom;
  return { ...a, plan: { budgetFrom, weeks: frame.weeks, start: frame.start, total, overBudget: planFlags(project, planWeeks(frame.start, frame.weeks), total).overBudget } };
}
