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
import { PasteSafetyPlugin } from './plugins/PasteSafetyPlugin';
import { LinkPlugin, SAFE_LINK_TRANSFORMER } from './plugins/LinkPlugin';
import { TablePlugin } from './plugins/TablePlugin';
import { HorizontalRulePlugin, HORIZONTAL_RULE_TRANSFORMER } from './plugins/HorizontalRulePlugin';
import { FactLinkingPlugin } from './plugins/FactLinkingPlugin';
import { FactHoverCardPlugin } from './plugins/FactHoverCardPlugin';
import { FactPickerPlugin } from './plugins/FactPickerPlugin';
import { BriefStatsPlugin, type BriefStats } from './plugins/BriefStatsPlugin';
import type { Fact } from '../../../shared/model/fact';
import type { FactCardData } from '../components/FactCard';
import './theme/editor.css';

const MARKDOWN_TRANSFORMERS = [HORIZONTAL_RULE_TRANSFORMER, ...ELEMENT_TRANSFORMERS, ...TEXT_FORMAT_TRANSFORMERS, SAFE_LINK_TRANSFORMER];

interface BriefEditorProps {
  /** The saved editor state as JSON text; read once when the editor mounts (remount to load another brief). */
  initialState: string;
  onChange: () => void;
  editorRef: React.RefObject<LexicalEditor | null>;
  onError: (error: Error) => void;
  /** The workspace's catalogued facts: what gets linked, and what the @ picker offers. */
  facts: readonly Fact[];
  describeFact: (factId: string) => Promise<FactCardData | undefined>;
  onShowSource: (factId: string) => void;
  onCreateFact: (label: string) => Promise<Fact | undefined>;
  onStats: (stats: BriefStats) => void;
}

export function BriefEditor({
  initialState,
  onChange,
  editorRef,
  onError,
  facts,
  describeFact,
  onShowSource,
  onCreateFact,
  onStats,
}: BriefEditorProps): React.JSX.Element {
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
      <LinkPlugin />
      <TablePlugin />
      <HorizontalRulePlugin />
      <MarkdownShortcutPlugin transformers={MARKDOWN_TRANSFORMERS} />
      <ContentChangePlugin onChange={onChange} />
      <EditorRefPlugin editorRef={editorRef} />
      <EditorReadyPlugin />
      <PasteSafetyPlugin />
      <FactLinkingPlugin facts={facts} />
      <FactHoverCardPlugin facts={facts} describeFact={describeFact} onShowSource={onShowSource} />
      <FactPickerPlugin facts={facts} onCreateFact={onCreateFact} />
      <BriefStatsPlugin onStats={onStats} />
    </LexicalComposer>
  );
}
