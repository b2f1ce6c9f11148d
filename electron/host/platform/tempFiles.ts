import { isTempFileName } from './atomicWrite';
import type { ConfinedFolder } from './confinedFolder';

/** Temp files a crash left behind mid-save, in `folder` and below it (to `depth` levels), as paths relative to the root. */
export function findStaleTempFiles(files: ConfinedFolder, folder: string, depth = 3): Promise<string[]> {
  return files.staleTempFiles(folder, isTempFileName, depth);
}

export async function removeStaleTempFiles(files: ConfinedFolder, folder: string, depth = 3): Promise<string[]> {
  const stale = await findStaleTempFiles(files, folder, depth);
  await Promise.all(stale.map((path) => files.remove(path, 'A leftover temp file')));
  return stale;
}
