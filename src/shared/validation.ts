import type { z } from 'zod';
import { translate } from './i18n';
import { DomainError, type FieldIssue } from './result';

/**
 * Turns zod issues into located field issues. Schemas in `src/shared` use i18n keys
 * (`validation.*`) as their messages so that the same schema speaks both languages in
 * the UI and English in the CLI.
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params: Record<string, string | number> = {};
    const raw = issue as unknown as Record<string, unknown>;
    for (const key of ['minimum', 'maximum', 'expected', 'format']) {
      const v = raw[key];
      if (typeof v === 'number' || typeof v === 'string') params[key] = v;
      if (typeof v === 'bigint') params[key] = Number(v);
    }
    const message = issue.message.startsWith('validation.') ? issue.message : genericKey(issue.code);
    return { path: issue.path.map(String).join('.'), message, params };
  });
}

function genericKey(code: string): string {
  switch (code) {
    case 'too_small':
      return 'validation.tooSmall';
    case 'too_big':
      return 'validation.tooBig';
    case 'invalid_type':
      return 'validation.invalidType';
    case 'invalid_value':
      return 'validation.invalidChoice';
    case 'unrecognized_keys':
      return 'validation.unknownField';
    default:
      return 'validation.invalid';
  }
}

/** Issues in one English sentence, for logs and the CLI: "budget: Must be zero or more." */
export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.path || 'input'}: ${translate('en', i.message, i.params)}`).join('; ');
}

/** Parses with a schema, or throws the invalid_input DomainError that names every problem. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new DomainError('invalid_input', describeIssues(issues), issues);
  }
  return parsed.data;
}
