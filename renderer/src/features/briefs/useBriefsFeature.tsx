import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import type { CommandRegistry } from '../../../../shared/commands/registry';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { Brief, BriefSummary, EditorStateJSON } from '../../../../shared/model/brief';
import type { NotificationStore } from '../../../../shared/notifications/notificationStore';
import { editorStateBlocks } from '../../../../shared/lib/editorStateText';
import type { TemplateId } from '../../../../shared/lib/briefTemplates';
import { NAME_CHARS } from '../../../../shared/limits';
import { nameProblem } from '../../../../shared/model/names';
import { useCommands } from '../../api/useCommands';
import type { BriefListGesture } from '../../components/BriefListView';
import { stateWithoutUnknownParts } from '../../editor/load/prepareBriefState';
import type { BriefStats } from '../../editor/plugins/BriefStatsPlugin';
import { SELECT_FACT_MENTION_COMMAND } from '../../editor/plugins/BriefStatsPlugin';
import { RELINK_FACT_COMMAND } from '../../editor/plugins/FactLinkingPlugin';
import { Dialog } from '../../components/Dialog';
import { PromptDialog } from '../../components/PromptDialog';
import { TextDiffView } from '../../components/TextDiffView';
import { briefCommands } from './briefCommands';
import { BriefEditorArea } from './BriefEditorArea';
import { BriefFactsPanel } from './BriefFactsPanel';
import { BriefsSidebar } from './BriefsSidebar';
import { blockDiff } from './blockDiff';
import { nextSelection, type BriefSelection } from './briefSelection';
import { HistoryDialog } from './HistoryDialog';
import { TrashDialog } from './TrashDialog';
import { useBriefList } from './useBriefList';
import { useBriefSession, useBriefSessionStore } from './useBriefSession';
import { useFactTools, type SourcePassage } from './useFactTools';
import { useSessionNotices } from './useSessionNotices';
import { INSERT_SOURCE_QUOTE_COMMAND, type QuotedPassage } from '../../editor/plugins/SourceQuotePlugin';

export interface BriefsFeatureOptions {
  api: BriefdeskApi;
  registry: CommandRegistry;
  notifications: NotificationStore;
  autosave: boolean;
  lastOpenBrief: string | undefined;
  workspaceReadOnly: string | undefined;
  /** Opens the source pane at a passage. */
  onShowSource: (passage: SourcePassage) => void;
}

/** What the feature hands the workbench: what each of its panes shows, and its dialogs. */
export interface BriefsFeature {
  sidebar: ReactNode;
  editor: ReactNode;
  inThisBrief: ReactNode;
  dialogs: ReactNode;
  briefs: readonly BriefSummary[];
  openBrief: (id: string) => void;
  createBrief: (title?: string) => Promise<void>;
  openBriefId: string | undefined;
  /** The briefs selected in the sidebar, in its order: the open brief alone until Ctrl/Cmd+click or Shift+click. */
  selectedBriefIds: readonly string[];
  /** Saves the open brief's unsaved edits (before something reads it from disk); why it could not, in words. */
  saveOpenBrief: () => Promise<string | undefined>;
  /**
   * Quotes a source passage in the open brief as a block quote followed by a reference to its fact; why it could not
   * (no brief open, or one that cannot be edited), in words.
   */
  quoteInBrief: (passage: QuotedPassage) => string | undefined;
}

type OpenDialog = 'rename' | 'history' | 'trash' | 'compareBackup' | undefined;

function blocksOf(state: EditorStateJSON | undefined): string[] {
  return state ? editorStateBlocks(state) : [];
}

/**
 * The briefs feature: the list in the sidebar, the open brief in the centre, "In this brief" on the right, and the
 * commands that act on them. The session itself lives in `BriefSessionStore`; this wires it to the window.
 */
