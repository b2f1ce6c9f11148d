import type { FootnoteDefinition, FootnoteReference, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { describe, expect, it } from 'vitest';
import type { RenderContext } from '../../../electron/host/services/export/exporter';
import { markdownExporter } from '../../../electron/host/services/export/formats/markdownExporter';
import { PLAIN, type Block, type Inline, type PrintDocument, type TextFormat } from '../../../electron/host/services/export/printDocument';
import { HANOI_SOURCE, HOSTILE_TEXT, HOSTILE_TITLE, SAMPLE_BLOCKS, SAMPLE_NOTES, SECOND_SOURCE, sampleBrief, sampleDocument } from '../../support/printDocuments';
import { bigDocument } from './bigPrintDocument';

const quietContext = (): RenderContext => ({ signal: new AbortController().signal, progress: () => undefined });

async function markdownOf(document: PrintDocument): Promise<string> {
  return new TextDecoder().decode((await markdownExporter.render(document, quietContext())).bytes);
}

/** Parsed back as a GFM reader (GitHub, Obsidian, Pandoc's gfm) would. */
function parse(markdown: string): Root {
  return fromMarkdown(markdown, {
    extensions: [gfmFootnote(), gfmTable(), gfmStrikethrough()],
    mdastExtensions: [gfmFootnoteFromMarkdown(), gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()],
  });
}

function descendants(node: Nodes): Nodes[] {
  return 'children' in node ? node.children.flatMap((child) => [child, ...descendants(child)]) : [];
}

function ofType<T extends Nodes['type']>(tree: Nodes, type: T): Extract<Nodes, { type: T }>[] {
  return descendants(tree).filter((node): node is Extract<Nodes, { type: T }> => node.type === type);
}

/** A node's text as a reader sees it (inline code included; footnote calls left out). */
function plain(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  return 'children' in node ? node.children.map(plain).join('') : '';
}

/** The citations of a run of blocks, in reading order. */
function citations(blocks: readonly Block[]): number[] {
  const inInlines = (inlines: readonly Inline[]): number[] => inlines.flatMap((inline) => (inline.kind === 'citation' ? [inline.note] : inline.kind === 'link' ? inInlines(inline.children) : []));
  return blocks.flatMap((block): number[] => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
      case 'quote':
        return inInlines(block.children);
      case 'list':
        return block.items.flatMap((item) => [...inInlines(item.children), ...citations(item.lists)]);
      case 'table':
        return block.rows.flatMap((cells) => cells.flatMap((cell) => citations(cell.blocks)));
      case 'rule':
        return [];
    }
  });
}

