import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { AppCommand } from '../../../../shared/contract/app';
import type { Brief, EditorStateJSON } from '../../../../shared/model/brief';
import { editorStateBlocks } from '../../../../shared/lib/editorStateText';
import { TEMPLATES, type TemplateId } from '../../../../shared/lib/briefTemplates';
import { BriefEditor } from '../../editor/BriefEditor';
import { stateWithoutUnknownParts } from '../../editor/load/prepareBriefState';
import { NAME_CHARS } from '../../../../shared/limits';
import { nameProblem } from '../../../../shared/model/names';
import { BriefFactsPanel } from './BriefFactsPanel';
import { useFactTools } from './useFactTools';
import { SELECT_FACT_MENTION_COMMAND, type BriefStats } from '../../editor/plugins/BriefStatsPlugin';
import { RELINK_FACT_COMMAND } from '../../editor/plugins/FactLinkingPlugin';
import { Banner, type BannerAction } from '../../components/Banner';
import { BriefListView } from '../../components/BriefListView';
import { Dialog } from '../../components/Dialog';
import { PromptDialog } from '../../components/PromptDialog';
import { SaveStatusBadge } from '../../components/SaveStatusBadge';
import { TextDiffView, type DiffPart } from '../../components/TextDiffView';
import { blockDiff } from './blockDiff';
import { DamagedBriefView } from './DamagedBriefView';
import { HistoryDialog } from './HistoryDialog';
import { TrashDialog } from './TrashDialog';
import { useBriefList } from './useBriefList';
import { useBriefSession } from './useBriefSession';
import { readOnlyBannerText, readOnlyStatusText } from './readOnlyText';

interface BriefsWorkspaceProps {
  api: BriefdeskApi;
  sidebarVisible: boolean;
  autosave: boolean;
  lastOpenBrief: string | undefined;
  /** The host's reason when the workspace folder cannot be written: every brief then opens read-only. */
  workspaceReadOnly: string | undefined;
  /** Subscribes to menu and shortcut commands; returns the unsubscribe function. */
  onCommand: (handler: (command: AppCommand, briefId?: string) => void) => () => void;
}

type OpenDialog = 'rename' | 'history' | 'trash' | 'compareBackup' | undefined;

function blocksOf(state: EditorStateJSON | undefined): string[] {
  return state ? editorStateBlocks(state) : [];
}

