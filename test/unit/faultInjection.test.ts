import * as nodeFs from 'node:fs/promises';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TEMP_SUFFIX, writeFileAtomic, type SaveFs } from '../../electron/host/platform/atomicWrite';
import type { Dispatcher } from '../../electron/host/dispatcher';
import type { ResultEnvelope } from '../../shared/contract/index';
import { emptyEditorState, type Brief, type EditorStateJSON } from '../../shared/model/brief';
import { tempDir } from '../support/tempWorkspace';
import { testContainer } from '../support/testContainer';

type Stage = 'open' | 'write' | 'datasync' | 'stat' | 'rename' | 'folderSync';
type FaultCode = 'ENOSPC' | 'EIO' | 'EACCES' | 'EINVAL';

interface Faults {
  /** Errors to throw, by the call that throws them. */
  fail: Partial<Record<Stage, FaultCode>>;
  /** Let this many write() calls through before `fail.write` applies (a disk that fills up mid-file). */
  failWriteAfter: number;
  /** Cap on the bytes one write() call accepts: a short write, as a full pipe or a signal can cause. */
  maxBytesPerWrite: number | undefined;
  /** write() accepts nothing and reports 0 bytes. */
  zeroWrite: boolean;
  /** Cleanup unlinks fail too, so a temp file stays behind (the next start must sweep it). */
  failUnlink: boolean;
}

/** What the analyst is told for each fault: the test's own wording, so a changed message fails here. */
const FAULT_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EIO: 'the disk reported an input/output error',
  EACCES: 'Briefdesk has no permission',
  'no progress': 'the disk stopped accepting data',
};

function errno(code: FaultCode, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected fault, ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}

/**
 * A SaveFs over the real node:fs/promises that fails on command. File handles are the real ones behind a Proxy
 * overriding write/datasync/sync/stat, so every call that is not sabotaged really happens on disk.
 */
class FaultyFs implements SaveFs {
  faults: Faults = FaultyFs.healthy();
  readonly calls = { write: 0, datasync: 0, folderSync: 0, rename: 0, unlink: 0 };

  static healthy(): Faults {
    return { fail: {}, failWriteAfter: 0, maxBytesPerWrite: undefined, zeroWrite: false, failUnlink: false };
  }

  heal(): void {
    this.faults = FaultyFs.healthy();
  }

  set(faults: Partial<Faults>): void {
    this.faults = { ...FaultyFs.healthy(), ...faults };
  }

  open: SaveFs['open'] = async (path, flags, mode) => {
    const code = this.faults.fail.open;
    if (code) throw errno(code, 'open', String(path));
    const handle = await nodeFs.open(path, flags, mode);
    const isFolder = (await handle.stat()).isDirectory();
    return this.wrap(handle, String(path), isFolder);
  };

  rename: SaveFs['rename'] = async (from, to) => {
    this.calls.rename++;
    const code = this.faults.fail.rename;
    if (code) throw errno(code, 'rename', String(from));
    return nodeFs.rename(from, to);
  };

  unlink: SaveFs['unlink'] = async (path) => {
    this.calls.unlink++;
    if (this.faults.failUnlink) throw errno('EIO', 'unlink', String(path));
    return nodeFs.unlink(path);
  };

