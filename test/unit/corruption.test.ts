import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../electron/host/events';
import { serializeBrief } from '../../electron/host/services/briefs/briefFile';
import { MAX_BRIEF_FILE_BYTES } from '../../shared/limits';
import { BriefsService } from '../../electron/host/services/briefs/briefsService';
import { FolderTrash } from '../../electron/host/services/briefs/trash';
import { Workspace } from '../../electron/host/services/workspace/workspace';
import { AppError } from '../../shared/contract/define';
import { emptyEditorState, type Brief, type BriefSummary, type EditorStateJSON } from '../../shared/model/brief';
import { tempDir } from '../support/tempWorkspace';
import { testContainer } from '../support/testContainer';
import { prng } from '../support/prng';


function paragraphs(...texts: string[]): EditorStateJSON {
  const state = emptyEditorState();
  const template = state.root.children[0]!;
  state.root.children = texts.map((text) => ({ ...template, children: [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }] }));
  return state;
}

type Verdict = { ok: true; brief: Brief } | { ok: false; code: string; message: string };

describe('damaged brief files are reported, never crash, never rewritten', () => {
  let ws: Awaited<ReturnType<typeof tempDir>>;
  let service: BriefsService;
  let sample: Brief;
  let sampleBytes: Buffer;
  let path: string;

  beforeAll(async () => {
    ws = await tempDir('briefdesk-corrupt-');
    const workspace = await Workspace.open(ws.path, { create: true });
    // The service alone, without the watcher: thousands of rewrites of one file need no change events.
    service = new BriefsService(workspace, new EventHub(), new FolderTrash(workspace.files), {
      author: () => 'Ana Lyst',
      classification: () => 'UNCLASSIFIED',
    });
    await service.boot();
    const created = await service.create({ template: 'bluf' });
    sample = await service.save({
      id: created.id,
      baseRevision: 0,
      reason: 'explicit',
      editorState: paragraphs(
        'Hanoi summit ends without a deal',
        'Talks in Hanoi broke off early on 28 February 2019; both sides blamed sanctions relief.',
        'Multi-byte text on purpose: naïve café, Ханой, 河内, 하노이 — “quotes” and emoji 🕊️ so cuts land inside UTF-8 sequences.',
        'We assess with moderate confidence that working-level contacts will resume within six months.',
      ),
    });
    path = join(ws.path, 'briefs', `${sample.id}.brief.json`);
    sampleBytes = await readFile(path);
  });
  afterAll(() => ws.dispose());

  async function verdict(): Promise<Verdict> {
    try {
      return { ok: true, brief: await service.open({ id: sample.id }) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  }

  async function listed(): Promise<BriefSummary> {
    const list = await service.list();
    expect(list).toHaveLength(1);
    return list[0]!;
  }

  /** Writes `bytes` as the brief, reads it every way the app does, and checks nothing was written back. */
  async function check(bytes: Uint8Array): Promise<{ verdict: Verdict; summary: BriefSummary }> {
    await writeFile(path, bytes);
    const summary = await listed();
    const result = await verdict();
    expect(Buffer.compare(await readFile(path), bytes), 'the file was rewritten').toBe(0);
    if (result.ok) {
      expect(summary.damaged).toBeUndefined();
    } else {
      expect(result.code).toBe('damaged');
      expect(result.message).toMatch(/damaged|cannot be read/);
      expect(summary.damaged).toBe(result.message);
    }
    return { verdict: result, summary };
  }

  it('uses a sample brief with multi-byte text', () => {
    expect(sampleBytes.length).toBeGreaterThan(2_000);
    expect(sampleBytes.length).toBeLessThan(20_000);
    expect(sampleBytes.toString('utf8')).toMatch(/河内/);
  });

  it('every prefix (truncation at every byte offset) is damaged, only the whole file is a brief', async () => {
    const n = sampleBytes.length;
    // A brief ends in "}\n": the file without its final newline is still the same JSON.
    const complete = sampleBytes.lastIndexOf('}') + 1;
    const offsets = new Set<number>();
    for (let k = 0; k <= Math.min(n, 2_000); k++) offsets.add(k);
    for (let k = 2_000; k <= n; k += 7) offsets.add(k);
    for (let k = Math.max(0, n - 40); k <= n; k++) offsets.add(k);
    const reasons = new Set<string>();
    for (const k of [...offsets].sort((a, b) => a - b)) {
      const { verdict: result } = await check(sampleBytes.subarray(0, k));
      if (k >= complete) {
        expect(result.ok, `prefix of ${k} bytes`).toBe(true);
        if (result.ok) expect(result.brief).toEqual(sample);
      } else {
        expect(result.ok, `prefix of ${k} of ${n} bytes`).toBe(false);
        if (!result.ok) reasons.add(result.message.replace(/\(.*\)/, '(…)'));
      }
    }
    // Cuts inside a multi-byte character are caught as bad UTF-8, the rest as bad JSON.
    expect([...reasons].some((r) => /not valid UTF-8/.test(r))).toBe(true);
    expect([...reasons].some((r) => /not valid JSON/.test(r))).toBe(true);
    expect(await readdir(join(ws.path, 'briefs'))).toEqual([`${sample.id}.brief.json`]);
  });

  it('200 random single-byte flips: still a brief or reported damaged, never a crash, never rewritten', async () => {
    const random = prng(20260301);
    let damaged = 0;
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(sampleBytes);
      const at = Math.floor(random() * bytes.length);
      bytes[at] = bytes[at]! ^ (1 + Math.floor(random() * 255));
      const { verdict: result } = await check(bytes);
      if (!result.ok) damaged++;
    }
    // Most flips break the JSON or the schema; some land in text and leave a valid (different) brief.
    expect(damaged).toBeGreaterThan(20);
    expect(damaged).toBeLessThan(200);
  });

  it('a brief without a content hash and with a bad node names the bad node, not the hash', async () => {
    const brief = JSON.parse(sampleBytes.toString('utf8')) as Record<string, unknown>;
    const text = JSON.stringify({ ...brief, contentHash: '', editorState: { root: { type: 'root', children: [{ type: '' }] } } });
    const { summary } = await check(Buffer.from(text));
    expect(summary.damaged).toMatch(/is damaged: the editor content is not readable: the node at root\.children\.0 has no valid type at root in editorState\./);
  });

  it('invalid UTF-8 is damaged: "not valid UTF-8"', async () => {
    const text = sampleBytes.toString('latin1');
    const at = text.indexOf('Hanoi summit ends');
    expect(at).toBeGreaterThan(0);
    for (const bad of [[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const bytes = Buffer.concat([sampleBytes.subarray(0, at), Buffer.from(bad), sampleBytes.subarray(at)]);
      const { verdict: result } = await check(bytes);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/not valid UTF-8/);
    }
  });

  it('a UTF-8 byte order mark is tolerated (Windows editors add one)', async () => {
    const { verdict: result } = await check(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sampleBytes]));
    expect(result).toMatchObject({ ok: true, brief: sample });
  });

  it('an empty file, whitespace, and JSON that is not an object are damaged', async () => {
    for (const text of ['', ' \n\t', 'null', '42', '"brief"', '[]', '{}', 'true']) {
      const { verdict: result } = await check(Buffer.from(text));
      expect(result.ok, JSON.stringify(text)).toBe(false);
    }
    expect((await check(Buffer.alloc(0))).summary.damaged).toMatch(/not valid JSON/);
    expect((await check(Buffer.from('null'))).summary.damaged).toMatch(/JSON object/);
  });

  it('a 50 MB file is damaged by its size at once, without being parsed', async () => {
    // Valid JSON of a valid brief: had it been parsed it would have opened, so "damaged (size)" proves it was not.
    // Built by hand: serializeBrief itself refuses to write a brief this large.
    const huge = JSON.stringify({ ...sample, editorState: paragraphs('x'.repeat(50 * 2 ** 20)) });
    const bytes = Buffer.from(huge);
    expect(bytes.length).toBeGreaterThan(50 * 2 ** 20);
    await writeFile(path, bytes);
    const started = performance.now();
    const summary = await listed();
    const result = await verdict();
    const elapsed = performance.now() - started;
    expect(summary.damaged).toMatch(/cannot be read: at 50\.0 MB it is larger than the 24 MB Briefdesk reads/);
    expect(result).toMatchObject({ ok: false, code: 'damaged' });
    expect(elapsed).toBeLessThan(2_000);
    expect((await readFile(path)).length).toBe(bytes.length);

    const justOver = Buffer.alloc(MAX_BRIEF_FILE_BYTES + 1, 0x20);
    expect((await check(justOver)).summary.damaged).toMatch(/larger than the 24 MB Briefdesk reads/);
  });

  describe('deeply nested JSON', () => {
    const DEPTH = 100_000;
    const nestedNode = `${'{"type":"paragraph","children":['.repeat(DEPTH)}{"type":"text","text":"deep"}${']}'.repeat(DEPTH)}`;
    const deepBriefText = () => {
      const envelope = serializeBrief({ ...sample, editorState: paragraphs('placeholder') });
      const json = JSON.parse(envelope) as Brief;
      return JSON.stringify({ ...json, editorState: '@@' }).replace('"@@"', `{"root":{"type":"root","children":[${nestedNode}]}}`);
    };

    it('a v1 brief whose editor state is nested 100,000 levels deep is damaged, not a stack overflow', async () => {
      const { verdict: result } = await check(Buffer.from(deepBriefText()));
      expect(result).toMatchObject({ ok: false, code: 'damaged', message: expect.stringMatching(/nested more than 64 levels deep/) });
    });

    it('[[[[…]]]] and {"a":{"a":…}} 100,000 levels deep, and a deep v0 file, are damaged', async () => {
      const deepV0 = `{"id":"x","title":"t","created":"2019-01-01T00:00:00Z","modified":"2019-01-01T00:00:00Z","content":{"root":{"type":"root","children":[${nestedNode}]}}}`;
      for (const text of ['['.repeat(DEPTH) + ']'.repeat(DEPTH), '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH), deepV0]) {
        const { verdict: result } = await check(Buffer.from(text));
        expect(result).toMatchObject({ ok: false, code: 'damaged' });
      }
    });

    it('through the dispatcher: open gives damaged, a deep save argument gives invalid_argument', async () => {
      // Not seeded (an empty resources folder): the list below must hold only the deep brief.
      const noResources = await tempDir('briefdesk-no-resources-');
      const env = await testContainer({ resourcesPath: noResources.path });
      try {
        const d = env.container.dispatcher;
        await writeFile(join(env.workspacePath, 'briefs', `${sample.id}.brief.json`), deepBriefText());
        expect(await d.dispatch('briefs.open', { id: sample.id })).toMatchObject({ ok: false, error: { code: 'damaged' } });
        const list = await d.dispatch('briefs.list', undefined);
        expect(list).toMatchObject({ ok: true, value: [{ id: sample.id, damaged: expect.stringMatching(/nested more than 64 levels deep/) }] });

        const created = await d.dispatch('briefs.create', {});
        if (!created.ok) throw new Error(created.error.message);
        let node: Record<string, unknown> = { type: 'text', text: 'deep' };
        for (let i = 0; i < DEPTH; i++) node = { type: 'paragraph', children: [node] };
        const deepSave = await d.dispatch('briefs.save', { id: (created.value as Brief).id, baseRevision: 0, editorState: { root: { type: 'root', children: [node] } } });
        expect(deepSave).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
        expect(await d.dispatch('briefs.open', { id: (created.value as Brief).id })).toMatchObject({ ok: true, value: { revision: 0 } });
      } finally {
        await env.dispose();
        await noResources.dispose();
      }
    });
  });

  it('saving, renaming or restoring history over a damaged brief is refused and leaves it untouched', async () => {
    const [snapshot] = await service.historyList({ id: sample.id });
    expect(snapshot).toBeDefined();
    const damaged = sampleBytes.subarray(0, Math.floor(sampleBytes.length / 2));
    await writeFile(path, damaged);
    for (const attempt of [
      () => service.save({ id: sample.id, baseRevision: sample.revision, editorState: paragraphs('overwrite?'), reason: 'explicit' }),
      () => service.save({ id: sample.id, baseRevision: 0, editorState: paragraphs('overwrite?'), reason: 'auto' }),
      () => service.rename({ id: sample.id, title: 'Renamed', baseRevision: sample.revision }),
      () => service.historyRestore({ id: sample.id, snapshotId: snapshot!.snapshotId, baseRevision: sample.revision }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'damaged' });
      expect(await readFile(path)).toEqual(damaged);
    }
    // The damaged text can still be viewed, read-only.
    expect(await service.readRaw({ id: sample.id })).toEqual({ text: damaged.toString('utf8'), truncated: false });
    expect(await readdir(join(ws.path, 'briefs'))).toEqual([`${sample.id}.brief.json`]);
  });
});
