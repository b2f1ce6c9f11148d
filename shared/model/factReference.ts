/**
 * How a brief refers to a fact: an inline editor node of this type carrying `factId`. Defined here, beside the
 * model, because the host scans brief files for references (deleting and merging facts) without an editor.
 */
export const FACT_REFERENCE_NODE_TYPE = 'fact-reference';

interface NodeLike {
  type?: unknown;
  factId?: unknown;
  children?: unknown;
}

/** Every factId referenced in a serialized editor state, with how often. */
export function countFactReferences(root: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  const walk = (node: NodeLike): void => {
    if (node.type === FACT_REFERENCE_NODE_TYPE && typeof node.factId === 'string') counts.set(node.factId, (counts.get(node.factId) ?? 0) + 1);
    if (Array.isArray(node.children)) for (const child of node.children as NodeLike[]) walk(child);
  };
  walk(root as NodeLike);
  return counts;
}

/** A copy of the serialized tree with every reference to `fromId` pointing at `toId` instead. */
export function repointFactReferences<T>(root: T, fromId: string, toId: string): T {
  const walk = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
    if (copy.type === FACT_REFERENCE_NODE_TYPE && copy.factId === fromId) copy.factId = toId;
    if (Array.isArray(copy.children)) copy.children = copy.children.map(walk);
    return copy;
  };
  return walk(root) as T;
}
