import { z } from 'zod';
import type { BriefdeskApi } from './client';
import { method, RpcErrorSchema, type RpcError } from './define';

/**
 * Long work (a catalogue reset; later export, import, re-index) is a contract call that starts a job and answers
 * with its id at once. What the job does after that arrives as `job.progress` and `job.finished` events, and can be
 * asked for with `jobs.get`; `jobs.cancel` stops it. A job writes its files only at its very end, so a cancelled or
 * failed job has written nothing.
 */
export const JobIdSchema = z.uuid();

/** What a call that starts a job answers. */
export const JobStartedSchema = z.object({ jobId: JobIdSchema });
export type JobStarted = z.infer<typeof JobStartedSchema>;

/** One progress report of one job: `done` of `total` steps, and what it is doing now in words. */
export const JobProgressSchema = z.object({
  jobId: JobIdSchema,
  /** Counts the job's reports from 0 (the state before its first report); a later report has a larger `seq`. */
  seq: z.number().int().min(0),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  phrase: z.string(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

/**
 * How a job ended. `message` is for the analyst: the job's own closing sentence when done, what was left undone when
 * cancelled, and the typed error's message when it failed (`error.code` is stable, for tests).
 */
export const JobFinishedSchema = z.discriminatedUnion('outcome', [
  z.object({ jobId: JobIdSchema, outcome: z.literal('done'), message: z.string() }),
  z.object({ jobId: JobIdSchema, outcome: z.literal('cancelled'), message: z.string() }),
  z.object({ jobId: JobIdSchema, outcome: z.literal('failed'), message: z.string(), error: RpcErrorSchema }),
]);
export type JobFinished = z.infer<typeof JobFinishedSchema>;

/**
 * `running`; `cancelling` once a cancel was asked for and the job has yet to stop; `finishing` while it writes its
 * files, when a cancel is too late and no longer honoured; `finished`, with `finished` saying how.
 */
export const JobStateSchema = z.enum(['running', 'cancelling', 'finishing', 'finished']);
export type JobState = z.infer<typeof JobStateSchema>;

export const JobStatusSchema = z.object({
  jobId: JobIdSchema,
  /** Stable name of what the job does, e.g. `facts.reset`. */
  kind: z.string(),
  /** What it does in words, e.g. "Resetting the catalogue hanoi-summit". */
  title: z.string(),
  state: JobStateSchema,
  progress: JobProgressSchema,
  finished: JobFinishedSchema.optional(),
});
export type JobStatus = z.infer<typeof JobStatusSchema>;

const JobIdArgs = z.object({ jobId: JobIdSchema });

export const jobsContract = {
  /** Where a job is now; a finished job is remembered for a while (the last 50). */
  get: method(JobIdArgs, JobStatusSchema),
  /**
   * Asks a running job to stop; answers its status. A job already finished, or finishing, is left as it is (the
   * status says so); an id the host does not know is refused with not_found.
   */
  cancel: method(JobIdArgs, JobStatusSchema),
};

export interface JobWatchHandlers {
  /** The job's latest progress, in order; steps that were missed (a stream reconnecting) are skipped, never replayed. */
  onProgress?: (progress: JobProgress) => void;
  /** Once, when the job has ended; watching stops there. */
  onFinished?: (finished: JobFinished) => void;
  /** Once, when the job cannot be followed (an unknown id, the host unreachable); watching stops there. */
  onError?: (error: RpcError) => void;
}

/** How often a watch asks for the job's status while it runs, besides listening to its events. */
export const JOB_STATUS_POLL_MS = 1000;

/**
 * Follows one job: its progress and its end, and nothing of any other job. Events make it prompt; a status check at
 * once and every `pollMs` makes it sure, since a job may report before the renderer subscribed (the id comes back
 * with the call that started it) or while the browser-mode event stream reconnects. Returns the unwatch.
 */
export function watchJob(
  api: Pick<BriefdeskApi, 'subscribe' | 'jobs'>,
  jobId: string,
  handlers: JobWatchHandlers,
  { pollMs = JOB_STATUS_POLL_MS }: { pollMs?: number } = {},
): () => void {
  let lastSeq = -1;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe: Array<() => void> = [];

  function stop(): void {
    stopped = true;
    clearTimeout(timer);
    for (const off of unsubscribe) off();
  }
  function progress(report: JobProgress): void {
    if (stopped || report.jobId !== jobId || report.seq <= lastSeq) return;
    lastSeq = report.seq;
    handlers.onProgress?.(report);
  }
  function finish(finished: JobFinished): void {
    if (stopped || finished.jobId !== jobId) return;
    stop();
    handlers.onFinished?.(finished);
  }
  async function check(): Promise<void> {
    const status = await api.jobs.get({ jobId });
    if (stopped) return;
    if (!status.ok) {
      stop();
      handlers.onError?.(status.error);
      return;
    }
    progress(status.value.progress);
    if (status.value.finished) finish(status.value.finished);
    else timer = setTimeout(() => void check(), pollMs);
  }

  unsubscribe.push(api.subscribe('job.progress', progress), api.subscribe('job.finished', finish));
  void check();
  return stop;
}
