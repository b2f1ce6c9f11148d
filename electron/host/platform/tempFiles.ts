import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isTempFileName } from './atomicWrite';

/** Temp files a crash left behind mid-save, in `folder` and below it (to `depth` levels). */
export async function findStaleTempFiles(folder: string, depth = 3): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isFile() && isTempFileName(entry.name)) found.push(path);
    else if (entry.isDirectory() && depth > 0) found.push(...(await findStaleTempFiles(path, depth - 1)));
  }
  return found;
}

export async function removeStaleTempFiles(folder: string, depth = 3): Promise<string[]> {
  const stale = await findStaleTempFiles(folder, depth);
  await Promise.all(stale.map((path) => rm(path, { force: true })));
  return stale;
}
