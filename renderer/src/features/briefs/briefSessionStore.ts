import type { EditorState } from 'lexical';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { BackupInfo } from '../../../../shared/contract/briefs';
import type { Brief, EditorStateJSON } from '../../../../shared/model/brief';
import { NAME_CHARS } from '../../../../shared/limits';
import { nameProblem } from '../../../../shared/model/names';
import { RECENT_BRIEFS_LIMIT } from '../../../../shared/model/settings';
import { prepareBriefState, type ContentProblem } from '../../editor/load/prepareBriefState';

/**
 * Where the open brief stands. `clean`, `dirty` and `saving` are the editing states; `conflict` waits for the
 * analyst to choose after an outside change; `error` is a brief whose last save or backup failed (its edits are
 * kept and the next save retries); `damaged` shows a file that cannot be opened; `loading` is the wait for `open`.
 */
export type SessionStateName = 'closed' | 'loading' | 'clean' | 'dirty' | 'saving' | 'conflict' | 'damaged' | 'error';
export type Conflict = 'changed' | 'removed';

/** Why the open brief is shown for reading only: its content (see `prepareBriefState`), or the workspace folder. */
export type ReadOnlyReason = ContentProblem | { kind: 'workspace'; reason: string };

/** What the editor shows: the key changes only when the content is replaced (open, reload, restore), never on rename. */
export interface LoadedContent {
  key: string;
  editorState: EditorState;
  problem: ContentProblem | undefined;
  /** The catalogue this content was saved linked against: the file's, never a backup's or a version's. */
  linkedCatalogue: string | undefined;
}

export interface BriefSessionSnapshot {
  state: SessionStateName;
  brief: Brief | undefined;
  content: LoadedContent | undefined;
  readOnly: ReadOnlyReason | undefined;
  conflict: Conflict | undefined;
  /** The last failure in words (a save, a backup, an open). */
  error: string | undefined;
  /** The last save landed but something after it failed (no history version was kept). */
  warning: string | undefined;
  /** A hot-exit backup newer than the saved brief, offered for restore. */
  pendingBackup: BackupInfo | undefined;
  /** The damaged file shown instead of an editor. */
  damaged: { id: string; reason: string } | undefined;
}

/** What the store needs of the live editor; the editor plugin attaches it when the editor mounts. */
export interface EditorHandle {
  read(): EditorStateJSON;
  /** The fingerprint of the catalogue the content is linked against, saved with it (undefined while it is linking). */
  linkedCatalogue(): string | undefined;
  focus(): void;
}

export interface BriefSessionOptions {
  autosave: boolean;
  /** The host's reason when the workspace cannot be written. */
  workspaceReadOnly: string | undefined;
}

export const IDLE_DELAY_MS = 1000;

type SaveReason = 'explicit' | 'auto';

const CLOSED: BriefSessionSnapshot = {
  state: 'closed',
  brief: undefined,
  content: undefined,
  readOnly: undefined,
  conflict: undefined,
  error: undefined,
  warning: undefined,
  pendingBackup: undefined,
  damaged: undefined,
};

/**
 * One open brief: its last saved copy, the live editor, and the save loop — outside React, so every transition is
 * a method that a test can call (the Lexical playground keeps its comments in a store beside the editor the same
 * way). After a pause in typing the edits go to the hot-exit backup and, with autosave on, are saved. Edits made
 * while a save is in flight stay unsaved and are picked up by the next save, so no keystroke is lost.
 *
 * A read-only brief (content this version cannot show whole, or an unwritable workspace) counts no edits and is
 * never saved or backed up, whatever asks, so the file on disk stays exactly as it was.
 */
export class BriefSessionStore {
  private snapshot: BriefSessionSnapshot = CLOSED;
  private readonly listeners = new Set<() => void>();
  private editor: EditorHandle | undefined;
  private editCount = 0;
  private savedEditCount = 0;
  private inFlight: Promise<boolean> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loadSeq = 0;
  /** Bumped by every open or close, so an answer that arrives for an earlier brief is dropped. */
  private generation = 0;
  private options: BriefSessionOptions;

  constructor(
    private readonly api: BriefdeskApi,
    options: BriefSessionOptions,
    private readonly idleDelayMs = IDLE_DELAY_MS,
  ) {
    this.options = options;
  }

