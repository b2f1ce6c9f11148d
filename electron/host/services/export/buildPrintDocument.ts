import { $isHorizontalRuleNode } from '@lexical/extension';
import { createHeadlessEditor } from '@lexical/headless';
import { $isLinkNode } from '@lexical/link';
import { $isListItemNode, $isListNode, type ListNode } from '@lexical/list';
import { $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $isTableCellNode, $isTableNode, $isTableRowNode } from '@lexical/table';
import {
  $getRoot,
  $isElementNode,
  $isLineBreakNode,
  $isParagraphNode,
  $isTabNode,
  $isTextNode,
  type ElementNode,
  type LexicalNode,
  type SerializedEditorState,
  type TextNode,
} from 'lexical';
import { AppError } from '../../../../shared/contract/define';
import { safeUrl } from '../../../../shared/lib/safeUrl';
import { unknownNodeTypes, type Brief } from '../../../../shared/model/brief';
import type { Fact } from '../../../../shared/model/fact';
import type { Source } from '../../../../shared/model/source';
import { NoteNumbering } from './citations';
import { inlineText, PLAIN, type Block, type CitedSource, type Inline, type ListBlock, type PrintBrief, type PrintDocument, type PrintOptions, type TextFormat } from './printDocument';
import { PrintedFactReference, PRINT_NODES } from './printNodes';

export interface PrintInput {
  /** One brief, or the book's briefs in order. */
  briefs: readonly Brief[];
  factOf: (id: string) => Fact | undefined;
  /** The sources facts are anchored in; undefined for one that is missing or damaged (its notes then give no source). */
  sourceOf: (id: string) => Source | undefined;
  options: PrintOptions;
}

export interface BuiltDocument {
  document: PrintDocument;
  /** What the analyst should know: references to facts no longer in the catalogue, printed as plain text. */
  notices: string[];
}

const TEXT_FORMATS: ReadonlyArray<keyof TextFormat> = ['bold', 'italic', 'underline', 'strikethrough', 'code', 'subscript', 'superscript'];

function formatOf(node: TextNode): TextFormat {
  const format = { ...PLAIN };
  for (const name of TEXT_FORMATS) format[name] = node.hasFormat(name);
  return format;
}

const ALIGNMENTS = { left: 'start', start: 'start', right: 'end', end: 'end', center: 'center', justify: 'justify' } as const;

/** Reads one brief's editor state in a headless Lexical editor (no renderer) into print blocks, numbering its notes. */
class BriefReader {
  private headings = 0;
  readonly missingFacts = new Set<string>();

  constructor(
    private readonly briefIndex: number,
    private readonly numbering: NoteNumbering,
  ) {}

  blocks(nodes: readonly LexicalNode[]): Block[] {
    return nodes.flatMap((node) => this.block(node));
  }

  private block(node: LexicalNode): Block[] {
    if ($isHeadingNode(node)) {
      const level = Number(node.getTag().slice(1)) as 1 | 2 | 3 | 4 | 5 | 6;
      return [{ kind: 'heading', level, children: this.inlines(node), anchor: `b${this.briefIndex + 1}-h${++this.headings}` }];
    }
    if ($isQuoteNode(node)) return [{ kind: 'quote', children: this.inlines(node) }];
    if ($isListNode(node)) return [this.list(node)];
    if ($isTableNode(node)) {
      const rows = node.getChildren().filter($isTableRowNode).map((row) =>
        row.getChildren().filter($isTableCellNode).map((cell) => ({ header: cell.getHeaderStyles() !== 0, blocks: this.blocks(cell.getChildren()) })),
      );
      return [{ kind: 'table', rows }];
    }
    if ($isHorizontalRuleNode(node)) return [{ kind: 'rule' }];
    if ($isParagraphNode(node) || $isElementNode(node)) {
      const children = this.inlines(node);
      // Empty paragraphs space a draft on screen; on paper the stylesheet spaces paragraphs.
      if (inlineText(children).trim() === '') return [];
      return [{ kind: 'paragraph', children, align: ALIGNMENTS[node.getFormatType() as keyof typeof ALIGNMENTS] ?? 'start' }];
    }
    return [];
  }

  private list(node: ListNode): ListBlock {
    const items: ListBlock['items'] = [];
    for (const child of node.getChildren()) {
      if (!$isListItemNode(child)) continue;
      const nested = child.getChildren().filter($isListNode);
      const own = child.getChildren().filter((grandchild) => !$isListNode(grandchild));
      // Lexical nests a list in an item of its own; it belongs to the item before it.
      if (own.length === 0 && nested.length > 0 && items.length > 0) items.at(-1)!.lists.push(...nested.map((list) => this.list(list)));
      else items.push({ children: this.inlineNodes(own), lists: nested.map((list) => this.list(list)) });
    }
    return { kind: 'list', ordered: node.getListType() === 'number', start: node.getStart(), items };
  }

