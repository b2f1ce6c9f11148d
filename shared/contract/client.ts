import type { z } from 'zod';
import { contract, events, type Contract, type EventPayload, type EventTopic } from './index';
import { ResultEnvelopeSchema, type MethodSpec, type Result } from './define';
import type { Transport } from './transport';

type ClientMethod<M> =
  M extends MethodSpec<infer A, infer R>
    ? [z.input<A>] extends [void]
      ? () => Promise<Result<z.output<R>>>
      : (arg: z.input<A>) => Promise<Result<z.output<R>>>
    : never;

export type BriefdeskApi = {
  readonly [S in keyof Contract]: { readonly [M in keyof Contract[S]]: ClientMethod<Contract[S][M]> };
} & {
  subscribe<T extends EventTopic>(topic: T, handler: (payload: EventPayload<T>) => void): () => void;
};

async function call(transport: Transport, name: string, spec: MethodSpec, arg: unknown): Promise<Result<unknown>> {
  let raw: unknown;
  try {
    raw = await transport.invoke(name, arg);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, error: { code: 'io_error', message: `Briefdesk could not reach its workspace service (${reason}).` } };
  }
  const envelope = ResultEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    return { ok: false, error: { code: 'internal', message: `The reply to ${name} was malformed.` } };
  }
  if (!envelope.data.ok) return envelope.data;
  const value = spec.result.safeParse(envelope.data.value);
  return value.success
    ? { ok: true, value: value.data }
    : { ok: false, error: { code: 'internal', message: `The reply to ${name} did not match the contract.` } };
}

/** Builds the typed API from the contract over any transport: the preload passes IPC, browser mode passes HTTP. */
export function createClient(transport: Transport): BriefdeskApi {
  const api: Record<string, unknown> = {};
  for (const [service, methods] of Object.entries(contract)) {
    const serviceApi: Record<string, (arg?: unknown) => Promise<Result<unknown>>> = {};
    for (const [methodName, spec] of Object.entries<MethodSpec>(methods)) {
      const name = `${service}.${methodName}`;
      serviceApi[methodName] = (arg?: unknown) => call(transport, name, spec, arg);
    }
    api[service] = Object.freeze(serviceApi);
  }
  api.subscribe = (topic: EventTopic, handler: (payload: unknown) => void) =>
    transport.subscribe(topic, (raw) => {
      const payload = events[topic].safeParse(raw);
      if (payload.success) handler(payload.data);
      else console.warn(`Dropped a malformed ${topic} event`, payload.error.issues);
    });
  return Object.freeze(api) as BriefdeskApi;
}
