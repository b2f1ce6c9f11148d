/**
 * What a transport carries: a method name with its raw argument, answered by a raw result envelope,
 * and raw event payloads. Everything raw is checked against the contract's schemas on arrival.
 */
export interface Transport {
  invoke(method: string, arg: unknown): Promise<unknown>;
  subscribe(topic: string, handler: (payload: unknown) => void): () => void;
}
