import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUSH_EVENT_NAMES } from '../../shared/events';
import { fail } from '../../shared/result';
import { dispatch } from '../api/dispatch';
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

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__api/call' && req.method === 'POST') {
      if (!authorised(req.headers['x-tandem-token'] as string | undefined)) return sendJson(res, 403, fail('refused', 'bad token'));
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy();
        else chunks.push(c);
      });
      req.on('end', async () => {
        let body: { name?: unknown; input?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return sendJson(res, 200, fail('invalid_input', 'The request body is not JSON.'));
        }
        sendJson(res, 200, await dispatch(services.handlers, body?.name, body?.input));
      });
      return;
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
  const { port } = server.address() as AddressInfo;
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

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': MIME['.json'], 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
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
