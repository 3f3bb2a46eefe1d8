import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_NAMES, callChannel, DROPPED_CHANNEL, eventChannel } from '../shared/contract';
import { PUSH_EVENT_NAMES } from '../shared/events';
import { fail } from '../shared/result';
import type { Services } from './core/services';

/**
 * Registers one handler per contract call. A call is answered only when it comes from
 * the app's own window and page (IPC sender check); its input is validated by dispatch.
 */
export function registerIpc(
  services: Services,
  isTrustedSender: (sender: WebContents, frameUrl: string | undefined) => boolean,
  target: () => WebContents | null,
): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event.sender, event.senderFrame?.url)) {
        return fail('refused', 'Calls are accepted only from the Tandem window.');
      }
      return services.rendererCall(name, input);
    });
  }
  // A real drop on the window: the preload reports the dropped file's path (only a File the
  // user dropped has one), and the renderer may then name it in a call.
  ipcMain.on(DROPPED_CHANNEL, (event, file: unknown) => {
    if (isTrustedSender(event.sender, event.senderFrame?.url) && typeof file === 'string' && file.length <= 4096) services.grants.grant(file, 'read');
  });
  for (const name of PUSH_EVENT_NAMES) {
    services.bus.on(name, (payload: unknown) => {
      const contents = target();
      if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
    });
  }
}
