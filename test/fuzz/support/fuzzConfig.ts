import type { Parameters } from 'fast-check';

/**
 * How hard the fuzz suite pushes. `npm test` (plain `vitest run`) uses the default, sized so that every fuzz file
 * together stays well under a minute on two cores; `npm run fuzz` sets FUZZ_RUNS=20000. The seed is fixed so a
 * failure in CI replays exactly on a laptop; FUZZ_SEED explores other corners without touching the code.
 */
const DEFAULT_RUNS = 150;
const DEFAULT_SEED = 0x5eed_b1ef;

function positiveInteger(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return value;
}

export const FUZZ_RUNS = positiveInteger(process.env.FUZZ_RUNS, DEFAULT_RUNS, 'FUZZ_RUNS');
export const FUZZ_SEED = positiveInteger(process.env.FUZZ_SEED, DEFAULT_SEED, 'FUZZ_SEED');

/**
 * A call that has not answered after this long is a hang, not a slow disk: the largest generated input is a few
 * megabytes, which every reader handles in well under a second.
 */
export const CALL_DEADLINE_MS = 5_000;

/**
 * The runs of one property: FUZZ_RUNS scaled by `share`. A property whose every run costs a whole brief file on disk
 * or a dozen contract calls takes a share below 1 so the default run keeps its time budget; with FUZZ_RUNS=20000 it
 * still gets thousands.
 */
export function runsFor(share = 1): number {
  return Math.max(10, Math.round(FUZZ_RUNS * share));
}

export function fuzzParams<T>(numRuns: number, extra: Partial<Parameters<T>> = {}): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns, ...extra };
}

/**
 * The vitest timeout of a property test: generous per run (a slow shared CI disk), never below the default, so that
 * FUZZ_RUNS=20000 does not trip it while a real hang still fails at CALL_DEADLINE_MS on the call itself.
 */
export function testTimeout(numRuns: number, msPerRun: number): number {
  return Math.max(60_000, numRuns * msPerRun + CALL_DEADLINE_MS);
}
