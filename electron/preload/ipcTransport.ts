import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, rpcChannel } from '../../shared/contract/index';
import type { Transport } from '../../shared/contract/transport';

/** The desktop transport: one invoke channel per contract method, one event channel for main → renderer. */
export function createIpcTransport(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): Transport {
  return {
    invoke: (method, arg) => ipc.invoke(rpcChannel(method), arg),
    subscribe(topic, handler) {
      const listener = (_event: IpcRendererEvent, eventTopic: unknown, payload: unknown): void => {
        if (eventTopic === topic) handler(payload);
      };
      ipc.on(EVENT_CHANNEL, listener);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, listener);
      };
    },
  };
}
