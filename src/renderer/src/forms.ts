import type { FieldIssue } from '../../shared/result';
import type { Translate } from './stores/settings';

/**
 * Located issues → one translated message per field (the first issue of each). Calls that
 * wrap the fields (`{id, patch: {...}}`) locate issues as `patch.name`: `prefix` strips that.
 */
export function messagesByField(issues: FieldIssue[], t: Translate, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const path = prefix && i.path.startsWith(prefix) ? i.path.slice(prefix.length) : i.path;
    const key = path || '_';
    out[key] ??= t(i.message, i.params);
  }
  return out;
}

/** Number fields read as the importer reads a cell: one reader, in shared/numbers. */
export { parseNumberInput } from '../../shared/numbers';

/** "a, b、c；d" → ['a', 'b', 'c', 'd'] */
export function parseList(text: string): string[] {
  return text.split(/[,;、，；\n]/).map((s) => s.trim()).filter(Boolean);
}
