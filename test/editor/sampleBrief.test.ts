import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $getRoot, $isElementNode, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { BRIEF_EDITOR_NODES } from '../../renderer/src/editor/editorConfig';
import { $createFactReferenceNode, $isFactReferenceNode } from '../../renderer/src/editor/nodes/FactReferenceNode';
import { BriefSchema } from '../../shared/model/brief';
import { FactCatalogueSchema } from '../../shared/model/fact';

const repoRoot = join(import.meta.dirname, '..', '..');
const readJson = (...path: string[]): unknown => JSON.parse(readFileSync(join(repoRoot, ...path), 'utf8'));

function editor() {
  return createHeadlessEditor({ namespace: 'test', nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
}

function references(node: LexicalNode): Array<{ factId: string; text: string }> {
  if ($isFactReferenceNode(node)) return [{ factId: node.getFactId(), text: node.getTextContent() }];
  return $isElementNode(node) ? node.getChildren().flatMap(references) : [];
}

describe('FactReferenceNode', () => {
  it('round-trips through JSON with its factId flat on the node', () => {
    const first = editor();
    first.update(
      () => {
        $getRoot().append($createParagraphNode().append($createFactReferenceNode('yongbyon-facility', 'Yongbyon')));
      },
      { discrete: true },
    );
    const json = first.getEditorState().toJSON();
    const text = JSON.stringify(json);
    expect(text).toContain('"type":"fact-reference"');
    expect(text).toContain('"factId":"yongbyon-facility"');
    const second = editor();
    second.setEditorState(second.parseEditorState(json));
    const found = second.getEditorState().read(() => references($getRoot()));
    expect(found).toEqual([{ factId: 'yongbyon-facility', text: 'Yongbyon' }]);
    expect(second.getEditorState().toJSON()).toEqual(json);
  });
});

describe('the bundled sample brief', () => {
  const brief = BriefSchema.parse(readJson('resources', 'briefs', 'hanoi-summit-sample.brief.json'));
  const catalogue = FactCatalogueSchema.parse(readJson('resources', 'facts', 'hanoi-summit.facts.json'));

  it('opens in the real editor with its facts linked, each to a catalogued fact whose alias or label it mentions', () => {
    const instance = editor();
    instance.setEditorState(instance.parseEditorState(brief.editorState as never));
    const found = instance.getEditorState().read(() => references($getRoot()));
    expect(found.length).toBeGreaterThanOrEqual(20);
    const facts = new Map(catalogue.facts.map((f) => [f.id, f]));
    for (const { factId, text } of found) {
      const fact = facts.get(factId);
      expect(fact, factId).toBeDefined();
      const forms = [fact!.label, ...fact!.aliases.map((a) => a.text)].map((f) => f.toLowerCase().replace(/’/g, "'"));
      expect(forms, `${text} → ${factId}`).toContain(text.toLowerCase().replace(/’/g, "'"));
    }
    const ids = new Set(found.map((r) => r.factId));
    for (const required of ['donald-trump', 'kim-jong-un', 'moon-jae-in', 'yongbyon-facility', 'hanoi-summit-2019', 'quote-fire-and-fury']) {
      expect(ids, required).toContain(required);
    }
  });

  it('has the BLUF sections', () => {
    const headings = brief.editorState.root.children.filter((b) => b.type === 'heading').map((b) => (b.children ?? []).map((c) => (c as { text?: string }).text ?? '').join(''));
    expect(headings).toEqual(['Hanoi summit ends without a deal', 'BLUF', 'Key Judgments', 'Background', 'Outlook']);
  });
});
