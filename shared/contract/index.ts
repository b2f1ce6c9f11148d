import { z } from 'zod';
import { appContract, CommandIdSchema } from './app';
import { briefsContract } from './briefs';
import { historyContract } from './history';
import { factsContract } from './facts';
import { sourcesContract } from './sources';
import { annotationsContract } from './annotations';
import { settingsContract } from './settings';
import { workspaceContract } from './workspace';
import { exportContract } from './export';
import { jobsContract, JobFinishedSchema, JobProgressSchema } from './jobs';
import type { ContractSpec, EventSpec, MethodSpec } from './define';
import { BriefIdSchema } from '../model/brief';
import { SlugSchema } from '../model/ids';

export const contract = {
  app: appContract,
  briefs: briefsContract,
  history: historyContract,
  facts: factsContract,
  sources: sourcesContract,
  annotations: annotationsContract,
  settings: settingsContract,
  workspace: workspaceContract,
  jobs: jobsContract,
  export: exportContract,
} satisfies ContractSpec;
export type Contract = typeof contract;

/** Events from the main process to the renderer, delivered through `subscribe(topic, handler)`. */
export const events = {
  /** `briefId` goes with `brief.open` (File → Open Recent). */
  'app.command': z.object({ command: CommandIdSchema, briefId: BriefIdSchema.optional() }),
  'briefs.changed': z.object({ ids: z.array(BriefIdSchema) }),
  /** A brief changed on disk by something other than this app. */
  'briefs.external': z.object({ id: BriefIdSchema, kind: z.enum(['added', 'changed', 'removed']) }),
  'workspace.changed': z.object({ path: z.string() }),
  'facts.changed': z.object({ catalogueId: z.string() }),
  /** A source's annotations were created, changed, deleted or imported. */
  'annotations.changed': z.object({ sourceId: SlugSchema }),
  /** One job's progress and its end; `watchJob` (./jobs) follows one job through them. */
  'job.progress': JobProgressSchema,
  'job.finished': JobFinishedSchema,
} satisfies EventSpec;
export type Events = typeof events;
export type EventTopic = keyof Events;
export type EventPayload<T extends EventTopic> = z.output<Events[T]>;

export type MethodName = {
  [S in keyof Contract]: `${S & string}.${keyof Contract[S] & string}`;
}[keyof Contract];

/** The IPC channel of a method, and of the event stream: channel names live here and nowhere else. */
export const rpcChannel = (name: MethodName | string): string => `briefdesk:rpc:${name}`;
export const EVENT_CHANNEL = 'briefdesk:event';

export function methodNames(): MethodName[] {
  return Object.entries(contract).flatMap(([service, methods]) =>
    Object.keys(methods).map((m) => `${service}.${m}` as MethodName),
  );
}

export function lookupMethod(name: string): MethodSpec | undefined {
  const [service, methodName, ...rest] = name.split('.');
  if (!service || !methodName || rest.length > 0 || !Object.hasOwn(contract, service)) return undefined;
  const methods: Readonly<Record<string, MethodSpec>> = contract[service as keyof Contract];
  return Object.hasOwn(methods, methodName) ? methods[methodName] : undefined;
}

export * from './define';
export * from './app';
export * from './briefs';
export * from './history';
export * from './facts';
export * from './sources';
export * from './annotations';
export * from './settings';
export * from './workspace';
export * from './jobs';
export * from './export';
