import type { IpcMain, IpcMainInvokeEvent, IpcRenderer, IpcRendererEvent } from 'electron';

type Handler = (event: IpcMainInvokeEvent, arg: unknown) => unknown;
type Listener = (event: IpcRendererEvent, ...args: unknown[]) => void;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

/**
 * The Electron binary cannot be installed here, so ipcMain and ipcRenderer are stood in for by this in-memory
 * pair. It forwards exactly what Electron would: the channel, an event carrying the sender's frame, the argument
 * (structured-cloned, as IPC does). Everything on either side of it is the real code.
 */
export function createFakeIpc(frame: FakeFrame | null) {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcMain = {
    handle(channel: string, handler: Handler) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
  const ipcRenderer = {
    async invoke(channel: string, arg: unknown) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const event = { senderFrame: frame } as unknown as IpcMainInvokeEvent;
      return structuredClone(await handler(event, structuredClone(arg)));
    },
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  /** What `webContents.send(channel, ...args)` does in the main process. */
  const send = (channel: string, ...args: unknown[]): void => {
    for (const listener of listeners.get(channel) ?? []) listener({} as IpcRendererEvent, ...structuredClone(args));
  };
  return {
    ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>,
    ipcRenderer: ipcRenderer as unknown as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>,
    send,
    channels: () => [...handlers.keys()],
  };
}
