import type { CallName, CallOutput, CallParsedInput } from '../../shared/contract';

/** A handler gets input already validated by its schema. */
export type Handler<N extends CallName> = (input: CallParsedInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;

/** One domain's handlers: a part of the contract. */
export type HandlerMap = { [N in CallName]?: Handler<N> };

/** Every call of the contract, each with its handler. */
export type Handlers = { [N in CallName]: Handler<N> };
