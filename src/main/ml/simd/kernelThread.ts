import { parentPort } from 'node:worker_threads';
import type { PoolAnswer, PoolMessage } from './kernelPool';

/**
 * A helper thread of the kernel pool: instantiates each shape's module on the pool's shared
 * memory and runs the calls it is sent on its own share of the rows, then says so.
 */
let memory: WebAssembly.Memory | null = null;
const instances = new Map<string, Record<string, (...args: number[]) => void>>();

parentPort?.on('message', ({ id, msg }: { id: number; msg: PoolMessage }) => {
  try {
    if (msg.op === 'memory') memory = msg.memory;
    else if (msg.op === 'module') {
      const instance = new WebAssembly.Instance(msg.module, { env: { memory: memory! } });
      const exports = instance.exports as Record<string, (...args: number[]) => void>;
      msg.warmUp.forEach(([fn, args]) => {
        for (let r = 0; r < msg.warmUpCalls; r++) exports[fn](...args);
      });
      instances.set(msg.key, exports);
    } else instances.get(msg.key)![msg.fn](...msg.args);
    parentPort!.postMessage({ id } satisfies PoolAnswer);
  } catch (e) {
    parentPort!.postMessage({ id, error: (e as Error).message } satisfies PoolAnswer);
  }
});
