import {
  $applyNodeReplacement,
  $getEditor,
  $getState,
  $setState,
  TextNode,
  createState,
  type DOMConversionMap,
  type DOMConversionOutput,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { FACT_REFERENCE_NODE_TYPE } from '../../../../shared/model/factReference';
import { SlugSchema } from '../../../../shared/model/ids';

/** The referenced fact's id, serialized flat as `factId` so the host can find references without an editor. */
const factIdState = createState('factId', { parse: (value) => (typeof value === 'string' ? value : '') });

const referenceTransforms = new WeakMap<LexicalEditor, (node: FactReferenceNode) => void>();

/**
 * Sets the transform an editor runs on its dirty references (the fact linking's), until the returned function is
 * called. The node class carries the transform rather than `editor.registerNodeTransform`, which marks every
 * reference dirty when it is registered: a long brief would be re-rendered and re-checked reference by reference
 * on opening, though nothing in it changed.
 */
export function setFactReferenceTransform(editor: LexicalEditor, transform: (node: FactReferenceNode) => void): () => void {
  referenceTransforms.set(editor, transform);
  return () => {
    if (referenceTransforms.get(editor) === transform) referenceTransforms.delete(editor);
  };
}

function $transformFactReference(node: FactReferenceNode): void {
  referenceTransforms.get($getEditor())?.(node);
}

/**
 * An inline mention of a catalogued fact: a text entity (typing at its edges goes outside it) carrying the fact's id.
 * In the DOM it is a span with `data-fact-id`, in HTML export too.
 */
export class FactReferenceNode extends TextNode {
  override $config() {
    return this.config(FACT_REFERENCE_NODE_TYPE, {
      extends: TextNode,
      stateConfigs: [{ stateConfig: factIdState, flat: true }],
      $transform: $transformFactReference,
    });
  }

  getFactId(): string {
    return $getState(this, factIdState);
  }

  setFactId(factId: string): this {
    return $setState(this, factIdState, factId);
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const element = super.createDOM(config);
    element.classList.add('bd-fact-ref');
    element.dataset.factId = this.getFactId();
    return element;
  }

  override updateDOM(prevNode: this, dom: HTMLElement, config: EditorConfig): boolean {
    const replaced = super.updateDOM(prevNode, dom, config);
    if (prevNode.getFactId() !== this.getFactId()) dom.dataset.factId = this.getFactId();
    return replaced;
  }

  /** HTML from `exportDOM` (a copy from another brief, as text/html) keeps its references: `span[data-fact-id]`. */
  static override importDOM(): DOMConversionMap | null {
    return {
      span: (domNode: HTMLElement) =>
        SlugSchema.safeParse(domNode.getAttribute('data-fact-id')).success ? { conversion: $convertFactReferenceElement, priority: 1 } : null,
    };
  }

  override exportDOM(): DOMExportOutput {
    const element = document.createElement('span');
    element.className = 'fact-ref';
    element.dataset.factId = this.getFactId();
    element.textContent = this.getTextContent();
    return { element };
  }

  override canInsertTextBefore(): boolean {
    return false;
  }

  override canInsertTextAfter(): boolean {
    return false;
  }

  override isTextEntity(): true {
    return true;
  }
}

function $convertFactReferenceElement(domNode: HTMLElement): DOMConversionOutput {
  const text = domNode.textContent ?? '';
  return { node: text === '' ? null : $createFactReferenceNode(domNode.getAttribute('data-fact-id') ?? '', text) };
}

export function $createFactReferenceNode(factId: string, text: string): FactReferenceNode {
  return $applyNodeReplacement(new FactReferenceNode(text)).setFactId(factId);
}

export function $isFactReferenceNode(node: LexicalNode | null | undefined): node is FactReferenceNode {
  return node instanceof FactReferenceNode;
}
