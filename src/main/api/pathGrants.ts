import path from 'node:path';
import type { CallName } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';

export type Access = 'read' | 'write';

/**
 * The files the user chose this session, and for what (issue "Hostile files", item 13): a
 * path the renderer sends is honoured only when one of Tandem's own dialogs returned it, the
 * OS handed it over (a `.tandem` file opened by double-click), or it came off a real drop on
 * the window. A renderer turned hostile by crafted content can then neither read
 * `~/.ssh/id_rsa` through the import preview nor write over a file the user never picked.
 * The CLI is the user's own hand and is not held to this.
 */
export class PathGrants {
  private readonly granted = new Map<string, Set<Access>>();

  grant(file: string, access: Access): void {
    const key = path.resolve(file);
    const set = this.granted.get(key) ?? new Set<Access>();
    set.add(access);
    this.granted.set(key, set);
  }

  allows(file: string, access: Access): boolean {
    return this.granted.get(path.resolve(file))?.has(access) ?? false;
  }
}

type Input = Record<string, unknown>;
const str = (v: unknown): string[] => (typeof v === 'string' && v ? [v] : []);

/** Job kinds that read their `path`, and those that write it. */
const READ_JOBS = new Set(['import', 'projectOpen', 'overlap']);
const WRITE_JOBS = new Set(['datasetExport', 'projectExport', 'report']);

/** The files a call's input names, with what the call does to each. */
export function filesNamedIn(name: CallName, raw: unknown): { file: string; access: Access }[] {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Input;
  const as = (access: Access) => (files: string[]) => files.map((file) => ({ file, access }));
  switch (name) {
    case 'imports.preview':
    case 'projectFiles.inspect':
    case 'checklist.addEvidence':
    case 'report.setLogo':
    case 'personality.importSurvey':
      return as('read')(str(input.path));
    case 'reports.saveRejected':
    case 'segments.exportAssignments':
    case 'checklist.export':
    case 'rights.export':
    case 'exports.chart':
    case 'exports.table':
    case 'overlap.kit':
      return as('write')(str(input.path));
    case 'jobs.start': {
      const kind = String(input.kind);
      if (READ_JOBS.has(kind)) return as('read')(str(input.path));
      if (WRITE_JOBS.has(kind)) return as('write')(str(input.path));
      return as('write')([...str(input.outPath), ...str(input.assignmentsPath)]);
    }
    default:
      return [];
  }
}

/** The refusal of a renderer call naming a file nobody chose, or null when every file it names was. */
export function ungranted(grants: PathGrants, name: CallName, input: unknown): Result<never> | null {
  const missing = filesNamedIn(name, input).find((f) => !grants.allows(f.file, f.access));
  if (!missing) return null;
  return fail(
    'refused',
    `Tandem ${missing.access === 'read' ? 'reads' : 'writes'} only files chosen in its own dialogs or dropped on its window; ${path.basename(missing.file)} was not chosen for that.`,
  );
}
