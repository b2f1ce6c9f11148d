import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../electron/host/container';
import { startHttpHost, type HttpHost } from '../../electron/host/server';
import type { JobKind } from '../../electron/host/services/jobs/jobRunner';
import { registerIpcHandlers } from '../../electron/main/ipc';
import { APP_ORIGIN } from '../../electron/main/securityPolicy';
import { createIpcTransport } from '../../electron/preload/ipcTransport';
import { createHttpTransport } from '../../renderer/src/api/httpTransport';
import { createClient, type BriefdeskApi } from '../../shared/contract/client';
import { AppError } from '../../shared/contract/define';
import { EVENT_CHANNEL, watchJob, type JobFinished, type JobProgress, type RpcError } from '../../shared/contract/index';
import { createFakeIpc } from '../support/fakeIpc';
import { testContainer } from '../support/testContainer';

/** The folder the test job writes into, inside the workspace. */
const OUTPUT_FOLDER = 'job-output';

interface StepFileArgs {
  name: string;
  steps: number;
  stepMs: number;
  /** The step at which the job throws this error instead of going on. */
  failAt?: { step: number; error: Error };
  /** Never looks at its signal: waits its steps out, then for this, then tries to write anyway. */
  ignoresCancel?: Promise<void>;
}

/**
 * A job made for these tests: it builds a file one line per step, reporting each step, and writes it at the end
 * through the runner's commit (ConfinedFolder's atomic write), the one way a job writes.
 */
function stepFileJob(container: Container): JobKind<StepFileArgs> {
  return {
    kind: 'test.stepFile',
    title: ({ name }) => `Writing ${name} in steps`,
    async run({ name, steps, stepMs, failAt, ignoresCancel }, job) {
      const files = container.workspace().files;
      const lines: string[] = [];
      for (let step = 1; step <= steps; step++) {
        await sleep(stepMs, undefined, ignoresCancel ? {} : { signal: job.signal });
        if (failAt?.step === step) throw failAt.error;
        lines.push(`line ${step} of ${name}`);
        job.progress(step, steps, `Writing line ${step} of ${steps}`);
      }
      await ignoresCancel;
      await job.commit([{ folder: files, relative: `${OUTPUT_FOLDER}/${name}`, data: `${lines.join('\n')}\n`, what: `The file ${name}` }]);
      return `Wrote ${steps} lines to ${name}.`;
    },
  };
}

/** Everything one client hears of jobs, in order of arrival. */
function listen(api: BriefdeskApi): { progress: JobProgress[]; finished: JobFinished[]; stop: () => void } {
  const progress: JobProgress[] = [];
  const finished: JobFinished[] = [];
  const stops = [api.subscribe('job.progress', (p) => progress.push(p)), api.subscribe('job.finished', (f) => finished.push(f))];
  return { progress, finished, stop: () => stops.forEach((stop) => stop()) };
}

interface Watched {
  progress: JobProgress[];
  finished: Promise<JobFinished>;
  errors: RpcError[];
}

