import type { AnnotationChanges } from '../../../../shared/contract/annotations';
import type { BriefdeskApi } from '../../../../shared/contract/client';
import type { Result } from '../../../../shared/contract/define';
import type { Annotation, AnnotationColour, AnnotationTarget } from '../../../../shared/model/annotation';

/**
 * The open source's annotations, outside React (the Lexical playground's CommentStore, beside the reader): load,
 * create, update, remove and undo the last of those. `loading` waits for `load`; `ready` holds the source's
 * annotations in text order; `failed` keeps the reason. A damaged annotations file is `ready` with `damaged` set:
 * nothing in it is shown, and the host refuses to write over it.
 */
export type AnnotationStoreState = 'idle' | 'loading' | 'ready' | 'failed';

export interface AnnotationStoreSnapshot {
  state: AnnotationStoreState;
  sourceId: string | undefined;
  annotations: readonly Annotation[];
  damaged: string | undefined;
  error: string | undefined;
  /** What `undo` would undo, in words ("delete", "change", "highlight"), or undefined when there is nothing. */
  undoable: 'highlight' | 'change' | 'delete' | undefined;
}

/** A new annotation on the open source: its passage and what the analyst gave it. */
export interface NewAnnotation {
  target: AnnotationTarget;
  color: AnnotationColour;
  comment?: string;
  tags?: string[];
  factId?: string;
}

export type AnnotationEdit = Omit<AnnotationChanges, 'sourceId' | 'id'>;

type UndoStep = { kind: 'highlight'; annotation: Annotation } | { kind: 'change'; before: Annotation } | { kind: 'delete'; annotation: Annotation };

const IDLE: AnnotationStoreSnapshot = { state: 'idle', sourceId: undefined, annotations: [], damaged: undefined, error: undefined, undoable: undefined };

const byPosition = (a: Annotation, b: Annotation): number => a.target.selectors[1].start - b.target.selectors[1].start || a.createdAt.localeCompare(b.createdAt);

/** The fields an update may set back, as they were on `annotation` (an absent fact becomes `null`, which unlinks). */
function changesRestoring(annotation: Annotation): AnnotationEdit {
  return { color: annotation.color, comment: annotation.comment, tags: annotation.tags, factId: annotation.factId ?? null };
}

export class AnnotationStore {
  private snapshot: AnnotationStoreSnapshot = IDLE;
  private readonly listeners = new Set<() => void>();
  private undoSteps: UndoStep[] = [];
  /** Counts loads, so that a slow answer for a source no longer open is dropped. */
  private loads = 0;

  constructor(private readonly api: Pick<BriefdeskApi, 'annotations'>) {}

  getSnapshot = (): AnnotationStoreSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads a source's annotations; loading another source forgets what could be undone on the last one. */
  async load(sourceId: string): Promise<void> {
    const load = ++this.loads;
    if (sourceId !== this.snapshot.sourceId) {
      this.undoSteps = [];
      this.set({ ...IDLE, state: 'loading', sourceId });
    }
    const result = await this.api.annotations.list({ sourceId });
    if (load !== this.loads) return;
    if (!result.ok) return this.set({ ...this.snapshot, state: 'failed', error: result.error.message });
    this.set({
      ...this.snapshot,
      state: 'ready',
      annotations: [...result.value.annotations].sort(byPosition),
      damaged: result.value.damaged,
      error: undefined,
    });
  }

  /** Reads the open source's annotations again (after a change elsewhere: another window, an import). */
  async reload(): Promise<void> {
    if (this.snapshot.sourceId) await this.load(this.snapshot.sourceId);
  }

  async create(input: NewAnnotation): Promise<Result<Annotation>> {
    const sourceId = this.requireSource();
    const result = await this.api.annotations.create({ annotation: { sourceId, comment: '', tags: [], ...input } });
    if (result.ok) this.applied({ kind: 'highlight', annotation: result.value }, (list) => [...list, result.value]);
    return this.reported(result);
  }

  async update(id: string, changes: AnnotationEdit): Promise<Result<Annotation>> {
    const sourceId = this.requireSource();
    const before = this.snapshot.annotations.find((annotation) => annotation.id === id);
    const result = await this.api.annotations.update({ sourceId, id, ...changes });
    if (result.ok) {
      const after = result.value;
      this.applied(before && { kind: 'change', before }, (list) => list.map((annotation) => (annotation.id === id ? after : annotation)));
    }
    return this.reported(result);
  }

  async remove(id: string): Promise<Result<Annotation>> {
    const sourceId = this.requireSource();
    const result = await this.api.annotations.delete({ sourceId, id });
    if (result.ok) this.applied({ kind: 'delete', annotation: result.value }, (list) => list.filter((annotation) => annotation.id !== id));
    return this.reported(result);
  }

  /**
   * Undoes the last create, update or delete on this source: a deleted annotation is made again with its id, its
   * dates and everything it held, so links to it and exports of it stay valid.
   */
  async undo(): Promise<Result<Annotation> | undefined> {
    const step = this.undoSteps.pop();
    if (!step) return undefined;
    const sourceId = this.requireSource();
    const result =
      step.kind === 'delete'
        ? await this.api.annotations.create({ annotation: step.annotation })
        : step.kind === 'change'
          ? await this.api.annotations.update({ sourceId, id: step.before.id, ...changesRestoring(step.before) })
          : await this.api.annotations.delete({ sourceId, id: step.annotation.id });
    if (!result.ok) {
      this.undoSteps.push(step);
      return this.reported(result);
    }
    const restored = result.value;
    const others = this.snapshot.annotations.filter((annotation) => annotation.id !== restored.id);
    this.set({ ...this.snapshot, annotations: step.kind === 'highlight' ? others : [...others, restored].sort(byPosition), error: undefined, undoable: this.undoSteps.at(-1)?.kind });
    return result;
  }

  private requireSource(): string {
    const { sourceId, state } = this.snapshot;
    if (!sourceId || state !== 'ready') throw new Error('No source is open in the annotation store.');
    return sourceId;
  }

  private applied(step: UndoStep | undefined, change: (list: readonly Annotation[]) => Annotation[]): void {
    if (step) this.undoSteps.push(step);
    this.set({ ...this.snapshot, annotations: change(this.snapshot.annotations).sort(byPosition), error: undefined, undoable: this.undoSteps.at(-1)?.kind });
  }

  private reported(result: Result<Annotation>): Result<Annotation> {
    if (!result.ok) this.set({ ...this.snapshot, error: result.error.message });
    return result;
  }

  private set(next: AnnotationStoreSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
