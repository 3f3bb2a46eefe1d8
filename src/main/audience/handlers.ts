import type { HandlerMap } from '../api/types';
import { DomainError } from '../../shared/result';
import path from 'node:path';
import { AudienceStore } from '../db/audienceStore';
import type { Db } from '../db/connection';
import { writeAssignments } from './assignments';
import type { RunsRepo } from './runsRepo';

/** The audience area's part of the contract: segmentation runs. */
export function audienceHandlers(runs: () => RunsRepo, db: () => Db): HandlerMap {
  const existing = (id: number) => {
    const run = runs().get(id);
    if (!run) throw new DomainError('not_found', `There is no segmentation run ${id}.`);
    return run;
  };
  return {
    'segments.rename': ({ id, segmentId, name }) => {
      const run = existing(id);
      if (!run.segments.some((s) => s.id === segmentId)) throw new DomainError('not_found', `Run ${id} has no segment ${segmentId}.`);
      runs().renameSegment(id, segmentId, name);
      return existing(id);
    },
    'segments.exportAssignments': ({ id, path: file }) => {
      const run = existing(id);
      const userIds = new AudienceStore(db()).ids(run.projectId);
      if (userIds.length !== run.users) {
        throw new DomainError('refused', `The audience has changed since run ${id} (${run.users} users then, ${userIds.length} now): run the segmentation again.`);
      }
      writeAssignments(path.resolve(file), userIds, runs().assignments(id), new Map(run.segments.map((s) => [s.id, s.name])));
      return { rows: userIds.length, path: file };
    },
    'segments.list': ({ projectId }) => runs().list(projectId),
    'segments.get': ({ id }) => existing(id),
    'segments.choose': ({ projectId, id }) => {
      const run = runs().get(id);
      if (!run || run.projectId !== projectId) throw new DomainError('not_found', `Project ${projectId} has no segmentation run ${id}.`);
      runs().choose(projectId, id);
      return runs().get(id)!;
    },
  };
}
