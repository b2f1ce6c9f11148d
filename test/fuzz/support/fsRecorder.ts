import { isAbsolute, resolve, sep } from 'node:path';
import { fail, settle, type Outcome } from './outcomes';

/**
 * "Never a read outside the root", checked where it happens: a test file mocks `node:fs/promises` (the only fs module
 * electron/host imports for its file work) with `recordingFs`, and every path the host hands to it while a call is
 * recorded is kept. This module must not import `node:fs/promises` itself, or the mock would wrap itself.
 *
 *   vi.mock('node:fs/promises', async (importOriginal) => (await import('./support/fsRecorder')).recordingFs(await importOriginal()));
 *
 * vi.mock is hoisted above the imports, so the factory must load this module itself; the call is one line per file.
 */

/** Which arguments of each fs function name a path (symlink's first argument is the link's text, not a path it opens). */
const PATH_ARGUMENTS: Readonly<Record<string, readonly number[]>> = {
  access: [0], appendFile: [0], chmod: [0], chown: [0], copyFile: [0, 1], cp: [0, 1], lchmod: [0], lchown: [0],
  link: [0, 1], lstat: [0], lutimes: [0], mkdir: [0], mkdtemp: [0], open: [0], opendir: [0], readdir: [0],
  readFile: [0], readlink: [0], realpath: [0], rename: [0, 1], rm: [0], rmdir: [0], stat: [0], statfs: [0],
  symlink: [1], truncate: [0], unlink: [0], utimes: [0], watch: [0], writeFile: [0],
};

const log = { recording: false, paths: [] as Array<{ fn: string; path: string }> };

export function recordingFs(actual: unknown): Record<string, unknown> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(actual as Record<string, unknown>)) {
    const positions = PATH_ARGUMENTS[name];
    if (typeof value !== 'function' || !positions) {
      wrapped[name] = value;
      continue;
    }
    const original = value as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      if (log.recording) for (const at of positions) if (at < args.length && typeof args[at] !== 'number') log.paths.push({ fn: name, path: String(args[at]) });
      return original(...args);
    };
  }
  // `import fs from 'node:fs/promises'` gets the same wrapped functions as `import * as fs`.
  wrapped.default = { ...wrapped };
  return wrapped;
}

function inside(path: string, roots: readonly string[]): boolean {
  // A relative path would be resolved against the test's working directory, which is outside every root.
  if (!isAbsolute(path)) return false;
  const target = resolve(path);
  return roots.some((root) => target === root || target.startsWith(root.endsWith(sep) ? root : root + sep));
}

/**
 * Runs one call under the per-call deadline (see settle) while recording the paths it hands to the file system, and
 * fails if any lies outside `roots` (lexically: symlinks are the ConfinedFolder's business, checked by the sentinels).
 */
export async function confinedCall<T>(label: string, roots: readonly string[], work: () => T | Promise<T>): Promise<Outcome<T>> {
  log.paths.length = 0;
  log.recording = true;
  let outcome: Outcome<T>;
  try {
    outcome = await settle(label, work);
  } finally {
    log.recording = false;
  }
  const outside = log.paths.filter(({ path }) => !inside(path, roots));
  if (outside.length > 0) {
    fail(`${label} reached outside ${roots.join(', ')}: ${outside.slice(0, 5).map(({ fn, path }) => `${fn}(${JSON.stringify(path.slice(0, 200))})`).join(', ')}`);
  }
  return outcome;
}

/** How many fs calls the last recorded call made: a sanity check that the mock is really in place. */
export function recordedCallCount(): number {
  return log.paths.length;
}