/** Follows one job the way the renderer does, with watchJob. */
function watch(api: BriefdeskApi, jobId: string): Watched {
  const progress: JobProgress[] = [];
  const errors: RpcError[] = [];
  const finished = new Promise<JobFinished>((resolve) => {
    watchJob(api, jobId, { onProgress: (p) => progress.push(p), onFinished: resolve, onError: (e) => errors.push(e) }, { pollMs: 50 });
  });
  return { progress, finished, errors };
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

async function listing(folder: string): Promise<string[]> {
  return (await readdir(folder).catch(() => [])).sort();
}

interface Transport {
  api: BriefdeskApi;
  close: () => Promise<void>;
}

/** The real HTTP bridge (server.ts) and the real client over the renderer's HTTP transport. */
async function overHttp(container: Container): Promise<Transport> {
  const host: HttpHost = await startHttpHost({ container });
  return { api: createClient(createHttpTransport(host.origin, host.token)), close: () => host.close() };
}

/**
 * Electron IPC: the Electron binary does not exist here, so ipcMain/ipcRenderer are the in-memory pair of
 * test/support/fakeIpc.ts; the handlers are electron/main/ipc.ts's, the preload's transport is the real one, and
 * events are forwarded as electron/main/index.ts does (webContents.send on EVENT_CHANNEL).
 */
async function overIpc(container: Container): Promise<Transport> {
  const fake = createFakeIpc({ url: `${APP_ORIGIN}/index.html`, parent: null });
  const unregister = registerIpcHandlers(fake.ipcMain, container.dispatcher);
  const stopForwarding = container.events.listen((topic, payload) => fake.send(EVENT_CHANNEL, topic, payload));
  return {
    api: createClient(createIpcTransport(fake.ipcRenderer)),
    close: async () => {
      stopForwarding();
      unregister();
    },
  };
}

/**
 * Resolves once the client hears host events, and keeps listening until the returned stop: the browser-mode stream
 * connects a moment after the first subscribe and closes when the last one ends, and an event sent while it is
 * closed is not heard (watchJob's status checks cover that gap; these tests want every event).
 */
async function eventsFlowing(api: BriefdeskApi, container: Container): Promise<() => void> {
  let heard = false;
  const stop = api.subscribe('facts.changed', () => (heard = true));
  await until(() => {
    container.events.publish('facts.changed', { catalogueId: 'connection-check' });
    return heard;
  }, 'the client hears host events');
  return stop;
}

describe.each([
  { transport: 'the HTTP bridge', connect: overHttp },
  { transport: 'IPC', connect: overIpc },
])('jobs over $transport', ({ connect }) => {
  let env: Awaited<ReturnType<typeof testContainer>>;
  let transport: Transport;
  let api: BriefdeskApi;
  let stepFile: JobKind<StepFileArgs>;
  let outputFolder: string;
  let logged: unknown[][];
  let stopListening: () => void;

  beforeEach(async () => {
    logged = [];
    env = await testContainer({ log: (...entry) => logged.push(entry) });
    transport = await connect(env.container);
    api = transport.api;
    stepFile = stepFileJob(env.container);
    outputFolder = join(env.workspacePath, OUTPUT_FOLDER);
    await mkdir(outputFolder);
    stopListening = await eventsFlowing(api, env.container);
  });

  afterEach(async () => {
    stopListening();
    await transport.close();
    await env.dispose();
  });

  it('reports progress in order, with done, total and phrase, to a watch of that job only; the file is written at the end', async () => {
    const heard = listen(api);
    const first = env.container.jobs.start(stepFile, { name: 'first.txt', steps: 4, stepMs: 20 });
    const other = env.container.jobs.start(stepFile, { name: 'other.txt', steps: 3, stepMs: 15 });
    const watched = watch(api, first.jobId);

    expect(await watched.finished).toEqual({ jobId: first.jobId, outcome: 'done', message: 'Wrote 4 lines to first.txt.' });
    await until(() => heard.finished.length === 2, 'both jobs have finished');
    heard.stop();

    const ofFirst = heard.progress.filter((p) => p.jobId === first.jobId);
    expect(ofFirst).toEqual(
      [1, 2, 3, 4].map((step) => ({ jobId: first.jobId, seq: step, done: step, total: 4, phrase: `Writing line ${step} of 4` })),
    );
    expect(heard.progress.filter((p) => p.jobId === other.jobId).map((p) => p.done)).toEqual([1, 2, 3]);
    // The watch saw the first job's reports only, each newer than the one before (a status check may add the start).
    expect(watched.progress.every((p) => p.jobId === first.jobId)).toBe(true);
    expect(watched.progress.map((p) => p.seq)).toEqual([...new Set(watched.progress.map((p) => p.seq))].sort((a, b) => a - b));
    expect(watched.progress.at(-1)).toEqual(ofFirst.at(-1));
    expect(watched.errors).toEqual([]);

    expect(await readFile(join(outputFolder, 'first.txt'), 'utf8')).toBe('line 1 of first.txt\nline 2 of first.txt\nline 3 of first.txt\nline 4 of first.txt\n');
    expect(await listing(outputFolder)).toEqual(['first.txt', 'other.txt']);
    expect(await api.jobs.get({ jobId: first.jobId })).toMatchObject({
      ok: true,
      value: { jobId: first.jobId, kind: 'test.stepFile', title: 'Writing first.txt in steps', state: 'finished', finished: { outcome: 'done' } },
    });
  });

  it('cancel stops the job at its next step and leaves no file, partial or whole, and no temp file', async () => {
    const { jobId } = env.container.jobs.start(stepFile, { name: 'cancelled.txt', steps: 100, stepMs: 20 });
    const watched = watch(api, jobId);
    await until(() => (watched.progress.at(-1)?.done ?? 0) >= 2, 'the job is two steps in');

    const cancelled = await api.jobs.cancel({ jobId });
    expect(cancelled).toMatchObject({ ok: true, value: { jobId, state: 'cancelling' } });
    expect(await watched.finished).toEqual({ jobId, outcome: 'cancelled', message: 'Writing cancelled.txt in steps was cancelled; nothing was written.' });

    const stoppedAt = watched.progress.at(-1)!.done;
    expect(stoppedAt).toBeLessThan(100);
    await sleep(100);
    expect(await api.jobs.get({ jobId })).toMatchObject({ ok: true, value: { state: 'finished', progress: { done: stoppedAt } } });
    expect(await listing(outputFolder)).toEqual([]);
    // Cancelling again, once it has ended, answers how it ended.
    expect(await api.jobs.cancel({ jobId })).toMatchObject({ ok: true, value: { state: 'finished', finished: { outcome: 'cancelled' } } });
  });

  it('a job that ignores its cancel still cannot write: its commit is refused, and it ends cancelled', async () => {
    let cancelSent!: () => void;
    const ignoresCancel = new Promise<void>((resolve) => (cancelSent = resolve));
    const { jobId } = env.container.jobs.start(stepFile, { name: 'stubborn.txt', steps: 5, stepMs: 10, ignoresCancel });
    const watched = watch(api, jobId);
    await until(() => watched.progress.at(-1)?.done === 5, 'the job has done all its steps');
    expect(await api.jobs.cancel({ jobId })).toMatchObject({ ok: true, value: { state: 'cancelling' } });
    cancelSent();
    expect(await watched.finished).toMatchObject({ jobId, outcome: 'cancelled' });
    // It ran all its steps, and the write at the end was still refused.
    expect(watched.progress.at(-1)?.done).toBe(5);
    expect(await listing(outputFolder)).toEqual([]);
  });

  it('a failing job reports the typed error’s message, and an unexpected fault only words; neither leaves a file', async () => {
    const diskFull = new AppError('io_error', 'The file failing.txt could not be saved: the disk is full.');
    const failing = env.container.jobs.start(stepFile, { name: 'failing.txt', steps: 4, stepMs: 10, failAt: { step: 3, error: diskFull } });
    expect(await watch(api, failing.jobId).finished).toEqual({
      jobId: failing.jobId,
      outcome: 'failed',
      message: 'The file failing.txt could not be saved: the disk is full.',
      error: { code: 'io_error', message: 'The file failing.txt could not be saved: the disk is full.' },
    });

    const fault = new Error("EACCES: permission denied, open '/home/analyst/secret'");
    const faulty = env.container.jobs.start(stepFile, { name: 'faulty.txt', steps: 2, stepMs: 10, failAt: { step: 1, error: fault } });
    const ended = await watch(api, faulty.jobId).finished;
    expect(ended).toMatchObject({ outcome: 'failed', error: { code: 'internal' } });
    expect(ended.message).toBe('Briefdesk could not complete test.stepFile because of an unexpected problem; the details were written to its log.');
    expect(logged).toEqual([['test.stepFile failed', fault]]);
    expect(await listing(outputFolder)).toEqual([]);
  });

  it('cancelling or asking about a job id the host does not know is refused in words; a malformed id is an invalid argument', async () => {
    const unknown = randomUUID();
    expect(await api.jobs.cancel({ jobId: unknown })).toEqual({
      ok: false,
      error: { code: 'not_found', message: `There is no job ${unknown} to cancel; it may have finished long ago.` },
    });
    expect(await api.jobs.get({ jobId: unknown })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await api.jobs.cancel({ jobId: '../../etc' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const watched = watch(api, unknown);
    await until(() => watched.errors.length > 0, 'the watch reports the unknown job');
    expect(watched.errors).toEqual([{ code: 'not_found', message: `There is no job ${unknown}; it may have finished long ago.` }]);
  });

  it('the catalogue reset is a job: it answers its id at once, reports its steps and replaces the catalogue at the end', async () => {
    const catalogueFile = join(env.workspacePath, 'facts', 'hanoi-summit.facts.json');
    const edited = await api.facts.addAlias({ id: 'hanoi', alias: { text: 'Ha Noi' } });
    expect(edited.ok).toBe(true);
    const started = await api.facts.reset({ catalogueId: 'hanoi-summit' });
    if (!started.ok) throw new Error(started.error.message);
    const watched = watch(api, started.value.jobId);
    const finished = await watched.finished;
    expect(finished).toMatchObject({ outcome: 'done', message: expect.stringMatching(/^The catalogue “.+” was reset to the bundled one \(\d+ facts\); your version was kept in \.briefdesk\/replaced-catalogues\.$/) });
    expect(watched.progress.at(-1)).toMatchObject({ done: 3, total: 3, phrase: 'The bundled catalogue is back' });
    expect(await readFile(catalogueFile, 'utf8')).not.toContain('Ha Noi');
    const kept = await listing(join(env.workspacePath, '.briefdesk', 'replaced-catalogues'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(env.workspacePath, '.briefdesk', 'replaced-catalogues', kept[0]!), 'utf8')).toContain('Ha Noi');

    // A catalogue that is not bundled is refused at once; no job starts.
    expect(await api.facts.reset({ catalogueId: 'not-bundled' })).toEqual({ ok: false, error: { code: 'not_found', message: 'not-bundled is not a bundled catalogue.' } });
  });
});

describe('jobs and the container’s lifecycle', () => {
  it('shutdown cancels every running job, waits for it to stop, and starts no new one', async () => {
    const env = await testContainer();
    const outputFolder = join(env.workspacePath, OUTPUT_FOLDER);
    await mkdir(outputFolder);
    const finished: JobFinished[] = [];
    env.container.events.listen((topic, payload) => {
      if (topic === 'job.finished') finished.push(payload as JobFinished);
    });
    const stepFile = stepFileJob(env.container);
    const { jobId } = env.container.jobs.start(stepFile, { name: 'at-shutdown.txt', steps: 100, stepMs: 20 });
    const settled = env.container.jobs.settled(jobId);
    let settledFirst = false;
    void settled.then(() => (settledFirst = true));
    await sleep(60);

    await env.container.shutdown();
    expect(settledFirst).toBe(true);
    expect(await settled).toMatchObject({ jobId, outcome: 'cancelled' });
    expect(finished).toEqual([await settled]);
    expect(await listing(outputFolder)).toEqual([]);
    expect(() => env.container.jobs.start(stepFile, { name: 'late.txt', steps: 1, stepMs: 1 })).toThrow('Briefdesk is shutting down, so it starts no new work.');
    await env.dispose();
  });

  it('switching workspace cancels the jobs running in the one left', async () => {
    const env = await testContainer();
    const other = await testContainer();
    try {
      await mkdir(join(env.workspacePath, OUTPUT_FOLDER));
      const { jobId } = env.container.jobs.start(stepFileJob(env.container), { name: 'left-behind.txt', steps: 100, stepMs: 20 });
      await env.container.openWorkspace(other.workspacePath);
      expect(await env.container.jobs.settled(jobId)).toMatchObject({ outcome: 'cancelled' });
      expect(await listing(join(env.workspacePath, OUTPUT_FOLDER))).toEqual([]);
    } finally {
      await other.dispose();
      await env.dispose();
    }
  });
});