export function useBriefsFeature({ api, registry, notifications, autosave, lastOpenBrief, workspaceReadOnly, onShowSource }: BriefsFeatureOptions): BriefsFeature {
  const list = useBriefList(api);
  const store = useBriefSessionStore(api, autosave, workspaceReadOnly);
  const session = useBriefSession(store);
  const tools = useFactTools(api, notifications, onShowSource);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [template, setTemplate] = useState<TemplateId>('blank');
  const [stats, setStats] = useState<BriefStats>();
  // A selection made with Ctrl/Cmd or Shift holds while the same brief stays open; opening another starts afresh.
  const [picked, setPicked] = useState<{ openId: string | undefined; selection: BriefSelection }>();
  const openedInitial = useRef(false);
  const editorRef = useRef<LexicalEditor | null>(null);
  const liveEditor = useCallback(() => editorRef.current, []);
  const { brief, readOnly, damaged } = session;
  const { refresh } = list;
  const briefs = useMemo(() => list.briefs ?? [], [list.briefs]);
  const openId = damaged?.id ?? brief?.id;
  const selectable = useMemo(() => briefs.filter((b) => !b.damaged).map((b) => b.id), [briefs]);
  const selection = useMemo((): BriefSelection => {
    const made = picked && picked.openId === openId ? picked.selection : { ids: brief ? [brief.id] : [], anchor: openId };
    return { ...made, ids: made.ids.filter((id) => selectable.includes(id)) };
  }, [picked, openId, brief, selectable]);

  const onSelectionChange = useCallback((hasSelection: boolean) => registry.setContext({ editorHasSelection: hasSelection }), [registry]);
  const notifyError = useCallback((text: string) => notifications.post({ tone: 'error', text }), [notifications]);

  const createBrief = useCallback(
    async (title?: string) => {
      const wanted = title?.trim().slice(0, NAME_CHARS);
      const result = await api.briefs.create({ template, ...(wanted && !nameProblem(wanted) ? { title: wanted } : {}) });
      if (!result.ok) return void notifyError(result.error.message);
      await store.adopt(result.value);
      await refresh();
    },
    [api, store, refresh, template, notifyError],
  );

  const select = useCallback(
    (id: string) => {
      const entry = list.briefs?.find((b) => b.id === id);
      if (entry?.damaged) void store.showDamaged(id, entry.damaged);
      else void store.open(id);
    },
    [list.briefs, store],
  );

  const onSidebarSelect = useCallback(
    (id: string, gesture: BriefListGesture) => {
      if (gesture !== 'open') return setPicked({ openId, selection: nextSelection(selectable, selection, id, gesture) });
      setPicked(undefined);
      select(id);
    },
    [openId, selectable, selection, select],
  );

  const saveOpenBrief = useCallback(async (): Promise<string | undefined> => {
    if (!store.isDirty() || (await store.save('auto'))) return undefined;
    const { conflict, error } = store.getSnapshot();
    if (conflict) return 'The brief changed on disk: choose which version to keep first.';
    return error ?? 'Saving it failed.';
  }, [store]);

  const restored = useCallback(
    async (next: Brief) => {
      await refresh();
      await store.adopt(next);
    },
    [store, refresh],
  );

  /** Delete moves to the next brief in the list (or the one before), so the analyst is never left typing into nothing. */
  const deleteBrief = useCallback(async () => {
    if (!brief) return;
    const { id, title } = brief;
    const index = briefs.findIndex((b) => b.id === id);
    const next = [...briefs.slice(index + 1), ...briefs.slice(0, Math.max(0, index)).reverse()].find((b) => !b.damaged);
    const refused = await store.deleteOpen();
    if (refused) return void notifyError(refused);
    await refresh();
    if (next) await store.open(next.id);
    const trash = await api.briefs.listTrash();
    const entry = trash.ok ? trash.value.entries.find((e) => e.briefId === id) : undefined;
    notifications.post({
      tone: 'info',
      text: `“${title}” was moved to the trash.`,
      actions: entry
        ? [
            {
              label: 'Undo',
              primary: true,
              run: () =>
                void api.briefs.restore({ entryId: entry.entryId }).then((r) => (r.ok ? restored(r.value) : void notifyError(r.error.message))),
            },
          ]
        : [],
    });
  }, [api, brief, briefs, store, refresh, restored, notifications, notifyError]);

  const duplicate = useCallback(async () => {
    if (!brief) return;
    await store.save('auto');
    const result = await api.briefs.duplicate({ id: brief.id });
    if (!result.ok) return void notifyError(result.error.message);
    await restored(result.value);
  }, [api, brief, store, restored, notifyError]);

  /** A new brief from what this version can show of the open one; the original file is not touched. */
  const duplicateKnownParts = useCallback(async () => {
    if (!brief) return;
    const title = `${brief.title} (without unknown content)`.slice(0, NAME_CHARS);
    const result = await api.briefs.create({ title: nameProblem(title) ? undefined : title, editorState: stateWithoutUnknownParts(brief.editorState) });
    if (!result.ok) return void notifyError(result.error.message);
    await restored(result.value);
  }, [api, brief, restored, notifyError]);

  const newFactFromSelection = useCallback(() => {
    const editor = liveEditor();
    const label = editor?.getEditorState().read(() => {
      const selection = $getSelection();
      return $isRangeSelection(selection) ? selection.getTextContent().trim() : '';
    });
    if (label) void tools.createFact(label);
  }, [liveEditor, tools]);

  // Reopen the brief the analyst had open last (or the newest one), so they land where they left off.
  useEffect(() => {
    if (openedInitial.current || !list.briefs) return;
    openedInitial.current = true;
    const readable = list.briefs.filter((b) => !b.damaged);
    const target = readable.find((b) => b.id === lastOpenBrief) ?? readable[0];
    if (target) void store.open(target.id);
  }, [list.briefs, store, lastOpenBrief]);

  // The registry's conditions follow the session.
  useEffect(() => {
    registry.setContext({
      briefOpen: brief !== undefined,
      briefEditable: brief !== undefined && readOnly === undefined,
      damagedBriefShown: damaged !== undefined,
    });
  }, [registry, brief, readOnly, damaged]);
  useEffect(() => registry.setContext({ briefsSelected: selection.ids.length }), [registry, selection.ids.length]);

  useCommands(registry, () =>
    briefCommands({
      newBrief: () => void createBrief(),
      openBrief: select,
      save: () => void store.save('explicit'),
      rename: () => setDialog('rename'),
      history: () => setDialog('history'),
      duplicate: () => void duplicate(),
      remove: () => void deleteBrief(),
      showTrash: () => setDialog('trash'),
      flushBeforeClose: () => void store.flush().then(() => api.app.readyToClose()),
      newFactFromSelection,
      editor: liveEditor,
      workspaceWritable: () => workspaceReadOnly === undefined,
    }),
  );

  useSessionNotices(notifications, store, session, workspaceReadOnly, {
    compareBackup: () => setDialog('compareBackup'),
    duplicateKnownParts: () => void duplicateKnownParts(),
  });

  const backupDiff = useMemo(() => {
    if (dialog !== 'compareBackup' || !session.pendingBackup || !brief) return [];
    return blockDiff(blocksOf(brief.editorState), blocksOf(session.pendingBackup.editorState));
  }, [dialog, session.pendingBackup, brief]);

  const sidebar = (
    <BriefsSidebar
      items={list.briefs}
      error={list.error}
      openId={openId}
      selectedIds={selection.ids}
      template={template}
      onTemplate={setTemplate}
      canCreate={workspaceReadOnly === undefined}
      onSelect={onSidebarSelect}
      onNew={() => void createBrief()}
      onShowTrash={() => setDialog('trash')}
    />
  );

  const editor = (
    <BriefEditorArea
      api={api}
      store={store}
      session={session}
      editorRef={editorRef}
      stats={stats}
      onStats={setStats}
      tools={tools}
      workspaceReadOnly={workspaceReadOnly}
      onRename={() => setDialog('rename')}
      onHistory={() => setDialog('history')}
      onDuplicate={() => void duplicate()}
      onDelete={() => void deleteBrief()}
      onNew={() => void createBrief()}
      onEditorError={(error) => notifyError(`The editor hit a problem: ${error.message}`)}
      onSelectionChange={onSelectionChange}
    />
  );

  const inThisBrief = brief ? (
    <BriefFactsPanel
      facts={tools.facts}
      mentions={stats?.mentions ?? new Map()}
      unlinked={stats?.unlinkedFacts ?? []}
      onGoToMention={(factId, index) => editorRef.current?.dispatchCommand(SELECT_FACT_MENTION_COMMAND, { factId, index })}
      onRelink={readOnly ? undefined : (factId) => editorRef.current?.dispatchCommand(RELINK_FACT_COMMAND, factId)}
    />
  ) : (
    <p className="bd-muted bd-pad">Open a brief to see the facts it references.</p>
  );

  const dialogs = (
    <>
      {tools.dialogs}
      {dialog === 'rename' && brief && (
        <PromptDialog
          title="Rename brief"
          label="Title"
          initialValue={brief.title}
          submitLabel="Rename"
          onClose={() => {
            setDialog(undefined);
            store.focusEditor();
          }}
          onSubmit={async (title) => {
            const refused = await store.rename(title);
            if (!refused) void refresh();
            return refused;
          }}
        />
      )}
      {dialog === 'history' && (damaged || brief) && (
        <HistoryDialog
          api={api}
          briefId={damaged?.id ?? brief!.id}
          // A read-only brief is not written over either: a version comes back as a new brief, as from a damaged one.
          asNewBrief={damaged !== undefined || readOnly !== undefined}
          baseRevision={damaged ? undefined : brief?.revision}
          currentBlocks={damaged ? [] : blocksOf(store.currentState())}
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
    </>
  );

  const quoteInBrief = (passage: QuotedPassage): string | undefined => {
    const live = editorRef.current;
    if (!brief || !live) return 'Open a brief to quote the passage in.';
    if (readOnly !== undefined || !live.isEditable()) return 'This brief is open read-only, so nothing can be quoted in it.';
    live.dispatchCommand(INSERT_SOURCE_QUOTE_COMMAND, passage);
    live.focus();
    return undefined;
  };

  return { sidebar, editor, inThisBrief, dialogs, briefs, openBrief: select, createBrief, openBriefId: brief?.id, selectedBriefIds: selection.ids, saveOpenBrief, quoteInBrief };
}

