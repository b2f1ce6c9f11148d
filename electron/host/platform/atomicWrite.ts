import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file-system calls a save makes: the seam where tests inject short writes, ENOSPC, EIO and the like. */
export type SaveFs = Pick<typeof nodeFs, 'open' | 'rename' | 'unlink'>;

export const TEMP_SUFFIX = '.briefdesk-tmp';

export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/**
 * Crash-safe replace: write a temp file beside the target, loop until every byte is written, fdatasync,
 * rename over the target, fsync the folder. Either the old file or the new one survives a crash at any point.
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array, fs: SaveFs = nodeFs): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await fs.open(temp, 'wx', 0o644);
  try {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, offset);
      if (bytesWritten <= 0) throw saveError('ESTALLED', `write made no progress at byte ${offset} of ${bytes.length}`);
      offset += bytesWritten;
    }
    await handle.datasync();
    const { size } = await handle.stat();
    if (size !== bytes.length) throw saveError('ESIZE', `temp file holds ${size} bytes, expected ${bytes.length}`);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  try {
    await syncFolder(folder, fs);
  } catch (error) {
    throw new NotDurableError(error);
  }
}

/** The new file is in place, but the folder sync that makes the rename survive a power cut failed. */
export class NotDurableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`the folder could not be synced after the rename: ${(cause as Error).message}`);
    this.name = 'NotDurableError';
  }
}

/** An error with an errno-style code of our own, so the analyst is told what happened in words (see ioErrors). */
function saveError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

async function syncFolder(folder: string, fs: SaveFs): Promise<void> {
  let handle: nodeFs.FileHandle;
  try {
    handle = await fs.open(folder, 'r');
  } catch {
    // Windows cannot open a folder for syncing; NTFS journals the rename itself.
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!isUnsupportedSync(error)) throw error;
  } finally {
    await handle.close();
  }
}

function isUnsupportedSync(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EINVAL' || code === 'EISDIR' || code === 'EPERM' || code === 'ENOTSUP';
}
