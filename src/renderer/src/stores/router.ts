import { create } from 'zustand';

export const PAGES = ['projects', 'overview', 'data', 'audience', 'partners', 'plan', 'risk', 'forecast', 'report'] as const;
export type PageId = (typeof PAGES)[number];

interface Route {
  page: PageId;
  projectId: number | null;
}

/** `#/projects`, `#/trash`, `#/p/3/overview`: the place survives a reload. */
function parse(hash: string): Route & { trash: boolean } {
  const parts = hash.replace(/^#\/?/, '').split('/');
  if (parts[0] === 'p' && /^\d+$/.test(parts[1] ?? '')) {
    const page = (PAGES as readonly string[]).includes(parts[2]) ? (parts[2] as PageId) : 'overview';
    return { page: page === 'projects' ? 'overview' : page, projectId: Number(parts[1]), trash: false };
  }
  return { page: 'projects', projectId: null, trash: parts[0] === 'trash' };
}

interface RouterState extends Route {
  trash: boolean;
  navigate(page: PageId, projectId?: number | null): void;
  showTrash(on: boolean): void;
}

export const useRouter = create<RouterState>((set, get) => ({
  ...parse(location.hash),
  navigate(page, projectId = get().projectId) {
    location.hash = page === 'projects' || projectId === null ? '#/projects' : `#/p/${projectId}/${page}`;
  },
  showTrash(on) {
    location.hash = on ? '#/trash' : '#/projects';
  },
}));

window.addEventListener('hashchange', () => useRouter.setState(parse(location.hash)));
