import { execFileSync } from 'node:child_process';
import * as nodeFs from 'node:fs/promises';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaveFs } from '../../electron/host/platform/atomicWrite';
import type { ResultEnvelope } from '../../shared/contract/index';
import type { Brief, EditorStateJSON } from '../../shared/model/brief';
import { testContainer } from '../support/testContainer';

/**
 * A disk that fills up and a disk that turns read-only, on a real tmpfs where the test can mount one (root on
 * Linux, as in CI); elsewhere these say they were skipped. The history-only failure needs a fault at one path,
 * which only the fs seam can aim, so that one case injects it.
 */

function paragraphs(text: string): EditorStateJSON {
  return { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '' }] }] } };
}

function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = join(tmpdir(), `briefdesk-mount-probe-${process.pid}`);
  try {
    execFileSync('mkdir', ['-p', probe]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe]);
    return true;
  } catch {
    return false;
  } finally {
    execFileSync('rm', ['-rf', probe]);
  }
}

const mountable = canMount();
if (!mountable) console.warn('diskFaults: skipped the tmpfs cases: this machine cannot mount a tmpfs (needs root on Linux).');

function ok<T>(result: ResultEnvelope): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe.skipIf(!mountable)('a workspace on a small tmpfs', () => {
  let mountPoint: string;
  let env: Awaited<ReturnType<typeof testContainer>> | undefined;

  beforeEach(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'briefdesk-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
  });
  afterEach(async () => {
    await env?.dispose().catch(() => undefined);
    env = undefined;
    execFileSync('umount', ['-l', mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('a full disk: the save is refused in words, the old file is intact, and a save after space is freed works', async () => {
    const workspacePath = join(mountPoint, 'ws');
    await mkdir(workspacePath);
    env = await testContainer({ workspacePath, resourcesPath: await mkdtemp(join(tmpdir(), 'briefdesk-no-resources-')) });
    const d = env.container.dispatcher;
    const brief = ok<Brief>(await d.dispatch('briefs.create', {}));
    const saved = ok<Brief>(await d.dispatch('briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphs('Kept safe.'), reason: 'explicit' }));
    const file = join(workspacePath, 'briefs', `${brief.id}.brief.json`);
    const before = await readFile(file);
    const filler = join(mountPoint, 'filler');
    await writeFile(filler, Buffer.alloc(2 * 2 ** 20)).catch(() => undefined);

    const result = await d.dispatch('briefs.save', { id: brief.id, baseRevision: saved.revision, editorState: paragraphs('x'.repeat(600_000)) });
    expect(result).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringMatching(/could not be saved: the disk is full\. The previous version on disk is intact\./) } });
    expect(await readFile(file)).toEqual(before);

    await rm(filler);
    expect(await d.dispatch('briefs.save', { id: brief.id, baseRevision: saved.revision, editorState: paragraphs('After the clean-up.') })).toMatchObject({ ok: true });
  });

  it('a read-only disk: the workspace opens read-only with the reason, briefs open, and writes are refused in words', async () => {
    const workspacePath = join(mountPoint, 'ws');
    await mkdir(workspacePath);
    const first = await testContainer({ workspacePath });
    const sample = ok<Array<{ id: string }>>(await first.container.dispatcher.dispatch('briefs.list', undefined))[0]!;
    await first.dispose();
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);

    env = await testContainer({ workspacePath });
    const d = env.container.dispatcher;
    expect(ok(await d.dispatch('workspace.info', undefined))).toMatchObject({ readOnly: expect.stringMatching(/the workspace folder is read-only.*open for reading only/) });
    const opened = ok<Brief>(await d.dispatch('briefs.open', { id: sample.id }));
    const refused = await d.dispatch('briefs.save', { id: sample.id, baseRevision: opened.revision, editorState: paragraphs('try') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'io_error', message: expect.stringMatching(/read-only/) } });
    expect(JSON.stringify(refused)).not.toMatch(/EROFS/);
  });
});

describe('the brief landed but its history version did not', () => {
  it('is a saved brief with a warning, the backup is gone, and the next save is no false conflict', async () => {
    // Only writes under .briefdesk/history/ fail, as when the disk fills up right after the brief's own write.
    const historyFull: SaveFs = {
      open: (async (path: Parameters<typeof nodeFs.open>[0], flags?: Parameters<typeof nodeFs.open>[1], mode?: Parameters<typeof nodeFs.open>[2]) => {
        if (String(path).includes(`${join('.briefdesk', 'history')}`) && flags === 'wx') {
          throw Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' });
        }
        return nodeFs.open(path, flags, mode);
      }) as SaveFs['open'],
      rename: nodeFs.rename,
      unlink: nodeFs.unlink,
    };
    const env = await testContainer({ saveFs: historyFull });
    try {
      const d = env.container.dispatcher;
      const brief = ok<Brief>(await d.dispatch('briefs.create', {}));
      ok(await d.dispatch('briefs.backup', { id: brief.id, baseRevision: 0, editorState: paragraphs('unsaved') }));
      const saved = ok<Brief & { warning?: string }>(await d.dispatch('briefs.save', { id: brief.id, baseRevision: 0, editorState: paragraphs('unsaved'), reason: 'explicit' }));
      expect(saved.revision).toBe(1);
      expect(saved.warning).toBe('Saved, but no version of it was kept in the history (The version could not be saved: the disk is full).');
      expect(ok(await d.dispatch('briefs.readBackup', { id: brief.id }))).toBeNull();
      expect(ok<Brief>(await d.dispatch('briefs.open', { id: brief.id })).revision).toBe(1);
      const next = ok<Brief>(await d.dispatch('briefs.save', { id: brief.id, baseRevision: 1, editorState: paragraphs('next') }));
      expect(next.revision).toBe(2);
    } finally {
      await env.dispose();
    }
  });
});