  /** Autosave turned on or off, the workspace turning read-only: applied to the open brief at once. */
  configure(options: BriefSessionOptions): void {
    this.options = options;
    const readOnly = this.readOnlyReason();
    if (readOnly !== this.snapshot.readOnly) this.set({ ...this.snapshot, readOnly });
  }

  getSnapshot = (): BriefSessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  attachEditor(handle: EditorHandle | undefined): void {
    this.editor = handle;
  }

  focusEditor(): void {
    this.editor?.focus();
  }

  /** The live editor's content, for a diff or a copy; the saved copy when no editor is attached. */
  currentState(): EditorStateJSON | undefined {
    return this.editor?.read() ?? this.snapshot.brief?.editorState;
  }

  isDirty(): boolean {
    return this.editCount !== this.savedEditCount;
  }

  // --- opening and closing ------------------------------------------------------------------------------------

  async open(id: string): Promise<void> {
    if (this.snapshot.brief?.id === id && this.snapshot.state !== 'closed') return;
    if (!(await this.close())) return;
    const generation = ++this.generation;
    this.set({ ...CLOSED, state: 'loading' });
    const result = await this.api.briefs.open({ id });
    if (generation !== this.generation) return;
    if (!result.ok) return this.set({ ...CLOSED, state: 'error', error: result.error.message });
    await this.adoptLoaded(result.value, generation);
  }

  /** Takes over a brief the host just returned (created, duplicated, restored), saving the one open first. */
  async adopt(brief: Brief): Promise<void> {
    if (!(await this.close())) return;
    await this.adoptLoaded(brief, ++this.generation);
  }

  /** Shows a damaged file's view instead of an editor. */
  async showDamaged(id: string, reason: string): Promise<void> {
    if (!(await this.close())) return;
    this.generation += 1;
    this.set({ ...CLOSED, state: 'damaged', damaged: { id, reason } });
  }

  /**
   * Leaves the open brief: its edits are saved (or, when that fails, backed up and the brief stays open).
   * True when nothing is left unsaved.
   */
  async close(): Promise<boolean> {
    if (this.snapshot.brief && this.isDirty() && !this.readOnlyReason()) {
      if (!(await this.save('auto'))) {
        await this.backup();
        return false;
      }
    }
    this.reset();
    return true;
  }

  /**
   * Deletes the open brief (its edits saved first, so Undo brings back all of it) and closes it: the editor goes,
   * and nothing typed afterwards can reach a file that is gone.
   */
  async deleteOpen(): Promise<string | undefined> {
    const brief = this.snapshot.brief;
    if (!brief) return undefined;
    if (this.isDirty() && !this.readOnlyReason() && !(await this.save('auto'))) return this.snapshot.error ?? 'The brief could not be saved before deleting it.';
    const result = await this.api.briefs.delete({ id: brief.id });
    if (!result.ok) return result.error.message;
    if (this.snapshot.brief?.id === brief.id) this.reset();
    return undefined;
  }

  /** Renames the open brief and keeps its editor, so its undo history survives. */
  async rename(title: string): Promise<string | undefined> {
    if (!this.snapshot.brief || this.readOnlyReason()) return 'This brief cannot be renamed.';
    if (this.isDirty() && !(await this.save('auto'))) return this.snapshot.error ?? 'The brief could not be saved before renaming it.';
    while (this.inFlight) await this.inFlight;
    const current = this.snapshot.brief;
    const result = await this.api.briefs.rename({ id: current.id, title, baseRevision: current.revision });
    if (!result.ok) return result.error.message;
    if (this.snapshot.brief?.id !== current.id) return undefined;
    // Only the title and revision change on disk; the editor keeps its content, its caret and its undo stack.
    this.set({ ...this.snapshot, brief: { ...result.value, editorState: this.snapshot.brief.editorState } });
    return undefined;
  }

  // --- editing and saving -------------------------------------------------------------------------------------

  /** The editor's content changed (typing, paste, a command). */
  edited(): void {
    // A read-only editor still runs Lexical's own normalizing updates (tables, lists): they are not edits.
    if (!this.snapshot.brief || this.readOnlyReason() || this.snapshot.state === 'closed') return;
    this.editCount += 1;
    if (this.snapshot.state === 'clean') this.set({ ...this.snapshot, state: 'dirty' });
    this.scheduleIdle();
  }