  private wrap(handle: nodeFs.FileHandle, path: string, isFolder: boolean): nodeFs.FileHandle {
    const faults = () => this.faults;
    const calls = this.calls;
    const write = async (buffer: Uint8Array, offset = 0, length = buffer.length - offset, position: number | null = null) => {
      calls.write++;
      const f = faults();
      if (f.fail.write && calls.write > f.failWriteAfter) throw errno(f.fail.write, 'write', path);
      if (f.zeroWrite) return { bytesWritten: 0, buffer };
      return handle.write(buffer, offset, Math.min(length, f.maxBytesPerWrite ?? length), position);
    };
    const datasync = async () => {
      calls.datasync++;
      const code = faults().fail.datasync;
      if (code) throw errno(code, 'fdatasync', path);
      return handle.datasync();
    };
    const sync = async () => {
      if (isFolder) calls.folderSync++;
      const code = isFolder ? faults().fail.folderSync : undefined;
      if (code) throw errno(code, 'fsync', path);
      return handle.sync();
    };
    const stat = async () => {
      const code = faults().fail.stat;
      if (code) throw errno(code, 'fstat', path);
      return handle.stat();
    };
    const overrides: Record<string, unknown> = { write, datasync, sync, stat };
    return new Proxy(handle, {
      get(target, property, receiver) {
        if (typeof property === 'string' && property in overrides) return overrides[property];
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

const tempFilesIn = async (folder: string) => (await readdir(folder)).filter((n) => n.endsWith(TEMP_SUFFIX));

function paragraphState(text: string): EditorStateJSON {
  const state = emptyEditorState();
  (state.root.children[0] as { children: unknown[] }).children = [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }];
  return state;
}

/** Bytes that are easy to tell apart and long enough to need many short writes. */
function payload(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed * 7) % 251;
  return bytes;
}

describe('writeFileAtomic under injected faults', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let target: string;
  let fs: FaultyFs;
  const OLD = Buffer.from('{"the":"old file, which must survive"}\n');
  beforeEach(async () => {
    dir = await tempDir('briefdesk-faults-');
    target = join(dir.path, 'brief.brief.json');
    await writeFile(target, OLD);
    fs = new FaultyFs();
  });
  afterEach(() => dir.dispose());

  it('completes a write through short writes, byte for byte', async () => {
    const data = payload(100_000, 1);
    fs.set({ maxBytesPerWrite: 997 });
    await writeFileAtomic(target, data, fs);
    expect(fs.calls.write).toBe(Math.ceil(100_000 / 997));
    expect(await readFile(target)).toEqual(data);
    expect(await tempFilesIn(dir.path)).toEqual([]);
    expect(fs.calls.datasync).toBe(1);
    expect(fs.calls.folderSync).toBe(1);
  });

  it('completes a write one byte at a time', async () => {
    const data = Buffer.from('héllo, wörld — ünïcode survives one-byte writes ✓');
    fs.set({ maxBytesPerWrite: 1 });
    await writeFileAtomic(target, data.toString('utf8'), fs);
    expect(fs.calls.write).toBe(data.length);
    expect(await readFile(target)).toEqual(data);
  });

  it('writes an empty file without calling write at all', async () => {
    await writeFileAtomic(target, '', fs);
    expect(fs.calls.write).toBe(0);
    expect(await readFile(target, 'utf8')).toBe('');
  });

  it('gives up on a write that makes no progress, leaving the old file and no temp file', async () => {
    fs.set({ zeroWrite: true });
    await expect(writeFileAtomic(target, payload(1000, 2), fs)).rejects.toThrow(/no progress at byte 0 of 1000/);
    expect(await readFile(target)).toEqual(OLD);
    expect(await tempFilesIn(dir.path)).toEqual([]);
    expect(fs.calls.rename).toBe(0);
  });

  const cases: Array<[string, Stage, FaultCode, Partial<Faults>]> = [];
  for (const code of ['ENOSPC', 'EIO', 'EACCES'] as const) {
    cases.push(
      ['creating the temp file', 'open', code, {}],
      ['the first write', 'write', code, {}],
      ['a write after 12 KB went through', 'write', code, { failWriteAfter: 3, maxBytesPerWrite: 4096 }],
      ['fdatasync', 'datasync', code, {}],
      ['the size check', 'stat', code, {}],
      ['rename', 'rename', code, {}],
    );
  }

  it.each(cases)('%s failing with %s rejects, leaves the old file byte for byte and no temp file; a retry succeeds', async (_label, stage, code, extra) => {
    const data = payload(50_000, 3);
    fs.set({ ...extra, fail: { [stage]: code } });
    await expect(writeFileAtomic(target, data, fs)).rejects.toMatchObject({ code });
    expect(await readFile(target)).toEqual(OLD);
    expect(await tempFilesIn(dir.path)).toEqual([]);
    if (stage !== 'rename') expect(fs.calls.rename).toBe(0);

    fs.heal();
    await writeFileAtomic(target, data, fs);
    expect(await readFile(target)).toEqual(data);
    expect(await tempFilesIn(dir.path)).toEqual([]);
  });

  it('rejects when syncing the folder fails after the rename: the new file is complete, no temp file is left', async () => {
    const data = payload(20_000, 4);
    fs.set({ fail: { folderSync: 'EIO' } });
    await expect(writeFileAtomic(target, data, fs)).rejects.toMatchObject({ name: 'NotDurableError', cause: { code: 'EIO' } });
    // The rename cannot be undone; what matters is that the target is one whole file, never a torn one.
    expect(await readFile(target)).toEqual(data);
    expect(await tempFilesIn(dir.path)).toEqual([]);
  });

  it('accepts a folder sync the platform does not support (EINVAL)', async () => {
    const data = payload(1000, 5);
    fs.set({ fail: { folderSync: 'EINVAL' } });
    await writeFileAtomic(target, data, fs);
    expect(await readFile(target)).toEqual(data);
  });

  it('never follows an existing temp name: the temp file is created exclusively', async () => {
    // 'wx' means a file (or planted symlink) at the temp path is never opened; the random name makes a clash
    // unlikely, and an exclusive create makes one harmless.
    const spy = vi.spyOn(fs, 'open');
    await writeFileAtomic(target, 'x', fs);
    expect(spy.mock.calls[0]?.[1]).toBe('wx');
  });
});

describe('BriefsService saves under injected faults (through the dispatcher)', () => {
  let env: Awaited<ReturnType<typeof testContainer>>;
  let d: Dispatcher;
  let fs: FaultyFs;
  let brief: Brief;
  let briefPath: string;
  let backupPath: string;
  const briefsFolder = () => join(env.workspacePath, 'briefs');

  beforeEach(async () => {
    // The dispatcher logs unexpected errors (it takes console.error when it is built); the injected ones are expected.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    fs = new FaultyFs();
    env = await testContainer({ saveFs: fs });
    d = env.container.dispatcher;
    const created = await d.dispatch('briefs.create', {});
    if (!created.ok) throw new Error(created.error.message);
    brief = created.value as Brief;
    const saved = await d.dispatch('briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphState('Saved before the disk went bad.'), reason: 'explicit' });
    if (!saved.ok) throw new Error(saved.error.message);
    briefPath = join(briefsFolder(), `${brief.id}.brief.json`);
    backupPath = join(env.workspacePath, '.briefdesk', 'backups', `${brief.id}.json`);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await env.dispose();
  });

  async function failedSaveLeavesEverything(faults: Partial<Faults>, expectCode: string): Promise<void> {
    const edits = paragraphState(`Unsaved edits ${'that matter '.repeat(2000)}`);
    const backup = await d.dispatch('briefs.backup', { id: brief.id, baseRevision: 1, editorState: edits });
    expect(backup.ok).toBe(true);
    const fileBefore = await readFile(briefPath);
    const backupBefore = await readFile(backupPath);

    fs.set(faults);
    const result: ResultEnvelope = await d.dispatch('briefs.save', { id: brief.id, baseRevision: 1, editorState: edits });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(['io_error', 'internal']).toContain(result.error.code);
    // In words, never Node's text: the analyst reads this.
    expect(result.error.message).toContain(FAULT_WORDS[expectCode]);
    expect(result.error.message).not.toMatch(/E[A-Z]{2,}|injected/);
    expect(result.error.message).toMatch(/could not be saved: .* The previous version on disk is intact\./);

    expect(await readFile(briefPath)).toEqual(fileBefore);
    expect(await tempFilesIn(briefsFolder())).toEqual([]);
    expect(await readFile(backupPath)).toEqual(backupBefore);
    expect(await d.dispatch('briefs.readBackup', { id: brief.id })).toMatchObject({ ok: true, value: { baseRevision: 1 } });
    expect(await d.dispatch('briefs.open', { id: brief.id })).toMatchObject({ ok: true, value: { revision: 1 } });

    fs.heal();
    const retry = await d.dispatch('briefs.save', { id: brief.id, baseRevision: 1, editorState: edits });
    expect(retry).toMatchObject({ ok: true, value: { revision: 2 } });
    const onDisk = JSON.parse(await readFile(briefPath, 'utf8')) as Brief;
    expect(onDisk.editorState).toEqual(edits);
    expect(await tempFilesIn(briefsFolder())).toEqual([]);
    // A save that really happened clears the backup.
    await expect(readFile(backupPath)).rejects.toMatchObject({ code: 'ENOENT' });
  }

  it('short writes: the save completes and is byte for byte what a healthy save writes', async () => {
    fs.set({ maxBytesPerWrite: 113 });
    const edits = paragraphState('short writes '.repeat(500));
    const saved = await d.dispatch('briefs.save', { id: brief.id, baseRevision: 1, editorState: edits });
    expect(saved).toMatchObject({ ok: true, value: { revision: 2 } });
    expect(fs.calls.write).toBeGreaterThan(50);
    expect((JSON.parse(await readFile(briefPath, 'utf8')) as Brief).editorState).toEqual(edits);
  });

  it('a write that makes no progress', () => failedSaveLeavesEverything({ zeroWrite: true }, 'no progress'));

  for (const code of ['ENOSPC', 'EIO', 'EACCES'] as const) {
    it(`${code} from write`, () => failedSaveLeavesEverything({ fail: { write: code } }, code));
    it(`${code} from write, after part of the file was written`, () => failedSaveLeavesEverything({ fail: { write: code }, failWriteAfter: 2, maxBytesPerWrite: 1024 }, code));
    it(`${code} from fdatasync`, () => failedSaveLeavesEverything({ fail: { datasync: code } }, code));
    it(`${code} from rename`, () => failedSaveLeavesEverything({ fail: { rename: code } }, code));
    it(`${code} when creating the temp file`, () => failedSaveLeavesEverything({ fail: { open: code } }, code));
  }

  it('a temp file that cleanup could not remove is swept on the next start', async () => {
    fs.set({ fail: { write: 'EIO' }, failUnlink: true });
    const result = await d.dispatch('briefs.save', { id: brief.id, baseRevision: 1, editorState: paragraphState('lost to EIO') });
    expect(result).toMatchObject({ ok: false });
    const left = await tempFilesIn(briefsFolder());
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^\\.${brief.id}\\.brief\\.json\\.[0-9a-f]{12}\\${TEMP_SUFFIX}$`));

    fs.heal();
    const next = await testContainer({ workspacePath: env.workspacePath });
    try {
      expect(await tempFilesIn(briefsFolder())).toEqual([]);
      expect(await next.container.dispatcher.dispatch('briefs.open', { id: brief.id })).toMatchObject({ ok: true, value: { revision: 1 } });
    } finally {
      await next.dispose();
    }
  });

  it('EIO from the folder fsync after the rename: the save is refused, nothing is torn, the backup stays', async () => {
    const edits = paragraphState('written, but not known to be durable');
    await d.dispatch('briefs.backup', { id: brief.id, baseRevision: 1, editorState: edits });
    const backupBefore = await readFile(backupPath);
    fs.set({ fail: { folderSync: 'EIO' } });
    const result = await d.dispatch('briefs.save', { id: brief.id, baseRevision: 1, editorState: edits });
    expect(result).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringMatching(/was written, but the disk could not confirm it is stored safely: the disk reported an input\/output error/) } });
    // The rename had already happened: the file is whole and holds the new revision.
    expect(await d.dispatch('briefs.open', { id: brief.id })).toMatchObject({ ok: true, value: { revision: 2 } });
    expect(await tempFilesIn(briefsFolder())).toEqual([]);
    expect(await readFile(backupPath)).toEqual(backupBefore);
  });

  // After the folder fsync fails the new revision is on disk, but the save was reported as not durable: the editor's
  // retry from its base revision must be taken as the same save, never refused as a change made elsewhere.
  it('EIO from the folder fsync: a retry from the same base revision succeeds', async () => {
    const edits = paragraphState('retry me');
    fs.set({ fail: { folderSync: 'EIO' } });
    await d.dispatch('briefs.save', { id: brief.id, baseRevision: 1, editorState: edits });
    fs.heal();
    const retry = await d.dispatch('briefs.save', { id: brief.id, baseRevision: 1, editorState: edits });
    expect(retry).toMatchObject({ ok: true });
  });
});
