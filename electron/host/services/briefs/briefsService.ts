import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/define';
import type { BackupInfo, CreateBriefArgs, SaveBriefArgs } from '../../../../shared/contract/briefs';
import type { SnapshotListItemSchema } from '../../../../shared/contract/history';
import {
  BRIEF_SCHEMA_VERSION,
  UNTITLED_BRIEF,
  type Brief,
  type BriefSummary,
  type EditorStateJSON,
} from '../../../../shared/model/brief';
import { nameProblem } from '../../../../shared/model/names';
import { countFactReferences, repointFactReferences } from '../../../../shared/model/factReference';
import { templateEditorState } from '../../../../shared/lib/briefTemplates';
import { deriveTitle, editorStateWordCount } from '../../../../shared/lib/editorStateText';
import type { z } from 'zod';
import type { EventHub } from '../../events';
import type { ContractGroup, Lifecycle } from '../../lifecycle';
import { KeyedQueue } from '../../platform/keyedQueue';
import { errnoWords } from '../../platform/ioErrors';
import { removeStaleTempFiles } from '../../platform/tempFiles';
import { MAX_BRIEF_FILE_BYTES, RAW_VIEW_BYTES } from '../../../../shared/limits';
import { listedFiles, type ListedFile } from '../workspace/listedFiles';
import type { Workspace } from '../workspace/workspace';
import { BackupStore } from './backups';
import { FileSummaryCache } from './fileSummaryCache';
import { hashBytes, hashEditorState, readBriefFile, serializeBrief } from './briefFile';
import { HistoryStore } from './history';
import type { Trash } from './trash';
import { titleHint } from './titleHint';

export const BRIEF_SUFFIX = '.brief.json';
/** How many of our own recent writes per brief the watcher recognises (one in flight plus the ones before it). */
const OWN_WRITES_KEPT = 8;

export interface BriefDefaults {
  author: () => string;
  classification: () => string;
}

export function briefIdFromFileName(name: string): string | undefined {
  return name.endsWith(BRIEF_SUFFIX) && !name.startsWith('.') ? name.slice(0, -BRIEF_SUFFIX.length) : undefined;
}

/**
 * The brief files of a workspace, `briefs/<id>.brief.json`. Every change to one brief runs in that brief's queue;
 * a save names the revision it was based on and is refused if the file moved on; a damaged file is never written.
 */
export class BriefsService implements Lifecycle {
  readonly name = 'briefs service';
  private readonly queue = new KeyedQueue();
  /**
   * Hashes of the bytes we wrote recently per brief, newest last, so the watcher can tell our own writes from
   * outside changes. More than the last one: a watcher event for save N can be read while save N+1 is in flight.
   */
  private readonly ownWrites = new Map<string, string[]>();
  private readonly ownRemovals = new Set<string>();
  private readonly summaries: FileSummaryCache<BriefSummary>;
  /** Files of the last listing whose names are not ids, by the id they were listed under. */
  private oddNames = new Map<string, string>();
  readonly history: HistoryStore;
  private readonly backups: BackupStore;

  constructor(
    private readonly workspace: Workspace,
    private readonly events: EventHub,
    private readonly trash: Trash,
    private readonly defaults: BriefDefaults,
  ) {
    this.history = new HistoryStore(workspace.files);
    this.backups = new BackupStore(workspace.files);
    this.summaries = new FileSummaryCache<BriefSummary>(workspace.files);
  }

  /** Removes temp files left by a crash mid-save; run before anything reads the workspace. */
  async boot(): Promise<void> {
    if (this.workspace.readOnly) return;
    await removeStaleTempFiles(this.workspace.files, 'briefs', 0);
    await removeStaleTempFiles(this.workspace.files, '.briefdesk');
  }

  private path(id: string): string {
    return this.workspace.file('briefs', `${id}${BRIEF_SUFFIX}`);
  }

  /** The file name is the id: a brief copied or renamed outside the app is read (and saved) under its file's name. */
  private async read(id: string): Promise<Brief> {
    const { brief } = await readBriefFile(this.workspace.files, this.path(id), `The brief ${id}`);
    return brief.id === id ? brief : { ...brief, id };
  }

  private async write(brief: Brief): Promise<Brief> {
    const text = serializeBrief(brief);
    this.rememberOwnWrite(brief.id, hashBytes(text));
    await this.workspace.files.write(this.path(brief.id), text, `The brief “${shortTitle(brief.title)}”`);
    return brief;
  }

  private rememberOwnWrite(id: string, hash: string): void {
    this.ownWrites.set(id, [...(this.ownWrites.get(id) ?? []), hash].slice(-OWN_WRITES_KEPT));
  }

