import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from './outcomes';

/**
 * What "never written" is checked against: the bytes, and the inode and modification time in nanoseconds, so that
 * a reader that rewrites a file with the very same bytes (or replaces it atomically) is caught too.
 */
export interface EntryState {
  kind: 'file' | 'folder' | 'symlink' | 'other';
  ino: bigint;
  mtimeNs: bigint;
  size: bigint;
  /** sha256 of a file's bytes, or a symlink's target. */
  content: string;
}

async function entryState(path: string): Promise<EntryState | undefined> {
  const stats = await lstat(path, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!stats) return undefined;
  const kind = stats.isSymbolicLink() ? 'symlink' : stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
  const content = kind === 'file' ? createHash('sha256').update(await readFile(path)).digest('hex') : kind === 'symlink' ? await readlink(path) : '';
  return { kind, ino: stats.ino, mtimeNs: stats.mtimeNs, size: stats.size, content };
}

function differs(a: EntryState | undefined, b: EntryState | undefined): string | undefined {
  if (!a || !b) return a === b ? undefined : a ? 'it was removed' : 'it was created';
  if (a.kind !== b.kind) return `it turned from a ${a.kind} into a ${b.kind}`;
  if (a.content !== b.content || a.size !== b.size) return 'its content changed';
  if (a.ino !== b.ino) return 'it was replaced (a new inode)';
  // A folder's mtime moves when an entry is added or removed, even one removed again at once (a temp file).
  if (a.mtimeNs !== b.mtimeNs) return a.kind === 'folder' ? 'an entry was added or removed in it' : 'it was written (its modification time moved)';
  return undefined;
}

export function fileState(path: string): Promise<EntryState | undefined> {
  return entryState(path);
}

export async function expectFileUnchanged(path: string, before: EntryState | undefined, label: string): Promise<void> {
  const problem = differs(before, await entryState(path));
  if (problem) fail(`${label}: ${path} must not be written, but ${problem}`);
}

export type TreeState = ReadonlyMap<string, EntryState>;

/** Every entry below `root` but those `skip` names (never following symlinks), walked with an explicit stack. */
export async function treeState(root: string, skip: (relative: string) => boolean = () => false): Promise<TreeState> {
  const tree = new Map<string, EntryState>();
  const pending = [''];
  while (pending.length > 0) {
    const relative = pending.pop()!;
    if (skip(relative)) continue;
    const state = await entryState(join(root, relative));
    if (!state) continue;
    tree.set(relative, state);
    if (state.kind === 'folder') for (const name of await readdir(join(root, relative))) pending.push(relative ? join(relative, name) : name);
  }
  return tree;
}

export async function expectTreeUnchanged(root: string, before: TreeState, label: string, skip?: (relative: string) => boolean): Promise<void> {
  const after = await treeState(root, skip);
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const problem = differs(before.get(path), after.get(path));
    if (problem) fail(`${label}: ${join(root, path)} lies outside what may be touched, but ${problem}`);
  }
}
