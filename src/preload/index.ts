import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';
import { CALL_NAMES, callChannel, DROPPED_CHANNEL, eventChannel, type TandemBridge } from '../shared/contract';
import { PUSH_EVENT_NAMES } from '../shared/events';

/**
 * Exposes exactly the contract: one `call` that forwards to the call's own channel (only
 * names the contract declares), and `on` for the typed push events. No ipcRenderer, no
 * event objects cross the bridge.
 */
const callNames = new Set<string>(CALL_NAMES);
const eventNames = new Set<string>(PUSH_EVENT_NAMES);

const bridge = {
  host: 'electron',
  call(name, input) {
    if (!callNames.has(name)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_call', message: `Unknown call: ${String(name)}` } });
    }
    return ipcRenderer.invoke(callChannel(name), input);
  },
  pathForFile(file) {
    let path: string | null;
    try {
      path = webUtils.getPathForFile(file) || null;
    } catch {
      path = null;
    }
    // Only a File the user dropped or picked has a path: telling main lets the renderer name it
    // in a call (sent before any call that uses it, on the same ordered channel).
    if (path) ipcRenderer.send(DROPPED_CHANNEL, path);
    return path;
  },
  on(event, listener) {
    if (!eventNames.has(event)) throw new Error(`Unknown event: ${String(event)}`);
    const channel = eventChannel(event);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
} satisfies TandemBridge;

contextBridge.exposeInMainWorld('tandem', bridge);
