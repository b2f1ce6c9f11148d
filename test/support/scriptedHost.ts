import { createClient, type BriefdeskApi } from '../../shared/contract/client';
import type { MethodSpec } from '../../shared/contract/define';
import { contract } from '../../shared/contract/index';

export interface HostCall {
  method: string;
  arg: unknown;
}

export type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * The typed client over a scripted host: every argument is checked against the contract's schema (as the real
 * dispatcher does), every answer against the result schema (by the client itself), so the answers a host may give
 * — a cancelled file dialog, a refusal, a finished job — can each be tried.
 */
export function scriptedHost(answers: Record<string, (arg: unknown) => Answer>): { api: BriefdeskApi; calls: HostCall[]; methods: () => string[] } {
  const calls: HostCall[] = [];
  const api = createClient({
    invoke: async (method, arg) => {
      const [service, name] = method.split('.') as [keyof typeof contract, string];
      const spec = (contract[service] as Record<string, MethodSpec>)[name]!;
      const parsed = spec.args.safeParse(arg);
      if (!parsed.success) throw new Error(`${method} was called with an argument the contract refuses: ${parsed.error.message}`);
      calls.push({ method, arg: parsed.data });
      const answer = answers[method];
      if (!answer) throw new Error(`The scripted host has no answer for ${method}`);
      return answer(parsed.data);
    },
    subscribe: () => () => undefined,
  });
  return { api, calls, methods: () => calls.map((call) => call.method) };
}
