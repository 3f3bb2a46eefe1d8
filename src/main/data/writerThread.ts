import { type MessagePort, workerData } from 'node:worker_threads';
import { configure, type Db, openRaw } from '../db/connection';
import { type ImportSink, InlineSink } from './importSink';
import type { WriterRequest, WriterThreadData } from './threadedSink';
import { fromWire } from './audienceBatch';
import { decodeValues } from './valueWire';

/**
 * The import's writing thread: an InlineSink on its own connection, fed batches of table
 * values by the importer's thread. Every request is answered on the reply port, and the
 * shared counters tell the importer (which waits synchronously) that a batch or a reply is
 * in; an error becomes a reply, never a silent death.
 */
const data = workerData as WriterThreadData;
const control = new Int32Array(data.control);
const port: MessagePort = data.port;
let db: Db | null = null;
let sink: ImportSink | null = null;

function reply(message: unknown): void {
  port.postMessage(message);
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}

port.on('message', (m: WriterRequest) => {
  try {
    switch (m.type) {
      case 'begin':
        db = openRaw(data.file, { nativeBinding: data.nativeBinding, fileMustExist: true });
        configure(db);
        sink = new InlineSink(db, m.start);
        reply({ ok: true });
        break;
      case 'rows':
      case 'audience':
        if (m.type === 'rows') sink!.addValues(decodeValues(m.batch), m.lines);
        else sink!.addAudience(fromWire(m.batch));
        Atomics.add(control, 0, 1);
        Atomics.notify(control, 0);
        break;
      case 'finish':
        reply({ ok: true, result: sink!.finish(m.finish) });
        close();
        break;
      case 'abort':
        sink?.abort();
        reply({ ok: true });
        close();
        break;
    }
  } catch (e) {
    try {
      sink?.abort();
    } catch {
      // the connection is going away with the thread
    }
    // A failed batch is answered at once: the importer sees it at its next wait.
    Atomics.add(control, 0, 1);
    Atomics.notify(control, 0);
    reply({ ok: false, error: (e as Error).message });
    close();
  }
});

function close(): void {
  db?.close();
  db = null;
  sink = null;
  port.close();
}
