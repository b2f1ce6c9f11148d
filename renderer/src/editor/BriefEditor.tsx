import { useMemo } from 'react';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { AutoFocusPlugin } from '@lexical/react/LexicalAutoFocusPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { TabIndentationPlugin } from '@lexical/react/LexicalTabIndentationPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ELEMENT_TRANSFORMERS, TEXT_FORMAT_TRANSFORMERS } from '@lexical/markdown';
import type { LexicalEditor } from 'lexical';
import { briefEditorConfig } from './editorConfig';
import { ToolbarPlugin } from './plugins/ToolbarPlugin';
import { EditorReadyPlugin } from './plugins/EditorReadyPlugin';
import { ContentChangePlugin } from './plugins/ContentChangePlugin';
import './theme/editor.css';

const MARKDOWN_TRANSFORMERS = [...ELEMENT_TRANSFORMERS, ...TEXT_FORMAT_TRANSFORMERS];

interface BriefEditorProps {
  /** The saved editor state as JSON text; read once when the editor mounts (remount to load another brief). */
  initialState: string;
  onChange: () => void;
  editorRef: React.RefObject<LexicalEditor | null>;
  onError: (error: Error) => void;
}

export function BriefEditor({ initialState, onChange, editorRef, onError }: BriefEditorProps): React.JSX.Element {
  const config = useMemo(() => briefEditorConfig(initialState, onError), [initialState, onError]);
  return (
    <LexicalComposer initialConfig={config}>
      <ToolbarPlugin />
      <div className="bd-editor-scroller">
        <RichTextPlugin
          contentEditable={<ContentEditable className="bd-editor" aria-label="Brief text" spellCheck />}
          placeholder={<div className="bd-editor-placeholder">Start with a heading, then write your bottom line up front…</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <AutoFocusPlugin />
      <ListPlugin />
      <TabIndentationPlugin />
      <MarkdownShortcutPlugin transformers={MARKDOWN_TRANSFORMERS} />
      <ContentChangePlugin onChange={onChange} />
      <EditorRefPlugin editorRef={editorRef} />
      <EditorReadyPlugin />
    </LexicalComposer>
  );
}
