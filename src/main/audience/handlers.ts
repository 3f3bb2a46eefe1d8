import type { HandlerMap } from '../api/types';
import { DomainError } from '../../shared/result';
import type { RunsRepo } from './runsRepo';

/** The audience area's part of the contract: segmentation runs. */
export function audienceHandlers(runs: () => RunsRepo): HandlerMap {
  return {
    'segments.list': ({ projectId }) => runs().list(projectId),
    'segments.get': ({ id }) => {
      const run = runs().get(id);
      if (!run) throw new DomainError('not_found', `There is no segmentation run ${id}.`);
      return run;
    },
    'segments.choose': ({ projectId, id }) => {
      const run = runs().get(id);
      if (!run || run.projectId !== projectId) throw new DomainError('not_found', `Project ${projectId} has no segmentation run ${id}.`);
      runs().choose(projectId, id);
      return runs().get(id)!;
    },
  };
}
