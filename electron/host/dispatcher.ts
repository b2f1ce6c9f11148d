import { AppError, type ResultEnvelope, type RpcError } from '../../shared/contract/define';
import { contract, lookupMethod, type Contract } from '../../shared/contract/index';
import type { HostService } from './lifecycle';

export interface Dispatcher {
  dispatch(method: string, rawArg: unknown): Promise<ResultEnvelope>;
}

/** The dispatcher the container owns: it can also be closed, once, before the services shut down. */
export interface ServingDispatcher extends Dispatcher {
  /** Refuses every call from now on; settles when the calls already running have answered. */
  close(): Promise<void>;
}

export type ErrorLog = (message: string, error: unknown) => void;

type GroupsServedBy<S> = S extends { readonly serves: infer G } ? keyof G : never;
/** The contract groups no service in `T` serves. */
export type UnservedGroups<T extends readonly HostService[]> = Exclude<keyof Contract, GroupsServedBy<T[number]>>;
/** Makes the compiler refuse a service list that leaves a contract group unserved, naming the group. */
type EveryGroupServed<T extends readonly HostService[]> = { readonly [G in UnservedGroups<T>]: `no service serves the contract's ${G} methods` };

/**
 * The typed error a failure becomes. An AppError is the service's own words; anything else is a fault: its detail goes
 * to the log and the analyst gets words, never a stack or Node's text with a path in it.
 */
export function typedError(error: unknown, doing: string, log: ErrorLog): RpcError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  log(`${doing} failed`, error);
  return { code: 'internal', message: `Briefdesk could not complete ${doing} because of an unexpected problem; the details were written to its log.` };
}

/**
 * The one place where arguments are parsed against the contract and errors become typed results. The method table is
 * the services' own: each declares the groups it serves, a group served twice is refused here, and one served by
 * none does not compile.
 */
export function createDispatcher<const T extends readonly HostService[]>(services: T & EveryGroupServed<T>, log: ErrorLog = console.error): ServingDispatcher {
  const owners = new Map<string, HostService>();
  for (const service of services) {
    for (const group of Object.keys(service.serves ?? {})) {
      const other = owners.get(group);
      if (other) throw new Error(`The contract's ${group} methods are served twice, by the ${other.name} and the ${service.name}.`);
      owners.set(group, service);
    }
  }
  const unserved = Object.keys(contract).filter((group) => !owners.has(group));
  if (unserved.length > 0) throw new Error(`No service serves the contract's ${unserved.join(', ')} methods.`);

  const running = new Set<Promise<ResultEnvelope>>();
  let closed = false;

  async function answer(method: string, rawArg: unknown): Promise<ResultEnvelope> {
    const spec = lookupMethod(method);
    if (!spec) return { ok: false, error: { code: 'unknown_method', message: `There is no method ${method}.` } };
    // Editor states are checked with an explicit stack (editorTreeProblem), so no argument can overflow this one.
    const arg = spec.args.safeParse(rawArg);
    if (!arg.success) {
      const issue = arg.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      return { ok: false, error: { code: 'invalid_argument', message: `Invalid argument to ${method}${where}: ${issue?.message ?? 'rejected'}.` } };
    }
    const [group, name] = method.split('.') as [keyof Contract, string];
    try {
      // Read at each call: a group may be the service of the workspace open now.
      const table = owners.get(group)?.serves?.[group] as Record<string, unknown> | undefined;
      const impl = table?.[name];
      if (typeof impl !== 'function') return { ok: false, error: { code: 'unknown_method', message: `${method} is not served here.` } };
      return { ok: true, value: await (impl as (arg: unknown) => Promise<unknown>).call(table, arg.data) };
    } catch (error) {
      return { ok: false, error: typedError(error, method, log) };
    }
  }

  return {
    dispatch(method, rawArg) {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'refused', message: `Briefdesk is shutting down, so ${method} was not run.` } });
      const call = answer(method, rawArg);
      running.add(call);
      const settle = (): void => void running.delete(call);
      call.then(settle, settle);
      return call;
    },
    async close() {
      closed = true;
      await Promise.allSettled([...running]);
    },
  };
}
