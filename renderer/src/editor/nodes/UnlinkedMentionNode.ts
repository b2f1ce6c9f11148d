import { $applyNodeReplacement, $getState, $setState, TextNode, createState, type LexicalNode } from 'lexical';

const factIdState = createState('factId', { parse: (value) => (typeof value === 'string' ? value : '') });

/**
 * A mention the analyst unlinked: plain text to the reader, but it remembers which fact it named so the linker
 * leaves it alone, across saves, reloads and catalogue changes.
 */
export class UnlinkedMentionNode extends TextNode {
  override $config() {
    return this.config('unlinked-mention', { extends: TextNode, stateConfigs: [{ stateConfig: factIdState, flat: true }] });
  }

  getFactId(): string {
    return $getState(this, factIdState);
  }

  setFactId(factId: string): this {
    return $setState(this, factIdState, factId);
  }

  override canInsertTextBefore(): boolean {
    return false;
  }

  override canInsertTextAfter(): boolean {
    return false;
  }
}

export function $createUnlinkedMentionNode(factId: string, text: string): UnlinkedMentionNode {
  return $applyNodeReplacement(new UnlinkedMentionNode(text)).setFactId(factId);
}

export function $isUnlinkedMentionNode(node: LexicalNode | null | undefined): node is UnlinkedMentionNode {
  return node instanceof UnlinkedMentionNode;
}
