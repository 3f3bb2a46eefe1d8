import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm run host` as someone outside the test suite runs it: the data folder from
 * TANDEM_DATA_DIR (as the CLI), file dialogs answered over HTTP, and a host that survives
 * malformed requests and turns away requests for another Host.
 */
let child: ChildProcess;
let url: URL;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-host-'));
  child = spawn(process.execPath, ['scripts/test-host.mjs', '--port', '0', '--no-demo'], {
    env: { ...process.env, TANDEM_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Tandem test host: (\S+)/.exec(out);
      if (m) resolve(new URL(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the host exited (${code}): ${out}`)));
  });
});

test.afterAll(async () => {
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const token = () => url.searchParams.get('token')!;

function request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: url.port, method, path: pathname, headers: { 'content-type': 'application/json', 'x-tandem-token': token(), ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

test('the host keeps its library in TANDEM_DATA_DIR and its file dialogs answer what a test queues', async ({ page }) => {
  expect(fs.existsSync(path.join(dataDir, 'library.sqlite'))).toBe(true);
  const created = JSON.parse((await request('POST', '/__api/call', { name: 'projects.create', input: { name: 'Host project' } })).text);
  expect(created.ok).toBe(true);
  const file = path.join(dataDir, 'users.csv');
  fs.writeFileSync(file, '用户ID,听课分钟\nu1,10\nu2,20\n');
  const queued = await request('POST', '/__host/dialog-answers', { answers: [file] });
  expect(JSON.parse(queued.text)).toEqual({ ok: true, value: { queued: 1 } });
  // Bad answers are refused, and a wrong token too.
  expect((await request('POST', '/__host/dialog-answers', { answers: [42] })).status).toBe(400);
  expect((await request('POST', '/__host/dialog-answers', { answers: [file] }, { 'x-tandem-token': 'nope' })).status).toBe(403);

  await page.goto(`${url.href}#/p/${created.value.id}/data`);
  await page.getByTestId('import-audience').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('mapping')).toContainText('听课分钟');
  await dialog.getByTestId('import-start').click();
  await expect(page.getByTestId('import-columns')).toContainText('听课分钟');
});

test('a malformed escape gets 400 and the host goes on; another Host header gets 421', async () => {
  expect((await request('GET', '/%E0%A4%A')).status).toBe(400);
  expect((await request('GET', '/')).status).toBe(200);
  expect((await request('GET', '/', undefined, { host: `attacker.example:${url.port}` })).status).toBe(421);
  expect((await request('GET', '/', undefined, { host: `localhost:${url.port}` })).status).toBe(200);
});
