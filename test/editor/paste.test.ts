// @vitest-environment happy-dom
import { $getHtmlContent, $getLexicalContent } from '@lexical/clipboard';
import { registerRichText } from '@lexical/rich-text';
import { mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $isElementNode,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  DROP_COMMAND,
  PASTE_COMMAND,
  createEditor,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
} from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIEF_EDITOR_NODES, briefEditorConfig } from '../../renderer/src/editor/editorConfig';
import { $createFactReferenceNode, $isFactReferenceNode } from '../../renderer/src/editor/nodes/FactReferenceNode';
import { sanitizeHtml, sanitizeHtmlToString } from '../../renderer/src/editor/paste/sanitizeHtml';
import { sanitizeLexicalJson } from '../../renderer/src/editor/paste/sanitizeLexicalJson';
import { registerPasteSafety, sanitizedDataTransfer } from '../../renderer/src/editor/plugins/PasteSafetyPlugin';
import { LEXICAL_CLIPBOARD_MIME, PASTE_EDITOR_NODE_TYPES } from '../../shared/lib/pasteSchema';
import { emptyEditorState } from '../../shared/model/brief';

const NAMESPACE = briefEditorConfig(JSON.stringify(emptyEditorState()), () => undefined).namespace;

/** Markers of hostile content: none of them may be in the editor state after a paste. */
const FORBIDDEN = ['onerror', 'onclick', 'onload', '<script', 'alert(', 'javascript:', 'data:', 'file:', 'http://tracker', 'http://evil', 'url(', 'background:', 'color:red', 'svgtext', 'iframe', 'evil-node', 'evil-block', 'image'];

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
  document.body.innerHTML = '';
});