  async save(reason: SaveReason = 'explicit'): Promise<boolean> {
    clearTimeout(this.timer);
    if (this.readOnlyReason() || !this.snapshot.brief) return false;
    while (this.inFlight) await this.inFlight;
    // An explicit save of an unchanged brief still records a version, as analysts expect of Ctrl+S.
    if (!this.isDirty() && reason === 'auto') return true;
    if (this.snapshot.conflict) return false;
    const run = this.saveOnce(reason).finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }

  async backup(): Promise<void> {
    const brief = this.snapshot.brief;
    const editorState = this.editor?.read();
    if (!brief || !editorState || !this.isDirty() || this.readOnlyReason()) return;
    const result = await this.api.briefs.backup({ id: brief.id, editorState, baseRevision: brief.revision });
    if (!result.ok && this.snapshot.brief?.id === brief.id) {
      this.set({ ...this.snapshot, state: 'error', error: `Your edits could not be backed up: ${result.error.message}` });
    }
  }

  /** Saves or backs up everything unsaved (before a window closes). */
  async flush(): Promise<void> {
    if (!this.isDirty()) return;
    if (!(await this.save('auto'))) await this.backup();
  }

  dismissWarning(): void {
    if (this.snapshot.warning) this.set({ ...this.snapshot, warning: undefined });
  }

  dismissError(): void {
    if (this.snapshot.error) this.set({ ...this.snapshot, error: undefined, state: this.snapshot.brief ? this.editingState() : 'closed' });
  }

  // --- backups and outside changes ----------------------------------------------------------------------------

  restoreBackup(): void {
    const { brief, pendingBackup } = this.snapshot;
    if (!brief || !pendingBackup) return;
    this.editCount += 1;
    this.set({ ...this.snapshot, state: 'dirty', content: this.load(pendingBackup.editorState, undefined), pendingBackup: undefined });
    this.scheduleIdle();
  }

  async discardBackup(): Promise<void> {
    const brief = this.snapshot.brief;
    if (!brief) return;
    this.set({ ...this.snapshot, pendingBackup: undefined });
    await this.api.briefs.discardBackup({ id: brief.id });
  }

  /** The host saw the open brief change or vanish on disk: reload when nothing would be lost, otherwise ask. */
  async externalChange(kind: 'added' | 'changed' | 'removed'): Promise<void> {
    if (!this.snapshot.brief) return;
    if (kind === 'removed') return this.set({ ...this.snapshot, state: 'conflict', conflict: 'removed' });
    if (this.isDirty() || this.inFlight) return this.set({ ...this.snapshot, state: 'conflict', conflict: 'changed' });
    await this.reloadFromDisk();
  }

  async resolveConflict(choice: 'keepMine' | 'takeTheirs' | 'saveCopy'): Promise<void> {
    const { brief, conflict } = this.snapshot;
    const mine = this.editor?.read();
    if (!brief || !mine || !conflict) return;
    if (choice === 'takeTheirs') {
      if (conflict === 'removed') return this.reset();
      return this.reloadFromDisk();
    }
    if (choice === 'saveCopy') return this.keepAsNewBrief(brief, mine, `${brief.title} (copy)`);
    // Keep mine: write my version on top of whatever is on disk now (or recreate it if it was removed).
    const onDisk = await this.api.briefs.open({ id: brief.id });
    if (!onDisk.ok) return this.keepAsNewBrief(brief, mine, brief.title);
    this.editCount += 1;
    this.set({ ...this.snapshot, brief: { ...onDisk.value, editorState: brief.editorState }, state: 'dirty', conflict: undefined, error: undefined });
    this.editor?.focus();
    await this.save('explicit');
  }

  /** Stops the idle timer; subscribers leave through their own unsubscribe. */
  dispose(): void {
    clearTimeout(this.timer);
  }

  // --- internals ----------------------------------------------------------------------------------------------

  private async adoptLoaded(brief: Brief, generation: number): Promise<void> {
    clearTimeout(this.timer);
    this.editCount = 0;
    this.savedEditCount = 0;
    const content = this.load(brief.editorState, brief.linkedCatalogue);
    this.set({ ...CLOSED, state: 'clean', brief, content });
    this.set({ ...this.snapshot, readOnly: this.readOnlyReason() });
    void this.rememberRecent(brief.id);
    // Restoring a backup would mean editing: a read-only brief offers none.
    if (this.readOnlyReason()) return;
    const found = await this.api.briefs.readBackup({ id: brief.id });
    if (found.ok && found.value && generation === this.generation) this.set({ ...this.snapshot, pendingBackup: found.value });
  }

