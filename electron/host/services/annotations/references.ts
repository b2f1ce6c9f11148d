import { SlugSchema } from '../../../../shared/model/ids';
import type { Annotation } from '../../../../shared/model/annotation';

/**
 * The stable names exports give what they point at. A source is `urn:briefdesk:source:<sourceId>` and a fact
 * `urn:briefdesk:fact:<factId>` (JSON-LD IRIs); a passage, for a reader of the Markdown, is
 * `briefdesk://source/<sourceId>#<start>-<end>`: the source and the UTF-16 offsets of the passage in its `text`, the
 * TextPositionSelector's numbers. Ids are slugs, so none of these needs escaping.
 */

const SOURCE_URN = 'urn:briefdesk:source:';
const FACT_URN = 'urn:briefdesk:fact:';
const SOURCE_LINK = 'briefdesk://source/';

export const sourceIri = (sourceId: string): string => `${SOURCE_URN}${sourceId}`;
export const factIri = (factId: string): string => `${FACT_URN}${factId}`;

export function passageLink(annotation: Annotation): string {
  const [, position] = annotation.target.selectors;
  return `${SOURCE_LINK}${annotation.sourceId}#${position.start}-${position.end}`;
}

/** The slug after `prefix` in `iri`, up to a fragment; undefined when `iri` does not start so or the rest is no slug. */
function slugAfter(iri: string, prefix: string): string | undefined {
  if (!iri.startsWith(prefix)) return undefined;
  const id = iri.slice(prefix.length).split('#')[0]!;
  return SlugSchema.safeParse(id).success ? id : undefined;
}

/** The source an IRI names: the URN of the JSON-LD export, or the passage link of the Markdown one. */
export function sourceIdOfIri(iri: string): string | undefined {
  return slugAfter(iri, SOURCE_URN) ?? slugAfter(iri, SOURCE_LINK);
}

export function factIdOfIri(iri: string): string | undefined {
  return slugAfter(iri, FACT_URN);
}
