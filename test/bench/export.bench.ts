import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { ChromiumPrinter } from '../../electron/host/platform/chromiumPrinter';
import { hashEditorState } from '../../electron/host/services/briefs/briefFile';
import { buildPrintDocument } from '../../electron/host/services/export/buildPrintDocument';
import type { Exporter } from '../../electron/host/services/export/exporter';
import { createExporters } from '../../electron/host/services/export/exporters';
import { escapeHtml } from '../../electron/host/services/export/formats/printHtml';
import type { PrintOptions } from '../../electron/host/services/export/printDocument';
import { emptyEditorState, type Brief, type EditorStateJSON } from '../../shared/model/brief';
import type { Fact } from '../../shared/model/fact';
import { SourceSchema } from '../../shared/model/source';
import { median, type Benchmark, type BenchRow } from './harness';

const RUNS = 5;
const PARAGRAPHS = 330;
const FACTS = 150;
const REFERENCES = 300;
const repoRoot = join(import.meta.dirname, '..', '..');
const resourcesPath = join(repoRoot, 'resources');
const source = SourceSchema.parse(JSON.parse(readFileSync(join(resourcesPath, 'sources/hanoi-summit-2019.source.json'), 'utf8')));

const FILLER = 'negotiators met again at the working level and the delegations exchanged drafts on sequencing verification and the lifting of sanctions without agreeing which step would come first'.split(' ');

/** 150 facts, each anchored on a different stretch of the bundled source, as a catalogue would have them. */
export function benchFacts(): Map<string, Fact> {
  const facts = new Map<string, Fact>();
  const step = Math.floor((source.text.length - 80) / FACTS);
  for (let index = 0; index < FACTS; index++) {
    const start = index * step;
    const id = `bench-fact-${index + 1}`;
    facts.set(id, {
      id,
      kind: 'event',
      label: `Bench fact ${index + 1}`,
      aliases: [],
      summary: `What the source says at offset ${start}`,
      tags: [],
      anchors: [{ sourceId: source.id, exact: source.text.slice(start, start + 60), prefix: '', suffix: '', start, end: start + 60 }],
    });
  }
  return facts;
}

const textNode = (text: string) => ({ type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 });

/**
 * About fifty A4 pages: 330 paragraphs of ~95 words under a heading every fifteen, with 300 references (each of 150
 * facts mentioned twice, the second time ~100 paragraphs later). `withReferences: false` is the same text, plain.
 */
export function benchBrief(withReferences: boolean): Brief {
  const state: EditorStateJSON = emptyEditorState();
  const paragraph = state.root.children[0]!;
  const children: unknown[] = [];
  for (let index = 0; index < PARAGRAPHS; index++) {
    if (index % 15 === 0) children.push({ type: 'heading', tag: 'h2', direction: null, format: '', indent: 0, version: 1, children: [textNode(`Part ${index / 15 + 1}`)] });
    const words = Array.from({ length: 90 }, (_, word) => FILLER[(index + word) % FILLER.length]).join(' ');
    const references = [index, index - 100].filter((n) => n >= 0 && n < FACTS);
    const inline = references.flatMap((n) => {
      const mention = `Bench fact ${n + 1}`;
      return [withReferences ? { ...textNode(mention), type: 'fact-reference', factId: `bench-fact-${n + 1}` } : textNode(mention), textNode(' reported it. ')];
    });
    children.push({ ...paragraph, children: [textNode(`${words}. `), ...inline] });
  }
  state.root.children = children as EditorStateJSON['root']['children'];
  return {
    schemaVersion: 1,
    id: 'bench-brief',
    title: 'Fifty pages on the Hanoi summit',
    autoTitle: false,
    author: 'Bench',
    classification: 'UNCLASSIFIED',
    template: 'blank',
    createdAt: '2026-01-01T09:00:00.000Z',
    updatedAt: '2026-01-01T09:00:00.000Z',
    revision: 0,
    contentHash: hashEditorState(state),
    editorState: state,
  };
}

