import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPrintDocument, type PrintInput } from '../../../electron/host/services/export/buildPrintDocument';
import { displayDate, noteText, shortTitle } from '../../../electron/host/services/export/citations';
import { inlineText, type Block, type Inline, type PrintOptions } from '../../../electron/host/services/export/printDocument';
import { BriefSchema, type Brief } from '../../../shared/model/brief';
import { FactCatalogueSchema, type Fact } from '../../../shared/model/fact';
import { SourceSchema } from '../../../shared/model/source';
import { repoRoot } from '../../support/testContainer';

const resources = join(repoRoot, 'resources');
const sampleBrief = BriefSchema.parse(JSON.parse(readFileSync(join(resources, 'briefs/hanoi-summit-sample.brief.json'), 'utf8')));
const catalogue = FactCatalogueSchema.parse(JSON.parse(readFileSync(join(resources, 'facts/hanoi-summit.facts.json'), 'utf8')));
const source = SourceSchema.parse(JSON.parse(readFileSync(join(resources, 'sources/hanoi-summit-2019.source.json'), 'utf8')));
const facts = new Map(catalogue.facts.map((fact) => [fact.id, fact]));
const OPTIONS: PrintOptions = { notes: 'foot', paper: 'A4', includeSources: true };

function input(briefs: Brief[], overrides: Partial<PrintInput> = {}): PrintInput {
  return { briefs, factOf: (id) => facts.get(id), sourceOf: (id) => (id === source.id ? source : undefined), options: OPTIONS, ...overrides };
}

function briefWith(children: unknown[], title = 'Test brief'): Brief {
  return { ...sampleBrief, id: 'test-brief', title, editorState: { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children } } as Brief['editorState'] };
}

const text = (value: string, format = 0) => ({ type: 'text', text: value, detail: 0, format, mode: 'normal', style: '', version: 1 });
const reference = (factId: string, value: string) => ({ ...text(value), type: 'fact-reference', factId });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children, direction: null, format: '', indent: 0, version: 1, textFormat: 0, textStyle: '' });

function inlinesOf(blocks: readonly Block[]): Inline[] {
  return blocks.flatMap((block): Inline[] => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
      case 'quote':
        return block.children;
      case 'list':
        return block.items.flatMap((item) => [...item.children, ...inlinesOf(item.lists)]);
      case 'table':
        return block.rows.flatMap((row) => row.flatMap((cell) => inlinesOf(cell.blocks)));
      case 'rule':
        return [];
    }
  });
}

describe('the print document of the bundled sample brief', () => {
  const { document, notices } = buildPrintDocument(input([sampleBrief]));
  const [brief] = document.briefs;
  const citations = inlinesOf(brief!.blocks).filter((inline) => inline.kind === 'citation');

  it('numbers each cited fact once, in first-use order, and later mentions reuse the number', () => {
    expect(notices).toEqual([]);
    expect(citations.length).toBeGreaterThan(10);
    const firstCalls = citations.filter((c) => c.first).map((c) => c.note);
    expect(firstCalls).toEqual(firstCalls.map((_, index) => index + 1));
    expect(brief!.notes.map((note) => note.number)).toEqual(firstCalls);
    const factOfNote = new Map(brief!.notes.map((note) => [note.number, note.factId]));
    // The text of every call names the fact of its note: "President Trump" and "Trump" both call Donald Trump's note.
    const trump = brief!.notes.find((note) => note.factId === 'donald-trump')!;
    const trumpCalls = citations.filter((c) => factOfNote.get(c.note) === 'donald-trump');
    expect(trumpCalls.length).toBeGreaterThan(1);
    expect(trumpCalls.every((c) => c.note === trump.number)).toBe(true);
    expect(trumpCalls.filter((c) => c.first)).toHaveLength(1);
  });

  it('quotes the exact supporting words of each fact from the source, in full once and shortened after', () => {
    for (const note of brief!.notes) {
      const fact = facts.get(note.factId)!;
      expect(note.quote).toBe(fact.anchors[0]!.exact);
      expect(source.text).toContain(note.quote);
      expect(note.text).toContain(`“${note.quote}`);
    }
    const [first, ...later] = brief!.notes;
    expect(first!.shortened).toBe(false);
    expect(first!.text).toContain(`“${source.title},”`);
    expect(first!.text).toContain('n.d.');
    expect(later.length).toBeGreaterThan(0);
    for (const note of later) {
      expect(note.shortened).toBe(true);
      expect(note.text).toContain(`“${shortTitle(source.title)}”`);
      expect(note.text).not.toContain(source.title);
    }
  });

  it('lists the cited source once in the Sources appendix, without the word unknown', () => {
    expect(document.sources).toEqual([{ id: source.id, title: source.title, publisher: undefined, publishedAt: undefined, displayDate: undefined, kind: 'news article' }]);
    expect(buildPrintDocument(input([sampleBrief], { options: { ...OPTIONS, includeSources: false } })).document.sources).toEqual([]);
  });

  it('prints the title in the title block, not again as the first heading, and keeps the other headings with unique anchors', () => {
    expect(brief!.title).toBe('Hanoi summit ends without a deal');
    const headings = brief!.blocks.filter((block) => block.kind === 'heading');
    expect(headings.map((h) => inlineText(h.children))).not.toContain(brief!.title);
    expect(headings.map((h) => inlineText(h.children))).toContain('BLUF');
    expect(new Set(headings.map((h) => h.anchor)).size).toBe(headings.length);
    expect(brief!.blocks.some((block) => block.kind === 'list')).toBe(true);
    expect(document).toMatchObject({ title: brief!.title, author: 'Briefdesk sample', classification: 'UNCLASSIFIED', book: false, language: 'en' });
    expect(brief!.date).toBe('March 1, 2019');
  });
});

