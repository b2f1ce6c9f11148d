import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditorState, LexicalEditor } from 'lexical';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { BackupInfo } from '../../../../shared/contract/briefs';
import type { Brief, EditorStateJSON } from '../../../../shared/model/brief';
import { prepareBriefState, type ContentProblem } from '../../editor/load/prepareBriefState';

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'error' | 'readOnly';
export type Conflict = 'changed' | 'removed';

/** Why the open brief is shown for reading only: its content (see `prepareBriefState`), or the workspace folder. */
export type ReadOnlyReason = ContentProblem | { kind: 'workspace'; reason: string };

export const IDLE_DELAY_MS = 1000;

/** What the editor shows: a key that changes whenever the content is replaced (open, reload, restore). */
export interface LoadedContent {
  key: string;
  editorState: EditorState;
  /** Set when this content must not be edited or saved. */
  problem: ContentProblem | undefined;
}

export interface BriefSession {
  brief: Brief | undefined;
  loaded: LoadedContent | undefined;
  status: SaveStatus;
  error: string | undefined;
  /** The last save landed but something after it failed (no history version was kept). */
  warning: string | undefined;
  dismissWarning: () => void;
  /** Set while the open brief is read-only: nothing is then saved, backed up or offered for restore. */
  readOnly: ReadOnlyReason | undefined;
  /** A hot-exit backup newer than the saved brief, offered for restore. */
  pendingBackup: BackupInfo | undefined;
  /** The open brief changed or vanished on disk while it had unsaved edits here. */
  conflict: Conflict | undefined;
  editorRef: React.RefObject<LexicalEditor | null>;
  markChanged: () => void;
  save: (reason?: 'explicit' | 'auto') => Promise<boolean>;
  open: (id: string) => Promise<void>;
  adopt: (brief: Brief) => Promise<void>;
  close: () => Promise<boolean>;
  restoreBackup: () => void;
  discardBackup: () => Promise<void>;
  resolveConflict: (choice: 'keepMine' | 'takeTheirs' | 'saveCopy') => Promise<void>;
  /** Saves or backs up everything unsaved (before a window closes). */
  flush: () => Promise<void>;
}

function currentState(editor: LexicalEditor | null): EditorStateJSON | undefined {
  return editor ? (editor.getEditorState().toJSON() as unknown as EditorStateJSON) : undefined;
}

/**
 * One open brief: its last saved copy, the live editor, and the save loop. After a second without typing the
 * edits go to the hot-exit backup and, with autosave on, are saved. Edits made while a save is in flight stay
 * unsaved and are picked up by the next save, so no keystroke is lost.
 *
 * A brief opens read-only when its content cannot be shown whole (`prepareBriefState`) or the workspace cannot be
 * written (`workspaceReadOnly`, the host's reason): then no change is counted, and nothing is saved or backed up,
 * whatever asks (the idle timer, Ctrl+S, closing the page), so the file on disk stays exactly as it was.
 */
