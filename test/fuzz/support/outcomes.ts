import type { z } from 'zod';
import { AppError, ErrorCodeSchema, ResultEnvelopeSchema, type ResultEnvelope } from '../../../shared/contract/define';
import { CALL_DEADLINE_MS } from './fuzzConfig';

/**
 * What "a typed error or a valid value" means, in one place for every fuzz property: a thrown AppError (direct calls)
 * or an `{ ok: false, error }` envelope (the dispatcher) with a code of the contract's ErrorCodeSchema other than
 * `internal`, and a message an analyst can read: not empty, no stack frames, no Node errno text with a path in it.
 * `internal` is the dispatcher's catch-all for an exception no service turned into words: for a fuzz input that is
 * the crash this suite looks for, so it fails the property like an uncaught throw would.
 */

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A failed property: fast-check prints this message with the counterexample and the seed to replay it. */
export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

class Hang extends FuzzFailure {}

export function fail(message: string): never {
  throw new FuzzFailure(message);
}

/**
 * Runs one call under the per-call deadline. An async call still pending at the deadline fails as a hang; a
 * synchronous one cannot be interrupted, so its elapsed time is checked afterwards (a real infinite loop is left to
 * vitest's test timeout).
 */
export async function settle<T>(label: string, work: () => T | Promise<T>, ms = CALL_DEADLINE_MS): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Hang(`${label} did not answer within ${ms} ms: a hang`)), ms);
  });
  const started = performance.now();
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: await Promise.race([Promise.resolve().then(work), deadline]) };
  } catch (error) {
    if (error instanceof Hang) throw error;
    outcome = { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
  const elapsed = performance.now() - started;
  if (elapsed > ms) fail(`${label} took ${Math.round(elapsed)} ms (the deadline is ${ms} ms): a hang`);
  return outcome;
}

const STACK_FRAME = /^\s*at\s.+(:\d+:\d+\)?$|\(native\)|\(<anonymous>\))/m;
/** Node's own error text: "ENOENT: no such file or directory, open '/home/…'". ioErrors.ts turns it into words. */
const NODE_ERRNO_TEXT = /\bE[A-Z]{2,}: [a-z]/;

/** Why a message is not one to show an analyst, or undefined. */
export function messageProblem(message: unknown): string | undefined {
  if (typeof message !== 'string' || message.trim() === '') return `the message is empty (${JSON.stringify(message)})`;
  if (STACK_FRAME.test(message)) return `the message carries a stack trace: ${message.slice(0, 300)}`;
  if (message.includes('node:internal')) return `the message names Node internals: ${message.slice(0, 300)}`;
  if (NODE_ERRNO_TEXT.test(message)) return `the message is Node's raw errno text: ${message.slice(0, 300)}`;
  return undefined;
}

function describeThrown(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return `${error.name}${code ? ` (${code})` : ''}: ${error.message.slice(0, 300)}`;
  }
  return `a non-error value ${String(error).slice(0, 100)}`;
}

/** A thrown value must be an AppError with a contract code (never `internal`) and a readable message. */
export function expectTypedError(error: unknown, label: string): void {
  if (!(error instanceof AppError)) fail(`${label}: threw ${describeThrown(error)} instead of an AppError`);
  if (!ErrorCodeSchema.safeParse(error.code).success) fail(`${label}: the error code ${String(error.code)} is not in ErrorCodeSchema`);
  if (error.code === 'internal') fail(`${label}: an AppError('internal'): ${error.message}`);
  const problem = messageProblem(error.message);
  if (problem) fail(`${label}: ${problem}`);
}

/** The outcome of a direct call: a value `validate` accepts, or a typed error. */
export function expectTypedOutcome<T>(outcome: Outcome<T>, label: string, validate: (value: T) => void): void {
  if (outcome.ok) validate(outcome.value);
  else expectTypedError(outcome.error, label);
}

/** A value must pass `schema`; the first issue names where it does not. */
export function expectSchema(schema: z.ZodType, value: unknown, label: string): void {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`${label}: the value does not match its schema: ${issue?.message ?? 'rejected'} at ${issue?.path.join('.') || '(top)'}`);
  }
}

/**
 * A dispatcher answer must be a well-formed envelope; an `ok` value must pass the method's result schema both as
 * returned and after the JSON round trip of the browser-mode transport (what the renderer actually receives: the
 * client turns a value that does not match into an `internal` error); an error must be typed as above. Returns the
 * envelope for further checks.
 */
export function expectTypedEnvelope(
  envelope: unknown,
  resultSchema: z.ZodType,
  label: string,
  /** What the host logged during the call: the dispatcher's `internal` message names no cause, its log does. */
  hostLog: () => string = () => '',
): ResultEnvelope {
  const parsed = ResultEnvelopeSchema.safeParse(envelope);
  if (!parsed.success) fail(`${label}: the answer is not a result envelope: ${parsed.error.issues[0]?.message}`);
  const result = parsed.data;
  if (!result.ok) {
    if (result.error.code === 'internal') {
      const logged = hostLog();
      fail(`${label}: an internal error: ${result.error.message}${logged ? ` (the host logged: ${logged})` : ''}`);
    }
    const problem = messageProblem(result.error.message);
    if (problem) fail(`${label}: ${problem}`);
    return result;
  }
  expectSchema(resultSchema, result.value, label);
  let text: string;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    fail(`${label}: the answer cannot cross the HTTP transport: ${describeThrown(error)}`);
  }
  const received = ResultEnvelopeSchema.parse(JSON.parse(text));
  if (received.ok) expectSchema(resultSchema, received.value, `${label} (after the JSON transport)`);
  else fail(`${label}: the JSON transport turned an ok answer into an error`);
  return result;
}