const noProgress = { signal: new AbortController().signal, progress: () => undefined };

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

const benchmark: Benchmark = {
  name: 'export: a 50-page brief with 300 references',
  async run(): Promise<BenchRow[]> {
    const facts = benchFacts();
    const brief = benchBrief(true);
    const references = JSON.stringify(brief.editorState).split('"fact-reference"').length - 1;
    if (references !== REFERENCES) throw new Error(`the bench brief has ${references} references, not ${REFERENCES}`);
    const printer = new ChromiumPrinter();
    const exporters = createExporters(printer, resourcesPath);
    const exporter = (format: 'pdf' | 'docx' | 'md'): Exporter => exporters.get(format)!;
    /** From the saved brief to the file's bytes: reading the editor state, numbering the notes, rendering. */
    const exportBrief = (format: 'pdf' | 'docx' | 'md', notes: PrintOptions['notes']) => () => {
      const { document } = buildPrintDocument({ briefs: [brief], factOf: (id) => facts.get(id), sourceOf: () => source, options: { notes, paper: 'A4', includeSources: true } });
      return exporter(format).render(document, noProgress);
    };
    // The baseline: Chromium printing the same text as a plain page, no citations, no fonts, no paginator.
    const plainHtml = (() => {
      const plain = benchBrief(false).editorState.root.children as unknown as Array<{ type: string; children: Array<{ text: string }> }>;
      const body = plain.map((node) => `<${node.type === 'heading' ? 'h2' : 'p'}>${escapeHtml(node.children.map((c) => c.text).join(''))}</${node.type === 'heading' ? 'h2' : 'p'}>`).join('\n');
      return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head><body>${body}</body></html>`;
    })();
    const plainPrint = () => printer.print({ html: plainHtml, paper: 'A4', paginate: false, title: 'Plain' }, noProgress.signal);

    try {
      // Warm up: the browser starts, the fonts and the paginator are read, once.
      await plainPrint();
      await exportBrief('pdf', 'end')();
      const plain: number[] = [];
      const end: number[] = [];
      const foot: number[] = [];
      const docx: number[] = [];
      const md: number[] = [];
      const pages: Record<string, number> = {};
      const footNotices: string[] = [];
      // Interleaved, so a machine that slows down for a while slows every figure alike.
      for (let run = 0; run < RUNS; run++) {
        const p = await timed(plainPrint);
        plain.push(p.ms);
        pages.plain = await pageCount(p.value.pdf);
        const e = await timed(exportBrief('pdf', 'end'));
        end.push(e.ms);
        pages.endnotes = await pageCount(e.value.bytes);
        const f = await timed(exportBrief('pdf', 'foot'));
        foot.push(f.ms);
        pages.footnotes = await pageCount(f.value.bytes);
        footNotices.splice(0, footNotices.length, ...f.value.notices);
        docx.push((await timed(exportBrief('docx', 'foot'))).ms);
        md.push((await timed(exportBrief('md', 'foot'))).ms);
      }
      console.log(`  pages: plain ${pages.plain}, endnotes ${pages.endnotes}, footnotes ${pages.footnotes}${footNotices.length ? `; footnotes notice: ${footNotices.join(' ')}` : ''}`);
      const baseline = { name: `plain print (${pages.plain} pages)`, value: median(plain) };
      return [
        { name: `PDF, endnotes (${pages.endnotes} pages)`, value: median(end), unit: 'ms', baseline, target: '≤ 1.5× plain and ≤ 1500 ms' },
        { name: `PDF, footnotes (${pages.footnotes} pages)`, value: median(foot), unit: 'ms', baseline, target: '≤ 4000 ms' },
        { name: 'DOCX', value: median(docx), unit: 'ms', target: '≤ 300 ms' },
        { name: 'Markdown', value: median(md), unit: 'ms', target: '≤ 300 ms' },
      ];
    } finally {
      await printer.close();
    }
  },
};

export default benchmark;