/** A real editor on a contenteditable root (the brief editor's namespace and nodes), rich text plus paste safety. */
function mountEditor(): LexicalEditor {
  const root = document.createElement('div');
  root.contentEditable = 'true';
  document.body.append(root);
  const editor = createEditor({ namespace: NAMESPACE, nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
  editor.setRootElement(root);
  cleanups.push(mergeRegister(registerRichText(editor), registerPasteSafety(editor)), () => editor.setRootElement(null));
  editor.update(
    () => {
      const paragraph = $createParagraphNode();
      $getRoot().clear().append(paragraph);
      paragraph.select();
    },
    { discrete: true },
  );
  return editor;
}

/** Enough of a DataTransfer for Lexical's clipboard code: `getData` and `types`. */
function dataTransfer(formats: Record<string, string>): DataTransfer {
  return {
    getData: (format: string) => formats[format] ?? '',
    types: Object.keys(formats),
    files: [] as unknown as FileList,
    items: [] as unknown as DataTransferItemList,
  } as unknown as DataTransfer;
}

/** Dispatches a paste the way Lexical does for a browser `paste` event, and commits it. */
function paste(editor: LexicalEditor, formats: Record<string, string>): void {
  const event = { clipboardData: dataTransfer(formats), target: editor.getRootElement(), preventDefault: () => undefined };
  editor.update(() => void editor.dispatchCommand(PASTE_COMMAND, event as unknown as ClipboardEvent), { discrete: true });
}

const stateJson = (editor: LexicalEditor): string => JSON.stringify(editor.getEditorState().toJSON());
const textOf = (editor: LexicalEditor): string => editor.getEditorState().read(() => $getRoot().getTextContent());

interface Found {
  type: string;
  [field: string]: unknown;
}
/** Every serialized node in the editor state, depth first. */
function allNodes(editor: LexicalEditor): Found[] {
  const out: Found[] = [];
  const walk = (node: Found): void => {
    out.push(node);
    if (Array.isArray(node.children)) for (const child of node.children as Found[]) walk(child);
  };
  walk(editor.getEditorState().toJSON().root as unknown as Found);
  return out;
}

function expectNothingHostile(json: string): void {
  for (const marker of FORBIDDEN) expect(json.toLowerCase(), marker).not.toContain(marker.toLowerCase());
  // No inline CSS from the paste anywhere: every style field is empty.
  for (const match of json.matchAll(/"(?:style|textStyle)":"([^"]*)"/g)) expect(match[1]).toBe('');
}

const HOSTILE_HTML = `
<html><head><style>p { background: url(http://evil/style.png) }</style><meta http-equiv="refresh" content="0;url=http://evil"></head>
<body>
<p style="background:url(http://evil/bg.png)" onclick="alert(1)" class="MsoNormal">Safe <b>bold</b> text<img src=x onerror=alert(1)></p>
<script>alert(1)</script>
<p><a href="javascript:alert(1)">js1</a> <a href=" JaVaScRiPt:alert(1)">js2</a> <a href="data:text/html,<script>alert(1)</script>">dataLink</a> <a href="file:///etc/passwd">fileLink</a> <a href="https://example.org/page" onclick="alert(1)" style="color:red" target="_top" title="t">good link</a></p>
<iframe srcdoc="<script>alert(1)</script>"></iframe>
<svg onload="alert(1)"><text>svgtext</text></svg>
<img src="http://tracker/pixel.gif">
<p><span data-fact-id="yongbyon-facility" onmouseover="alert(1)" style="color:red">Yongbyon</span> and <span data-fact-id="../../x">bad ref</span></p>
<form action="http://evil"><input value="evil input"><button>evil button</button></form>
<h5 onclick="alert(1)">Deep heading</h5>
<ul><li>one</li><li><i>two</i></li></ul>
</body></html>`;

describe('pasting HTML', () => {
  it('keeps text, formatting, safe links and fact references, and nothing hostile', () => {
    const editor = mountEditor();
    paste(editor, { 'text/html': HOSTILE_HTML, 'text/plain': 'plain version' });
    const json = stateJson(editor);
    expectNothingHostile(json);
    expect(json).not.toContain('evil input');
    expect(json).not.toContain('evil button');

    const text = textOf(editor);
    for (const kept of ['Safe ', 'bold', ' text', 'js1', 'js2', 'dataLink', 'fileLink', 'good link', 'Yongbyon', 'bad ref', 'Deep heading', 'one', 'two']) expect(text).toContain(kept);

    const nodes = allNodes(editor);
    const links = nodes.filter((n) => n.type === 'link');
    expect(links.map((l) => l.url)).toEqual(['https://example.org/page']);
    expect(links[0]).toMatchObject({ target: null, rel: null, title: null });
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'text', text: 'bold', format: 1 }));
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'text', text: 'two', format: 2 }));
    expect(nodes.filter((n) => n.type === 'fact-reference').map((n) => [n.factId, n.text])).toEqual([['yongbyon-facility', 'Yongbyon']]);
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'heading', tag: 'h3' }));
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'list', listType: 'bullet' }));
  });

  it('turns a span[data-fact-id] into a fact reference', () => {
    const editor = mountEditor();
    paste(editor, { 'text/html': '<p>The <span class="fact-ref" data-fact-id="yongbyon-facility">Yongbyon</span> site</p>' });
    const refs = allNodes(editor).filter((n) => n.type === 'fact-reference');
    expect(refs).toEqual([expect.objectContaining({ factId: 'yongbyon-facility', text: 'Yongbyon' })]);
    expect(textOf(editor)).toBe('The Yongbyon site');
  });

  it('keeps Google Docs formatting written as CSS, without the CSS, and without making everything bold', () => {
    const editor = mountEditor();
    const docs =
      '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1234"><p dir="ltr" style="line-height:1.38"><span style="font-weight:700;color:#ff0000">Bold</span><span style="font-style:italic"> italic</span><span style="text-decoration:underline"> under</span><span> plain</span></p></b>';
    paste(editor, { 'text/html': docs });
    const nodes = allNodes(editor);
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'text', text: 'Bold', format: 1 }));
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'text', text: ' italic', format: 2 }));
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'text', text: ' under', format: 8 }));
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'text', text: ' plain', format: 0 }));
    expect(stateJson(editor)).not.toContain('ff0000');
  });

  it('leaves plain text (and HTML that is only the plain text) to the ordinary plain-text paste', () => {
    const editor = mountEditor();
    paste(editor, { 'text/plain': 'just <b>text</b>' });
    expect(textOf(editor)).toBe('just <b>text</b>');
    const second = mountEditor();
    paste(second, { 'text/plain': 'same', 'text/html': 'same' });
    expect(textOf(second)).toBe('same');
  });

  it('keeps tables (cells only, no attributes) and horizontal rules', () => {
    const editor = mountEditor();
    paste(editor, {
      'text/html':
        '<table style="width:900px" border="1"><colgroup><col width="500"></colgroup><thead><tr><th bgcolor="red">Actor</th><th>Role</th></tr></thead>' +
        '<tbody><tr><td colspan="2" onclick="alert(1)">Kim <a href="javascript:alert(1)">x</a></td></tr></tbody></table><hr onclick="alert(1)"><p>after</p>',
    });
    const nodes = allNodes(editor);
    expect(nodes.filter((n) => n.type === 'table')).toHaveLength(1);
    expect(nodes.filter((n) => n.type === 'tablerow')).toHaveLength(2);
    expect(nodes.filter((n) => n.type === 'tablecell').map((n) => n.headerState !== 0)).toEqual([true, true, false]);
    expect(nodes.filter((n) => n.type === 'horizontalrule')).toHaveLength(1);
    expect(textOf(editor)).toContain('Kim x');
    const json = stateJson(editor);
    expectNothingHostile(json);
    expect(json).not.toContain('red');
  });

  it('sanitizes a drop from outside the app (insertFromDrop) the same way', () => {
    const editor = mountEditor();
    const event = { inputType: 'insertFromDrop', data: null, dataTransfer: dataTransfer({ 'text/html': '<p onclick="alert(1)">dropped <a href="javascript:alert(1)">x</a></p>' }) };
    editor.update(() => void editor.dispatchCommand(CONTROLLED_TEXT_INSERTION_COMMAND, event as unknown as InputEvent), { discrete: true });
    expect(textOf(editor)).toContain('dropped x');
    expectNothingHostile(stateJson(editor));
  });
});

