/**
 * The envelope every contract call answers with. Main never throws across the boundary:
 * a failure is a value the renderer can show, and internal details (stack traces, SQL)
 * stay in main.
 */
export type ErrorCode =
  | 'invalid_input' // the input failed its schema: `issues` says where
  | 'unknown_call' // no such call in the contract
  | 'not_found' // the id names nothing (or something in the trash where that matters)
  | 'refused' // a rule said no (a gate, a confirmation missing)
  | 'library_unavailable' // the library database could not be opened: `message` says why
  | 'cancelled'
  | 'internal';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `budget` or `kpiWeights.awareness`. */
  path: string;
  /** An i18n key (`validation.*`) the UI translates; `params` fill its placeholders. */
  message: string;
  params?: Record<string, string | number>;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: FieldIssue[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

/** An error a domain service throws on purpose; the dispatcher turns it into an error result. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
