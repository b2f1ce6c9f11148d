import { createEditor, type EditorState, type Klass, type LexicalNode, type SerializedEditorState } from 'lexical';
import { editorStateBlocks } from '../../../../shared/lib/editorStateText';
import { unknownNodeTypes, type EditorStateJSON } from '../../../../shared/model/brief';
import { BRIEF_EDITOR_NAMESPACE, BRIEF_EDITOR_NODES } from '../editorConfig';
import { sanitizeEditorState } from '../paste/sanitizeLexicalJson';

/** Why a brief's content must not be edited: saving what the editor shows would lose part of the file. */
export type ContentProblem =
  /** Nodes of types this version does not have (named, in order of first appearance). */
  | { kind: 'unknownNodes'; types: readonly string[] }
  /** Lexical could not build the state (its own words); the brief is shown as plain text. */
  | { kind: 'unreadable'; reason: string };

export interface PreparedBriefState {
  /** What the editor mounts with: parsed once, here, so Lexical never drops part of a brief unnoticed. */
  editorState: EditorState;
  /** Set when the brief must open read-only; undefined when it can be edited and saved. */
  problem: ContentProblem | undefined;
}

/**
 * Readies a brief's saved editor state for the editor, once per load (never per keystroke):
 * 1. every node type in it, at any depth, is checked against `BRIEF_NODE_TYPES`;
 * 2. it is cleaned by the paste rules (`sanitizeEditorState`), with a placeholder where each unknown node stood;
 * 3. Lexical parses the result. Lexical reports a failure to `onError` and carries on with what it built so far
 *    (a brief cut off at the failing node), so a failure is caught here and the brief is shown as its plain text.
 *
 * `nodes` is the brief editor's node list; a test passes a shorter one to make Lexical fail.
 */
export function prepareBriefState(saved: EditorStateJSON, nodes: ReadonlyArray<Klass<LexicalNode>> = BRIEF_EDITOR_NODES): PreparedBriefState {
  const cleaned = sanitizeEditorState(saved, { placeholders: true });
  const parsed = parseState(cleaned, nodes);
  if (parsed.ok) {
    const types = unknownNodeTypes(saved);
    return { editorState: parsed.state, problem: types.length > 0 ? { kind: 'unknownNodes', types } : undefined };
  }
  const asText = parseState(plainTextState(cleaned), []);
  // Paragraphs of plain text need no node but Lexical's own: if even they fail, the editor itself is broken.
  if (!asText.ok) throw asText.error;
  return { editorState: asText.state, problem: { kind: 'unreadable', reason: parsed.error.message } };
}

/** The brief without what this version cannot show: the content of "Duplicate without the unknown parts". */
export function stateWithoutUnknownParts(saved: EditorStateJSON): EditorStateJSON {
  return sanitizeEditorState(saved, { placeholders: false });
}

type Parsed = { ok: true; state: EditorState } | { ok: false; error: Error };

function parseState(state: EditorStateJSON, nodes: ReadonlyArray<Klass<LexicalNode>>): Parsed {
  let failure: Error | undefined;
  const editor = createEditor({
    namespace: BRIEF_EDITOR_NAMESPACE,
    nodes,
    onError: (error) => {
      failure ??= error;
    },
  });
  try {
    const parsed = editor.parseEditorState(state as unknown as SerializedEditorState);
    return failure ? { ok: false, error: failure } : { ok: true, state: parsed };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Each line of the state's text as a paragraph, cleaned like any state so every field Lexical reads is there. */
function plainTextState(state: EditorStateJSON): EditorStateJSON {
  const lines = editorStateBlocks(state).flatMap((block) => block.split('\n'));
  const children = lines.map((text) => ({ type: 'paragraph', children: text === '' ? [] : [{ type: 'text', text }] }));
  return sanitizeEditorState({ root: { type: 'root', children } }, { placeholders: false });
}