describe('dropping a drag from another Lexical editor', () => {
  it('inserts only the sanitized payload (Lexical drop handling, given a sanitized DataTransfer)', () => {
    const editor = mountEditor();
    editor.update(() => void $getRoot().getFirstChildOrThrow<ElementNode>().append($createTextNode('Start')), { discrete: true });
    const textNode = editor.getRootElement()!.querySelector('span')!.firstChild!;
    // happy-dom has no layout: the drop point resolves to the end of "Start".
    const doc = document as unknown as { caretRangeFromPoint?: () => Pick<Range, 'startContainer' | 'startOffset'> };
    doc.caretRangeFromPoint = () => ({ startContainer: textNode, startOffset: 5 });
    cleanups.push(() => delete doc.caretRangeFromPoint);
    const event = {
      clientX: 1,
      clientY: 1,
      dataTransfer: dataTransfer({
        'application/x-lexical-drag': JSON.stringify({ editorKey: 'some-other-editor' }),
        [LEXICAL_CLIPBOARD_MIME]: JSON.stringify(HOSTILE_LEXICAL),
        'text/html': HOSTILE_HTML,
      }),
      preventDefault: () => undefined,
    };
    editor.update(() => void editor.dispatchCommand(DROP_COMMAND, event as unknown as DragEvent), { discrete: true });
    expect(textOf(editor)).toContain('good link');
    expectNothingHostile(stateJson(editor));
  });
});

describe('sanitizeHtml', () => {
  it('rebuilds only allowed elements, with no attributes but a safe href and a slug data-fact-id', () => {
    const html = sanitizeHtmlToString(HOSTILE_HTML);
    expect(html).not.toMatch(/<(img|script|style|iframe|svg|form|input|button|meta|b|i)\b/);
    expect(html).not.toMatch(/\s(style|class|on\w+|src|target|title|id)=/);
    expect(html).toContain('<a href="https://example.org/page">good link</a>');
    expect(html).toContain('<span data-fact-id="yongbyon-facility">Yongbyon</span>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<h3>Deep heading</h3>');
    expect(html).toContain('js1');
    for (const marker of FORBIDDEN) expect(html.toLowerCase(), marker).not.toContain(marker.toLowerCase());
  });

  it('maps unknown block containers to bare divs, unwraps other unknown elements and survives odd tag names', () => {
    const html = sanitizeHtmlToString('<div class="x"><section>a</section><font color="red">b</font><constructor>c</constructor><__proto__>d</__proto__><table><tbody><tr><td colspan="2">e</td></tr></tbody></table></div>');
    expect(html).toBe('<div><div>a</div>bcd<table><tr><td>e</td></tr></table></div>');
  });

  it('does not recurse without bound on deeply nested input', () => {
    const deep = `${'<div>'.repeat(3000)}deep${'</div>'.repeat(3000)}`;
    const clean = sanitizeHtml(deep);
    expect(clean.body.textContent).toBe('deep');
    expect(clean.querySelectorAll('div').length).toBeLessThanOrEqual(64);
  });
});

const paragraph = (...children: unknown[]) => ({ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children });
const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'text', version: 1, detail: 0, format: 0, mode: 'normal', style: '', text: value, ...extra });
const link = (url: string, ...children: unknown[]) => ({ type: 'link', version: 1, direction: null, format: '', indent: 0, url, rel: null, target: null, title: null, children });
const factRef = (factId: string, value: string) => ({ ...text(value), type: 'fact-reference', factId });

