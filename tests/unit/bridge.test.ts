import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, callChannel, DROPPED_CHANNEL, eventChannel } from '../../src/shared/contract';
import { createServices } from '../../src/main/core/services';
import { startTestHost } from '../../src/main/testhost/server';
import { tempDir } from './helpers';

// Electron's ipcMain, recorded: main's IPC glue registers its handlers on it.
const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: never) => handlers.set(channel, fn), on: (channel: string, fn: never) => listeners.set(channel, fn) },
}));
const { registerIpc } = await import('../../src/main/ipc');

describe('the IPC glue in main', () => {
  const services = createServices({ dataDir: tempDir('tandem-ipc-'), locale: 'en' });
  const trusted = { id: 'app' };
  const sent: [string, unknown][] = [];
  registerIpc(
    services,
    (sender, frameUrl) => sender === (trusted as never) && frameUrl === 'file:///app/index.html',
    () => ({ isDestroyed: () => false, send: (channel: string, payload: unknown) => sent.push([channel, payload]) }) as never,
  );
  afterAll(() => services.close());

  it('registers one channel per contract call, and nothing else', () => {
    expect([...handlers.keys()].sort()).toEqual(CALL_NAMES.map(callChannel).sort());
  });

  it('answers only the app window and page; validates what it answers', async () => {
    const list = handlers.get(callChannel('projects.list'))!;
    expect(await list({ sender: { id: 'other' }, senderFrame: { url: 'file:///app/index.html' } }, {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await list({ sender: trusted, senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await list({ sender: trusted, senderFrame: { url: 'file:///app/index.html' } }, {})).toEqual({ ok: true, value: [] });
    const create = handlers.get(callChannel('projects.create'))!;
    expect(await create({ sender: trusted, senderFrame: { url: 'file:///app/index.html' } }, { name: 'x', budget: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('takes a dropped file as chosen only from the app window, so the renderer may then name it', () => {
    expect([...listeners.keys()]).toEqual([DROPPED_CHANNEL]);
    const dropped = listeners.get(DROPPED_CHANNEL)!;
    dropped({ sender: { id: 'other' }, senderFrame: { url: 'file:///app/index.html' } }, '/home/me/other.tandem');
    expect(services.grants.allows('/home/me/other.tandem', 'read')).toBe(false);
    dropped({ sender: trusted, senderFrame: { url: 'file:///app/index.html' } }, '/home/me/pitch.tandem');
    expect(services.grants.allows('/home/me/pitch.tandem', 'read')).toBe(true);
    expect(services.grants.allows('/home/me/pitch.tandem', 'write')).toBe(false);
  });

  it('forwards push events to the window on their own channel', () => {
    services.bus.send('library', { reason: 'test' });
    expect(sent).toContainEqual([eventChannel('library'), { reason: 'test' }]);
  });
});

describe('the built preload', () => {
  it('exposes one object, `tandem`, that calls only the contract, each on its own channel', async () => {
    const file = path.resolve('out/preload/index.cjs');
    expect(fs.existsSync(file), 'run `npm run build` before the unit tests').toBe(true);
    const exposed: Record<string, unknown> = {};
    const invoked: [string, unknown][] = [];
    const sentUp: [string, unknown][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: async (channel: string, input: unknown) => (invoked.push([channel, input]), { ok: true, value: 'pong' }),
        send: (channel: string, payload: unknown) => sentUp.push([channel, payload]),
        on: () => {},
        removeListener: () => {},
      },
      webUtils: { getPathForFile: (f: { fake: string }) => f.fake },
    };
    const requireStub = (id: string) => {
      if (id === 'electron') return electron;
      throw new Error(`the sandboxed preload may not require ${id}`);
    };
    vm.runInNewContext(fs.readFileSync(file, 'utf8'), { require: requireStub, module: { exports: {} }, exports: {}, console });
    expect(Object.keys(exposed)).toEqual(['tandem']);
    const bridge = exposed.tandem as {
      host: string;
      call: (n: string, i: unknown) => Promise<unknown>;
      on: (e: string, l: () => void) => () => void;
      pathForFile: (f: unknown) => string | null;
    };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'host', 'on', 'pathForFile']);
    // A dropped file's path comes from Electron's webUtils, the only way a sandboxed page learns it.
    expect(bridge.pathForFile({ fake: '/home/me/pitch.tandem' })).toBe('/home/me/pitch.tandem');
    // …and main is told, so a call may then name that file (and only a File with a path tells it).
    expect(sentUp).toEqual([[DROPPED_CHANNEL, '/home/me/pitch.tandem']]);
    expect(bridge.pathForFile({ fake: '' })).toBeNull();
    expect(sentUp).toHaveLength(1);
    expect(bridge.host).toBe('electron');
    expect(await bridge.call('projects.list', {})).toEqual({ ok: true, value: 'pong' });
    expect(invoked).toEqual([[callChannel('projects.list'), {}]]);
    expect(await bridge.call('shell.openExternal', 'file:///etc')).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(invoked).toHaveLength(1);
    expect(() => bridge.on('ipc-message', () => {})).toThrow(/Unknown event/);
    expect(typeof bridge.on('job', () => {})).toBe('function');
  });
});

describe('the browser test host', () => {
  it('answers calls only with the run token, and serves nothing outside the renderer', async () => {
    const root = tempDir('tandem-renderer-');
    fs.writeFileSync(path.join(root, 'index.html'), '<html><head><script type="module" src="./app.js"></script></head></html>');
    const host = await startTestHost({ dataDir: tempDir(), rendererDir: root, token: 'secret-token' });
    const base = new URL(host.url).origin;
    try {
      const call = (token: string | undefined, body: unknown) =>
        fetch(`${base}/__api/call`, { method: 'POST', headers: token ? { 'x-tandem-token': token } : {}, body: JSON.stringify(body) }).then(async (r) => [r.status, await r.json()]);
      expect(await call(undefined, { name: 'projects.list', input: {} })).toEqual([403, expect.objectContaining({ ok: false })]);
      expect(await call('wrong-token!', { name: 'projects.list', input: {} })).toEqual([403, expect.objectContaining({ ok: false })]);
      expect(await call('secret-token', { name: 'projects.list', input: {} })).toEqual([200, { ok: true, value: [] }]);
      expect(await call('secret-token', { name: 'no.such.call' })).toEqual([200, expect.objectContaining({ error: expect.objectContaining({ code: 'unknown_call' }) })]);
      const html = await (await fetch(`${base}/`)).text();
      expect(html.indexOf('/__host/shim.js')).toBeLessThan(html.indexOf('./app.js'));
      expect((await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
      expect((await fetch(`${base}/__api/events`)).status).toBe(403);
    } finally {
      await host.close();
    }
  });
});
