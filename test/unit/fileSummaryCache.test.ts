import { rm, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfinedFolder } from '../../electron/host/platform/confinedFolder';
import { FileSummaryCache } from '../../electron/host/services/briefs/fileSummaryCache';
import { tempDir } from '../support/tempWorkspace';

describe('FileSummaryCache (real files in a temp folder)', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let cache: FileSummaryCache<string>;
  let computed: number;
  const hourAgo = new Date(Date.now() - 3_600_000);
  const summarize = (path: string) =>
    cache.get(basename(path), async () => {
      computed++;
      return `summary ${computed}`;
    });

  beforeEach(async () => {
    dir = await tempDir('briefdesk-summaries-');
    cache = new FileSummaryCache<string>(await ConfinedFolder.open(dir.path));
    computed = 0;
  });
  afterEach(() => dir.dispose());

  async function oldFile(name: string, text: string): Promise<string> {
    const path = join(dir.path, name);
    await writeFile(path, text);
    await utimes(path, hourAgo, hourAgo);
    return path;
  }

  it('works a file out once while it is unchanged', async () => {
    const path = await oldFile('a.brief.json', 'first');
    expect(await summarize(path)).toBe('summary 1');
    expect(await summarize(path)).toBe('summary 1');
    expect(computed).toBe(1);
  });

  it('works it out again after an in-place rewrite of the same size, even with its old modification time put back', async () => {
    const path = await oldFile('a.brief.json', 'first');
    await summarize(path);
    await writeFile(path, 'other');
    await utimes(path, hourAgo, hourAgo);
    expect(await summarize(path)).toBe('summary 2');
  });

  it('reads a file modified within the last few seconds every time, since its times may not have moved', async () => {
    const path = join(dir.path, 'fresh.brief.json');
    await writeFile(path, 'fresh');
    await summarize(path);
    await summarize(path);
    expect(computed).toBe(2);
  });

  it('forgets files it is no longer asked to keep, and never keeps a missing one', async () => {
    const kept = await oldFile('kept.brief.json', 'kept');
    const dropped = await oldFile('dropped.brief.json', 'dropped');
    await summarize(kept);
    await summarize(dropped);
    cache.keepOnly(new Set([basename(kept)]));
    await summarize(kept);
    await summarize(dropped);
    expect(computed).toBe(3);
    await rm(kept);
    await summarize(kept);
    await summarize(kept);
    expect(computed).toBe(5);
  });
});
