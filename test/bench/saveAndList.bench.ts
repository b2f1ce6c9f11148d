import { mkdir, open, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createContainer, type Container } from '../../electron/host/container';
import { writeFileAtomic } from '../../electron/host/platform/atomicWrite';
import { hashEditorState, serializeBrief } from '../../electron/host/services/briefs/briefFile';
import { memoryStore } from '../../electron/host/services/settings/settingsService';
import { ChromiumPrinter } from '../../electron/host/platform/chromiumPrinter';
import { emptyEditorState, type Brief, type EditorStateJSON } from '../../shared/model/brief';
import { tempDir } from '../support/tempWorkspace';
import { median, type Benchmark, type BenchRow } from './harness';
import { prng } from '../support/prng';

const SAVE_RUNS = 50;
const LIST_RUNS = 5;
const LIST_BRIEFS = 1_000;
const repoRoot = join(import.meta.dirname, '..', '..');


const WORDS = 'the summit talks ended early without a joint statement sanctions relief remained the sticking point we assess with moderate confidence that contacts resume'.split(' ');

function sentence(random: () => number, chars: number): string {
  const words: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = WORDS[Math.floor(random() * WORDS.length)]!;
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

function paragraphsState(texts: readonly string[]): EditorStateJSON {
  const state = emptyEditorState();
  const template = state.root.children[0]!;
  state.root.children = texts.map((text) => ({ ...template, children: [{ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 }] }));
  return state;
}

function briefOf(id: string, editorState: EditorStateJSON, title: string): Brief {
  return {
    schemaVersion: 1,
    id,
    title,
    autoTitle: true,
    author: 'Bench',
    classification: 'UNCLASSIFIED',
    template: 'blank',
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: new Date(Date.UTC(2026, 0, 1, 9) + id.length * 1000).toISOString(),
    revision: 0,
    contentHash: hashEditorState(editorState),
    editorState,
  };
}

/** A brief of `bytes` bytes on disk (to within a few bytes): paragraphs of up to ~1 KB of plain words. */
function briefOfSize(id: string, bytes: number, random: () => number): Brief {
  const title = `Bench brief ${id}`;
  // What the envelope costs, and what one more paragraph costs besides its text (plain ASCII words need no escaping).
  const envelope = Buffer.byteLength(serializeBrief(briefOf(id, paragraphsState([]), title)));
  const perParagraph = Buffer.byteLength(serializeBrief(briefOf(id, paragraphsState(['', '']), title))) - envelope - (Buffer.byteLength(serializeBrief(briefOf(id, paragraphsState(['']), title))) - envelope);
  const texts: string[] = [];
  let size = envelope;
  while (size + perParagraph < bytes) {
    const text = sentence(random, Math.min(1000, bytes - size - perParagraph)).slice(0, bytes - size - perParagraph);
    texts.push(text);
    size += perParagraph + text.length;
  }
  return briefOf(id, paragraphsState(texts), title);
}

async function timed(task: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}

function startContainer(workspacePath: string): Promise<Container> {
  return createContainer({
    mode: 'browser',
    version: 'bench',
    workspacePath,
    defaultWorkspacePath: workspacePath,
    resourcesPath: join(repoRoot, 'resources'),
    settingsStore: memoryStore(),
    printer: new ChromiumPrinter(),
  });
}

async function list(container: Container): Promise<number> {
  const result = await container.dispatcher.dispatch('briefs.list', undefined);
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as unknown[]).length;
}

