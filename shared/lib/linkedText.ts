import type { FactMatcher } from './factMatcher';
import { FACT_REFERENCE_NODE_TYPE } from '../model/factReference';

const TEXT_DEFAULTS = { detail: 0, format: 0, mode: 'normal', style: '', version: 1 } as const;

export type SerializedInline =
  | ({ type: 'text'; text: string } & typeof TEXT_DEFAULTS)
  | ({ type: typeof FACT_REFERENCE_NODE_TYPE; text: string; factId: string } & typeof TEXT_DEFAULTS);

/** A run of plain text as serialized Lexical inline nodes, with every fact mention turned into a reference node. */
export function linkedInlineNodes(text: string, matcher: FactMatcher): SerializedInline[] {
  const nodes: SerializedInline[] = [];
  let at = 0;
  for (const span of matcher.match(text)) {
    if (span.start > at) nodes.push({ type: 'text', text: text.slice(at, span.start), ...TEXT_DEFAULTS });
    nodes.push({ type: FACT_REFERENCE_NODE_TYPE, text: text.slice(span.start, span.end), factId: span.factId, ...TEXT_DEFAULTS });
    at = span.end;
  }
  if (at < text.length) nodes.push({ type: 'text', text: text.slice(at), ...TEXT_DEFAULTS });
  return nodes;
}
