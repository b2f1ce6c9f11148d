import type { CitedSource } from '../printDocument';

/**
 * A source as one line of the Sources appendix, Chicago style: “Title,” Publisher, February 28, 2019 (news article).
 * Missing metadata is left out rather than printed as a placeholder.
 */
export function sourceEntryText(source: CitedSource): string {
  const details = [source.publisher, source.displayDate].filter((part): part is string => part !== undefined && part !== '');
  const title = details.length > 0 ? `“${source.title},” ${details.join(', ')}` : `“${source.title}”`;
  return `${title} (${source.kind}).`;
}
