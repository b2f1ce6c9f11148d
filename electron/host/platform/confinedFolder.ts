import { constants, type Stats } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { isAbsolute, join, posix, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/contract/define';
import { writeFileAtomic, type SaveFs } from './atomicWrite';
import { FolderWatcher, type FileEventKind } from './folderWatcher';
import { errnoCode, ioError } from './ioErrors';

/**
 * Read-only, no symlink at the last step, and never block: a FIFO opened without O_NONBLOCK waits for a writer and
 * holds one of libuv's four threads for good, which after a few calls freezes every file operation of the host.
 */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export type EntryKind = 'file' | 'folder' | 'symlink' | 'other';

export interface FolderEntry {
  name: string;
  kind: EntryKind;
}

/** What identifies one version of a file without reading it: inode, size, and modification and change times. */
export interface FileStamp {
  stamp: string;
  mtimeMs: number;
}

export interface ReadOptions {
  /** Files larger than this are refused before a byte is read. */
  maxBytes: number;
  /** Names the file in errors: "The brief hanoi". */
  what: string;
}

function kindOf(stats: Stats): EntryKind {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'folder';
  return 'other';
}

function megabytes(bytes: number): string {
  const mb = bytes / 2 ** 20;
  if (mb >= 1) return Number.isInteger(mb) ? `${mb} MB` : `${mb.toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** Why a file of this kind is not read or written, in words; undefined for a regular file. */
export function refusalOf(kind: EntryKind): string | undefined {
  if (kind === 'symlink') return 'it is a symbolic link, which Briefdesk never follows';
  if (kind === 'folder') return 'it is a folder, not a file';
  if (kind === 'other') return 'it is a device, pipe or socket, not a file';
  return undefined;
}

/**
 * The one way the host touches files: everything under one root folder, resolved once. Every path is relative to the
 * root and checked on the way down: each folder below the root must be a real folder (`lstat`, never a symlink) and
 * the file itself a regular file, opened with O_NOFOLLOW. Reads are bounded on the open handle before reading, so a
 * planted `/dev/zero` or a 10 GB file costs nothing; nothing is ever created outside the root.
 *
 * A rename of a folder between the check and the open could still redirect one call; Node has no openat2 with
 * RESOLVE_BENEATH. The O_NOFOLLOW open and the fstat after it still refuse a final symlink or a special file.
 */
export class ConfinedFolder {
  /** Set when nothing may be written here: every change is refused with this reason before it is tried. */
  private readOnlyReason: string | undefined;

  private constructor(
    readonly root: string,
    private readonly saveFs: SaveFs,
  ) {}

  get readOnly(): string | undefined {
    return this.readOnlyReason;
  }

  /** From now on, refuse every change with `reason` (a read-only disk, a workspace folder that is a symlink). */
  refuseWrites(reason: string): void {
    this.readOnlyReason = reason;
  }

  private assertWritable(): void {
    if (this.readOnlyReason) throw new AppError('io_error', this.readOnlyReason);
  }

  /** Opens `root` (made first when `create`, for a folder Briefdesk owns); its real path is the root from then on. */
  static async open(root: string, options: { create?: boolean; saveFs?: SaveFs; what?: string } = {}): Promise<ConfinedFolder> {
    const what = options.what ?? `The folder ${root}`;
    try {
      if (options.create) await nodeFs.mkdir(root, { recursive: true });
      const real = await nodeFs.realpath(root);
      const stats = await nodeFs.stat(real);
      if (!stats.isDirectory()) throw new AppError('refused', `${what} is not a folder.`);
      return new ConfinedFolder(real, options.saveFs ?? nodeFs);
    } catch (error) {
      throw ioError(error, what, 'cannot be opened');
    }
  }

  /** The absolute path of `relative`, refused if it is empty, absolute, or climbs out with `..`. */
  path(relative: string): string {
    const parts = this.parts(relative);
    return join(this.root, ...parts);
  }

  private parts(relative: string): string[] {
    const normal = relative.split(sep).join('/');
    const parts = normal.split('/').filter((p) => p !== '' && p !== '.');
    if (isAbsolute(relative) || parts.length === 0 || parts.includes('..') || parts.some((p) => p.includes('\0'))) {
      throw new AppError('refused', `The path ${relative} lies outside the workspace.`);
    }
    const target = resolve(this.root, ...parts);
    if (target !== this.root && !target.startsWith(this.root.endsWith(sep) ? this.root : this.root + sep)) {
      throw new AppError('refused', `The path ${relative} lies outside the workspace.`);
    }
    return parts;
  }

  /** `lstat` of a path below the root, after checking every folder above it; undefined when it does not exist. */
  private async lstatChecked(parts: readonly string[]): Promise<Stats | undefined> {
    await this.checkFolders(parts.slice(0, -1));
    try {
      return await nodeFs.lstat(join(this.root, ...parts));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return undefined;
      throw ioError(error, `The path ${posix.join(...parts)}`, 'could not be checked');
    }
  }

  /** Every folder on the way down must be a real folder: a symlinked `briefs/` or `.briefdesk/` is refused. */
  private async checkFolders(folders: readonly string[]): Promise<void> {
    for (let depth = 1; depth <= folders.length; depth++) {
      const relative = folders.slice(0, depth);
      let stats: Stats;
      try {
        stats = await nodeFs.lstat(join(this.root, ...relative));
      } catch (error) {
        if (errnoCode(error) === 'ENOENT') throw new AppError('not_found', `The folder ${posix.join(...relative)} does not exist.`);
        throw ioError(error, `The folder ${posix.join(...relative)}`, 'could not be checked');
      }
      if (!stats.isDirectory()) {
        const reason = stats.isSymbolicLink() ? 'it is a symbolic link, which Briefdesk never follows' : 'it is not a folder';
        throw new AppError('refused', `The folder ${posix.join(...relative)} is not used: ${reason}.`);
      }
    }
  }

  /** What is at `relative`, without following it; undefined when nothing is. */
  async kind(relative: string): Promise<EntryKind | undefined> {
    const stats = await this.lstatChecked(this.parts(relative)).catch(orMissing);
    return stats ? kindOf(stats) : undefined;
  }

  /** A regular file's identity and age, or undefined when `relative` is missing or not a regular file. */
  async stamp(relative: string): Promise<FileStamp | undefined> {
    const stats = await nodeFs.lstat(this.path(relative), { bigint: true }).catch(() => undefined);
    if (!stats?.isFile()) return undefined;
    return { stamp: `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`, mtimeMs: Number(stats.mtimeMs) };
  }

  /** The entries of a folder, each with its kind as found (symlinks are reported as symlinks, not followed). */
  async list(relative: string): Promise<FolderEntry[]> {
    const parts = this.parts(relative);
    await this.checkFolders(parts);
    try {
      const entries = await nodeFs.readdir(join(this.root, ...parts), { withFileTypes: true });
      return entries.map((entry) => ({
        name: entry.name,
        kind: entry.isSymbolicLink() ? 'symlink' : entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other',
      }));
    } catch (error) {
      throw ioError(error, `The folder ${relative}`, 'could not be listed');
    }
  }

  /** The names of the regular files and other entries in a folder; an empty list when the folder does not exist. */
  async listIfPresent(relative: string): Promise<FolderEntry[]> {
    try {
      return await this.list(relative);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return [];
      throw error;
    }
  }

  /**
   * Opens a regular file for reading after every check: missing → not_found; a symlink, folder, device or pipe →
   * refused. The kind is checked again on the open handle, so a file swapped between the check and the open is
   * caught too.
   */
  private async openForReading(relative: string, what: string): Promise<{ handle: nodeFs.FileHandle; size: number }> {
    const parts = this.parts(relative);
    const found = await this.lstatChecked(parts).catch((error: unknown) => {
      throw ioError(error, what, 'could not be read');
    });
    if (!found) throw new AppError('not_found', `${what} does not exist.`);
    const refusal = refusalOf(kindOf(found));
    if (refusal) throw new AppError('refused', `${what} is not read: ${refusal}.`);
    let handle: nodeFs.FileHandle;
    try {
      handle = await nodeFs.open(join(this.root, ...parts), READ_FLAGS);
    } catch (error) {
      throw ioError(error, what, 'could not be read');
    }
    const stats = await handle.stat().catch(async (error: unknown) => {
      await handle.close().catch(() => undefined);
      throw ioError(error, what, 'could not be read');
    });
    const late = refusalOf(kindOf(stats));
    if (late) {
      await handle.close().catch(() => undefined);
      throw new AppError('refused', `${what} is not read: ${late}.`);
    }
    return { handle, size: stats.size };
  }

  /** Reads up to `length` bytes from the start of an open file. */
  private static async readUpTo(handle: nodeFs.FileHandle, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }

  /**
   * Reads a regular file of at most `maxBytes`, checked on the open handle before a byte is read; larger → damaged,
   * anything else that fails → io_error in words. The file is never changed.
   */
  async read(relative: string, { maxBytes, what }: ReadOptions): Promise<Buffer> {
    const { handle, size } = await this.openForReading(relative, what);
    try {
      if (size > maxBytes) throw tooLarge(what, size, maxBytes);
      // One byte past the size found: a file that grows while it is read is caught without reading all of it.
      const bytes = await ConfinedFolder.readUpTo(handle, Math.min(size, maxBytes) + 1);
      if (bytes.length > maxBytes) throw tooLarge(what, bytes.length, maxBytes);
      return bytes;
    } catch (error) {
      throw ioError(error, what, 'could not be read');
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** The first `maxBytes` of a regular file of any size, and whether there was more (the raw view of a damaged brief). */
  async readPrefix(relative: string, { maxBytes, what }: ReadOptions): Promise<{ bytes: Buffer; truncated: boolean }> {
    const { handle, size } = await this.openForReading(relative, what);
    try {
      const bytes = await ConfinedFolder.readUpTo(handle, Math.min(size, maxBytes));
      return { bytes, truncated: size > bytes.length };
    } catch (error) {
      throw ioError(error, what, 'could not be read');
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /** Makes a folder and any missing folders above it, each a real folder inside the root, never through a symlink. */
  async mkdir(relative: string): Promise<void> {
    this.assertWritable();
    const parts = this.parts(relative);
    for (let depth = 1; depth <= parts.length; depth++) {
      const path = join(this.root, ...parts.slice(0, depth));
      const name = posix.join(...parts.slice(0, depth));
      const stats = await nodeFs.lstat(path).catch((error: unknown) => {
        if (errnoCode(error) === 'ENOENT') return undefined;
        throw ioError(error, `The folder ${name}`, 'could not be checked');
      });
      if (stats?.isDirectory()) continue;
      if (stats) throw new AppError('refused', `The folder ${name} is not used: ${refusalOf(kindOf(stats)) ?? 'it is not a folder'}.`);
      try {
        await nodeFs.mkdir(path);
      } catch (error) {
        if (errnoCode(error) !== 'EEXIST') throw ioError(error, `The folder ${name}`, 'could not be created');
        if (!(await nodeFs.lstat(path)).isDirectory()) throw new AppError('refused', `The folder ${name} is not used: it is not a folder.`);
      }
    }
  }

  /**
   * Replaces a file atomically (temp file, fsync, rename, fsync the folder). The folders above it must exist and be
   * real; a symlink at the target is replaced by the file, never written through.
   */
  async write(relative: string, data: string | Uint8Array, what: string, reassurance = 'The previous version on disk is intact.'): Promise<void> {
    this.assertWritable();
    const parts = this.parts(relative);
    try {
      await this.checkFolders(parts.slice(0, -1));
      await writeFileAtomic(join(this.root, ...parts), data, this.saveFs);
    } catch (error) {
      throw ioError(error, what, 'could not be saved', reassurance);
    }
  }

  /** Creates a file that must not exist yet (O_EXCL, O_NOFOLLOW); false when something is already there. */
  async createExclusive(relative: string, data: string): Promise<boolean> {
    this.assertWritable();
    const parts = this.parts(relative);
    await this.checkFolders(parts.slice(0, -1));
    let handle: nodeFs.FileHandle;
    try {
      handle = await nodeFs.open(join(this.root, ...parts), CREATE_FLAGS, 0o644);
    } catch (error) {
      if (errnoCode(error) === 'EEXIST' || errnoCode(error) === 'ELOOP') return false;
      throw ioError(error, `The file ${relative}`, 'could not be created');
    }
    try {
      // No fsync: what is created this way (the seed marker, the write check) costs nothing if a crash loses it.
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    return true;
  }

  /** Removes a file (a symlink itself, never its target); a file already gone is fine. */
  async remove(relative: string, what: string): Promise<void> {
    this.assertWritable();
    const parts = this.parts(relative);
    try {
      const stats = await this.lstatChecked(parts).catch(orMissing);
      if (!stats) return;
      if (stats.isDirectory()) throw new AppError('refused', `${what} is a folder; Briefdesk removes only files.`);
      await nodeFs.unlink(join(this.root, ...parts));
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return;
      throw ioError(error, what, 'could not be removed');
    }
  }

  /** Moves a regular file within the root; refused for symlinks and special files, and when the target exists. */
  move(from: string, to: string, what: string): Promise<void> {
    return this.rename(from, to, what, (kind) => refusalOf(kind), 'could not be moved');
  }

  /**
   * Renames whatever entry is at `from` (a damaged file, a symlink, a pipe — never a folder) to `to`, without
   * following or reading it: rename acts on the entry itself.
   */
  setAside(from: string, to: string, what: string): Promise<void> {
    return this.rename(from, to, what, (kind) => (kind === 'folder' ? 'it is a folder; only files are set aside' : undefined), 'could not be set aside');
  }

  private async rename(from: string, to: string, what: string, refusal: (kind: EntryKind) => string | undefined, doing: string): Promise<void> {
    this.assertWritable();
    const fromParts = this.parts(from);
    const toParts = this.parts(to);
    try {
      const source = await this.lstatChecked(fromParts);
      if (!source) throw new AppError('not_found', `${what} does not exist.`);
      const refused = refusal(kindOf(source));
      if (refused) throw new AppError('refused', `${what} is not moved: ${refused}.`);
      if (await this.lstatChecked(toParts)) throw new AppError('already_exists', `${to} exists already.`);
      await nodeFs.rename(join(this.root, ...fromParts), join(this.root, ...toParts));
    } catch (error) {
      throw ioError(error, what, doing);
    }
  }

  /** Watches one folder below the root, never following a symlink in it. */
  watch(relative: string, accept: (name: string) => boolean, onEvent: (name: string, kind: FileEventKind) => void): FolderWatcher {
    return new FolderWatcher(this.path(relative), accept, onEvent);
  }

  /** Temp files a crash left mid-save in `relative` and below it (to `depth` levels), never through a symlink. */
  async staleTempFiles(relative: string, isTemp: (name: string) => boolean, depth: number): Promise<string[]> {
    const found: string[] = [];
    for (const entry of await this.listIfPresent(relative).catch(() => [])) {
      const path = posix.join(relative, entry.name);
      if (entry.kind === 'file' && isTemp(entry.name)) found.push(path);
      else if (entry.kind === 'folder' && depth > 0) found.push(...(await this.staleTempFiles(path, isTemp, depth - 1)));
    }
    return found;
  }
}

/** For `.catch`: a missing folder on the way means the entry is missing too. */
function orMissing(error: unknown): undefined {
  if (error instanceof AppError && error.code === 'not_found') return undefined;
  throw error;
}

function tooLarge(what: string, size: number, maxBytes: number): AppError {
  return new AppError('damaged', `${what} cannot be read: at ${megabytes(size)} it is larger than the ${megabytes(maxBytes)} Briefdesk reads.`);
}
