import { PUSH_EVENT_NAMES } from '../../shared/events';

/**
 * The browser test host's stand-in for the preload: the same `window.tandem` object
 * (TandemBridge), over HTTP for calls and Server-Sent Events for push events, with the
 * run's token. Served as a same-origin script, so the app's CSP stays as strict as in
 * Electron.
 */
export const SHIM_JS = `(() => {
  const key = 'tandem-host-token';
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) sessionStorage.setItem(key, fromUrl);
  const token = fromUrl || sessionStorage.getItem(key) || '';
  const names = ${JSON.stringify(PUSH_EVENT_NAMES)};
  const listeners = new Map(names.map((n) => [n, new Set()]));
  const source = new EventSource('/__api/events?token=' + encodeURIComponent(token));
  for (const name of names) {
    source.addEventListener(name, (e) => {
      const payload = JSON.parse(e.data);
      for (const l of listeners.get(name)) l(payload);
    });
  }
  const bridge = {
    host: 'browser',
    async call(name, input) {
      try {
        const res = await fetch('/__api/call', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-tandem-token': token },
          body: JSON.stringify({ name, input }),
        });
        return await res.json();
      } catch (e) {
        return { ok: false, error: { code: 'internal', message: String(e) } };
      }
    },
    pathForFile: () => null,
    on(name, listener) {
      const set = listeners.get(name);
      if (!set) throw new Error('Unknown event: ' + name);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'tandem', { value: Object.freeze(bridge), writable: false });
})();
`;