describe('a brief as Markdown', () => {
  it('has exactly one footnote definition per note, and every call of a note is a reference that resolves', async () => {
    const tree = parse(await markdownOf(sampleDocument()));
    const definitions = ofType(tree, 'footnoteDefinition');
    expect(definitions.map((definition) => definition.identifier)).toEqual(['1', '2', '3', '4']);
    expect(definitions.map(plain)).toEqual(SAMPLE_NOTES.map((note) => note.text));
    const references = ofType(tree, 'footnoteReference');
    expect(references.map((reference) => Number(reference.identifier))).toEqual(citations(SAMPLE_BLOCKS));
    const defined = new Set(definitions.map((definition) => definition.identifier));
    expect(references.every((reference) => defined.has(reference.identifier))).toBe(true);
    // A call is the analyst's words, then the reference.
    const [first] = references;
    const call = ofType(tree, 'paragraph').find((paragraph) => paragraph.children.includes(first as FootnoteReference));
    expect(call?.children.slice(0, 2)).toMatchObject([{ type: 'text', value: 'President Trump' }, { type: 'footnoteReference', identifier: '1' }]);
  });

  it('keeps the hostile title and typed markup as text: no footnote call, emphasis or HTML made from them', async () => {
    const tree = parse(await markdownOf(sampleDocument()));
    const [title] = ofType(tree, 'heading');
    expect(title).toMatchObject({ depth: 1, children: [{ type: 'text', value: HOSTILE_TITLE }] });
    const texts = ofType(tree, 'text').map((node) => node.value);
    expect(texts.some((value) => value.includes(HOSTILE_TEXT))).toBe(true);
    // The quote typed "a new era *of* [^9] peace" is still words in its note.
    expect(texts.some((value) => value.includes('a new era *of* [^9] peace'))).toBe(true);
    expect(ofType(tree, 'html')).toEqual([]);
    expect(ofType(tree, 'emphasis').map(plain)).toEqual(['ends', HANOI_SOURCE.title, SECOND_SOURCE.title]);
    expect(ofType(tree, 'strong').map(plain)).toEqual(['UNCLASSIFIED//FOR TRAINING', 'Hanoi', 'UNCLASSIFIED//FOR TRAINING']);
    expect(ofType(tree, 'footnoteReference').map((reference) => reference.identifier)).not.toContain('9');
  });

  it('prints the banner top and bottom, a title block, the blocks in GFM, and the Sources as a list', async () => {
    const tree = parse(await markdownOf(sampleDocument()));
    const banner = { type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: 'UNCLASSIFIED//FOR TRAINING' }] }] };
    expect(tree.children[0]).toMatchObject(banner);
    expect(tree.children.at(-1)).toMatchObject(banner);
    expect(plain(tree.children[2]!)).toBe('A. Analyst <a@example.org> · 1 March 2019 · UNCLASSIFIED//FOR TRAINING');

    expect(ofType(tree, 'heading').map((heading) => [heading.depth, plain(heading)])).toEqual([
      [1, HOSTILE_TITLE],
      [2, 'Hanoi summit ends'],
      [3, 'BLUF <script>alert(3)</script>'],
      [3, 'Outlook'],
      [2, 'Sources'],
    ]);
    expect(ofType(tree, 'blockquote').map(plain)).toEqual(['“No deal is better than a bad deal.” the Singapore statement']);
    const [bullets, sources] = ofType(tree, 'list').filter((list) => !list.ordered);
    expect(bullets?.children.map((item) => plain(item.children[0]!))).toEqual(['Sanctions stay in place', 'Talks continue at working level']);
    const nested = ofType(bullets!, 'list')[0];
    expect(nested).toMatchObject({ ordered: true, start: 1 });
    expect(plain(nested!)).toBe('an analyst judgement');
    expect(ofType(tree, 'link').map((link) => [link.url, plain(link)])).toEqual([['https://example.org/talks?a=1&b=2', 'working level']]);
    const [table] = ofType(tree, 'table');
    expect(table?.children.map((row) => row.children.map(plain))).toEqual([
      ['Side', 'Position'],
      ['US', 'Trump wants full denuclearization'],
    ]);
    expect(ofType(tree, 'thematicBreak')).toHaveLength(1);
    expect(ofType(tree, 'inlineCode').map((code) => code.value)).toEqual(['x']);
    expect(ofType(tree, 'delete').map(plain)).toEqual(['struck']);
    expect(sources?.children.map((item) => [ofType(item, 'emphasis').map(plain), plain(item)])).toEqual([
      [[HANOI_SOURCE.title], `${HANOI_SOURCE.title}, The Example Times, February 28, 2019 (news article)`],
      [[SECOND_SOURCE.title], `${SECOND_SOURCE.title} (report)`],
    ]);

    const withoutSources = parse(await markdownOf(sampleDocument({ includeSources: false })));
    expect(ofType(withoutSources, 'heading').map(plain)).not.toContain('Sources');
  });

  it('writes the same Markdown whichever note placement was chosen, and says which formatting it could not print', async () => {
    expect(await markdownOf(sampleDocument({ notes: 'end' }))).toBe(await markdownOf(sampleDocument({ notes: 'foot' })));
    const { notices } = await markdownExporter.render(sampleDocument(), quietContext());
    // One underline, one superscript, one subscript.
    expect(notices).toEqual(['Markdown has no underline, subscript or superscript: 3 passages print as plain text.']);
    const plainBrief = sampleBrief({ blocks: SAMPLE_BLOCKS.filter((block) => block.kind === 'heading') });
    expect((await markdownExporter.render(sampleDocument({}, [plainBrief]), quietContext())).notices).toEqual([]);
  });

  it('keeps neighbouring formats apart without breaking emphasis at spaces', async () => {
    const run = (text: string, format: Partial<TextFormat> = {}): Inline => ({ kind: 'text', text, format: { ...PLAIN, ...format } });
    const brief = sampleBrief({ notes: [], blocks: [{ kind: 'paragraph', align: 'start', children: [run('bold ', { bold: true }), run('plain'), run(' both', { bold: true, italic: true }), run('*', { bold: true }), run('gone ', { strikethrough: true })] }] });
    const tree = parse(await markdownOf(sampleDocument({}, [brief])));
    const paragraph = tree.children[3]!;
    expect(plain(paragraph)).toBe('bold plain both*gone ');
    expect(ofType(paragraph, 'strong').map(plain)).toEqual(['bold ', ' both*']);
    expect(ofType(paragraph, 'emphasis').map(plain)).toEqual([' both']);
    expect(ofType(paragraph, 'delete').map(plain)).toEqual(['gone ']);
  });

  it('names the notes of several briefs by brief and number, each brief with its own definitions', async () => {
    const tree = parse(await markdownOf(sampleDocument({}, [sampleBrief(), sampleBrief({ title: 'Second brief' })])));
    const definitions = ofType(tree, 'footnoteDefinition') as FootnoteDefinition[];
    expect(definitions.map((definition) => definition.identifier)).toEqual(['1-1', '1-2', '1-3', '1-4', '2-1', '2-2', '2-3', '2-4']);
    const defined = new Set(definitions.map((definition) => definition.identifier));
    const references = ofType(tree, 'footnoteReference');
    expect(references).toHaveLength(2 * citations(SAMPLE_BLOCKS).length);
    expect(references.every((reference) => defined.has(reference.identifier))).toBe(true);
    expect(ofType(tree, 'heading').filter((heading) => heading.depth === 1).map(plain)).toEqual([HOSTILE_TITLE, 'Second brief']);
  });
});

describe('rendering Markdown', () => {
  it('reports its progress to the end and stops when cancelled', async () => {
    const steps: number[] = [];
    await markdownExporter.render(sampleDocument(), { signal: new AbortController().signal, progress: (done, total) => steps.push(done / total) });
    expect(steps.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(markdownExporter.render(sampleDocument(), { signal: controller.signal, progress: () => undefined })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('renders a fifty-page brief with 300 citations quickly', async () => {
    const document = bigDocument();
    await markdownExporter.render(document, quietContext());
    const started = performance.now();
    const markdown = await markdownOf(document);
    const elapsed = performance.now() - started;
    const tree = parse(markdown);
    expect(ofType(tree, 'footnoteReference')).toHaveLength(300);
    expect(ofType(tree, 'footnoteDefinition')).toHaveLength(150);
    // The target is 300 ms (measured ~40 ms); the bound leaves room for a busy CI machine.
    expect(elapsed).toBeLessThan(1500);
  });
});
