import { useEffect, useMemo, useState } from 'react';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { AutoFocusPlugin } from '@lexical/react/LexicalAutoFocusPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ELEMENT_TRANSFORMERS, TEXT_FORMAT_TRANSFORMERS } from '@lexical/markdown';
import type { EditorState, LexicalEditor } from 'lexical';
import { briefEditorConfig } from './editorConfig';
import { ToolbarPlugin } from './plugins/ToolbarPlugin';
import { EditorReadyPlugin } from './plugins/EditorReadyPlugin';
import { ContentChangePlugin } from './plugins/ContentChangePlugin';
import { PasteSafetyPlugin } from './plugins/PasteSafetyPlugin';
import { LinkPlugin, SAFE_LINK_TRANSFORMER } from './plugins/LinkPlugin';
import { TablePlugin } from './plugins/TablePlugin';
import { TabKeyPlugin } from './plugins/TabKeyPlugin';
import { HorizontalRulePlugin, HORIZONTAL_RULE_TRANSFORMER } from './plugins/HorizontalRulePlugin';
import { FactLinkingPlugin } from './plugins/FactLinkingPlugin';
import { FactHoverCardPlugin } from './plugins/FactHoverCardPlugin';
import { FactPickerPlugin, type PickerAria } from './plugins/FactPickerPlugin';
import { BriefStatsPlugin, type BriefStats } from './plugins/BriefStatsPlugin';
import { SourceQuotePlugin } from './plugins/SourceQuotePlugin';
import type { Fact } from '../../../shared/model/fact';
import type { FactCardData } from '../components/FactCard';
import './theme/editor.css';

/** What `briefs.save` takes as `linkedCatalogue`: read it from the editor together with the state being saved. */
export { linkedCatalogueOf } from './plugins/FactLinkingPlugin';

const MARKDOWN_TRANSFORMERS = [HORIZONTAL_RULE_TRANSFORMER, ...ELEMENT_TRANSFORMERS, ...TEXT_FORMAT_TRANSFORMERS, SAFE_LINK_TRANSFORMER];

interface BriefEditorProps {
  /** The brief's content as `prepareBriefState` made it; read once when the editor mounts (remount to load another brief). */
  initialState: EditorState;
  /** False for a brief opened read-only: nothing can be typed, and nothing that edits (toolbar, linking, picker) is mounted. */
  editable: boolean;
  onChange: () => void;
  editorRef: React.RefObject<LexicalEditor | null>;
  onError: (error: Error) => void;
  /** The workspace's catalogued facts: what gets linked, and what the @ picker offers. */
  facts: readonly Fact[];
  describeFact: (factId: string) => Promise<FactCardData | undefined>;
  onShowSource: (factId: string) => void;
  onCreateFact: (label: string) => Promise<Fact | undefined>;
  onStats: (stats: BriefStats) => void;
  /**
   * `briefs.open`'s `linkedCatalogue`: the catalogue the brief was saved linked against. When it is the current
   * catalogue's fingerprint, opening the brief skips checking its links (a long brief opens faster); otherwise, or
   * without it, every block whose links differ from what the matcher reads is re-linked. Read once, at mount.
   */
  linkedCatalogue?: string | undefined;
}

/** Keeps Lexical's editable flag in step with the prop after mount (a workspace can turn read-only while open). */
function EditablePlugin({ editable }: { editable: boolean }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => editor.setEditable(editable), [editor, editable]);
  return null;
}

export function BriefEditor({
  initialState,
  editable,
  onChange,
  editorRef,
  onError,
  facts,
  describeFact,
  onShowSource,
  onCreateFact,
  onStats,
  linkedCatalogue,
}: BriefEditorProps): React.JSX.Element {
  // LexicalComposer reads its config once, at mount; EditablePlugin follows later changes of `editable`.
  const config = useMemo(() => briefEditorConfig(initialState, onError, editable), [initialState, onError, editable]);
  // While the @ picker is open the editor is a combobox owning its listbox; otherwise a plain (multi-line) textbox.
  const [picker, setPicker] = useState<PickerAria>();
  // Read-only, whatever edits is left out: the toolbar, history, Markdown shortcuts, paste handling, the @ picker,
  // and fact linking, which re-links what the catalogue reads differently when it mounts (a read-only brief shows
  // what is on disk).
  return (
    <LexicalComposer initialConfig={config}>
      {editable && <ToolbarPlugin />}
      <div className="bd-editor-scroller">
        <RichTextPlugin
          // Read-only, the text stays reachable with Tab, to be scrolled and read from the keyboard.
          contentEditable={
            <ContentEditable
              className="bd-editor"
              aria-label="Brief text"
              spellCheck
              tabIndex={editable ? undefined : 0}
              role={picker ? 'combobox' : 'textbox'}
              ariaMultiline={picker ? undefined : true}
              ariaExpanded={picker !== undefined}
              ariaControls={picker?.listboxId}
              ariaActiveDescendant={picker?.activeOptionId}
              ariaAutoComplete={picker ? 'list' : undefined}
            />
          }
          placeholder={<div className="bd-editor-placeholder">Start with a heading, then write your bottom line up front…</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <EditablePlugin editable={editable} />
      {editable && <HistoryPlugin />}
      {editable && <AutoFocusPlugin />}
      <ListPlugin />
      {editable && <TabKeyPlugin />}
      {editable && <SourceQuotePlugin />}
      <LinkPlugin />
      <TablePlugin />
      <HorizontalRulePlugin />
      {editable && <MarkdownShortcutPlugin transformers={MARKDOWN_TRANSFORMERS} />}
      <ContentChangePlugin onChange={onChange} />
      <EditorRefPlugin editorRef={editorRef} />
      <EditorReadyPlugin />
      {editable && <PasteSafetyPlugin />}
      {editable && <FactLinkingPlugin facts={facts} linkedCatalogue={linkedCatalogue} />}
      <FactHoverCardPlugin facts={facts} describeFact={describeFact} onShowSource={onShowSource} />
      {editable && <FactPickerPlugin facts={facts} onCreateFact={onCreateFact} onAriaChange={setPicker} />}
      <BriefStatsPlugin onStats={onStats} />
    </LexicalComposer>
  );
}
