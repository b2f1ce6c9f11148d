import type { ConfinedFolder } from '../../platform/confinedFolder';

/**
 * File systems stamp times from a coarse clock (a few milliseconds; two seconds on FAT), so a file written again
 * within one tick, in place and at the same size, looks unchanged. A file modified this recently is read every time.
 */
const RACY_MS = 3_000;

/**
 * What was worked out from a file, kept while the file is unchanged, so listing a workspace of a thousand briefs
 * reads and parses only the ones that changed. Unchanged means the same inode, size, and modification and change
 * times: our saves replace the file (a new inode), and an outside editor that writes in place moves the times.
 */
export class FileSummaryCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T }>();

  constructor(private readonly files: ConfinedFolder) {}

  /** The value for the file at `path` (relative to the folder), from `compute` when the file is new or has changed since. */
  async get(path: string, compute: () => Promise<T>): Promise<T> {
    // Stat before reading: if the file changes in between, the value is newer than its stamp and the next call,
    // seeing another stamp, computes it again. Anything but a regular file is never cached.
    const found = await this.files.stamp(path);
    if (!found || Date.now() - found.mtimeMs < RACY_MS) return compute();
    const { stamp } = found;
    const cached = this.entries.get(path);
    if (cached?.stamp === stamp) return cached.value;
    const value = await compute();
    this.entries.set(path, { stamp, value });
    return value;
  }

  /** Forgets every file but these (the ones still listed). */
  keepOnly(paths: ReadonlySet<string>): void {
    for (const path of this.entries.keys()) if (!paths.has(path)) this.entries.delete(path);
  }
}
