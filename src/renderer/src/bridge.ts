import type { CallInput, CallName, CallOutput } from '../../shared/contract';
import type { PushEventName, PushEvents } from '../../shared/events';
import type { ApiError, Result } from '../../shared/result';

/** A failed call, carrying the envelope's error (code, message, located issues). */
export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'CallError';
  }
}

/** The raw envelope, for forms that show located issues. */
export function callResult<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>> {
  return window.tandem.call(name, input);
}

/** The value, or a CallError. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await window.tandem.call(name, input);
  if (!result.ok) throw new CallError(result.error);
  return result.value;
}

export function onEvent<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
  return window.tandem.on(event, listener);
}

export const hostKind = (): 'electron' | 'browser' => window.tandem.host;

/** A refusal in the UI's language: its located issues translated, else its message. */
export function refusalText(error: ApiError, t: (key: string, params?: Record<string, string | number>) => string): string {
  return error.issues?.length ? error.issues.map((i) => t(i.message, i.params)).join(' ') : error.message;
}
