import path from 'node:path';
import type { HandlerMap } from '../api/types';
import type { DataService } from './service';
import { exportRejected } from './datasetExport';

/** The data area's part of the contract. */
export function dataHandlers(service: () => DataService): HandlerMap {
  return {
    'imports.preview': ({ projectId, kind, path: file, sheet }) => service().preview(projectId, kind, file, sheet),
    'datasets.list': ({ projectId }) => service().list(projectId),
    'datasets.page': ({ projectId, kind, offset, limit }) => service().page(projectId, kind, offset, limit),
    'datasets.rejected': ({ projectId, kind }) => service().rejected(projectId, kind),
    'reports.saveRejected': ({ path: file, rejected }) => exportRejected(rejected, path.resolve(file)),
  };
}
