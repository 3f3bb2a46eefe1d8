import type { HandlerMap } from '../api/types';
import type { ProjectService } from './service';

/** The projects domain's part of the contract. */
export function projectHandlers(service: () => ProjectService): HandlerMap {
  return {
    'projects.list': (input) => service().list(input),
    'projects.get': ({ id }) => service().get(id),
    'projects.open': ({ id }) => service().open(id),
    'projects.create': (input) => service().create(input),
    'projects.update': ({ id, patch }) => service().update(id, patch),
    'projects.setStatus': ({ id, status }) => service().setStatus(id, status),
    'projects.duplicate': ({ id, suffix }) => service().duplicate(id, suffix),
    'projects.trash': ({ id }) => service().trash(id),
    'projects.restore': ({ id }) => service().restore(id),
    'projects.emptyTrash': () => service().emptyTrash(),
  };
}