const HOSTILE_LEXICAL = {
  namespace: NAMESPACE,
  nodes: [
    paragraph(
      text('Plain ', { onerror: 'alert(1)', style: 'background:url(http://evil/bg.png)', $: { evil: 'javascript:alert(1)' } }),
      text('bold', { format: 1 }),
      text(' '),
      link('javascript:alert(1)', text('jsLink')),
      link(' JaVaScRiPt:alert(1)', text('jsLink2')),
      link('data:text/html,<script>alert(1)</script>', text('dataLink')),
      link('file:///etc/passwd', text('fileLink')),
      link('https://example.org/page', text('good link')),
      factRef('../../x', 'Bad ref'),
      factRef('kim-jong-un', 'Kim'),
      { type: 'evil-node', version: 1, text: 'unknown-type text', onerror: 'alert(1)' },
      { type: 'evil-block', version: 1, onclick: 'alert(1)', children: [text('nested in unknown')] },
    ),
    { type: 'evil-node', version: 1, children: [paragraph(text('from an unknown block'))] },
    { type: 'image', version: 1, src: 'http://tracker/pixel.gif', altText: '' },
    { type: 'paragraph', version: 1, textStyle: 'color:red', onclick: 'alert(1)', children: [text('styled paragraph')] },
    { type: '__proto__', version: 1, children: [text('proto text')] },
    { type: 'constructor', version: 1, text: 'constructor text' },
    { type: 'listitem', version: 1, value: 1, children: [text('stray item')] },
  ],
};

describe('pasting Lexical JSON (application/x-lexical-editor)', () => {
  it('drops unknown node types and fields, strips bad URLs and fact ids, and keeps the safe parts', () => {
    const editor = mountEditor();
    paste(editor, { [LEXICAL_CLIPBOARD_MIME]: JSON.stringify(HOSTILE_LEXICAL), 'text/html': '<p>html version</p>' });
    const json = stateJson(editor);
    expectNothingHostile(json);
    expect(json).not.toContain('"$"');
    const textContent = textOf(editor);
    expect(textContent).not.toContain('html version');
    for (const kept of ['Plain ', 'bold', 'jsLink', 'jsLink2', 'dataLink', 'fileLink', 'good link', 'Bad ref', 'Kim', 'unknown-type text', 'nested in unknown', 'from an unknown block', 'styled paragraph', 'proto text', 'constructor text', 'stray item']) {
      expect(textContent).toContain(kept);
    }
    const nodes = allNodes(editor);
    expect(nodes.filter((n) => n.type === 'link').map((n) => n.url)).toEqual(['https://example.org/page']);
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'text', text: 'bold', format: 1 }));
    expect(nodes.filter((n) => n.type === 'fact-reference').map((n) => [n.factId, n.text])).toEqual([['kim-jong-un', 'Kim']]);
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'text', text: 'Bad ref' }));
    expect(nodes).toContainEqual(expect.objectContaining({ type: 'list' }));
    expect(new Set(nodes.map((n) => n.type))).toEqual(new Set(['root', 'paragraph', 'text', 'link', 'fact-reference', 'list', 'listitem']));
  });

  it('keeps tables and rules, and puts stray rows, cells and list items where they belong', () => {
    const cell = (...children: unknown[]) => ({ type: 'tablecell', version: 1, headerState: 1, colSpan: 4, backgroundColor: 'url(http://evil/x.png)', children });
    const editor = mountEditor();
    const payload = {
      namespace: NAMESPACE,
      nodes: [
        { type: 'table', version: 1, colWidths: [120, 'javascript:alert(1)'], rowStriping: true, children: [{ type: 'tablerow', version: 1, height: 9, children: [cell(paragraph(text('h1')))] }, cell(text('loose cell'))] },
        { type: 'horizontalrule', version: 1, onclick: 'alert(1)' },
        cell(paragraph(text('orphan cell'))),
      ],
    };
    paste(editor, { [LEXICAL_CLIPBOARD_MIME]: JSON.stringify(payload) });
    const json = stateJson(editor);
    expectNothingHostile(json);
    expect(json).not.toContain('rowStriping');
    const nodes = allNodes(editor);
    expect(nodes.filter((n) => n.type === 'table')).toHaveLength(2);
    expect(nodes.filter((n) => n.type === 'tablecell').every((n) => n.colSpan === undefined || n.colSpan === 1)).toBe(true);
    expect(nodes.filter((n) => n.type === 'horizontalrule')).toHaveLength(1);
    for (const kept of ['h1', 'loose cell', 'orphan cell']) expect(textOf(editor)).toContain(kept);
  });

  it('falls back to the HTML when the JSON is broken or comes from another editor', () => {
    for (const payload of ['{not json', JSON.stringify({ ...HOSTILE_LEXICAL, namespace: 'someone-else' }), JSON.stringify({ namespace: NAMESPACE, nodes: 'x' })]) {
      const editor = mountEditor();
      paste(editor, { [LEXICAL_CLIPBOARD_MIME]: payload, 'text/html': '<p>html <img src="http://tracker/p.gif">version</p>' });
      expect(textOf(editor)).toBe('html version');
      expectNothingHostile(stateJson(editor));
    }
  });

  it('cleans a payload without an editor: fields, URLs, structure, depth', () => {
    const cleaned = sanitizeLexicalJson(HOSTILE_LEXICAL, NAMESPACE)!;
    expectNothingHostile(JSON.stringify(cleaned));
    expect(cleaned.nodes[0]!.children![0]).toEqual(text('Plain '));
    // A stray list item is put in a list; an unknown block inside a paragraph leaves only its inline content.
    expect(cleaned.nodes.at(-1)).toMatchObject({ type: 'list', listType: 'bullet', tag: 'ul', children: [{ type: 'listitem' }] });
    const nestedBlocks = sanitizeLexicalJson({ namespace: NAMESPACE, nodes: [paragraph(paragraph(text('a')), paragraph(text('b')))] })!;
    expect(nestedBlocks.nodes[0]!.children!.map((n) => n.type)).toEqual(['text', 'linebreak', 'text']);
    let deep: unknown = text('deep');
    for (let i = 0; i < 5000; i += 1) deep = { type: 'evil-block', children: [deep] };
    expect(JSON.stringify(sanitizeLexicalJson({ namespace: NAMESPACE, nodes: [paragraph(deep)] }))).toContain('"text":"deep"');
    expect(sanitizeLexicalJson('{"namespace":"x","nodes":[]}')).toBeUndefined();
  });
});

