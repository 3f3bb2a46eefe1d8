import { parseNumber } from '../../shared/numbers';
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

/**
 * Text typed into a number field, read as the importer reads a spreadsheet cell (one
 * reader, `shared/numbers`): `80万`, `¥800,000`, `8e5`, `1 200`, full-width digits. '' is
 * "no value"; anything else that is not a number is reported, never silently dropped.
 */
export function parseNumberInput(text: string): { value: number | null } | { invalid: true } {
  const r = parseNumber(text.replace(/[_，]/g, (c) => (c === '，' ? ',' : '')));
  return r.ok ? { value: r.value } : { invalid: true };
}

/** "a, b、c；d" → ['a', 'b', 'c', 'd'] */
export function parseList(text: string): string[] {
  return text.split(/[,;、，；\n]/).map((s) => s.trim()).filter(Boolean);
}