export function useBriefSession(api: BriefdeskApi, autosave: boolean, workspaceReadOnly?: string): BriefSession {
  const [brief, setBrief] = useState<Brief>();
  const [loaded, setLoaded] = useState<LoadedContent>();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<string>();
  /** A save that landed but left something undone (no history version): shown, never treated as a failure. */
  const [warning, setWarning] = useState<string>();
  const [pendingBackup, setPendingBackup] = useState<BackupInfo>();
  const [conflict, setConflict] = useState<Conflict>();
  const editorRef = useRef<LexicalEditor | null>(null);
  const briefRef = useRef<Brief | undefined>(undefined);
  const editCount = useRef(0);
  const savedEditCount = useRef(0);
  const inFlight = useRef<Promise<boolean> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const loadSeq = useRef(0);
  const conflictRef = useRef<Conflict | undefined>(undefined);
  const contentProblem = useRef<ContentProblem | undefined>(undefined);
  const workspaceReadOnlyRef = useRef(workspaceReadOnly);

  useEffect(() => {
    workspaceReadOnlyRef.current = workspaceReadOnly;
  }, [workspaceReadOnly]);

  const isDirty = (): boolean => editCount.current !== savedEditCount.current;
  const isReadOnly = (): boolean => contentProblem.current !== undefined || workspaceReadOnlyRef.current !== undefined;

  /** Shows a state in the editor: checked and cleaned here, once per load, so typing never pays for it. */
  const show = useCallback((next: Brief, state: EditorStateJSON = next.editorState) => {
    const prepared = prepareBriefState(state);
    briefRef.current = next;
    contentProblem.current = prepared.problem;
    setBrief(next);
    loadSeq.current += 1;
    setLoaded({ key: `${next.id}:${loadSeq.current}`, editorState: prepared.editorState, problem: prepared.problem });
  }, []);

  const setConflictState = useCallback((value: Conflict | undefined) => {
    conflictRef.current = value;
    setConflict(value);
  }, []);

  const saveOnce = useCallback(
    async (reason: 'explicit' | 'auto'): Promise<boolean> => {
      const current = briefRef.current;
      const editorState = currentState(editorRef.current);
      if (!current || !editorState) return true;
      const savingEdit = editCount.current;
      setStatus('saving');
      const result = await api.briefs.save({ id: current.id, editorState, baseRevision: current.revision, reason });
      if (briefRef.current?.id !== current.id) return result.ok;
      if (!result.ok) {
        setStatus('error');
        setError(result.error.message);
        if (result.error.code === 'conflict') setConflictState('changed');
        return false;
      }
      const { warning: saveWarning, ...saved } = result.value;
      briefRef.current = saved;
      setBrief(saved);
      savedEditCount.current = savingEdit;
      setError(undefined);
      setWarning(saveWarning);
      setStatus(isDirty() ? 'unsaved' : 'saved');
      return true;
    },
    [api, setConflictState],
  );

  const save = useCallback(
    async (reason: 'explicit' | 'auto' = 'explicit'): Promise<boolean> => {
      clearTimeout(timer.current);
      if (isReadOnly()) return false;
      while (inFlight.current) await inFlight.current;
      // An explicit save of an unchanged brief still records a version, as analysts expect of Ctrl+S.
      if (!isDirty() && reason === 'auto') return true;
      if (conflictRef.current) return false;
      const run = saveOnce(reason).finally(() => {
        inFlight.current = undefined;
      });
      inFlight.current = run;
      return run;
    },
    [saveOnce],
  );

  const backup = useCallback(async () => {
    const current = briefRef.current;
    const editorState = currentState(editorRef.current);
    if (!current || !editorState || !isDirty() || isReadOnly()) return;
    const result = await api.briefs.backup({ id: current.id, editorState, baseRevision: current.revision });
    if (!result.ok) setError(`Your edits could not be backed up: ${result.error.message}`);
  }, [api]);

  const onIdle = useCallback(async () => {
    await backup();
    if (autosave) await save('auto');
  }, [backup, save, autosave]);

  const markChanged = useCallback(() => {
    // A read-only editor still runs Lexical's own normalizing updates (tables, lists): they are not edits.
    if (isReadOnly()) return;
    editCount.current += 1;
    setStatus((s) => (s === 'error' ? s : 'unsaved'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void onIdle(), IDLE_DELAY_MS);
  }, [onIdle]);

  const close = useCallback(async (): Promise<boolean> => {
    if (isDirty() && !(await save('auto'))) {
      await backup();
      return false;
    }
    return true;
  }, [save, backup]);

  const adopt = useCallback(
    async (next: Brief) => {
      if (briefRef.current && !(await close())) return;
      clearTimeout(timer.current);
      editCount.current = 0;
      savedEditCount.current = 0;
      setConflictState(undefined);
      setPendingBackup(undefined);
      show(next);
      setStatus('saved');
      setError(undefined);
      void api.settings.get().then((result) => {
        if (!result.ok) return;
        const recent = [next.id, ...result.value.settings.recentBriefs.filter((id) => id !== next.id)].slice(0, 10);
        void api.settings.update({ lastOpenBrief: next.id, recentBriefs: recent });
      });
      // Restoring a backup would mean editing: a read-only brief offers none.
      if (isReadOnly()) return;
      const found = await api.briefs.readBackup({ id: next.id });
      if (found.ok && found.value && briefRef.current?.id === next.id) setPendingBackup(found.value);
    },
    [api, close, show, setConflictState],
  );

  const open = useCallback(
    async (id: string) => {
      if (briefRef.current?.id === id) return;
      const result = await api.briefs.open({ id });
      if (result.ok) await adopt(result.value);
      else setError(result.error.message);
    },
    [api, adopt],
  );

  const reloadFromDisk = useCallback(async () => {
    const current = briefRef.current;
    if (!current) return;
    const result = await api.briefs.open({ id: current.id });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    editCount.current = 0;
    savedEditCount.current = 0;
    setConflictState(undefined);
    show(result.value);
    setStatus('saved');
    setError(undefined);
  }, [api, show, setConflictState]);

  const restoreBackup = useCallback(() => {
    const current = briefRef.current;
    if (!current || !pendingBackup) return;
    show(current, pendingBackup.editorState);
    setPendingBackup(undefined);
    editCount.current += 1;
    setStatus('unsaved');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void onIdle(), IDLE_DELAY_MS);
  }, [pendingBackup, show, onIdle]);

  const discardBackup = useCallback(async () => {
    const current = briefRef.current;
    setPendingBackup(undefined);
    if (current) await api.briefs.discardBackup({ id: current.id });
  }, [api]);

  const resolveConflict = useCallback(
    async (choice: 'keepMine' | 'takeTheirs' | 'saveCopy') => {
      const current = briefRef.current;
      const mine = currentState(editorRef.current);
      if (!current || !mine) return;
      if (choice === 'takeTheirs') {
        if (conflictRef.current === 'removed') {
          setConflictState(undefined);
          briefRef.current = undefined;
          setBrief(undefined);
          setLoaded(undefined);
          return;
        }
        await reloadFromDisk();
        return;
      }
      if (choice === 'saveCopy') {
        const copy = await api.briefs.create({ editorState: mine });
        if (!copy.ok) return setError(copy.error.message);
        editCount.current = savedEditCount.current;
        setConflictState(undefined);
        await adopt(copy.value);
        return;
      }
      // Keep mine: write my version on top of whatever is on disk now (or recreate it if it was removed).
      const onDisk = await api.briefs.open({ id: current.id });
      if (!onDisk.ok) {
        const recreated = await api.briefs.create({ editorState: mine });
        if (!recreated.ok) return setError(recreated.error.message);
        editCount.current = savedEditCount.current;
        setConflictState(undefined);
        await adopt(recreated.value);
        return;
      }
      briefRef.current = onDisk.value;
      setConflictState(undefined);
      editCount.current += 1;
      editorRef.current?.focus();
      await save('explicit');
    },
    [api, adopt, reloadFromDisk, save, setConflictState],
  );

  const flush = useCallback(async () => {
    if (!isDirty()) return;
    if (!(await save('auto'))) await backup();
  }, [save, backup]);

  // Outside changes to the open brief: reload when there is nothing to lose, otherwise ask.
  useEffect(
    () =>
      api.subscribe('briefs.external', ({ id, kind }) => {
        if (briefRef.current?.id !== id) return;
        if (kind === 'removed') setConflictState('removed');
        else if (isDirty() || inFlight.current) setConflictState('changed');
        else void reloadFromDisk();
      }),
    [api, reloadFromDisk, setConflictState],
  );

  useEffect(() => {
    // Browser mode: a hidden or closing page backs up at once rather than waiting for the idle timer.
    const onHide = (): void => {
      if (document.visibilityState === 'hidden') void backup();
    };
    const warnBeforeLeaving = (event: BeforeUnloadEvent): void => {
      if (!isDirty()) return;
      void backup();
      // The desktop app flushes before its window closes; blocking the unload there would keep the window open.
      if (!window.briefdesk) event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', warnBeforeLeaving);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      clearTimeout(timer.current);
    };
  }, [backup]);

  const readOnly = useMemo<ReadOnlyReason | undefined>(
    () => loaded?.problem ?? (workspaceReadOnly !== undefined ? { kind: 'workspace', reason: workspaceReadOnly } : undefined),
    [loaded, workspaceReadOnly],
  );

  return {
    brief,
    loaded,
    status: readOnly ? 'readOnly' : status,
    error,
    warning,
    dismissWarning: () => setWarning(undefined),
    readOnly,
    pendingBackup,
    conflict,
    editorRef,
    markChanged,
    save,
    open,
    adopt,
    close,
    restoreBackup,
    discardBackup,
    resolveConflict,
    flush,
  };
}
