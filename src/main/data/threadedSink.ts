import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { cleanColumns, rowWidth } from '../db/datasetsRepo';
import { workerEntry } from '../jobs/workerEntry';
import { type AudienceBatch, type AudienceWire, toWire } from './audienceBatch';
import type { ImportSink, SinkFinish, SinkResult, SinkStart } from './importSink';
import { encodeValues, type WireBatch } from './valueWire';

/** What the writing thread is given at start. */
export interface WriterThreadData {
  file: string;
  nativeBinding?: string;
  /** Int32Array: [0] batches written, [1] replies posted. */
  control: SharedArrayBuffer;
  port: MessagePort;
}

export type WriterRequest =
  | { type: 'begin'; start: SinkStart }
  /** The batch's values encoded by valueWire, in buffers moved (not copied) to the thread. */
  | { type: 'rows'; batch: WireBatch; lines: number[] }
  /** Audience users as columns, their typed arrays moved. */
  | { type: 'audience'; batch: AudienceWire }
  | { type: 'finish'; finish: SinkFinish }
  | { type: 'abort' };

/** Rows per message to the writing thread, and how many messages may wait unwritten. */
const BATCH_ROWS = 2048;
const MAX_IN_FLIGHT = 16;
const WAIT_LIMIT_MS = 10 * 60 * 1000;
/** A thread that has not answered its first request by then did not start. */
const START_LIMIT_MS = 60 * 1000;

/**
 * An import sink in a second thread: the importer's thread keeps parsing and checking while
 * SQLite writes the previous batches (two cores, two jobs). The importer is synchronous
 * code, so it waits on shared counters and reads replies with receiveMessageOnPort; at most
 * MAX_IN_FLIGHT batches are queued, which bounds memory.
 */
export class ThreadedSink implements ImportSink {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly control = new Int32Array(new SharedArrayBuffer(8));
  private sent = 0;
  private replies = 0;
  private values: unknown[] = [];
  private lines: number[] = [];
  private done = false;
  private readonly width: number;
  private readonly cleanColumns: boolean[];

  constructor(file: string, start: SinkStart, nativeBinding?: string) {
    this.width = rowWidth(start.kind, start.layout);
    this.cleanColumns = cleanColumns(start.kind, start.layout);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const entry = workerEntry(import.meta.url, 'writer', 'writerThread');
    const data: WriterThreadData = { file, nativeBinding, control: this.control.buffer as SharedArrayBuffer, port: port2 };
    this.worker = new Worker(entry.source, { eval: entry.eval, workerData: data, transferList: [port2] });
    this.worker.unref();
    this.request({ type: 'begin', start }, START_LIMIT_MS);
  }

  addValues(values: unknown[], lines: number[]): void {
    for (let i = 0; i < values.length; i++) this.values.push(values[i]);
    for (let i = 0; i < lines.length; i++) this.lines.push(lines[i]);
    if (this.lines.length >= BATCH_ROWS) this.flush();
  }

  addAudience(batch: AudienceBatch): void {
    const { wire, transfer } = toWire(batch);
    this.post({ type: 'audience', batch: wire }, transfer);
  }

  finish(f: SinkFinish): SinkResult {
    this.flush();
    const reply = this.request({ type: 'finish', finish: f }) as unknown as { result: SinkResult };
    this.end();
    return reply.result;
  }

  abort(): void {
    if (this.done) return;
    try {
      this.request({ type: 'abort' });
    } finally {
      this.end();
    }
  }

  private flush(): void {
    if (this.lines.length === 0) return;
    const batch = encodeValues(this.values, this.width, this.cleanColumns);
    this.post({ type: 'rows', batch, lines: this.lines }, [batch.text, batch.blobs]);
    this.values = [];
    this.lines = [];
  }

  /** Posts one batch, then waits while too many are queued unwritten. */
  private post(message: WriterRequest, transfer: ArrayBuffer[]): void {
    this.port.postMessage(message, transfer);
    this.sent++;
    // Back-pressure: wait while too many batches are queued unwritten.
    while (this.sent - Atomics.load(this.control, 0) > MAX_IN_FLIGHT) {
      const seen = Atomics.load(this.control, 0);
      if (Atomics.wait(this.control, 0, seen, WAIT_LIMIT_MS) === 'timed-out') throw new Error('the writing thread stopped answering');
      this.checkFailure();
    }
  }

  /** A failed batch answers at once; surface it here rather than at the end. */
  private checkFailure(): void {
    if (Atomics.load(this.control, 1) > this.replies) {
      const reply = this.take();
      throw new Error(reply.error ?? 'the writing thread failed');
    }
  }

  private request(message: WriterRequest, limitMs = WAIT_LIMIT_MS): { ok: boolean; error?: string } & Record<string, unknown> {
    this.port.postMessage(message);
    while (Atomics.load(this.control, 1) === this.replies) {
      if (Atomics.wait(this.control, 1, this.replies, limitMs) === 'timed-out') {
        this.end();
        throw new Error('the writing thread stopped answering');
      }
    }
    const reply = this.take();
    if (!reply.ok) {
      this.end();
      throw new Error(reply.error ?? 'the writing thread failed');
    }
    return reply;
  }

  private take(): { ok: boolean; error?: string } & Record<string, unknown> {
    this.replies++;
    const got = receiveMessageOnPort(this.port);
    return (got?.message ?? { ok: false, error: 'no reply from the writing thread' }) as { ok: boolean; error?: string };
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.port.close();
    void this.worker.terminate();
  }
}