describe('copy and paste between briefs', () => {
  function sourceBrief(): LexicalEditor {
    const editor = mountEditor();
    editor.update(
      () => {
        const paragraph = $createParagraphNode().append(
          $createTextNode('Talks at '),
          $createFactReferenceNode('yongbyon-facility', 'Yongbyon'),
          $createTextNode(' stalled.'),
        );
        $getRoot().clear().append(paragraph);
        $getRoot().select(0, 1);
      },
      { discrete: true },
    );
    return editor;
  }
  const references = (editor: LexicalEditor) =>
    editor.getEditorState().read(() => {
      const walk = (node: LexicalNode): Array<[string, string]> =>
        $isFactReferenceNode(node) ? [[node.getFactId(), node.getTextContent()]] : $isElementNode(node) ? node.getChildren().flatMap(walk) : [];
      return walk($getRoot());
    });

  it('keeps fact references through the Lexical JSON and through the HTML alone', () => {
    const source = sourceBrief();
    const { json, html } = source.getEditorState().read(() => ({ json: $getLexicalContent(source)!, html: $getHtmlContent(source) }), { editor: source });
    expect(html).toContain('data-fact-id="yongbyon-facility"');

    const viaJson = mountEditor();
    paste(viaJson, { [LEXICAL_CLIPBOARD_MIME]: json, 'text/html': html });
    expect(references(viaJson)).toEqual([['yongbyon-facility', 'Yongbyon']]);
    expect(textOf(viaJson)).toBe('Talks at Yongbyon stalled.');

    const viaHtml = mountEditor();
    paste(viaHtml, { 'text/html': html });
    expect(references(viaHtml)).toEqual([['yongbyon-facility', 'Yongbyon']]);
    expect(textOf(viaHtml)).toBe('Talks at Yongbyon stalled.');
  });
});

describe('the paste rules', () => {
  it('allow exactly the node types the brief editor registers', () => {
    const editor = createEditor({ namespace: NAMESPACE, nodes: BRIEF_EDITOR_NODES, onError: (error) => { throw error; } });
    const registered = [...editor._nodes.keys()].filter((type) => type !== 'artificial');
    expect(new Set(PASTE_EDITOR_NODE_TYPES)).toEqual(new Set(registered));
  });

  it('give Lexical drops a sanitized view of the DataTransfer', () => {
    const view = sanitizedDataTransfer(
      dataTransfer({ 'text/html': HOSTILE_HTML, [LEXICAL_CLIPBOARD_MIME]: JSON.stringify(HOSTILE_LEXICAL), 'text/plain': 'plain', 'application/x-evil': 'x' }),
      NAMESPACE,
    );
    expectNothingHostile(view.getData('text/html'));
    expectNothingHostile(view.getData(LEXICAL_CLIPBOARD_MIME));
    expect(view.getData('text/plain')).toBe('plain');
    expect(view.getData('application/x-evil')).toBe('');
  });
});