  /** The brief files in `briefs/`, each with the reason it cannot be read when its name or kind rules it out. */
  private async listed(): Promise<ListedFile[]> {
    const listed = listedFiles(await this.workspace.files.list('briefs'), BRIEF_SUFFIX, 'brief');
    this.oddNames = new Map(listed.flatMap((file) => (file.name !== `${file.id}${BRIEF_SUFFIX}` ? [[file.id, file.name]] : [])));
    return listed;
  }

  private async ids(): Promise<string[]> {
    return (await this.listed()).flatMap((file) => (file.problem ? [] : [file.id]));
  }

  private changed(...ids: string[]): void {
    this.events.publish('briefs.changed', { ids });
  }

  async list(): Promise<BriefSummary[]> {
    const listed = await this.listed();
    const summaries = await Promise.all(
      listed.map((file) => (file.problem ? damagedSummary(file.id, file.name, file.problem) : this.summaries.get(this.path(file.id), () => this.summarize(file.id)))),
    );
    this.summaries.keepOnly(new Set(listed.map((file) => this.path(file.id))));
    return summaries.sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '') || a.title.localeCompare(b.title));
  }

  private async summarize(id: string): Promise<BriefSummary> {
    try {
      const brief = await this.read(id);
      return {
        id,
        title: brief.title,
        updatedAt: brief.updatedAt,
        classification: brief.classification,
        wordCount: editorStateWordCount(brief.editorState),
      };
    } catch (error) {
      // A damaged file is listed by the title it names, when that much of it can be read, and its file name.
      const title = await titleHint(this.workspace.files, this.path(id));
      return damagedSummary(id, `${id}${BRIEF_SUFFIX}`, error instanceof Error ? error.message : String(error), title);
    }
  }

  async create(args: CreateBriefArgs): Promise<Brief> {
    const title = args.title?.trim();
    if (title) assertName(title);
    const editorState = args.editorState ?? templateEditorState(args.template ?? 'blank');
    const now = new Date().toISOString();
    const brief = await this.write({
      schemaVersion: BRIEF_SCHEMA_VERSION,
      id: randomUUID(),
      title: title || deriveTitle(editorState, UNTITLED_BRIEF),
      autoTitle: !title,
      author: this.defaults.author(),
      classification: this.defaults.classification(),
      template: args.template ?? 'blank',
      createdAt: now,
      updatedAt: now,
      revision: 0,
      contentHash: hashEditorState(editorState),
      editorState,
    });
    this.changed(brief.id);
    return brief;
  }

  async open(args: { id: string }): Promise<Brief> {
    return withTrustedLinks(await this.read(args.id));
  }

  save(args: SaveBriefArgs): Promise<Brief & { warning?: string }> {
    return this.queue.run(args.id, async () => {
      // A retry of a save that reached the disk but was reported failed (the folder sync failed after the rename)
      // finds its own content one revision on: that is the same save, not a conflict.
      const current = await this.read(args.id);
      if (current.revision === args.baseRevision + 1 && current.contentHash === hashEditorState(args.editorState)) {
        await this.backups.discard(current.id);
        return current;
      }
      assertBaseRevision(current, args.baseRevision);
      const brief = await this.write(this.nextRevision(current, args.editorState, args.linkedCatalogue));
      // The brief is on disk from here: what follows can fail (a full disk, a read-only history folder) without
      // making the save a failure, which would leave the editor retrying a save that already landed.
      const problems = await Promise.all([
        this.afterSave('the hot-exit backup of your edits could not be removed', () => this.backups.discard(brief.id)),
        this.afterSave('no version of it was kept in the history', async () => {
          if (args.reason === 'explicit' || (await this.history.dueForAutosave(brief.id))) await this.history.snapshot(brief, args.reason);
        }),
      ]);
      this.changed(brief.id);
      const warning = problems.filter((p) => p !== undefined).join('; ');
      return warning ? { ...brief, warning: `Saved, but ${warning}.` } : brief;
    });
  }

  /** Runs a step after a successful write; its failure is returned as words, never thrown. */
  private async afterSave(consequence: string, step: () => Promise<void>): Promise<string | undefined> {
    try {
      await step();
      return undefined;
    } catch (error) {
      const reason = error instanceof AppError ? error.message.replace(/\.$/, '') : (errnoWords(error) ?? 'an unexpected problem');
      console.error(`After a save, ${consequence}:`, error);
      return `${consequence} (${reason})`;
    }
  }

  rename(args: { id: string; title: string; baseRevision: number }): Promise<Brief> {
    const title = args.title.trim();
    assertName(title);
    return this.queue.run(args.id, async () => {
      const current = await this.readForChange(args.id, args.baseRevision);
      const brief = await this.write({ ...current, title, autoTitle: false, updatedAt: new Date().toISOString(), revision: current.revision + 1 });
      this.changed(brief.id);
      return brief;
    });
  }

  async duplicate(args: { id: string }): Promise<Brief> {
    const source = await this.read(args.id);
    const copyTitle = `${source.title} (copy)`.slice(0, 200);
    return this.create({ title: nameProblem(copyTitle) ? undefined : copyTitle, editorState: source.editorState });
  }

  delete(args: { id: string }): Promise<null> {
    return this.queue.run(args.id, async () => {
      const path = this.path(args.id);
      await readBriefFile(this.workspace.files, path, `The brief ${args.id}`).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'not_found') throw error;
      });
      this.ownRemovals.add(args.id);
      await this.trash.moveToTrash(this.workspace.files, path, args.id);
      await this.backups.discard(args.id);
      this.changed(args.id);
      return null;
    });
  }

  async listTrash(): Promise<{ restorable: boolean; entries: Array<{ entryId: string; briefId: string; deletedAt: string }> }> {
    return { restorable: this.trash.restorable, entries: this.trash.restorable ? await this.trash.list() : [] };
  }

  async restore(args: { entryId: string }): Promise<Brief> {
    const id = await this.trash.restore(args.entryId, 'briefs');
    // The file coming back is our doing too: without this the watcher announces it as an outside change whenever
    // it was last written in an earlier session (and a delete undone at once leaves a stale removal mark behind).
    this.ownRemovals.delete(id);
    const bytes = await this.workspace.files.read(this.path(id), { maxBytes: MAX_BRIEF_FILE_BYTES, what: `The brief ${id}` }).catch(() => undefined);
    if (bytes) this.rememberOwnWrite(id, hashBytes(bytes));
    this.changed(id);
    return withTrustedLinks(await this.read(id));
  }

  async backup(args: { id: string; editorState: EditorStateJSON; baseRevision: number }): Promise<{ savedAt: string }> {
    const backup = await this.backups.write(args.id, args.baseRevision, args.editorState);
    return { savedAt: backup.savedAt };
  }

  async readBackup(args: { id: string }): Promise<BackupInfo | null> {
    const backup = await this.backups.read(args.id);
    if (!backup) return null;
    const saved = await this.read(args.id).catch(() => undefined);
    // Compare content, not the stored hashes: those hash the JSON as it was handed in, and the same state can arrive
    // with its keys in another order (a template is hashed as built, an edited state after the contract reorders it).
    if (saved && hashEditorState(saved.editorState) === hashEditorState(backup.editorState)) {
      await this.backups.discard(args.id);
      return null;
    }
    return { savedAt: backup.savedAt, baseRevision: backup.baseRevision, editorState: backup.editorState };
  }

  async discardBackup(args: { id: string }): Promise<null> {
    await this.backups.discard(args.id);
    return null;
  }

  async readRaw(args: { id: string }): Promise<{ text: string; truncated: boolean }> {
    // A file listed under a made-up id (its own name is not a slug) is read by the name it has.
    const odd = this.oddNames.get(args.id);
    const { bytes, truncated } = await this.workspace.files.readPrefix(odd ? `briefs/${odd}` : this.path(args.id), { maxBytes: RAW_VIEW_BYTES, what: `The brief ${args.id}` });
    return { text: new TextDecoder('utf-8').decode(bytes), truncated };
  }

  historyList(args: { id: string }): Promise<Array<z.infer<typeof SnapshotListItemSchema>>> {
    return this.history.summaries(args.id);
  }

  historyRead(args: { id: string; snapshotId: string }): Promise<Brief> {
    return this.history.read(args.id, args.snapshotId);
  }

  historyRestore(args: { id: string; snapshotId: string; baseRevision: number }): Promise<Brief> {
    return this.queue.run(args.id, async () => {
      const snapshot = await this.history.read(args.id, args.snapshotId);
      const current = await this.readForChange(args.id, args.baseRevision);
      await this.history.snapshot(current, 'before-restore');
      const brief = await this.write(this.nextRevision(current, snapshot.editorState));
      await this.backups.discard(brief.id);
      this.changed(brief.id);
      return brief;
    });
  }

  async recoverAsNew(args: { id: string; snapshotId: string }): Promise<Brief> {
    const snapshot = await this.history.read(args.id, args.snapshotId);
    return this.create({ title: `${snapshot.title} (recovered)`.slice(0, 200), editorState: snapshot.editorState });
  }

  /** The readable briefs that reference `factId`, with how often. */
  async factReferences(factId: string): Promise<Array<{ briefId: string; title: string; count: number }>> {
    const ids = await this.ids();
    const found: Array<{ briefId: string; title: string; count: number }> = [];
    for (const id of ids.sort()) {
      // Damaged briefs cannot be searched; they are reported by the brief list, not here.
      const brief = await this.read(id).catch(() => undefined);
      const count = brief ? (countFactReferences(brief.editorState.root).get(factId) ?? 0) : 0;
      if (brief && count > 0) found.push({ briefId: id, title: brief.title, count });
    }
    return found;
  }

  /** Points every reference to `fromId` at `toId`, one brief at a time, each as a new revision. */
  async repointFactReferences(fromId: string, toId: string): Promise<string[]> {
    const updated: string[] = [];
    for (const { briefId } of await this.factReferences(fromId)) {
      await this.queue.run(briefId, async () => {
        const current = await this.read(briefId);
        const editorState = { ...current.editorState, root: repointFactReferences(current.editorState.root, fromId, toId) };
        const brief = await this.write(this.nextRevision(current, editorState));
        this.events.publish('briefs.external', { id: brief.id, kind: 'changed' });
      });
      updated.push(briefId);
    }
    if (updated.length) this.changed(...updated);
    return updated;
  }

  /**
   * Called by the workspace watcher. Our own writes and removals are recognised and dropped, so saving never
   * reloads the editor; anything else is announced as an outside change.
   */
  async noticeFileEvent(id: string, kind: 'add' | 'change' | 'unlink'): Promise<void> {
    if (kind === 'unlink') {
      if (this.ownRemovals.delete(id)) return;
      this.ownWrites.delete(id);
      this.events.publish('briefs.external', { id, kind: 'removed' });
      this.changed(id);
      return;
    }
    let bytes: Buffer;
    try {
      ({ bytes } = await readBriefFile(this.workspace.files, this.path(id), id));
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return;
      this.events.publish('briefs.external', { id, kind: 'changed' });
      this.changed(id);
      return;
    }
    if (this.ownWrites.get(id)?.includes(hashBytes(bytes))) return;
    this.ownWrites.delete(id);
    this.events.publish('briefs.external', { id, kind: kind === 'add' ? 'added' : 'changed' });
    this.changed(id);
  }

  private async readForChange(id: string, baseRevision: number): Promise<Brief> {
    const current = await this.read(id);
    assertBaseRevision(current, baseRevision);
    return current;
  }

  /** The brief with new content; `linkedCatalogue` only when the caller knows what the new content is linked against. */
  private nextRevision(current: Brief, editorState: EditorStateJSON, linkedCatalogue?: string): Brief {
    const { linkedCatalogue: _previous, ...rest } = current;
    return {
      ...rest,
      ...(linkedCatalogue ? { linkedCatalogue } : {}),
      editorState,
      title: current.autoTitle ? deriveTitle(editorState, UNTITLED_BRIEF) : current.title,
      updatedAt: new Date().toISOString(),
      revision: current.revision + 1,
      contentHash: hashEditorState(editorState),
    };
  }
}