async function saveRows(): Promise<BenchRow[]> {
  const dir = await tempDir('briefdesk-bench-save-');
  try {
    const brief = briefOfSize('bench-one-megabyte', 1024 * 1024, prng(1));
    const bytes = Buffer.from(serializeBrief(brief));
    const atomicTarget = join(dir.path, 'atomic.brief.json');
    const plainTarget = join(dir.path, 'plain.brief.json');
    const syncedTarget = join(dir.path, 'synced.brief.json');
    const atomic: number[] = [];
    const plain: number[] = [];
    const synced: number[] = [];
    // Interleaved, so drift in the machine's load affects all three alike.
    for (let i = 0; i < SAVE_RUNS; i++) {
      atomic.push(await timed(() => writeFileAtomic(atomicTarget, bytes)));
      plain.push(await timed(() => writeFile(plainTarget, bytes)));
      synced.push(
        await timed(async () => {
          const handle = await open(syncedTarget, 'w');
          try {
            await handle.writeFile(bytes);
            await handle.datasync();
          } finally {
            await handle.close();
          }
        }),
      );
    }

    // The whole save path: read and check the current file, write, discard the backup, maybe snapshot.
    const workspace = join(dir.path, 'workspace');
    const container = await startContainer(workspace);
    const service: number[] = [];
    try {
      const created = await container.dispatcher.dispatch('briefs.create', { editorState: brief.editorState });
      if (!created.ok) throw new Error(created.error.message);
      const id = (created.value as Brief).id;
      for (let revision = 0; revision < SAVE_RUNS; revision++) {
        service.push(
          await timed(async () => {
            const saved = await container.dispatcher.dispatch('briefs.save', { id, baseRevision: revision, editorState: brief.editorState, reason: 'auto' });
            if (!saved.ok) throw new Error(saved.error.message);
          }),
        );
      }
    } finally {
      await container.shutdown();
    }

    const mb = (bytes.length / 2 ** 20).toFixed(2);
    const baseline = { name: 'fs.writeFile, same bytes', value: median(plain) };
    return [
      { name: `save ${mb} MB: writeFileAtomic, median of ${SAVE_RUNS}`, value: median(atomic), unit: 'ms', baseline },
      { name: `save ${mb} MB: writeFileAtomic vs write + fdatasync`, value: median(atomic), unit: 'ms', baseline: { name: 'open/write/fdatasync/close, same bytes', value: median(synced) } },
      { name: `save ${mb} MB brief through briefs.save, median of ${SAVE_RUNS}`, value: median(service), unit: 'ms', baseline },
    ];
  } finally {
    await dir.dispose();
  }
}

async function listRows(): Promise<BenchRow[]> {
  const dir = await tempDir('briefdesk-bench-list-');
  try {
    const random = prng(2);
    const briefsFolder = join(dir.path, 'briefs');
    await mkdir(briefsFolder, { recursive: true });
    let totalBytes = 0;
    const dayAgo = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < LIST_BRIEFS; i++) {
      const id = `bench-brief-${String(i).padStart(4, '0')}`;
      const text = serializeBrief(briefOfSize(id, 2048 + Math.floor(random() * 3072), random));
      totalBytes += Buffer.byteLength(text);
      await writeFile(join(briefsFolder, `${id}.brief.json`), text);
      // An existing workspace: briefs written a day ago (a file modified in the last seconds is never cached).
      await utimes(join(briefsFolder, `${id}.brief.json`), dayAgo, dayAgo);
    }

    const cold: number[] = [];
    const warm: number[] = [];
    const raw: number[] = [];
    for (let run = 0; run < LIST_RUNS; run++) {
      const container = await startContainer(dir.path);
      try {
        let count = 0;
        cold.push(await timed(async () => (count = await list(container))));
        if (count !== LIST_BRIEFS) throw new Error(`listed ${count} briefs, expected ${LIST_BRIEFS}`);
        warm.push(await timed(() => list(container)));
      } finally {
        await container.shutdown();
      }
      // Baseline: only reading the same files, no parsing or checking.
      raw.push(await timed(async () => Promise.all((await readdir(briefsFolder)).map((name) => readFile(join(briefsFolder, name))))));
    }
    const baseline = { name: 'readdir + readFile of every file', value: median(raw) };
    const avgKb = (totalBytes / LIST_BRIEFS / 1024).toFixed(1);
    return [
      { name: `list ${LIST_BRIEFS} briefs (~${avgKb} KB each), cold: first list of a fresh container, median of ${LIST_RUNS}`, value: median(cold), unit: 'ms', baseline },
      { name: `list ${LIST_BRIEFS} briefs, warm: second list (unchanged files are not read again), median of ${LIST_RUNS}`, value: median(warm), unit: 'ms', baseline },
    ];
  } finally {
    await dir.dispose();
  }
}

const benchmark: Benchmark = {
  name: 'brief save and workspace list',
  async run() {
    return [...(await saveRows()), ...(await listRows())];
  },
};

export default benchmark;
