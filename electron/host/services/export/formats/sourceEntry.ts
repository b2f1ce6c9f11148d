import type { CitedSource } from '../printDocument';

export interface SourceEntry {
  /** Printed in italics. */
  title: string;
  /** What follows the title: ", The Example Times, February 28, 2019 (news article)". */
  details: string;
}

/**
 * A source as the Sources appendix prints it, as the print HTML does: the title, then the publisher and date where
 * known (missing metadata is left out, never printed as a placeholder), then its kind.
 */
export function sourceEntry(source: CitedSource): SourceEntry {
  const known = [source.publisher, source.displayDate ?? source.publishedAt].filter((part): part is string => part !== undefined && part.trim() !== '');
  return { title: source.title, details: `${known.length > 0 ? `, ${known.join(', ')}` : ''} (${source.kind})` };
}
