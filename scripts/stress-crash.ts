/**
 * Crash trials by the thousand: a child saving briefs is killed with SIGKILL at a random moment, a fresh start
 * checks every brief. See test/crash/crashTrials.ts.
 *
 *   npm run stress:crash -- [--trials 10000] [--seed 1] [--lanes 2] [--max-bytes 204800]
 *
 * Exits 1 if any brief was corrupt, any acknowledged save was lost or any temp file survived a start.
 */
import { availableParallelism } from 'node:os';
import { runCrashTrials } from '../test/crash/crashTrials';

function flag(argv: readonly string[], name: string, fallback: number): number {
  const index = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (index < 0) return fallback;
  const arg = argv[index]!;
  const text = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, not ${text ?? 'nothing'}`);
  return value;
}

async function main(argv: readonly string[]): Promise<number> {
  const trials = flag(argv, 'trials', 10_000);
  const seed = flag(argv, 'seed', 1);
  const lanes = flag(argv, 'lanes', Math.min(2, availableParallelism()));
  const maxBytes = flag(argv, 'max-bytes', 200 * 1024);
  const every = Math.max(1, Math.round(trials / 100));
  const started = performance.now();
  console.log(`crash trials: ${trials} kills, seed ${seed}, ${lanes} lane(s), 3 briefs, content 1 B–${maxBytes} B, kill 5–150 ms after READY`);

  const figures = await runCrashTrials({
    trials,
    seed,
    lanes,
    maxBytes,
    onProgress: (done, f) => {
      if (done % every !== 0 && done !== trials) return;
      const elapsed = (performance.now() - started) / 1000;
      const eta = (elapsed / done) * (trials - done);
      console.log(
        `${String(done).padStart(String(trials).length)}/${trials}  corrupt ${f.corrupt}  lost ${f.lost}  tempLeft ${f.tempLeft}  ` +
          `acked ${f.acknowledged}  in-flight landed ${f.inFlightLanded}  killed mid-write ${f.killedMidWrite}  ` +
          `${elapsed.toFixed(0)} s elapsed, ~${eta.toFixed(0)} s to go`,
      );
    },
  });

  const seconds = (performance.now() - started) / 1000;
  console.log('\nfinal figures');
  console.log(JSON.stringify({ ...figures, seconds: Math.round(seconds), msPerTrial: Math.round((seconds * 1000) / figures.trials) }, null, 2));
  const failed = figures.corrupt + figures.lost + figures.tempLeft > 0;
  console.log(failed ? 'FAILED: see problems above' : 'OK: no corrupt brief, no lost acknowledged save, no temp file left');
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(2);
  },
);
