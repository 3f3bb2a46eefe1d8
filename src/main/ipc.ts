import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CALL_NAMES, callChannel, eventChannel } from '../shared/contract';
import { PUSH_EVENT_NAMES } from '../shared/events';
import { fail } from '../shared/result';
import { dispatch } from './api/dispatch';
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
      return dispatch(services.handlers, name, input);
    });
  }
  for (const name of PUSH_EVENT_NAMES) {
    services.bus.on(name, (payload: unknown) => {
      const contents = target();
      if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
    });
  }
}
