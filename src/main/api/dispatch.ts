import { CALL_NAMES, type CallName, contract } from '../../shared/contract';
import { DomainError, fail, ok, type Result } from '../../shared/result';
import { describeIssues, toFieldIssues } from '../../shared/validation';
import type { HandlerMap, Handlers } from './types';

/**
 * Merges the domains' handler maps into one, refusing a name claimed twice and a call of
 * the contract that nobody handles: both are programming errors, caught at start.
 */
export function mergeHandlers(...maps: HandlerMap[]): Handlers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (!(name in contract)) throw new Error(`handler for "${name}", which the contract does not declare`);
      if (name in merged) throw new Error(`two handlers for "${name}"`);
      merged[name] = handler;
    }
  }
  const missing = CALL_NAMES.filter((n) => !(n in merged));
  if (missing.length) throw new Error(`no handler for ${missing.join(', ')}`);
  return merged as Handlers;
}

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/**
 * The one way into main: validates the input against the call's schema, runs the handler
 * and wraps the outcome in the result envelope. Never throws; internal errors are logged
 * here and reported without their details.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  rawInput: unknown,
  log: (e: unknown) => void = (e) => console.error(e),
): Promise<Result<unknown>> {
  if (!isCallName(name)) return fail('unknown_call', `Unknown call: ${String(name).slice(0, 80)}`);
  const parsed = contract[name].input.safeParse(rawInput === undefined ? {} : rawInput);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    return fail('invalid_input', `Invalid input for ${name}: ${describeIssues(issues)}`, issues);
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (e) {
    if (e instanceof DomainError) return fail(e.code, e.message, e.issues);
    log(e);
    return fail('internal', `${name} failed unexpectedly; see the log for details.`);
  }
}
