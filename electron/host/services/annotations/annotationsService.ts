import { randomUUID } from 'node:crypto';
import { AppError } from '../../../../shared/contract/define';
import type { AnnotationChanges, AnnotationExport, AnnotationFilter, AnnotationInput, Colours } from '../../../../shared/contract/annotations';
import { reanchorAll } from '../../../../shared/lib/textAnchor';
import { sameNameKey } from '../../../../shared/lib/catalogueChecks';
import { ANNOTATION_LIMITS, MAX_FILE_BYTES } from '../../../../shared/limits';
import {
  ANNOTATIONS_SCHEMA_VERSION,
  AnnotationFileSchema,
  AnnotationSchema,
  COLOURS_SCHEMA_VERSION,
  ColoursFileSchema,
  namedColours,
  tagKey,
  uniqueTags,
  type Annotation,
  type AnnotationColour,
  type AnnotationFile,
  type ColoursFile,
} from '../../../../shared/model/annotation';
import type { Source } from '../../../../shared/model/source';
import type { EventHub } from '../../events';
import { firstIssue, readJsonFile, toJsonText } from '../../platform/jsonFile';
import { KeyedQueue } from '../../platform/keyedQueue';
import type { FactsService } from '../facts/factsService';
import type { SourcesService } from '../sources/sourcesService';
import { listedFiles } from '../workspace/listedFiles';
import type { Workspace } from '../workspace/workspace';
import { annotationsFromJsonLd, annotationsToJsonLd } from './annotationsJsonLd';
import { annotationsToMarkdown } from './annotationsMarkdown';
import { targetProblem } from './passage';

const ANNOTATIONS_SUFFIX = '.annotations.json';
const COLOURS_FILE = 'colours.json';


/** A missing file (or a missing annotations folder) is an empty one; everything else that fails is reported. */
function isMissing(error: unknown): boolean {
  return error instanceof AppError && error.code === 'not_found';
}

function groupedBySource(annotations: readonly Annotation[]): Map<string, Annotation[]> {
  const groups = new Map<string, Annotation[]>();
  for (const annotation of annotations) groups.set(annotation.sourceId, [...(groups.get(annotation.sourceId) ?? []), annotation]);
  return groups;
}

function byPosition(a: Annotation, b: Annotation): number {
  return a.sourceId.localeCompare(b.sourceId) || a.target.selectors[1].start - b.target.selectors[1].start || a.target.selectors[1].end - b.target.selectors[1].end;
}

function withoutFact(annotation: Annotation): Annotation {
  const unlinked = { ...annotation };
  delete unlinked.factId;
  return unlinked;
}

function matches(annotation: Annotation, filter: AnnotationFilter): boolean {
  if (filter.color && annotation.color !== filter.color) return false;
  if (filter.factId && annotation.factId !== filter.factId) return false;
  if (filter.tag && !annotation.tags.some((t) => tagKey(t) === tagKey(filter.tag!))) return false;
  if (filter.text) {
    const words = sameNameKey(filter.text);
    const searched = [annotation.target.selectors[0].exact, annotation.comment, ...annotation.tags];
    if (!searched.some((s) => sameNameKey(s).includes(words))) return false;
  }
  return true;
}

/**
 * The annotations of a workspace's sources, `annotations/<sourceId>.annotations.json`, and the analyst's colour
 * names, `annotations/colours.json`. Changes to one file run in its queue and are saved atomically; a file that
 * cannot be read (damaged, too large, a symlink or a pipe) is reported with the reason and never written over.
 */