  private async rememberRecent(id: string): Promise<void> {
    const result = await this.api.settings.get();
    if (!result.ok) return;
    const recent = [id, ...result.value.settings.recentBriefs.filter((other) => other !== id)].slice(0, RECENT_BRIEFS_LIMIT);
    await this.api.settings.update({ lastOpenBrief: id, recentBriefs: recent });
  }

  private async saveOnce(reason: SaveReason): Promise<boolean> {
    const brief = this.snapshot.brief;
    const editorState = this.editor?.read();
    if (!brief || !editorState) return true;
    const linkedCatalogue = this.editor?.linkedCatalogue();
    const savingEdit = this.editCount;
    this.set({ ...this.snapshot, state: 'saving' });
    const result = await this.api.briefs.save({ id: brief.id, editorState, baseRevision: brief.revision, reason, ...(linkedCatalogue ? { linkedCatalogue } : {}) });
    if (this.snapshot.brief?.id !== brief.id) return result.ok;
    if (!result.ok) {
      const conflict = result.error.code === 'conflict' ? 'changed' : this.snapshot.conflict;
      this.set({ ...this.snapshot, state: conflict ? 'conflict' : 'error', error: result.error.message, conflict });
      return false;
    }
    const { warning, ...saved } = result.value;
    this.savedEditCount = savingEdit;
    // Keep the title the analyst may have just given; the saved copy is what the host returned.
    this.set({ ...this.snapshot, brief: saved, error: undefined, warning, state: this.editingState() });
    return true;
  }

  private async reloadFromDisk(): Promise<void> {
    const brief = this.snapshot.brief;
    if (!brief) return;
    const result = await this.api.briefs.open({ id: brief.id });
    if (this.snapshot.brief?.id !== brief.id) return;
    if (!result.ok) return this.set({ ...this.snapshot, state: 'error', error: result.error.message });
    this.editCount = 0;
    this.savedEditCount = 0;
    this.set({ ...this.snapshot, brief: result.value, content: this.load(result.value.editorState, result.value.linkedCatalogue), state: 'clean', conflict: undefined, error: undefined });
  }

  private async keepAsNewBrief(brief: Brief, mine: EditorStateJSON, title: string): Promise<void> {
    const wanted = title.slice(0, NAME_CHARS);
    const created = await this.api.briefs.create({ title: nameProblem(wanted) ? undefined : wanted, editorState: mine });
    if (!created.ok) return this.set({ ...this.snapshot, error: created.error.message });
    if (this.snapshot.brief?.id !== brief.id) return;
    // The edits live on in the new brief: the old one is left as it is on disk, with nothing to save.
    this.savedEditCount = this.editCount;
    this.reset();
    await this.adoptLoaded(created.value, ++this.generation);
  }

  private load(state: EditorStateJSON, linkedCatalogue: string | undefined): LoadedContent {
    const prepared = prepareBriefState(state);
    this.loadSeq += 1;
    return { key: `content-${this.loadSeq}`, editorState: prepared.editorState, problem: prepared.problem, linkedCatalogue };
  }

  private readOnlyReason(): ReadOnlyReason | undefined {
    const problem = this.snapshot.content?.problem;
    if (problem) return problem;
    const workspace = this.options.workspaceReadOnly;
    if (workspace === undefined) return undefined;
    const current = this.snapshot.readOnly;
    // The same reason keeps its identity, so subscribers see no change when nothing changed.
    return current?.kind === 'workspace' && current.reason === workspace ? current : { kind: 'workspace', reason: workspace };
  }

  private editingState(): SessionStateName {
    return this.isDirty() ? 'dirty' : 'clean';
  }

  private scheduleIdle(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.onIdle(), this.idleDelayMs);
  }

  private async onIdle(): Promise<void> {
    await this.backup();
    if (this.options.autosave) await this.save('auto');
  }

  private reset(): void {
    clearTimeout(this.timer);
    this.generation += 1;
    this.editCount = 0;
    this.savedEditCount = 0;
    this.set(CLOSED);
  }

  private set(next: BriefSessionSnapshot): void {
    if (next === this.snapshot) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
