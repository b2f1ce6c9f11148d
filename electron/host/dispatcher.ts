import type { z } from 'zod';
import { AppError, type MethodSpec, type ResultEnvelope } from '../../shared/contract/define';
import { lookupMethod, type Contract } from '../../shared/contract/index';

type ServiceImpl<S> = {
  [M in keyof S]: S[M] extends MethodSpec<infer A, infer R> ? (arg: z.output<A>) => Promise<z.output<R>> : never;
};
/** What the host must provide: one function per contract method, taking the parsed argument. */
export type ServiceImpls = { [S in keyof Contract]: ServiceImpl<Contract[S]> };

export interface Dispatcher {
  dispatch(method: string, rawArg: unknown): Promise<ResultEnvelope>;
}

/** The one place where arguments are parsed against the contract and errors become typed results. */
export function createDispatcher(services: ServiceImpls, log: (message: string, error: unknown) => void = console.error): Dispatcher {
  return {
    async dispatch(method, rawArg) {
      const spec = lookupMethod(method);
      if (!spec) return { ok: false, error: { code: 'unknown_method', message: `There is no method ${method}.` } };
      // Editor states are checked with an explicit stack (editorTreeProblem), so no argument can overflow this one.
      const arg = spec.args.safeParse(rawArg);
      if (!arg.success) {
        const issue = arg.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        return { ok: false, error: { code: 'invalid_argument', message: `Invalid argument to ${method}${where}: ${issue?.message ?? 'rejected'}.` } };
      }
      const [service, name] = method.split('.') as [keyof ServiceImpls, string];
      const impl = (services[service] as unknown as Record<string, (arg: unknown) => Promise<unknown>>)[name];
      if (!impl) return { ok: false, error: { code: 'unknown_method', message: `${method} is not served here.` } };
      try {
        return { ok: true, value: await impl.call(services[service], arg.data) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
        // The detail goes to the log; the analyst gets words, never a stack or Node's text with a path in it.
        log(`${method} failed`, error);
        return { ok: false, error: { code: 'internal', message: `Briefdesk could not complete ${method} because of an unexpected problem; the details were written to its log.` } };
      }
    },
  };
}