describe('building print documents', () => {
  it('does not cite unlinked mentions, and prints a reference to a deleted fact as plain text with a notice', () => {
    const brief = briefWith([paragraph(reference('donald-trump', 'Trump'), text(' and '), { ...text('Kim'), type: 'unlinked-mention', factId: 'kim-jong-un' }, text(' and '), reference('no-such-fact', 'Ghost'))]);
    const { document, notices } = buildPrintDocument(input([brief]));
    const inlines = inlinesOf(document.briefs[0]!.blocks);
    expect(inlines.filter((i) => i.kind === 'citation')).toHaveLength(1);
    expect(document.briefs[0]!.notes.map((n) => n.factId)).toEqual(['donald-trump']);
    expect(inlineText(inlines)).toBe('Trump and Kim and Ghost');
    expect(notices).toEqual([expect.stringContaining('no-such-fact')]);
  });

  it('keeps text formats, links (safe ones only) and structure', () => {
    const link = (url: string, label: string) => ({ type: 'link', url, rel: null, target: null, title: null, children: [text(label)], direction: null, format: '', indent: 0, version: 1 });
    const brief = briefWith([paragraph(text('bold', 1), text('italic', 2), link('https://example.org/a', 'safe'), link('javascript:alert(1)', 'unsafe')), { type: 'horizontalrule', version: 1 }]);
    const [block, rule] = buildPrintDocument(input([brief])).document.briefs[0]!.blocks;
    expect(rule).toEqual({ kind: 'rule' });
    expect(block).toMatchObject({
      kind: 'paragraph',
      children: [
        { kind: 'text', text: 'bold', format: { bold: true, italic: false } },
        { kind: 'text', text: 'italic', format: { bold: false, italic: true } },
        { kind: 'link', url: 'https://example.org/a', children: [{ kind: 'text', text: 'safe' }] },
        { kind: 'text', text: 'unsafe' },
      ],
    });
  });

  it('numbers notes per brief in a book, and the book lists each source once', () => {
    const second = { ...sampleBrief, id: 'second', title: 'Second' };
    const { document } = buildPrintDocument(input([sampleBrief, second]));
    expect(document.book).toBe(true);
    expect(document.title).toBe('Briefing book: 2 briefs');
    expect(document.briefs[1]!.notes[0]!.number).toBe(1);
    expect(document.briefs[1]!.notes[0]!.shortened).toBe(false);
    expect(document.sources).toHaveLength(1);
    const anchors = document.briefs.flatMap((b) => b.blocks.filter((block) => block.kind === 'heading').map((h) => h.anchor));
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('refuses a brief holding node types it cannot print, naming them', () => {
    const brief = briefWith([paragraph(text('kept')), { type: 'equation', equation: 'x', version: 1 }], 'Has an equation');
    expect(() => buildPrintDocument(input([brief]))).toThrow(/Has an equation.*cannot print \(equation\)/);
  });

  it('says "No source recorded" for a fact with no readable source', () => {
    const orphan: Fact = { ...facts.get('donald-trump')!, anchors: [] };
    const brief = briefWith([paragraph(reference('donald-trump', 'Trump'))]);
    const { document } = buildPrintDocument(input([brief], { factOf: (id) => (id === orphan.id ? orphan : undefined) }));
    expect(document.briefs[0]!.notes[0]).toMatchObject({ source: undefined, quote: undefined });
    expect(document.briefs[0]!.notes[0]!.text).toMatch(/No source recorded\.$/);
    expect(document.sources).toEqual([]);
  });
});

describe('Chicago note parts', () => {
  it('prints dates in words and leaves other text as it is', () => {
    expect(displayDate('2019-02-28')).toBe('February 28, 2019');
    expect(displayDate('2019-02')).toBe('February 2019');
    expect(displayDate('2019')).toBe('2019');
    expect(displayDate('late February')).toBe('late February');
  });

  it('writes the full note with publisher and date, and does not double a stop', () => {
    const full = noteText({
      number: 1,
      factId: 'x',
      factLabel: 'Donald Trump',
      factSummary: 'President of the United States',
      source: { id: 's', title: 'The Hanoi talks', publisher: 'Example Times', publishedAt: '2019-02-28', displayDate: 'February 28, 2019', kind: 'news article' },
      quote: 'He walked away!',
      shortened: false,
    });
    expect(full).toBe('Donald Trump: President of the United States. “The Hanoi talks,” Example Times, February 28, 2019: “He walked away!”');
    expect(shortTitle('The Trump and Kim leave Hanoi summit')).toBe('Trump and Kim leave');
  });
});