export function BriefsWorkspace({ api, sidebarVisible, autosave, lastOpenBrief, workspaceReadOnly, onCommand }: BriefsWorkspaceProps): React.JSX.Element {
  const list = useBriefList(api);
  const session = useBriefSession(api, autosave, workspaceReadOnly);
  const [notice, setNotice] = useState<{ text: string; actions?: BannerAction[] }>();
  const [dialog, setDialog] = useState<OpenDialog>();
  const [damagedId, setDamagedId] = useState<string>();
  const [template, setTemplate] = useState<TemplateId>('blank');
  const [stats, setStats] = useState<BriefStats>();
  const [briefFactsVisible, setBriefFactsVisible] = useState(false);
  const tools = useFactTools(api);
  const openedInitial = useRef(false);
  const { adopt, save, open, flush, brief, readOnly } = session;
  const { refresh } = list;
  const damaged = list.briefs?.find((b) => b.id === damagedId && b.damaged);

  const createBrief = useCallback(
    async (from: TemplateId = 'blank') => {
      const result = await api.briefs.create({ template: from });
      if (!result.ok) return setNotice({ text: result.error.message });
      setDamagedId(undefined);
      await adopt(result.value);
      await refresh();
    },
    [api, adopt, refresh],
  );

  const select = useCallback(
    (id: string) => {
      if (list.briefs?.find((b) => b.id === id)?.damaged) {
        setDamagedId(id);
        return;
      }
      setDamagedId(undefined);
      void open(id);
    },
    [list.briefs, open],
  );

  const restored = useCallback(
    async (next: Brief) => {
      setDamagedId(undefined);
      await refresh();
      if (next.id === brief?.id) {
        const reopened = await api.briefs.open({ id: next.id });
        if (reopened.ok) await adopt({ ...reopened.value });
      } else {
        await adopt(next);
      }
    },
    [api, adopt, brief?.id, refresh],
  );

  const deleteBrief = useCallback(async () => {
    if (!brief) return;
    const { id, title } = brief;
    const result = await api.briefs.delete({ id });
    if (!result.ok) return setNotice({ text: result.error.message });
    await session.resolveConflict('takeTheirs');
    await refresh();
    const trash = await api.briefs.listTrash();
    const entry = trash.ok ? trash.value.entries.find((e) => e.briefId === id) : undefined;
    setNotice({
      text: `“${title}” was moved to the trash.`,
      actions: entry
        ? [
            {
              label: 'Undo',
              onClick: () =>
                void api.briefs.restore({ entryId: entry.entryId }).then((r) => {
                  setNotice(undefined);
                  if (r.ok) void restored(r.value);
                  else setNotice({ text: r.error.message });
                }),
            },
          ]
        : [],
    });
  }, [api, brief, refresh, restored, session]);

  const duplicate = useCallback(async () => {
    if (!brief) return;
    await save('auto');
    const result = await api.briefs.duplicate({ id: brief.id });
    if (!result.ok) return setNotice({ text: result.error.message });
    await adopt(result.value);
  }, [api, adopt, brief, save]);

  /** A new brief from what this version can show of the open one; the original file is not touched. */
  const duplicateKnownParts = useCallback(async () => {
    if (!brief) return;
    const title = `${brief.title} (without unknown content)`.slice(0, NAME_CHARS);
    const result = await api.briefs.create({ title: nameProblem(title) ? undefined : title, editorState: stateWithoutUnknownParts(brief.editorState) });
    if (!result.ok) return setNotice({ text: result.error.message });
    await adopt(result.value);
    await refresh();
  }, [api, adopt, brief, refresh]);

  // Reopen the brief the analyst had open last (or the newest one), so they land where they left off.
  useEffect(() => {
    if (openedInitial.current || !list.briefs) return;
    openedInitial.current = true;
    const readable = list.briefs.filter((b) => !b.damaged);
    const target = readable.find((b) => b.id === lastOpenBrief) ?? readable[0];
    if (target) void open(target.id);
  }, [list.briefs, open, lastOpenBrief]);

  useEffect(
    () =>
      onCommand((command, briefId) => {
        if (command === 'brief.new') void createBrief(template);
        else if (command === 'brief.open' && briefId) select(briefId);
        else if (command === 'brief.save') void save('explicit');
        else if (command === 'brief.rename' && brief && !readOnly) setDialog('rename');
        else if (command === 'brief.history' && (brief || damagedId)) setDialog('history');
        else if (command === 'app.flushBeforeClose') void flush().then(() => api.app.readyToClose());
      }),
    [onCommand, createBrief, select, save, flush, api, brief, readOnly, damagedId, template],
  );

  const onEditorError = useCallback((error: Error) => setNotice({ text: `The editor hit a problem: ${error.message}` }), []);
  const backupDiff = useMemo<DiffPart[]>(() => {
    if (dialog !== 'compareBackup' || !session.pendingBackup || !brief) return [];
    return blockDiff(blocksOf(brief.editorState), blocksOf(session.pendingBackup.editorState));
  }, [dialog, session.pendingBackup, brief]);

  const conflictBanner =
    session.conflict &&
    (session.conflict === 'changed' ? (
      <Banner
        tone="warning"
        actions={[
          { label: 'Keep mine', onClick: () => void session.resolveConflict('keepMine'), primary: true },
          { label: 'Take theirs', onClick: () => void session.resolveConflict('takeTheirs') },
          { label: 'Save mine as a copy', onClick: () => void session.resolveConflict('saveCopy') },
        ]}
      >
        This brief was changed outside Briefdesk while you had unsaved edits.
      </Banner>
    ) : (
      <Banner
        tone="warning"
        actions={[
          { label: 'Keep mine', onClick: () => void session.resolveConflict('keepMine'), primary: true },
          { label: 'Close it', onClick: () => void session.resolveConflict('takeTheirs') },
        ]}
      >
        This brief was deleted or moved outside Briefdesk. Keep your text as a brief, or close it.
      </Banner>
    ));

  return (
    <div className="bd-workspace">
      {sidebarVisible && (
        <aside className="bd-sidebar" aria-label="Workspace">
          <div className="bd-sidebar-head">
            <h2>Briefs</h2>
            <span className="bd-new-brief">
              <select aria-label="Template for new briefs" value={template} onChange={(e) => setTemplate(e.target.value as TemplateId)}>
                {Object.entries(TEMPLATES).map(([id, t]) => (
                  <option key={id} value={id}>
                    {t.label}
                  </option>
                ))}
              </select>
              <button type="button" className="bd-button is-primary" onClick={() => void createBrief(template)}>
                New brief
              </button>
            </span>
          </div>
          {list.error && <p className="bd-error bd-pad">{list.error}</p>}
          <BriefListView items={list.briefs} selectedId={damagedId ?? brief?.id} onSelect={select} />
          <div className="bd-sidebar-foot">
            <button type="button" className="bd-button" onClick={() => setDialog('trash')}>
              Trash
            </button>
          </div>
        </aside>
      )}
      <main className="bd-main">
        {notice && (
          <Banner tone="info" actions={[...(notice.actions ?? []), { label: 'Dismiss', onClick: () => setNotice(undefined) }]}>
            {notice.text}
          </Banner>
        )}
        {session.error && !session.conflict && <Banner tone="error">{session.error}</Banner>}
        {session.warning && (
          <Banner tone="warning" actions={[{ label: 'Dismiss', onClick: session.dismissWarning }]}>
            {session.warning}
          </Banner>
        )}
        {tools.error && (
          <Banner tone="info" actions={[{ label: 'Dismiss', onClick: tools.clearError }]}>
            {tools.error}
          </Banner>
        )}
        {conflictBanner}
        {workspaceReadOnly !== undefined && <Banner tone="warning">{readOnlyBannerText({ kind: 'workspace', reason: workspaceReadOnly })}</Banner>}
        {brief && session.loaded?.problem && (
          <Banner
            tone="warning"
            actions={
              // A copy cannot be made in a workspace that cannot be written, nor of a brief Lexical could not read.
              session.loaded.problem.kind === 'unknownNodes' && workspaceReadOnly === undefined
                ? [{ label: 'Duplicate without the unknown parts', onClick: () => void duplicateKnownParts(), primary: true }]
                : []
            }
          >
            {readOnlyBannerText(session.loaded.problem)}
          </Banner>
        )}
        {session.pendingBackup && (
          <Banner
            tone="warning"
            actions={[
              { label: 'Restore', onClick: session.restoreBackup, primary: true },
              { label: 'Compare', onClick: () => setDialog('compareBackup') },
              { label: 'Discard', onClick: () => void session.discardBackup() },
            ]}
          >
            Unsaved edits to this brief from {new Date(session.pendingBackup.savedAt).toLocaleString()} were recovered.
          </Banner>
        )}
        {damaged?.damaged ? (
          <DamagedBriefView key={damaged.id} api={api} id={damaged.id} reason={damaged.damaged} onShowHistory={() => setDialog('history')} />
        ) : brief && session.loaded ? (
          <>
            <header className="bd-brief-head">
              <button
                type="button"
                className="bd-brief-heading"
                title={readOnly ? 'A read-only brief cannot be renamed' : 'Rename (F2)'}
                disabled={readOnly !== undefined}
                onClick={() => setDialog('rename')}
              >
                {brief.title}
              </button>
              <span className="bd-brief-badges">
                <span className="bd-classification">{brief.classification}</span>
              </span>
              <span className="bd-brief-actions">
                <button type="button" className="bd-button" aria-pressed={briefFactsVisible} onClick={() => setBriefFactsVisible((v) => !v)}>
                  In this brief
                </button>
                <button type="button" className="bd-button" onClick={() => setDialog('history')}>
                  History
                </button>
                <button type="button" className="bd-button" onClick={() => void duplicate()}>
                  Duplicate
                </button>
                <button type="button" className="bd-button" onClick={() => void deleteBrief()}>
                  Delete
                </button>
              </span>
            </header>
            <BriefEditor
              key={session.loaded.key}
              initialState={session.loaded.editorState}
              editable={readOnly === undefined}
              onChange={session.markChanged}
              editorRef={session.editorRef}
              onError={onEditorError}
              facts={tools.facts}
              describeFact={tools.describeFact}
              onShowSource={(factId) => void tools.showSource(factId)}
              onCreateFact={tools.createFact}
              onStats={setStats}
            />
          </>
        ) : (
          <div className="bd-empty">
            <h1>No brief open</h1>
            <p>Pick a brief on the left, or start a new one.</p>
            <button type="button" className="bd-button is-primary" onClick={() => void createBrief(template)}>
              New brief
            </button>
          </div>
        )}
        <footer className="bd-statusbar">
          <span className="bd-muted">{brief ? `${brief.title} · revision ${brief.revision}` : 'Briefdesk'}</span>
          {brief && stats && (
            <span className="bd-muted bd-stats" aria-label="Brief statistics">
              {stats.words.toLocaleString()} words · {stats.characters.toLocaleString()} characters · {stats.references.toLocaleString()} references ·{' '}
              {Math.max(1, Math.round(stats.words / 200))} min read
            </span>
          )}
          {brief && <SaveStatusBadge status={session.status} detail={readOnly ? readOnlyStatusText(readOnly) : session.error} />}
        </footer>
      </main>
      {brief && briefFactsVisible && (
        <BriefFactsPanel
          facts={tools.facts}
          mentions={stats?.mentions ?? new Map()}
          unlinked={stats?.unlinkedFacts ?? []}
          onGoToMention={(factId, index) => session.editorRef.current?.dispatchCommand(SELECT_FACT_MENTION_COMMAND, { factId, index })}
          onRelink={readOnly ? undefined : (factId) => session.editorRef.current?.dispatchCommand(RELINK_FACT_COMMAND, factId)}
          onClose={() => setBriefFactsVisible(false)}
        />
      )}
      {tools.dialogs}
      {dialog === 'rename' && brief && (
        <PromptDialog
          title="Rename brief"
          label="Title"
          initialValue={brief.title}
          submitLabel="Rename"
          onClose={() => setDialog(undefined)}
          onSubmit={async (title) => {
            await save('auto');
            const current = session.brief ?? brief;
            const result = await api.briefs.rename({ id: current.id, title, baseRevision: current.revision });
            if (!result.ok) return result.error.message;
            await restored(result.value);
            return undefined;
          }}
        />
      )}
      {dialog === 'history' && (damagedId || brief) && (
        <HistoryDialog
          api={api}
          briefId={damagedId ?? brief!.id}
          // A read-only brief is not written over either: a version comes back as a new brief, as from a damaged one.
          asNewBrief={damagedId !== undefined || readOnly !== undefined}
          baseRevision={damagedId ? undefined : brief?.revision}
          currentBlocks={damagedId ? [] : blocksOf(session.editorRef.current?.getEditorState().toJSON() as unknown as EditorStateJSON)}
          onRestored={(next) => void restored(next)}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog === 'trash' && <TrashDialog api={api} onRestored={(next) => void restored(next)} onClose={() => setDialog(undefined)} />}
      {dialog === 'compareBackup' && (
        <Dialog title="Recovered edits compared with the saved brief" onClose={() => setDialog(undefined)}>
          <p className="bd-muted">Lines marked + are in the recovered edits only, − in the saved brief only.</p>
          <TextDiffView parts={backupDiff} />
        </Dialog>
      )}
    </div>
  );
}
