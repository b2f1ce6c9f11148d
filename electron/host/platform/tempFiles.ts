import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isTempFileName } from './atomicWrite';

/** Removes temp files a crash left behind mid-save, in `folder` and below it (to `depth` levels). */
export async function removeStaleTempFiles(folder: string, depth = 3): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isFile() && isTempFileName(entry.name)) {
      await rm(path, { force: true });
      removed.push(path);
    } else if (entry.isDirectory() && depth > 0) {
      removed.push(...(await removeStaleTempFiles(path, depth - 1)));
    }
  }
  return removed;
}