export class AnnotationsService {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly workspace: Workspace,
    private readonly events: EventHub,
    private readonly sources: SourcesService,
    private readonly facts: FactsService,
  ) {}

  private path(sourceId: string): string {
    return this.workspace.file('annotations', `${sourceId}${ANNOTATIONS_SUFFIX}`);
  }

  private get coloursPath(): string {
    return this.workspace.file('annotations', COLOURS_FILE);
  }

  /** The source's annotations; a source without any has no file yet. */
  private async read(sourceId: string): Promise<AnnotationFile> {
    const what = `The annotations file of the source ${sourceId}`;
    try {
      const file = await readJsonFile(this.workspace.files, this.path(sourceId), AnnotationFileSchema, { maxBytes: MAX_FILE_BYTES.annotations, what });
      if (file.sourceId !== sourceId) {
        throw new AppError('damaged', `${what} is damaged: it holds the annotations of the source ${file.sourceId}. Rename it to ${file.sourceId}${ANNOTATIONS_SUFFIX}.`);
      }
      return file;
    } catch (error) {
      if (isMissing(error)) return { schemaVersion: ANNOTATIONS_SCHEMA_VERSION, sourceId, annotations: [] };
      throw error;
    }
  }

  /** Writes `value` atomically, refused in words if it would be larger than what Briefdesk reads back. */
  private async save(relative: string, value: unknown, what: string): Promise<void> {
    const text = toJsonText(value);
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_FILE_BYTES.annotations) {
      throw new AppError('refused', `${what} would take ${(bytes / 2 ** 20).toFixed(1)} MB, more than the ${MAX_FILE_BYTES.annotations / 2 ** 20} MB Briefdesk reads back, so the change was not saved.`);
    }
    await this.workspace.files.mkdir('annotations');
    await this.workspace.files.write(relative, text, what);
  }

  /** Re-reads the source's file inside its queue, applies `change`, validates and saves it, and tells the renderer. */
  private change<T>(sourceId: string, change: (file: AnnotationFile) => T): Promise<T> {
    return this.queue.run(this.path(sourceId), async () => {
      const file = await this.read(sourceId);
      const result = change(file);
      const checked = AnnotationFileSchema.safeParse(file);
      if (!checked.success) throw new AppError('invalid_argument', `That change would make the annotations of ${sourceId} invalid: ${firstIssue(checked.error)}.`);
      await this.save(this.path(sourceId), checked.data, `The annotations file of the source ${sourceId}`);
      this.events.publish('annotations.changed', { sourceId });
      return result;
    });
  }

  private async assertFactExists(factId: string): Promise<void> {
    if (!(await this.facts.list({})).some((f) => f.id === factId)) throw new AppError('not_found', `There is no fact ${factId} to link the annotation to.`);
  }

  /**
   * Finds every annotation of `sourceId` again in the source's new text and saves the result: a passage found verbatim
   * gets its new offsets, one found approximately points at the closest passage and is flagged `moved`, one not found
   * keeps its old selectors, flagged `orphaned` (listed with its text and comment, never dropped).
   */
  async reanchorSource(sourceId: string, oldText: string, newText: string): Promise<{ anchored: number; moved: number; orphaned: number }> {
    const counts = { anchored: 0, moved: 0, orphaned: 0 };
    if ((await this.read(sourceId)).annotations.length === 0) return counts;
    const now = new Date().toISOString();
    await this.change(sourceId, (file) => {
      const anchors = file.annotations.map(({ target: { selectors: [quote, position] } }) => ({ sourceId, exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix, start: position.start, end: position.end }));
      const results = reanchorAll(oldText, newText, anchors);
      file.annotations = file.annotations.map((annotation, index) => {
        const result = results[index]!;
        counts[result.grade]++;
        const previous = annotation.review?.previous ?? annotation.target.selectors[0].exact;
        if (result.grade === 'orphaned') return { ...annotation, review: { grade: 'orphaned', previous, reason: result.reason, since: now } };
        const { exact, prefix, suffix, start, end } = result.anchor;
        const target = { ...annotation.target, selectors: [{ type: 'TextQuoteSelector', exact, prefix: prefix.slice(-ANNOTATION_LIMITS.contextChars), suffix: suffix.slice(0, ANNOTATION_LIMITS.contextChars) }, { type: 'TextPositionSelector', start, end }] as Annotation['target']['selectors'] };
        const { review: _review, ...rest } = annotation;
        return result.grade === 'anchored' && exact === previous ? { ...rest, target } : { ...rest, target, review: { grade: 'moved', previous, current: exact, since: now } };
      });
    });
    return counts;
  }

  async list(args: { sourceId: string }): Promise<{ sourceId: string; annotations: Annotation[]; damaged?: string }> {
    try {
      const file = await this.read(args.sourceId);
      return { sourceId: args.sourceId, annotations: file.annotations.toSorted(byPosition) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { sourceId: args.sourceId, annotations: [], damaged: error.message };
    }
  }

  /** Every readable annotations file's annotations that pass `filter`, and the files that could not be read. */
  async listAll(filter: AnnotationFilter): Promise<{ annotations: Annotation[]; damaged: Array<{ file: string; problem: string }> }> {
    const listed = listedFiles(await this.workspace.files.listIfPresent('annotations'), ANNOTATIONS_SUFFIX, 'annotations');
    const annotations: Annotation[] = [];
    const damaged: Array<{ file: string; problem: string }> = [];
    for (const { id, name, problem } of listed.sort((a, b) => a.name.localeCompare(b.name))) {
      if (problem) {
        damaged.push({ file: name, problem });
        continue;
      }
      const read = await this.list({ sourceId: id });
      if (read.damaged) damaged.push({ file: name, problem: read.damaged });
      annotations.push(...read.annotations.filter((a) => matches(a, filter)));
    }
    return { annotations: annotations.sort(byPosition), damaged };
  }

  /**
   * Adds an annotation on a passage of a source. With the id (and times) of one just deleted, it comes back as it was:
   * that is how the renderer undoes a delete.
   */
  async create(args: { annotation: AnnotationInput }): Promise<Annotation> {
    const input = args.annotation;
    const source = await this.sources.get({ id: input.sourceId });
    const problem = targetProblem(source, input.target);
    if (problem) throw new AppError('invalid_argument', problem);
    if (input.factId) await this.assertFactExists(input.factId);
    const now = new Date().toISOString();
    // Parsed again so that the answer has the file's order of keys and nothing else.
    const annotation = AnnotationSchema.parse({
      ...input,
      id: input.id ?? randomUUID(),
      createdAt: input.createdAt ?? now,
      updatedAt: input.updatedAt ?? input.createdAt ?? now,
      tags: uniqueTags(input.tags),
    });
    return this.change(source.id, (file) => {
      if (file.annotations.some((a) => a.id === annotation.id)) throw new AppError('already_exists', `The source “${source.title}” already has the annotation ${annotation.id}.`);
      file.annotations.push(annotation);
      return annotation;
    });
  }

  async update(args: AnnotationChanges): Promise<Annotation> {
    const { sourceId, id, color, comment, tags, factId } = args;
    if (factId) await this.assertFactExists(factId);
    return this.change(sourceId, (file) => {
      const index = file.annotations.findIndex((a) => a.id === id);
      const current = file.annotations[index];
      if (!current) throw new AppError('not_found', `The source ${sourceId} has no annotation ${id}; it may have been deleted.`);
      const updated = AnnotationSchema.parse({
        ...(factId === null ? withoutFact(current) : current),
        ...(color ? { color } : {}),
        ...(comment !== undefined ? { comment } : {}),
        ...(tags ? { tags: uniqueTags(tags) } : {}),
        ...(factId ? { factId } : {}),
        updatedAt: new Date().toISOString(),
      });
      file.annotations[index] = updated;
      return updated;
    });
  }

  /** Removes an annotation and answers it whole, so that `create` can bring it back. */
  async delete(args: { sourceId: string; id: string }): Promise<Annotation> {
    return this.change(args.sourceId, (file) => {
      const found = file.annotations.find((a) => a.id === args.id);
      if (!found) throw new AppError('not_found', `The source ${args.sourceId} has no annotation ${args.id}; it may have been deleted already.`);
      file.annotations = file.annotations.filter((a) => a.id !== args.id);
      return found;
    });
  }

  /** Every tag in use, counted once per annotation, most used first; case variants count as one, in their first spelling. */
  async tags(): Promise<Array<{ tag: string; count: number }>> {
    const counts = new Map<string, { tag: string; count: number }>();
    for (const annotation of (await this.listAll({})).annotations) {
      for (const tag of annotation.tags) {
        const entry = counts.get(tagKey(tag));
        if (entry) entry.count++;
        else counts.set(tagKey(tag), { tag, count: 1 });
      }
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
  }

  private async readColours(): Promise<ColoursFile | undefined> {
    try {
      return await readJsonFile(this.workspace.files, this.coloursPath, ColoursFileSchema, { maxBytes: MAX_FILE_BYTES.settings, what: 'The colour names (annotations/colours.json)' });
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async colours(): Promise<Colours> {
    try {
      return { colours: namedColours(await this.readColours()) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { colours: namedColours(undefined), damaged: error.message };
    }
  }

  /** Names a highlight colour; a name another colour has already is refused, so the analyst can tell them apart. */
  async setColourName(args: { id: AnnotationColour; name: string }): Promise<Colours> {
    return this.queue.run(this.coloursPath, async () => {
      const current = namedColours(await this.readColours());
      const other = current.find((c) => c.id !== args.id && sameNameKey(c.name) === sameNameKey(args.name));
      if (other) throw new AppError('already_exists', `The ${other.id} highlight is already called “${other.name}”. Choose another name.`);
      const colours = current.map((c) => (c.id === args.id ? { ...c, name: args.name } : c));
      const file: ColoursFile = { schemaVersion: COLOURS_SCHEMA_VERSION, colours };
      await this.save(this.coloursPath, file, 'The colour names (annotations/colours.json)');
      return { colours };
    });
  }

  /**
   * The annotations to export, by source: one source's (its file must be readable), or every readable file's, with a
   * notice for each file left out.
   */
  private async exported(sourceId: string | undefined): Promise<{ bySource: Map<string, Annotation[]>; sources: Map<string, Source>; notices: string[] }> {
    const { annotations, damaged } = sourceId === undefined ? await this.listAll({}) : { annotations: (await this.read(sourceId)).annotations.toSorted(byPosition), damaged: [] };
    const bySource = groupedBySource(annotations);
    const sources = new Map<string, Source>();
    for (const id of bySource.keys()) {
      const source = await this.sources.get({ id }).catch(() => undefined);
      if (source) sources.set(id, source);
    }
    return { bySource, sources, notices: damaged.map((d) => `${d.file} was left out: ${d.problem}`) };
  }

  private exportName(sourceId: string | undefined, extension: string): string {
    return sourceId === undefined ? `annotations.${extension}` : `annotations-${sourceId}.${extension}`;
  }

  async exportMarkdown(args: { sourceId?: string | undefined }): Promise<AnnotationExport> {
    const { bySource, sources, notices } = await this.exported(args.sourceId);
    const factLabels = new Map((await this.facts.list({})).map((f) => [f.id, f.label]));
    const { colours, damaged } = await this.colours();
    return {
      fileName: this.exportName(args.sourceId, 'md'),
      text: annotationsToMarkdown(bySource, sources, { colours, factLabels }),
      notices: damaged ? [...notices, `The colours are named by their defaults: ${damaged}`] : notices,
    };
  }

  async exportJsonLd(args: { sourceId?: string | undefined }): Promise<AnnotationExport> {
    const { bySource, sources, notices } = await this.exported(args.sourceId);
    return { fileName: this.exportName(args.sourceId, 'jsonld'), text: toJsonText(annotationsToJsonLd([...bySource.values()].flat(), sources)), notices };
  }

  /**
   * Adds the annotations of a JSON-LD file to their sources' files. One already here (the same id) is kept as it is;
   * so is a source's file that cannot be read, and its annotations are skipped with the reason.
   */
  async importJsonLd(args: { text: string }): Promise<{ imported: number; skipped: string[] }> {
    let json: unknown;
    try {
      json = JSON.parse(args.text);
    } catch (error) {
      throw new AppError('invalid_argument', `This is not JSON-LD: it is not valid JSON (${(error as Error).message}).`);
    }
    const known: Source[] = [];
    for (const { id, damaged } of await this.sources.list()) {
      if (damaged) continue;
      const source = await this.sources.get({ id }).catch(() => undefined);
      if (source) known.push(source);
    }
    const { annotations, skipped } = annotationsFromJsonLd(json, known);
    let imported = 0;
    for (const [sourceId, group] of groupedBySource(annotations)) {
      const title = known.find((s) => s.id === sourceId)?.title ?? sourceId;
      try {
        imported += await this.change(sourceId, (file) => {
          const present = new Set(file.annotations.map((a) => a.id));
          const fresh = group.filter((a) => {
            if (present.has(a.id)) skipped.push(`The annotation ${a.id} on “${title}” is here already; it was kept as it is.`);
            return !present.has(a.id);
          });
          const room = ANNOTATION_LIMITS.annotationsPerSource - file.annotations.length;
          if (fresh.length > room) throw new AppError('refused', `a source holds at most ${ANNOTATION_LIMITS.annotationsPerSource} annotations`);
          file.annotations.push(...fresh);
          return fresh.length;
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        skipped.push(`The annotations on “${title}” were not imported: ${error.message}`);
      }
    }
    return { imported, skipped };
  }
}