/** The contract's history methods: they live on the briefs service, since a restore is a save in the brief's queue. */
export function historyGroup(briefs: BriefsService): ContractGroup<'history'> {
  return {
    list: (args) => briefs.historyList(args),
    read: (args) => briefs.historyRead(args),
    restore: (args) => briefs.historyRestore(args),
    recoverAsNew: (args) => briefs.recoverAsNew(args),
  };
}

/**
 * The brief, without its `linkedCatalogue` when its content is not the content that was saved with it (another
 * program edited the file): text added there may hold mentions never linked, so the editor must check every link.
 */
function withTrustedLinks(brief: Brief): Brief {
  if (brief.linkedCatalogue === undefined || hashEditorState(brief.editorState) === brief.contentHash) return brief;
  const { linkedCatalogue: _untrusted, ...rest } = brief;
  return rest;
}

/** A title short enough for a message. */
function shortTitle(title: string): string {
  return title.length > 60 ? `${title.slice(0, 59)}…` : title;
}

function damagedSummary(id: string, fileName: string, reason: string, title?: string): BriefSummary {
  return { id, title: title ?? fileName, fileName, wordCount: 0, damaged: reason };
}

function assertBaseRevision(current: Brief, baseRevision: number): void {
  if (current.revision !== baseRevision) {
    throw new AppError(
      'conflict',
      `This brief was changed elsewhere (it is at revision ${current.revision}; your copy is based on revision ${baseRevision}). Nothing was overwritten.`,
    );
  }
}

function assertName(title: string): void {
  const problem = nameProblem(title);
  if (problem) throw new AppError('invalid_argument', problem);
}
