import { anchorQuote, makeAnchor, type QuoteSelector } from '../../../../shared/lib/textAnchor';
import type { AnnotationTarget } from '../../../../shared/model/annotation';
import type { Source } from '../../../../shared/model/source';

type Selectors = AnnotationTarget['selectors'];

/** The selector pair for text[start, end) of `source`, its context taken as every anchor's is (makeAnchor). */
export function selectorsAt(source: Source, start: number, end: number): Selectors {
  const { exact, prefix, suffix } = makeAnchor(source.text, source.id, start, end);
  return [
    { type: 'TextQuoteSelector', exact, prefix, suffix },
    { type: 'TextPositionSelector', start, end },
  ];
}

/** Whether the quote, with its prefix and suffix, is what the source's text holds at the quote's position. */
function quotesItsPlace(text: string, [quote, position]: Selectors): boolean {
  return (
    position.end <= text.length &&
    text.slice(position.start, position.end) === quote.exact &&
    text.slice(0, position.start).endsWith(quote.prefix) &&
    text.startsWith(quote.suffix, position.end)
  );
}

/**
 * Why a new annotation's target does not quote `source` where it says, or undefined. The renderer takes the
 * selectors from the text it shows (makeAnchor), so a mismatch is a stale view or a fault, never a passage to guess.
 */
export function targetProblem(source: Source, target: AnnotationTarget): string | undefined {
  if (quotesItsPlace(source.text, target.selectors)) return undefined;
  const [quote, position] = target.selectors;
  const excerpt = quote.exact.length > 60 ? `${quote.exact.slice(0, 60)}…` : quote.exact;
  return `The passage “${excerpt}” is not at characters ${position.start}–${position.end} of the source “${source.title}”. Select it again in the source.`;
}

/**
 * Places a quote that comes from elsewhere (an import) in `source`: at its position when the text there agrees, else
 * found again by its quote and context (anchorQuote; a passage that moved a little is placed where it is now).
 * Selectors that already quote their place are kept as they are, so an exported annotation imports unchanged.
 */
export function placeQuote(source: Source, quote: QuoteSelector): { ok: true; selectors: Selectors } | { ok: false; reason: string } {
  const { exact, prefix, suffix, start, end } = quote;
  if (start !== undefined && end !== undefined) {
    const given: Selectors = [
      { type: 'TextQuoteSelector', exact, prefix, suffix },
      { type: 'TextPositionSelector', start, end },
    ];
    if (quotesItsPlace(source.text, given)) return { ok: true, selectors: given };
  }
  const found = anchorQuote(source.text, quote);
  if (found.grade === 'orphaned') return { ok: false, reason: found.reason };
  return { ok: true, selectors: selectorsAt(source, found.start, found.end) };
}
