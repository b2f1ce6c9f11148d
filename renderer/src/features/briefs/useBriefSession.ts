import { useCallback, useEffect, useRef, useState } from 'react';
import type { LexicalEditor } from 'lexical';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { Brief, EditorStateJSON } from '../../../../shared/model/brief';

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'error';

export const AUTOSAVE_DELAY_MS = 1000;

export interface BriefSession {
  brief: Brief | undefined;
  /** The opened brief's editor state as JSON text, for the editor to load once. */
  loadedState: string | undefined;
  status: SaveStatus;
  error: string | undefined;
  editorRef: React.RefObject<LexicalEditor | null>;
  /** Called by the editor on every content change. */
  markChanged: () => void;
  save: () => Promise<boolean>;
  /** Saves pending edits of the current brief first, then opens another. */
  open: (id: string) => Promise<void>;
  adopt: (brief: Brief) => Promise<void>;
}

/**
 * One open brief: its last saved copy, the live editor, and the save loop. Edits made while a save is in
 * flight stay unsaved and are picked up by the next save, so no keystroke is lost.
 */
export function useBriefSession(api: BriefdeskApi): BriefSession {
  const [brief, setBrief] = useState<Brief>();
  const [loadedState, setLoadedState] = useState<string>();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<string>();
  const editorRef = useRef<LexicalEditor | null>(null);
  const briefRef = useRef<Brief | undefined>(undefined);
  const editCount = useRef(0);
  const savedEditCount = useRef(0);
  const inFlight = useRef<Promise<boolean> | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const isDirty = (): boolean => editCount.current !== savedEditCount.current;

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const current = briefRef.current;
    const editor = editorRef.current;
    if (!current || !editor) return true;
    const savingEdit = editCount.current;
    const editorState = editor.getEditorState().toJSON() as unknown as EditorStateJSON;
    setStatus('saving');
    const result = await api.briefs.save({ id: current.id, editorState, baseRevision: current.revision });
    if (briefRef.current?.id !== current.id) return result.ok;
    if (!result.ok) {
      setStatus('error');
      setError(result.error.message);
      return false;
    }
    briefRef.current = result.value;
    setBrief(result.value);
    savedEditCount.current = savingEdit;
    setError(undefined);
    setStatus(isDirty() ? 'unsaved' : 'saved');
    return true;
  }, [api]);

  const save = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
    if (!isDirty()) return true;
    const run = saveOnce().finally(() => {
      inFlight.current = undefined;
    });
    inFlight.current = run;
    return run;
  }, [saveOnce]);

  const markChanged = useCallback(() => {
    editCount.current += 1;
    setStatus((s) => (s === 'error' ? s : 'unsaved'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }, [save]);

  const adopt = useCallback(
    async (next: Brief) => {
      if (isDirty() && !(await save())) return;
      clearTimeout(timer.current);
      editCount.current = 0;
      savedEditCount.current = 0;
      briefRef.current = next;
      setBrief(next);
      setLoadedState(JSON.stringify(next.editorState));
      setStatus('saved');
      setError(undefined);
    },
    [save],
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

  useEffect(() => {
    const warnBeforeLeaving = (event: BeforeUnloadEvent): void => {
      if (!isDirty()) return;
      void save();
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warnBeforeLeaving);
    return () => {
      window.removeEventListener('beforeunload', warnBeforeLeaving);
      clearTimeout(timer.current);
    };
  }, [save]);

  return { brief, loadedState, status, error, editorRef, markChanged, save, open, adopt };
}
