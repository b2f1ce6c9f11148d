import { useEffect } from 'react';
import { $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { EditorStateJSON } from '../../../../shared/model/brief';
import { BriefEditor, linkedCatalogueOf } from '../../editor/BriefEditor';
import type { BriefStats } from '../../editor/plugins/BriefStatsPlugin';
import { SaveStatusBadge, type SaveStatusKind } from '../../components/SaveStatusBadge';
import type { BriefSessionSnapshot, BriefSessionStore, SessionStateName } from './briefSessionStore';
import { DamagedBriefView } from './DamagedBriefView';
import { readOnlyStatusText } from './readOnlyText';
import type { useFactTools } from './useFactTools';

interface BriefEditorAreaProps {
  api: BriefdeskApi;
  store: BriefSessionStore;
  session: BriefSessionSnapshot;
  editorRef: React.RefObject<LexicalEditor | null>;
  stats: BriefStats | undefined;
  onStats: (stats: BriefStats) => void;
  tools: ReturnType<typeof useFactTools>;
  workspaceReadOnly: string | undefined;
  onRename: () => void;
  onHistory: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onNew: () => void;
  onEditorError: (error: Error) => void;
  onSelectionChange: (hasSelection: boolean) => void;
}

const STATUS: Readonly<Record<SessionStateName, SaveStatusKind>> = {
  closed: 'saved',
  loading: 'saved',
  clean: 'saved',
  dirty: 'unsaved',
  saving: 'saving',
  conflict: 'error',
  damaged: 'error',
  error: 'error',
};

/** The centre of the workbench: the open brief's title bar, its editor (or the damaged file's view), and the status line. */
export function BriefEditorArea(props: BriefEditorAreaProps): React.JSX.Element {
  const { api, store, session, editorRef, stats, onStats, tools, workspaceReadOnly } = props;
  const { brief, content, readOnly, damaged, state } = session;
  const contentKey = content?.key;
  const { onSelectionChange } = props;

  // The store reads and focuses the live editor through this handle; a new content key is a new editor.
  useEffect(() => {
    const editor = editorRef.current;
    if (!contentKey || !editor) return undefined;
    store.attachEditor({
      read: () => editor.getEditorState().toJSON() as unknown as EditorStateJSON,
      linkedCatalogue: () => linkedCatalogueOf(editor),
      focus: () => editor.focus(),
    });
    const stopWatching = editor.registerUpdateListener(({ editorState }) => {
      onSelectionChange(editorState.read(() => {
        const selection = $getSelection();
        return $isRangeSelection(selection) && !selection.isCollapsed();
      }));
    });
    return () => {
      stopWatching();
      store.attachEditor(undefined);
      onSelectionChange(false);
    };
  }, [store, editorRef, contentKey, onSelectionChange]);

  return (
    <main className="bd-main" aria-label="Brief">
      {damaged ? (
        <DamagedBriefView key={damaged.id} api={api} id={damaged.id} reason={damaged.reason} onShowHistory={props.onHistory} />
      ) : brief && content ? (
        <>
          <header className="bd-brief-head">
            <button
              type="button"
              className="bd-brief-heading"
              title={readOnly ? 'A read-only brief cannot be renamed' : 'Rename (F2)'}
              disabled={readOnly !== undefined}
              onClick={props.onRename}
            >
              {brief.title}
            </button>
            <span className="bd-brief-badges">
              <span className="bd-classification">{brief.classification}</span>
            </span>
            <span className="bd-brief-actions">
              <button type="button" className="bd-button" onClick={props.onHistory}>
                History
              </button>
              <button type="button" className="bd-button" disabled={workspaceReadOnly !== undefined} onClick={props.onDuplicate}>
                Duplicate
              </button>
              <button type="button" className="bd-button" disabled={workspaceReadOnly !== undefined} onClick={props.onDelete}>
                Delete
              </button>
            </span>
          </header>
          <BriefEditor
            key={content.key}
            initialState={content.editorState}
            linkedCatalogue={content.linkedCatalogue}
            editable={readOnly === undefined}
            onChange={() => store.edited()}
            editorRef={editorRef}
            onError={props.onEditorError}
            facts={tools.facts}
            describeFact={tools.describeFact}
            onShowSource={(factId) => void tools.showSource(factId)}
            onCreateFact={tools.createFact}
            onStats={onStats}
          />
        </>
      ) : state === 'loading' ? (
        <p className="bd-empty bd-muted">Opening the brief…</p>
      ) : (
        <div className="bd-empty">
          <h1>No brief open</h1>
          <p>Pick a brief on the left, press Ctrl+P to find one by its title, or start a new one.</p>
          <button type="button" className="bd-button is-primary" disabled={workspaceReadOnly !== undefined} onClick={props.onNew}>
            New brief
          </button>
        </div>
      )}
      <footer className="bd-statusbar">
        {damaged ? (
          <>
            <span className="bd-muted">Damaged file {damaged.id}.brief.json</span>
            <span className="bd-save-status is-error" role="status">
              Left untouched
            </span>
          </>
        ) : brief ? (
          <>
            <span className="bd-muted">
              {brief.title} · revision {brief.revision}
            </span>
            {stats && (
              <span className="bd-muted bd-stats" aria-label="Brief statistics">
                {stats.words.toLocaleString()} words · {stats.characters.toLocaleString()} characters · {stats.references.toLocaleString()} references ·{' '}
                {Math.max(1, Math.round(stats.words / 200))} min read
              </span>
            )}
            <SaveStatusBadge status={readOnly ? 'readOnly' : STATUS[state]} detail={readOnly ? readOnlyStatusText(readOnly) : session.error} />
          </>
        ) : (
          <span className="bd-muted">Briefdesk</span>
        )}
      </footer>
    </main>
  );
}
