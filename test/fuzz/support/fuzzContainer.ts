import { cp, mkdir, realpath, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import type { ContainerOptions } from '../../../electron/host/container';
import { lookupMethod } from '../../../shared/contract/index';
import { tempDir } from '../../support/tempWorkspace';
import { repoRoot, testContainer } from '../../support/testContainer';
import { expectTreeUnchanged, treeState, type TreeState } from './fileState';
import { confinedCall } from './fsRecorder';
import { expectTypedEnvelope, fail } from './outcomes';

export const SENTINEL_SECRET = 'SENTINEL-SECRET-b4d1';

export type FuzzContainer = Awaited<ReturnType<typeof fuzzContainer>>;

/**
 * A real container (test/support/testContainer.ts) whose workspace sits in a temp folder of our own, beside a
 * sentinel folder holding files with the workspace's own names: a reader that resolved a path against the wrong
 * folder, or followed a link out, would find them. Every call goes through the dispatcher, under the per-call
 * deadline, with the paths it hands the file system checked against the workspace and the bundled resources.
 * `copyOf` starts the workspace as a copy of another (already seeded and prepared) one.
 */
export async function fuzzContainer(overrides: Partial<ContainerOptions> = {}, options: { copyOf?: string } = {}) {
  const temp = await tempDir('briefdesk-fuzz-ws-');
  const parent = await realpath(temp.path);
  const workspacePath = join(parent, 'workspace');
  const sentinel = join(parent, 'sentinel');
  for (const folder of ['briefs', 'facts', 'sources', '.briefdesk/backups', '.briefdesk/history/hanoi-summit-sample']) {
    await mkdir(join(sentinel, folder), { recursive: true });
  }
  for (const file of ['briefs/hanoi-summit-sample.brief.json', 'facts/hanoi-summit.facts.json', 'sources/hanoi-summit-2019.source.json', '.briefdesk/backups/hanoi-summit-sample.json']) {
    await writeFile(join(sentinel, file), SENTINEL_SECRET);
  }
  // A copy of a prepared workspace costs a few milliseconds; preparing one through the services costs a dozen fsyncs.
  if (options.copyOf) await cp(options.copyOf, workspacePath, { recursive: true, verbatimSymlinks: true });
  const env = await testContainer({ workspacePath, defaultWorkspacePath: workspacePath, ...overrides });
  const workspace = env.container.workspace().root;
  const roots = [workspace, await realpath(join(repoRoot, 'resources')), await realpath(env.configDir)];
  const isWorkspace = (relative: string) => relative === 'workspace' || relative.startsWith(`workspace${sep}`);
  const outsideBefore: TreeState = await treeState(parent, isWorkspace);

  /** Dispatches one call and checks its answer is a typed envelope whose value matches the method's result schema. */
  async function dispatch(method: string, arg: unknown, allowedRoots: readonly string[] = roots) {
    const spec = lookupMethod(method);
    if (!spec) fail(`${method} is not a contract method`);
    const label = `${method}`;
    hostLog.length = 0;
    const outcome = await confinedCall(label, allowedRoots, () => env.container.dispatcher.dispatch(method, arg));
    // The dispatcher's own promise: it never rejects, whatever the argument.
    if (!outcome.ok) fail(`${label}: dispatch rejected instead of answering with an envelope: ${String(outcome.error)}`);
    const envelope = expectTypedEnvelope(outcome.value, spec.result, label, () => hostLog.join(' | ').slice(0, 600));
    if (envelope.ok && (JSON.stringify(envelope.value) ?? '').includes(SENTINEL_SECRET)) fail(`${label}: answered with the content of a file outside the workspace`);
    return envelope;
  }

  return {
    env,
    parent,
    workspace,
    sentinel,
    roots,
    dispatch,
    /** The sentinel, the parent folder and anything else beside the workspace are exactly as they were. */
    expectOutsideUnchanged: (label: string) => expectTreeUnchanged(parent, outsideBefore, label, isWorkspace),
    async dispose(): Promise<void> {
      await env.dispose();
      await temp.dispose();
    },
  };
}

/** What the host logged through console.error during the current dispatch, while captureHostLog is on. */
const hostLog: string[] = [];

function describeLogged(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value).slice(0, 200);
}

/**
 * Captures console.error for the describe block it is called in, instead of printing it (FUZZ_VERBOSE=1 prints it
 * too). The host logs every exception the dispatcher turns into `internal`: the capture is how a failing property
 * names the real cause (the answer itself says only "an unexpected problem"); printed, it would repeat the stack for
 * every call fast-check makes while it shrinks the counterexample.
 */
export function captureHostLog(): void {
  let spy: { mockRestore: () => void } | undefined;
  beforeAll(() => {
    const print = console.error.bind(console);
    spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      hostLog.push(args.map(describeLogged).join(' '));
      if (process.env.FUZZ_VERBOSE) print(...args);
    });
  });
  afterAll(() => spy?.mockRestore());
}
