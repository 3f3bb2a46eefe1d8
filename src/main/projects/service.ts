import type { Db } from '../db/connection';
import { ProjectsRepo } from '../db/projectsRepo';
import { ChecklistService } from '../risk/checklistService';
import type { Project, ProjectCreate, ProjectFields, ProjectPatch, ProjectStatus, ProjectSummary } from '../../shared/project';
import { DEFAULT_PROJECT_FIELDS, projectFieldsSchema } from '../../shared/project';
import { DomainError } from '../../shared/result';
import { parseOrRefuse } from '../../shared/validation';

export type ProjectSort = 'recent' | 'name' | 'updated' | 'status' | 'budget';

/**
 * The project library's rules: validation of the merged project, trash and restore,
 * duplication with datasets. One transaction per logical write.
 */
export class ProjectService {
  private readonly repo: ProjectsRepo;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = new ProjectsRepo(db);
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  list(opts: { trash?: boolean; search?: string; sort?: ProjectSort } = {}): ProjectSummary[] {
    let list = this.repo.list(opts.trash ?? false);
    const q = opts.search?.trim().toLowerCase();
    if (q) {
      list = list.filter((p) =>
        [p.name, p.client, p.productTitle, ...p.tags].some((s) => s.toLowerCase().includes(q)),
      );
    }
    return sortProjects(list, opts.sort ?? 'recent');
  }

  /** A live (not trashed) project, or not_found. */
  get(id: number, opts: { allowTrashed?: boolean } = {}): Project {
    const p = this.repo.get(id);
    if (!p || (p.deletedAt && !opts.allowTrashed)) {
      throw new DomainError('not_found', p ? `Project ${id} is in the trash.` : `No project with id ${id}.`);
    }
    return p;
  }

  /** Marks the project as the one being worked on, for "recent first". */
  open(id: number): Project {
    this.get(id);
    this.repo.markOpened(id, this.stamp());
    return this.get(id);
  }

  create(input: ProjectCreate): Project {
    const fields = validate({ ...DEFAULT_PROJECT_FIELDS, ...input });
    const id = this.db.transaction(() => this.repo.insert(fields, this.stamp()))();
    return this.get(id);
  }

  update(id: number, patch: ProjectPatch): Project {
    const current = this.get(id);
    const merged = validate({ ...fieldsOf(current), ...patch });
    if (merged.status === 'ready' && current.status !== 'ready') this.checkReady(id);
    this.db.transaction(() => this.repo.update(id, merged, this.stamp()))();
    return this.get(id);
  }

  setStatus(id: number, status: ProjectStatus): Project {
    this.get(id);
    if (status === 'ready') this.checkReady(id);
    this.repo.setStatus(id, status, this.stamp());
    return this.get(id);
  }

  /** The gate: "ready to pitch" is refused while a blocking checklist item is open, naming them. */
  private checkReady(id: number): void {
    const blocking = new ChecklistService(this.db, this.now).openBlocking(id);
    if (!blocking.length) return;
    const list = blocking.map((i) => `  - ${i.id}: ${i.title.en}${i.partnerName ? ` (${i.partnerName})` : ''}`).join('\n');
    // The message (with ids) is for the CLI's scripts; the app lists the items by title from the issues.
    const issues = blocking.map((i) => ({
      path: 'status',
      message: 'project.readyBlockedItem',
      params: { id: i.id, title: i.title.en, titleZh: i.title['zh-CN'], partner: i.partnerName ?? '' },
    }));
    throw new DomainError('refused', `The project cannot be ready to pitch while ${blocking.length} blocking checklist item${blocking.length === 1 ? ' is' : 's are'} open:\n${list}`, issues);
  }

  /** A copy with its datasets, named "… (copy)", back in draft. */
  duplicate(id: number, copySuffix = ' (copy)'): Project {
    const source = this.get(id);
    const fields = validate({ ...fieldsOf(source), name: (source.name + copySuffix).slice(0, 120), status: 'draft' });
    const newId = this.db.transaction(() => {
      const created = this.repo.insert(fields, this.stamp());
      this.repo.copyDatasets(id, created);
      return created;
    })();
    return this.get(newId);
  }

  trash(id: number): { id: number } {
    this.get(id);
    this.repo.setDeleted(id, this.stamp());
    return { id };
  }

  restore(id: number): Project {
    const p = this.get(id, { allowTrashed: true });
    if (!p.deletedAt) throw new DomainError('refused', `Project ${id} is not in the trash.`);
    this.repo.setDeleted(id, null);
    return this.get(id);
  }

  emptyTrash(): { deleted: number } {
    return { deleted: this.db.transaction(() => this.repo.purgeTrash())() };
  }
}

function validate(candidate: unknown): ProjectFields {
  return parseOrRefuse(projectFieldsSchema, candidate);
}

export function fieldsOf(p: Project): ProjectFields {
  const { id: _i, createdAt: _c, updatedAt: _u, openedAt: _o, deletedAt: _d, datasets: _s, ...fields } = p;
  return fields;
}

const STATUS_ORDER: Record<ProjectStatus, number> = { draft: 0, review: 1, ready: 2, live: 3, closed: 4 };

export function sortProjects(list: ProjectSummary[], sort: ProjectSort): ProjectSummary[] {
  const recent = (p: ProjectSummary) => p.openedAt ?? p.updatedAt;
  const by: Record<ProjectSort, (a: ProjectSummary, b: ProjectSummary) => number> = {
    recent: (a, b) => recent(b).localeCompare(recent(a)) || b.id - a.id,
    updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id,
    name: (a, b) => a.name.localeCompare(b.name, ['zh-CN', 'en']) || a.id - b.id,
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name),
    budget: (a, b) => b.budget - a.budget || a.id - b.id,
  };
  return [...list].sort(by[sort]);
}
