import type { z } from 'zod';
import { AppError, type MethodSpec } from '../../shared/contract/define';
import type { Contract } from '../../shared/contract/index';

/** One contract group (`briefs`, `jobs`, …) as the host serves it: one function per method, taking the parsed argument. */
export type ContractGroup<G extends keyof Contract> = {
  [M in keyof Contract[G]]: Contract[G][M] extends MethodSpec<infer A, infer R> ? (arg: z.output<A>) => Promise<z.output<R>> : never;
};

/**
 * What the container boots in order and shuts down in reverse (Zettlr's ProviderContract). `name` is how the analyst
 * hears of it when it fails: "Briefdesk could not start its briefs service: …".
 */
export interface Lifecycle {
  readonly name: string;
  boot?(): Promise<void>;
  /** Stops everything it started: watchers, timers, open files, running work. Called once. */
  shutdown?(): Promise<void>;
}

/**
 * A service of the container: its lifecycle, and the contract groups it serves. The dispatcher's method table is
 * made from these; a group may be a getter, read at each call (the services of the workspace open now).
 */
export interface HostService extends Lifecycle {
  readonly serves?: { readonly [G in keyof Contract]?: ContractGroup<G> };
}

export type ShutdownLog = (message: string, error: unknown) => void;

/** A service that failed to boot, named; the services booted before it have been shut down again. */
export class ServiceStartError extends AppError {
  constructor(
    readonly service: string,
    cause: unknown,
  ) {
    super(cause instanceof AppError ? cause.code : 'internal', `Briefdesk could not start its ${service}: ${reasonOf(cause)}`);
    this.name = 'ServiceStartError';
    this.cause = cause;
  }
}

function reasonOf(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/**
 * Boots `services` one after another. When one fails, those booted before it are shut down in reverse and the error
 * names the one that failed (a failure inside a nested stack keeps its own, nearer name). Answers the shutdown of
 * them all: in reverse, each one tried even when one before it fails, and only once however often it is called.
 */
export async function bootInOrder(services: readonly Lifecycle[], log: ShutdownLog = console.error): Promise<() => Promise<void>> {
  const booted: Lifecycle[] = [];
  for (const service of services) {
    try {
      await service.boot?.();
    } catch (error) {
      await shutdownInReverse(booted, log);
      throw error instanceof ServiceStartError ? error : new ServiceStartError(service.name, error);
    }
    booted.push(service);
  }
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= shutdownInReverse(booted, log));
}

async function shutdownInReverse(services: readonly Lifecycle[], log: ShutdownLog): Promise<void> {
  for (const service of [...services].reverse()) {
    try {
      await service.shutdown?.();
    } catch (error) {
      log(`Briefdesk could not shut down its ${service.name} cleanly`, error);
    }
  }
}
