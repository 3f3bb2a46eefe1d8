import path from 'node:path';
import type { HandlerMap } from '../api/types';
import type { OffMain } from '../jobs/protocol';
import type { ImportPreview } from '../../shared/data';
import type { DataService } from './service';
import { exportRejected } from './datasetExport';

/** The data area's part of the contract. */
export function dataHandlers(service: () => DataService, offMain: OffMain): HandlerMap {
  return {
    // Parsing a user's file never runs on the main process (issue "Hostile files").
    'imports.preview': async (input) => (await offMain('importPreview', { ...input, ...service().previewContext(input.projectId, input.kind) })) as ImportPreview,
    'datasets.list': ({ projectId }) => service().list(projectId),
    'datasets.page': ({ projectId, kind, offset, limit, filter }) => service().page(projectId, kind, offset, limit, filter),
    'datasets.rejected': ({ projectId, kind }) => service().rejected(projectId, kind),
    'reports.saveRejected': ({ path: file, rejected }) => exportRejected(rejected, path.resolve(file)),
  };
}
