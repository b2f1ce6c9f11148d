import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { methodNames, rpcChannel, type MethodName } from '../../shared/contract/index';
import type { ResultEnvelope } from '../../shared/contract/define';
import type { Dispatcher } from '../host/dispatcher';
import { isAppPage } from './securityPolicy';

// Also offered here for the tests that address our page through this module (contract.test.ts).

/** Only our own top-level page may call: a frame from any other origin (or none) is refused. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, devServerOrigin?: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppPage(frame.url, devServerOrigin);
}

/**
 * Contract methods that get no IPC handler: browser mode's alone. `workspace.open` points the app at any folder a
 * page names; in the desktop app only the native folder dialog in the main process does that (chooseWorkspace).
 */
export const DESKTOP_EXCLUDED_METHODS: readonly MethodName[] = ['workspace.open'];

/** One ipcMain.handle per desktop method; the dispatcher parses the argument with the method's schema. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatcher: Dispatcher,
  devServerOrigin?: string,
): () => void {
  const names = methodNames().filter((name) => !DESKTOP_EXCLUDED_METHODS.includes(name));
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