  private inlines(node: ElementNode): Inline[] {
    return this.inlineNodes(node.getChildren());
  }

  private inlineNodes(nodes: readonly LexicalNode[]): Inline[] {
    const inlines: Inline[] = [];
    for (const node of nodes) {
      if ($isLineBreakNode(node)) inlines.push({ kind: 'lineBreak' });
      else if ($isTabNode(node)) inlines.push({ kind: 'text', text: '\t', format: formatOf(node) });
      else if (node instanceof PrintedFactReference) inlines.push(this.citation(node));
      else if ($isTextNode(node)) inlines.push({ kind: 'text', text: node.getTextContent(), format: formatOf(node) });
      else if ($isLinkNode(node)) {
        const url = safeUrl(node.getURL());
        const children = this.inlines(node);
        if (url) inlines.push({ kind: 'link', url, children });
        else inlines.push(...children);
      } else if ($isElementNode(node)) inlines.push(...this.inlines(node));
    }
    return inlines;
  }

  private citation(node: PrintedFactReference): Inline {
    const text = node.getTextContent();
    const call = this.numbering.call(node.getFactId());
    if (!call) {
      this.missingFacts.add(node.getFactId());
      return { kind: 'text', text, format: formatOf(node) };
    }
    return { kind: 'citation', text, format: formatOf(node), ...call };
  }
}

/** "March 1, 2019", the date a brief prints with: its last save. */
function printedDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
}

function readBrief(brief: Brief, briefIndex: number, input: PrintInput, onSourceCited: (source: CitedSource) => void): { printed: PrintBrief; missingFacts: Set<string> } {
  const unknown = unknownNodeTypes(brief.editorState);
  if (unknown.length > 0) {
    throw new AppError('refused', `“${brief.title}” holds parts this version of Briefdesk cannot print (${unknown.join(', ')}), so it was not exported: the file would have lost them.`);
  }
  let failure: Error | undefined;
  const editor = createHeadlessEditor({ nodes: [...PRINT_NODES], onError: (error) => (failure ??= error) });
  try {
    editor.setEditorState(editor.parseEditorState(brief.editorState as unknown as SerializedEditorState));
  } catch (error) {
    failure ??= error instanceof Error ? error : new Error(String(error));
  }
  if (failure) throw new AppError('damaged', `“${brief.title}” could not be read for printing (${failure.message}), so it was not exported.`);

  const numbering = new NoteNumbering(input.factOf, input.sourceOf, onSourceCited);
  const reader = new BriefReader(briefIndex, numbering);
  const body = editor.getEditorState().read(() => {
    const nodes = $getRoot().getChildren();
    // The brief's first line is usually its title as a heading: the title block prints it, so the body does not
    // again, and its references are not the first notes of a brief that does not show them.
    const [first] = nodes;
    const titleLine = $isHeadingNode(first) && first.getTextContent().trim() === brief.title.trim();
    return reader.blocks(titleLine ? nodes.slice(1) : nodes);
  });
  return {
    printed: { id: brief.id, title: brief.title, author: brief.author, date: printedDate(brief.updatedAt), classification: brief.classification, blocks: body, notes: numbering.notes },
    missingFacts: reader.missingFacts,
  };
}

/**
 * The one print rendering: briefs (their saved editor states) → a PrintDocument whose fact references are numbered
 * citations, each brief numbering its own notes, and the Sources appendix listing every cited source once.
 */
export function buildPrintDocument(input: PrintInput): BuiltDocument {
  const sources = new Map<string, CitedSource>();
  const notices: string[] = [];
  const briefs = input.briefs.map((brief, index) => {
    const { printed, missingFacts } = readBrief(brief, index, input, (source) => void (sources.has(source.id) || sources.set(source.id, source)));
    if (missingFacts.size > 0) {
      const count = missingFacts.size;
      notices.push(`In “${brief.title}”, ${count === 1 ? 'a reference names a fact' : `references name ${count} facts`} no longer in the catalogue (${[...missingFacts].join(', ')}): printed as plain text, without a note.`);
    }
    return printed;
  });
  const [first] = briefs;
  if (!first) throw new AppError('invalid_argument', 'Choose at least one brief to export.');
  const book = briefs.length > 1;
  const classifications = [...new Set(briefs.map((brief) => brief.classification))];
  const document: PrintDocument = {
    title: book ? `Briefing book: ${briefs.length} briefs` : first.title,
    author: first.author,
    subject: book ? briefs.map((brief) => brief.title).join('; ') : `Brief: ${first.title}`,
    language: 'en',
    classification: classifications.join(' / '),
    briefs,
    book,
    sources: input.options.includeSources ? [...sources.values()] : [],
    options: input.options,
  };
  return { document, notices };
}
