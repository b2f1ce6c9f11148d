import { createClient, type BriefdeskApi } from '../../shared/contract/client';
import type { Container } from '../../electron/host/container';

/**
 * The renderer's typed client wired straight to a real container: every argument and reply still goes through the
 * contract's schemas and a structured clone (as over IPC or HTTP), without a process boundary.
 */
export function inProcessApi(container: Container): BriefdeskApi {
  return createClient({
    invoke: async (method, arg) => structuredClone(await container.dispatcher.dispatch(method, structuredClone(arg))),
    subscribe: (topic, handler) => container.events.listen((heard, payload) => heard === topic && handler(structuredClone(payload))),
  });
}
