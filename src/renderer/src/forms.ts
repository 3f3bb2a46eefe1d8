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
 * Text typed into a number field: '' is "no value", thousands separators and spaces are
 * allowed, anything else that is not a number is reported (never silently dropped).
 */
export function parseNumberInput(text: string): { value: number | null } | { invalid: true } {
  const cleaned = text.replace(/[,\s_，]/g, '');
  if (cleaned === '') return { value: null };
  const n = Number(cleaned);
  return Number.isFinite(n) ? { value: n } : { invalid: true };
}

/** "a, b、c；d" → ['a', 'b', 'c', 'd'] */
export function parseList(text: string): string[] {
  return text.split(/[,;、，；\n]/).map((s) => s.trim()).filter(Boolean);
}
