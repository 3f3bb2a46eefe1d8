import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUSH_EVENT_NAMES } from '../../shared/events';
import { fail } from '../../shared/result';
import { seedDemoOnFirstLaunch } from '../core/firstLaunch';
import { createServices, type Services } from '../core/services';
import { SHIM_JS } from './shim';

export interface TestHostOptions {
  dataDir: string;
  port?: number;
  /** Built renderer (out/renderer by default). */
  rendererDir?: string;
  token?: string;
  locale?: string;
  /** Generate the demo on first launch, as the app does. Tests usually want a clean library. */
  seedDemo?: boolean;
}

export interface TestHost {
  url: string;
  token: string;
  services: Services;
  /**
   * What the next file dialogs answer (a path, or null for Cancel): the tests stand in for
   * the person picking a file in the operating system's dialog.
   */
  dialogAnswers: (string | null)[];
  /** Files the app asked the system to open (evidence), in order. */
  openedFiles: string[];
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const MAX_BODY = 8 * 1024 * 1024;

/**
 * The browser test host (DESIGN §2): serves the built renderer on loopback and answers the
 * same contract with the same handlers as Electron's IPC, behind a per-run token.
 */
export async function startTestHost(opts: TestHostOptions): Promise<TestHost> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(opts.rendererDir ?? path.join(here, '../renderer'));
  const token = opts.token ?? randomBytes(18).toString('base64url');
  const dialogAnswers: (string | null)[] = [];
  const answer = async () => (dialogAnswers.length ? dialogAnswers.shift()! : null);
  const openedFiles: string[] = [];
  const services = createServices({
    dataDir: opts.dataDir,
    locale: opts.locale ?? 'en',
    dialogs: { open: answer, save: answer, openFile: async (file) => void openedFiles.push(file) },
  });
  if (opts.seedDemo) seedDemoOnFirstLaunch(services);
  const streams = new Set<http.ServerResponse>();
  const unsubscribe = PUSH_EVENT_NAMES.map((name) =>
    services.bus.listen(name, (payload) => {
      for (const res of streams) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    }),
  );

  const authorised = (given: string | null | undefined) => {
    const a = Buffer.from(given ?? '');
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  let port = 0;
  const server = http.createServer((req, res) => {
    // Only this machine's own names for this port: a page elsewhere that rebinds its DNS
    // name to 127.0.0.1 sends its own Host and is turned away.
    if (!isLoopbackHost(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain' });
      return void res.end('misdirected request');
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__api/call' && req.method === 'POST') {
      if (!authorised(req.headers['x-tandem-token'] as string | undefined)) return sendJson(res, 403, fail('refused', 'bad token'));
      return readJson(req, res, async (body: { name?: unknown; input?: unknown }) => sendJson(res, 200, await services.rendererCall(body?.name, body?.input)));
    }
    // A test driving `npm run host` from outside stands in for the person at the file
    // dialogs: it queues what they answer and reads which files the app asked to open.
    if (url.pathname === '/__host/dialog-answers' && req.method === 'POST') {
      if (!authorised(req.headers['x-tandem-token'] as string | undefined)) return sendJson(res, 403, fail('refused', 'bad token'));
      return readJson(req, res, (body: { answers?: unknown }) => {
        const answers = body?.answers;
        if (!Array.isArray(answers) || !answers.every((a) => a === null || (typeof a === 'string' && a.length > 0 && a.length < 4096))) {
          return sendJson(res, 400, fail('invalid_input', 'answers: a list of paths (or null for Cancel).'));
        }
        dialogAnswers.push(...(answers as (string | null)[]));
        sendJson(res, 200, { ok: true, value: { queued: dialogAnswers.length } });
      });
    }
    if (url.pathname === '/__host/opened-files' && req.method === 'GET') {
      if (!authorised(req.headers['x-tandem-token'] as string | undefined)) return sendJson(res, 403, fail('refused', 'bad token'));
      return sendJson(res, 200, { ok: true, value: openedFiles });
    }
    if (url.pathname === '/__api/events') {
      if (!authorised(url.searchParams.get('token'))) return sendJson(res, 403, fail('refused', 'bad token'));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/__host/shim.js') {
      res.writeHead(200, { 'content-type': MIME['.js'], 'cache-control': 'no-store' });
      return res.end(SHIM_JS);
    }
    serveStatic(root, url.pathname, res);
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    services,
    dialogAnswers,
    openedFiles,
    async close() {
      unsubscribe.forEach((u) => u());
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.close();
    },
  };
}

/** `127.0.0.1:PORT`, `localhost:PORT` or `[::1]:PORT`, nothing else. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return ['127.0.0.1', 'localhost', '[::1]'].some((name) => host.toLowerCase() === `${name}:${port}`);
}

/** A JSON request body of at most MAX_BODY bytes, or a refusal. */
function readJson<T>(req: http.IncomingMessage, res: http.ServerResponse, then: (body: T) => unknown): void {
  let size = 0;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY) req.destroy();
    else chunks.push(c);
  });
  req.on('end', () => {
    let body: T;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
    } catch {
      return sendJson(res, 200, fail('invalid_input', 'The request body is not JSON.'));
    }
    void then(body);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': MIME['.json'], 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  } catch {
    // A malformed escape (`/%E0%A4%A`) is a bad request, not a reason for the host to stop.
    res.writeHead(400, { 'content-type': 'text/plain' });
    return void res.end('bad request');
  }
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    return void res.end('not found');
  }
  let body: Buffer | string = fs.readFileSync(file);
  if (file.endsWith('index.html')) {
    // The shim must define window.tandem before the app's module script runs.
    body = body.toString('utf8').replace('<script', '<script src="/__host/shim.js"></script>\n    <script');
  }
  res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(body);
}
