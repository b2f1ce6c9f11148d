import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { methodNames, rpcChannel } from '../../shared/contract/index';
import type { ResultEnvelope } from '../../shared/contract/define';
import type { Dispatcher } from '../host/dispatcher';

export const APP_HOST = 'briefdesk';
export const APP_ORIGIN = `app://${APP_HOST}`;

/** Only our own top-level page may call: a frame from any other origin (or none) is refused. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, devServerOrigin?: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // Compared by parts: WHATWG URL reports the origin of a non-special scheme such as app: as "null".
  if (url.protocol === 'app:' && url.host === APP_HOST) return true;
  return devServerOrigin !== undefined && url.origin === devServerOrigin;
}

/** One ipcMain.handle per contract method; the dispatcher parses the argument with the method's schema. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatcher: Dispatcher,
  devServerOrigin?: string,
): () => void {
  const names = methodNames();
  for (const name of names) {
    ipcMain.handle(rpcChannel(name), async (event, arg: unknown): Promise<ResultEnvelope> => {
      if (!isTrustedSender(event, devServerOrigin)) {
        return { ok: false, error: { code: 'refused', message: 'This page may not call Briefdesk.' } };
      }
      return dispatcher.dispatch(name, arg);
    });
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(rpcChannel(name));
  };
}
