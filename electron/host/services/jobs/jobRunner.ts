import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/define';
import type { JobFinished, JobProgress, JobStarted, JobState, JobStatus } from '../../../../shared/contract/jobs';
import { typedError, type ErrorLog } from '../../dispatcher';
import type { EventHub } from '../../events';
import type { ContractGroup, HostService } from '../../lifecycle';
import type { ConfinedFolder } from '../../platform/confinedFolder';

/** One file a job writes when it is done. */
export interface OutputFile {
  folder: ConfinedFolder;
  relative: string;
  data: string | Uint8Array;
  /** Names the file in errors: "The fact catalogue hanoi-summit". */
  what: string;
}

/** What a running job is handed. */
export interface JobContext {
  readonly jobId: string;
  /** Aborted when the job is cancelled (by the renderer, a workspace switch or shutdown): stop at the next step. */
  readonly signal: AbortSignal;
  /** `done` of `total` steps (whole numbers), and what the job is doing now in words. */
  progress(done: number, total: number, phrase: string): void;
  /**
   * Writes the job's files, each atomically (ConfinedFolder.write), and is the only way a job writes: until it is
   * called nothing is on disk, so a job cancelled or failed before it leaves no file, partial or whole. Refused (the
   * job ends cancelled) when a cancel came first; from the call on, a cancel is too late and no longer honoured.
   */
  commit(files: readonly OutputFile[]): Promise<void>;
}

/** A kind of job a service runs: `kind` names it in statuses; `run` does the work and answers its closing sentence. */
export interface JobKind<A> {
  readonly kind: string;
  /** What the job does in words, for statuses and messages: "Resetting the catalogue hanoi-summit". */
  title(arg: A): string;
  run(arg: A, job: JobContext): Promise<string>;
}

/** Finished jobs remembered for `jobs.get` and a late `jobs.cancel`; older ones are forgotten. */
const FINISHED_KEPT = 50;
/** How long shutdown waits for a cancelled job that does not stop. */
const SHUTDOWN_WAIT_MS = 10_000;

class JobRecord {
  readonly controller = new AbortController();
  state: JobState = 'running';
  progress: JobProgress;
  finished: JobFinished | undefined;
  /** Set by the runner as soon as the job starts. */
  settled!: Promise<JobFinished>;

  constructor(
    readonly jobId: string,
    readonly kind: string,
    readonly title: string,
  ) {
    this.progress = { jobId, seq: 0, done: 0, total: 0, phrase: 'Starting' };
  }

  status(): JobStatus {
    return { jobId: this.jobId, kind: this.kind, title: this.title, state: this.state, progress: this.progress, ...(this.finished ? { finished: this.finished } : {}) };
  }
}

/**
 * Runs jobs: each gets an id at once, an AbortSignal and a progress reporter, and publishes `job.progress` and
 * `job.finished`. It serves `jobs.get` and `jobs.cancel`; shutting it down cancels every job and waits for them.
 */
export class JobRunner implements HostService {
  readonly name = 'jobs service';
  private readonly jobs = new Map<string, JobRecord>();
  private closed = false;

  readonly serves: { readonly jobs: ContractGroup<'jobs'> } = {
    jobs: {
      get: async ({ jobId }) => this.record(jobId, `There is no job ${jobId}; it may have finished long ago.`).status(),
      cancel: async ({ jobId }) => this.cancel(jobId),
    },
  };

  constructor(
    private readonly events: EventHub,
    private readonly log: ErrorLog = console.error,
  ) {}

  /** Starts `kind` on `arg` and answers its id before the job has done anything. */
  start<A>(kind: JobKind<A>, arg: A): JobStarted {
    if (this.closed) throw new AppError('refused', 'Briefdesk is shutting down, so it starts no new work.');
    const record = new JobRecord(randomUUID(), kind.kind, kind.title(arg));
    this.jobs.set(record.jobId, record);
    record.settled = this.run(record, kind, arg);
    return { jobId: record.jobId };
  }

  /** How the job ended, once it has; for callers that wait (tests, a command-line tool). */
  settled(jobId: string): Promise<JobFinished> {
    return this.record(jobId, `There is no job ${jobId}.`).settled;
  }

  cancel(jobId: string): JobStatus {
    const record = this.record(jobId, `There is no job ${jobId} to cancel; it may have finished long ago.`);
    if (record.state === 'running') {
      record.state = 'cancelling';
      record.controller.abort();
    }
    return record.status();
  }

  /** Cancels every job and settles when all have stopped (a workspace switch: jobs belong to the workspace they run in). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((record) => !record.finished);
    for (const record of running) this.cancel(record.jobId);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<'gave up'>((resolve) => (timer = setTimeout(() => resolve('gave up'), SHUTDOWN_WAIT_MS)));
    const outcome = await Promise.race([Promise.all(running.map((record) => record.settled)), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'gave up') {
      const stuck = running.filter((record) => !record.finished).map((record) => record.title);
      this.log(`Cancelled jobs did not stop within ${SHUTDOWN_WAIT_MS / 1000} seconds: ${stuck.join('; ')}`, undefined);
    }
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    await this.cancelAll();
  }

  private record(jobId: string, unknown: string): JobRecord {
    const record = this.jobs.get(jobId);
    if (!record) throw new AppError('not_found', unknown);
    return record;
  }

  private context(record: JobRecord): JobContext {
    const { signal } = record.controller;
    return {
      jobId: record.jobId,
      signal,
      progress: (done, total, phrase) => {
        if (!Number.isInteger(done) || !Number.isInteger(total) || done < 0 || total < 0) throw new Error(`A job reported progress ${done} of ${total}`);
        if (record.finished) return;
        record.progress = { jobId: record.jobId, seq: record.progress.seq + 1, done, total, phrase };
        this.events.publish('job.progress', record.progress);
      },
      commit: async (files) => {
        signal.throwIfAborted();
        record.state = 'finishing';
        for (const file of files) await file.folder.write(file.relative, file.data, file.what);
      },
    };
  }

  private async run<A>(record: JobRecord, kind: JobKind<A>, arg: A): Promise<JobFinished> {
    const { jobId, controller } = record;
    // A cancel that came before the job began writing wins, whatever the job then did; one that came later is too late.
    const cancelledFirst = (): boolean => controller.signal.aborted && record.state !== 'finishing';
    let finished: JobFinished;
    try {
      // The caller has its id before the job takes its first step.
      await Promise.resolve();
      controller.signal.throwIfAborted();
      const message = await kind.run(arg, this.context(record));
      finished = cancelledFirst() ? this.cancelled(record) : { jobId, outcome: 'done', message };
    } catch (error) {
      if (cancelledFirst()) finished = this.cancelled(record);
      else {
        const typed = typedError(error, kind.kind, this.log);
        finished = { jobId, outcome: 'failed', message: typed.message, error: typed };
      }
    }
    record.state = 'finished';
    record.finished = finished;
    this.forgetOldJobs();
    this.events.publish('job.finished', finished);
    return finished;
  }

  private cancelled(record: JobRecord): JobFinished {
    return { jobId: record.jobId, outcome: 'cancelled', message: `${record.title} was cancelled; nothing was written.` };
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((record) => record.finished);
    for (const record of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.jobs.delete(record.jobId);
  }
}
