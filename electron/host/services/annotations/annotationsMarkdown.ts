import type { BlockContent, ListItem, PhrasingContent, RootContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { Annotation, NamedColour } from '../../../../shared/model/annotation';
import type { Source } from '../../../../shared/model/source';
import { passageLink } from './references';

export interface MarkdownContext {
  colours: readonly NamedColour[];
  /** Fact labels by id, for the facts annotations link to. */
  factLabels: ReadonlyMap<string, string>;
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });

/** Paragraphs split at blank lines; a single line break stays one inside its paragraph. */
function paragraphs(value: string): BlockContent[] {
  return value
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => ({ type: 'paragraph', children: [text(part)] }));
}

function field(label: string, value: PhrasingContent[]): ListItem {
  return { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [strong(`${label}:`), text(' '), ...value] }] };
}

function annotationBlocks(annotation: Annotation, context: MarkdownContext): RootContent[] {
  const [quote] = annotation.target.selectors;
  const colourName = context.colours.find((c) => c.id === annotation.color)?.name ?? annotation.color;
  const link = passageLink(annotation);
  const fields: ListItem[] = [field('Colour', [text(colourName.toLowerCase() === annotation.color ? colourName : `${colourName} (${annotation.color})`)])];
  if (annotation.tags.length > 0) fields.push(field('Tags', [text(annotation.tags.join(', '))]));
  if (annotation.factId) {
    const label = context.factLabels.get(annotation.factId);
    fields.push(field('Fact', label ? [text(`${label} (`), { type: 'inlineCode', value: annotation.factId }, text(')')] : [{ type: 'inlineCode', value: annotation.factId }]));
  }
  if (annotation.target.page !== undefined) fields.push(field('Page', [text(String(annotation.target.page))]));
  fields.push(field('Link', [{ type: 'link', url: link, children: [text(link)] }]));
  return [{ type: 'blockquote', children: paragraphs(quote.exact) }, ...paragraphs(annotation.comment), { type: 'list', ordered: false, spread: false, children: fields }];
}

/**
 * The annotations as Markdown, grouped by source: a heading per source (its title, or its id when the source is not
 * in the workspace), then each annotation in the order of the text: its quote as a block quote, the comment, and a
 * list of colour, tags, linked fact, page and the link back to the passage (see ./references). Built as an mdast tree
 * and serialized by mdast-util-to-markdown, which escapes the analyst's text.
 */
export function annotationsToMarkdown(annotationsBySource: ReadonlyMap<string, readonly Annotation[]>, sources: ReadonlyMap<string, Source>, context: MarkdownContext): string {
  const children: RootContent[] = [
    { type: 'heading', depth: 1, children: [text('Annotations')] },
    {
      type: 'paragraph',
      children: [
        text('Exported from Briefdesk. Each link names its passage as '),
        { type: 'inlineCode', value: 'briefdesk://source/<source id>#<start>-<end>' },
        text(': the source, and where the passage starts and ends in its text, counted in characters.'),
      ],
    },
  ];
  const groups = [...annotationsBySource].map(([sourceId, annotations]) => ({ sourceId, source: sources.get(sourceId), annotations }));
  groups.sort((a, b) => (a.source?.title ?? a.sourceId).localeCompare(b.source?.title ?? b.sourceId));
  for (const { sourceId, source, annotations } of groups) {
    if (annotations.length === 0) continue;
    children.push({ type: 'heading', depth: 2, children: [text(source?.title ?? sourceId)] });
    children.push({
      type: 'paragraph',
      children: [{ type: 'emphasis', children: [text(source ? `${source.publisher}, ${source.publishedAt}` : 'This source is not in the workspace.')] }],
    });
    const inTextOrder = [...annotations].sort((a, b) => a.target.selectors[1].start - b.target.selectors[1].start);
    for (const annotation of inTextOrder) children.push(...annotationBlocks(annotation, context));
  }
  return toMarkdown({ type: 'root', children }, { bullet: '-', listItemIndent: 'one' });
}
