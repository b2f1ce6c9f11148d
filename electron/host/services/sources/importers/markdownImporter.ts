import type { Heading, Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { ParagraphText } from './paragraphText';
import { fileStem, refuseEmpty, refuseOversized, type ImportedSource, type SourceImporter } from './sourceImporter';
import { decodeUtf8Text } from './utf8Text';

/**
 * Parsed as GFM, the dialect the Markdown exporter writes: without the footnote extension a note's definition would be
 * taken for a link definition and vanish, and a table would be one paragraph of pipes.
 */
function parse(markdown: string): Root {
  return fromMarkdown(markdown, {
    extensions: [gfmFootnote(), gfmTable(), gfmStrikethrough()],
    mdastExtensions: [gfmFootnoteFromMarkdown(), gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()],
  });
}

/** Inline content as a reader sees it: markup dropped, a footnote call as "[1]"; raw HTML and images (remote) left out. */
function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'footnoteReference':
      return `[${node.label ?? node.identifier}]`;
    case 'html':
    case 'image':
    case 'imageReference':
      return '';
    default:
      return 'children' in node ? node.children.map(inlineText).join('') : '';
  }
}

/** `lead` goes before the first of `paragraphs`: a list item's number, a footnote's label. */
function led(lead: string, paragraphs: string[]): string[] {
  const [first, ...rest] = paragraphs;
  return first === undefined ? [] : [`${lead}${first}`, ...rest];
}

/** The paragraphs of a block: headings, paragraphs, list items, quoted paragraphs and table rows each one; code one per line. */
function paragraphsOf(node: Nodes): string[] {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'tableCell':
      return [inlineText(node)];
    case 'tableRow':
      return [node.children.map(inlineText).join(' | ')];
    case 'code':
      return node.value.split('\n');
    case 'list':
      return node.children.flatMap((item, index) => (node.ordered ? led(`${(node.start ?? 1) + index}. `, paragraphsOf(item)) : paragraphsOf(item)));
    case 'footnoteDefinition':
      return led(`[${node.label ?? node.identifier}] `, node.children.flatMap(paragraphsOf));
    case 'html':
    case 'definition':
    case 'thematicBreak':
    case 'yaml':
      return [];
    default:
      return 'children' in node ? node.children.flatMap(paragraphsOf) : [];
  }
}

/**
 * Markdown (GFM): block structure kept (each heading, paragraph, list item, quoted paragraph and table row a paragraph),
 * inline markup reduced to its text. The first top-level first-level heading becomes the title and is not repeated in
 * the text; without one the file's name is the title.
 */
export const markdownImporter: SourceImporter = {
  extensions: ['.md', '.markdown'],
  label: 'Markdown',
  async import(bytes, fileName, { signal, progress }): Promise<ImportedSource> {
    signal.throwIfAborted();
    refuseOversized(bytes, fileName);
    progress(0, 1, `Reading ${fileName}`);
    const tree = parse(decodeUtf8Text(bytes, fileName, 'Markdown'));
    signal.throwIfAborted();
    const titleHeading = tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
    const text = new ParagraphText();
    for (const node of tree.children) if (node !== titleHeading) for (const paragraph of paragraphsOf(node)) text.add(paragraph);
    const title = titleHeading ? inlineText(titleHeading).replace(/\s+/g, ' ').trim() : '';
    progress(1, 1, `Read ${fileName}`);
    return refuseEmpty({ title: title || fileStem(fileName), kind: 'note', text: text.text, paragraphs: text.paragraphs }, fileName);
  },
};
