import { CHUNK_ROWS } from './audienceChunks';
import type { AudienceStore } from './audienceStore';
import { IdSet } from './idSet';

/**
 * The user ids an audience import has accepted (and, appending, those stored before), for
 * refusing a repeated one. A suspected repeat is confirmed against the id itself: rows of the
 * last two chunks' worth come from memory (the writer may not have stored them yet), older
 * ones from the stored chunks.
 */
export class AudienceKeys {
  private readonly set: IdSet;
  private readonly before: number;
  private accepted = 0;
  private window = 0;
  private current: string[] = [];
  private previous: string[] = [];

  /** `expected`: about how many new users are coming (the set is sized for them up front). */
  constructor(store: AudienceStore, projectId: number, append: boolean, expected = 0) {
    this.before = append ? store.count(projectId) : 0;
    this.set = new IdSet((row) => this.idAt(store, projectId, row) ?? '', Math.max(1 << 16, this.before + Math.min(expected, 1 << 26)));
    if (append) for (const [id, row] of store.idsWithRows(projectId)) this.set.add(id, row);
  }

  /** Takes `id` as the next accepted row; false when it was seen before (nothing taken). */
  accept(id: string): boolean {
    const row = this.before + this.accepted;
    if (!this.set.add(id, row)) return false;
    const window = Math.floor(this.accepted / CHUNK_ROWS);
    if (window !== this.window) {
      this.previous = this.current;
      this.current = [];
      this.window = window;
    }
    this.current.push(id);
    this.accepted++;
    return true;
  }

  private idAt(store: AudienceStore, projectId: number, row: number): string | undefined {
    if (row >= this.before) {
      const offset = row - this.before;
      const window = Math.floor(offset / CHUNK_ROWS);
      if (window === this.window) return this.current[offset % CHUNK_ROWS];
      if (window === this.window - 1) return this.previous[offset % CHUNK_ROWS];
    }
    return store.idAt(projectId, row);
  }
}
