import { basename } from 'node:path';
import { AppError } from '../../../../shared/contract/define';
import type { AnchorView, CatalogueFact } from '../../../../shared/contract/facts';
import { FactCatalogueSchema, type Alias, type Fact, type FactCatalogue, type FactKind } from '../../../../shared/model/fact';
import { SlugSchema } from '../../../../shared/model/ids';
import type { Source } from '../../../../shared/model/source';
import { reanchorFacts, type AnchorChange } from '../../../../shared/lib/staleClaims';
import { aliasKey, sameNameKey } from '../../../../shared/lib/catalogueChecks';
import { resolveAnchor } from '../../../../shared/lib/textAnchor';
import { sentenceAround } from '../../../../shared/lib/sentenceAround';
import type { EventHub } from '../../events';
import { MAX_FILE_BYTES } from '../../../../shared/limits';
import type { ConfinedFolder } from '../../platform/confinedFolder';
import { KeyedQueue } from '../../platform/keyedQueue';
import { readJsonFile, toJsonText } from '../../platform/jsonFile';
import type { BriefsService } from '../briefs/briefsService';
import type { JobContext, JobKind, JobRunner, OutputFile } from '../jobs/jobRunner';
import type { SourcesService } from '../sources/sourcesService';
import { listedFiles } from '../workspace/listedFiles';
import type { Workspace } from '../workspace/workspace';

const CATALOGUE_SUFFIX = '.facts.json';
const REPLACED_FOLDER = '.briefdesk/replaced-catalogues';

interface LoadedCatalogue {
  id: string;
  fileName: string;
  catalogue?: FactCatalogue;
  damaged?: string;
}

/**
 * The fact catalogues of a workspace, `facts/<id>.facts.json`. Changes to one catalogue run in its queue; a damaged
 * catalogue is listed with its reason and never written.
 */
export class FactsService {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly workspace: Workspace,
    private readonly events: EventHub,
    private readonly briefs: BriefsService,
    private readonly sources: SourcesService,
    private readonly resources: ConfinedFolder,
    private readonly jobs: JobRunner,
  ) {}

  private readonly resetJob: JobKind<{ catalogueId: string }> = {
    kind: 'facts.reset',
    title: ({ catalogueId }) => `Resetting the catalogue ${catalogueId}`,
    run: (args, job) => this.resetCatalogue(args.catalogueId, job),
  };

  private path(catalogueId: string): string {
    return this.workspace.file('facts', `${catalogueId}${CATALOGUE_SUFFIX}`);
  }

  private bundledPath(catalogueId: string): string {
    return `facts/${catalogueId}${CATALOGUE_SUFFIX}`;
  }

  /**
   * The file name is the id, as for briefs: a catalogue copied or renamed outside the app is read, listed and changed
   * under its file's name, whatever id it holds inside.
   */
  private async readCatalogue(files: ConfinedFolder, relative: string, what: string): Promise<FactCatalogue> {
    const catalogue = await readJsonFile(files, relative, FactCatalogueSchema, { maxBytes: MAX_FILE_BYTES.catalogue, what });
    const id = basename(relative, CATALOGUE_SUFFIX);
    return catalogue.id === id ? catalogue : { ...catalogue, id };
  }

  private async loadAll(): Promise<LoadedCatalogue[]> {
    const listed = listedFiles(await this.workspace.files.list('facts'), CATALOGUE_SUFFIX, 'fact catalogue');
    return Promise.all(
      listed.sort((a, b) => a.name.localeCompare(b.name)).map(async ({ id, name, problem }): Promise<LoadedCatalogue> => {
        if (problem) return { id, fileName: name, damaged: problem };
        try {
          return { id, fileName: name, catalogue: await this.readCatalogue(this.workspace.files, this.path(id), `The fact catalogue ${id}`) };
        } catch (error) {
          return { id, fileName: name, damaged: (error as Error).message };
        }
      }),
    );
  }

  private async readable(): Promise<FactCatalogue[]> {
    return (await this.loadAll()).flatMap((c) => (c.catalogue ? [c.catalogue] : []));
  }

  private async findFact(id: string): Promise<{ catalogue: FactCatalogue; fact: Fact }> {
    for (const catalogue of await this.readable()) {
      const fact = catalogue.facts.find((f) => f.id === id);
      if (fact) return { catalogue, fact };
    }
    throw new AppError('not_found', `There is no fact ${id}.`);
  }

  /** Re-reads the catalogue inside its queue, applies `change`, validates and writes it atomically. */
  private change<T>(catalogueId: string, change: (catalogue: FactCatalogue) => T): Promise<T> {
    return this.queue.run(catalogueId, async () => {
      const catalogue = await this.readCatalogue(this.workspace.files, this.path(catalogueId), `The fact catalogue ${catalogueId}`);
      const result = change(catalogue);
      const checked = FactCatalogueSchema.safeParse(catalogue);
      if (!checked.success) throw new AppError('invalid_argument', `That change would make the catalogue invalid: ${checked.error.issues[0]?.message}.`);
      await this.workspace.files.write(this.path(catalogueId), toJsonText(checked.data), `The fact catalogue ${catalogueId}`);
      this.events.publish('facts.changed', { catalogueId });
      return result;
    });
  }

  /** What re-anchoring the facts in `sourceId` on its new text would do, without changing anything (an import's preview). */
  async previewReanchor(sourceId: string, oldText: string, newText: string): Promise<AnchorChange[]> {
    const facts = (await this.readable()).flatMap((catalogue) => catalogue.facts);
    return reanchorFacts(facts, sourceId, oldText, newText, new Date().toISOString()).changes;
  }

  /**
   * Finds every fact anchor in `sourceId` again in the source's new text, in every catalogue, and saves the result:
   * moved and vanished quotes are flagged for review (see reanchorFacts). Answers what became of each anchor.
   */
  async reanchorSource(sourceId: string, oldText: string, newText: string): Promise<AnchorChange[]> {
    const now = new Date().toISOString();
    const changes: AnchorChange[] = [];
    // Only catalogues anchored in the source are rewritten; a damaged one is reported where it is listed, never written.
    const anchoredHere = (await this.readable()).filter((catalogue) => catalogue.facts.some((fact) => fact.anchors.some((anchor) => anchor.sourceId === sourceId)));
    for (const { id } of anchoredHere) {
      await this.change(id, (catalogue) => {
        const result = reanchorFacts(catalogue.facts, sourceId, oldText, newText, now);
        catalogue.facts = result.facts;
        changes.push(...result.changes);
      });
    }
    return changes;
  }

  /** Takes the supporting words as they now stand in the changed source: the fact's flag for that anchor goes. */
  async acceptAnchor(args: { id: string; anchorIndex: number }): Promise<CatalogueFact> {
    const { catalogue } = await this.findFact(args.id);
    return this.change(catalogue.id, (current) => {
      const fact = current.facts.find((f) => f.id === args.id);
      const anchor = fact?.anchors[args.anchorIndex];
      if (!fact || !anchor) throw new AppError('not_found', `The fact ${args.id} has no anchor ${args.anchorIndex + 1}.`);
      if (anchor.review?.grade === 'orphaned') throw new AppError('refused', 'This quote is no longer in its source: select the passage that supports the fact to attach it again.');
      const { review: _review, ...accepted } = anchor;
      fact.anchors[args.anchorIndex] = accepted;
      return { ...fact, catalogueId: current.id };
    });
  }

  async catalogues(): Promise<Array<{ id: string; title: string; factCount: number; damaged?: string; bundled: boolean }>> {
    const loaded = await this.loadAll();
    return Promise.all(
      loaded.map(async (c) => ({
        id: c.id,
        title: c.catalogue?.title ?? c.fileName,
        factCount: c.catalogue?.facts.length ?? 0,
        ...(c.damaged ? { damaged: c.damaged } : {}),
        bundled: (await this.resources.kind(this.bundledPath(c.id))) === 'file',
      })),
    );
  }

  async list(args: { kind?: FactKind | undefined }): Promise<CatalogueFact[]> {
    return (await this.readable()).flatMap((catalogue) =>
      catalogue.facts.filter((f) => !args.kind || f.kind === args.kind).map((f) => ({ ...f, catalogueId: catalogue.id })),
    );
  }

  async get(args: { id: string }): Promise<CatalogueFact & { anchorViews: AnchorView[] }> {
    const { catalogue, fact } = await this.findFact(args.id);
    const sources = new Map<string, Source | Error>();
    const anchorViews: AnchorView[] = [];
    for (const anchor of fact.anchors) {
      if (!sources.has(anchor.sourceId)) sources.set(anchor.sourceId, await this.sources.get({ id: anchor.sourceId }).catch((e: Error) => e));
      const source = sources.get(anchor.sourceId)!;
      if (source instanceof Error) {
        anchorViews.push({ ...anchor, sourceTitle: anchor.sourceId, sentence: anchor.exact, markStart: 0, markEnd: anchor.exact.length, problem: source.message });
        continue;
      }
      // The quote is authoritative: offsets are a hint that is re-derived, so an anchor survives small edits.
      const found = resolveAnchor(source.text, anchor);
      const range = found.ok ? found.range : { start: anchor.start, end: anchor.end };
      const sentence = sentenceAround(source.text, range.start, range.end);
      anchorViews.push({
        sourceId: source.id,
        sourceTitle: source.title,
        exact: anchor.exact,
        start: range.start,
        end: range.end,
        sentence: source.text.slice(sentence.start, sentence.end),
        markStart: range.start - sentence.start,
        markEnd: range.end - sentence.start,
        ...(found.ok ? {} : { problem: found.problem }),
      });
    }
    return { ...fact, catalogueId: catalogue.id, anchorViews };
  }

  /**
   * Adds a fact. Its id is the one asked for, or that id with -2, -3… when it is taken: the renderer makes ids from
   * labels, and different names can make the same id ("Kim Yong-chol", "Kim Yong Chol"). A label that is already the
   * name of a fact (its label or an alias, case, spacing and diacritics aside) is refused, naming that fact.
   */
  async create(args: { catalogueId: string; fact: Fact }): Promise<CatalogueFact> {
    const elsewhere = (await this.list({})).filter((f) => f.catalogueId !== args.catalogueId);
    const created = await this.change(args.catalogueId, (catalogue) => {
      const existing = [...elsewhere, ...catalogue.facts];
      assertNewName(args.fact.label, existing);
      const fact = { ...args.fact, id: unusedId(args.fact.id, new Set(existing.map((f) => f.id))) };
      catalogue.facts.push(fact);
      return fact;
    });
    return { ...created, catalogueId: args.catalogueId };
  }

  async update(args: { fact: Fact }): Promise<CatalogueFact> {
    const { catalogue } = await this.findFact(args.fact.id);
    await this.change(catalogue.id, (fresh) => {
      const index = fresh.facts.findIndex((f) => f.id === args.fact.id);
      if (index < 0) throw new AppError('not_found', `There is no fact ${args.fact.id}.`);
      fresh.facts[index] = args.fact;
    });
    return { ...args.fact, catalogueId: catalogue.id };
  }

  async references(args: { id: string }): Promise<Array<{ briefId: string; title: string; count: number }>> {
    return this.briefs.factReferences(args.id);
  }

  async delete(args: { id: string; force: boolean }): Promise<null> {
    const { catalogue } = await this.findFact(args.id);
    const referencing = await this.references({ id: args.id });
    if (referencing.length > 0 && !args.force) {
      throw new AppError(
        'refused',
        `This fact is referenced in ${referencing.length} brief${referencing.length === 1 ? '' : 's'}: ${referencing.map((r) => `“${r.title}”`).join(', ')}. Unlink it there first, or delete it anyway.`,
      );
    }
    await this.change(catalogue.id, (fresh) => {
      fresh.facts = fresh.facts.filter((f) => f.id !== args.id);
    });
    return null;
  }

  async addAlias(args: { id: string; alias: Alias }): Promise<CatalogueFact> {
    const { fact } = await this.findFact(args.id);
    if (fact.aliases.some((a) => aliasKey(a.text) === aliasKey(args.alias.text))) {
      throw new AppError('already_exists', `“${args.alias.text}” is already an alias of ${fact.label}.`);
    }
    return this.update({ fact: { ...fact, aliases: [...fact.aliases, args.alias] } });
  }

  async removeAlias(args: { id: string; text: string }): Promise<CatalogueFact> {
    const { fact } = await this.findFact(args.id);
    const aliases = fact.aliases.filter((a) => a.text !== args.text);
    if (aliases.length === fact.aliases.length) throw new AppError('not_found', `“${args.text}” is not an alias of ${fact.label}.`);
    return this.update({ fact: { ...fact, aliases } });
  }

  async merge(args: { keepId: string; mergeId: string }): Promise<{ fact: CatalogueFact; briefsUpdated: string[] }> {
    if (args.keepId === args.mergeId) throw new AppError('invalid_argument', 'A fact cannot be merged into itself.');
    const keep = await this.findFact(args.keepId);
    const gone = await this.findFact(args.mergeId);
    const seen = new Set(keep.fact.aliases.map((a) => aliasKey(a.text)));
    const merged: Fact = {
      ...keep.fact,
      aliases: [
        ...keep.fact.aliases,
        ...[{ text: gone.fact.label, caseSensitive: false, analystForm: false, ambiguous: false }, ...gone.fact.aliases].filter((a) => {
          const key = aliasKey(a.text);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        }),
      ],
      anchors: [...keep.fact.anchors, ...gone.fact.anchors.filter((a) => !keep.fact.anchors.some((k) => k.start === a.start && k.sourceId === a.sourceId))],
      tags: [...new Set([...keep.fact.tags, ...gone.fact.tags])],
    };
    // References move first: if that fails part-way, both facts still exist and nothing points nowhere.
    const briefsUpdated = await this.briefs.repointFactReferences(args.mergeId, args.keepId);
    await this.update({ fact: merged });
    await this.change(gone.catalogue.id, (fresh) => {
      fresh.facts = fresh.facts.filter((f) => f.id !== args.mergeId);
    });
    return { fact: { ...merged, catalogueId: keep.catalogue.id }, briefsUpdated };
  }

  /**
   * Puts the bundled catalogue back, as a job; the analyst's version is kept in `.briefdesk/replaced-catalogues/` first.
   * Only a regular file is kept: a symlinked catalogue is replaced without its target ever being read or copied.
   */
  async reset(args: { catalogueId: string }): Promise<{ jobId: string }> {
    // Checked before the job starts, so a catalogue that is not bundled is an answer, not a failed job.
    if ((await this.resources.kind(this.bundledPath(args.catalogueId))) !== 'file') throw new AppError('not_found', `${args.catalogueId} is not a bundled catalogue.`);
    return this.jobs.start(this.resetJob, args);
  }

  /** Reads everything first and writes the kept copy and the catalogue together at the end, so a cancel leaves both as they were. */
  private resetCatalogue(catalogueId: string, job: JobContext): Promise<string> {
    return this.queue.run(catalogueId, async () => {
      job.progress(0, 3, 'Reading the bundled catalogue');
      const catalogue = await this.readCatalogue(this.resources, this.bundledPath(catalogueId), 'The bundled catalogue');
      job.progress(1, 3, 'Keeping a copy of your catalogue');
      const current = this.path(catalogueId);
      const files: OutputFile[] = [];
      if ((await this.workspace.files.kind(current)) === 'file') {
        const kept = await this.workspace.files.read(current, { maxBytes: MAX_FILE_BYTES.catalogue, what: `The fact catalogue ${catalogueId}` });
        files.push({ folder: this.workspace.files, relative: `${REPLACED_FOLDER}/${catalogueId}.${Date.now()}${CATALOGUE_SUFFIX}`, data: kept, what: 'The copy of your catalogue' });
      }
      files.push({ folder: this.workspace.files, relative: current, data: toJsonText(catalogue), what: `The fact catalogue ${catalogueId}` });
      job.progress(2, 3, 'Putting the bundled catalogue back');
      job.signal.throwIfAborted();
      if (files.length > 1) await this.workspace.files.mkdir(REPLACED_FOLDER);
      await job.commit(files);
      job.progress(3, 3, 'The bundled catalogue is back');
      this.events.publish('facts.changed', { catalogueId });
      const facts = `${catalogue.facts.length} fact${catalogue.facts.length === 1 ? '' : 's'}`;
      return files.length > 1
        ? `The catalogue “${catalogue.title}” was reset to the bundled one (${facts}); your version was kept in .briefdesk/replaced-catalogues.`
        : `The catalogue “${catalogue.title}” was reset to the bundled one (${facts}).`;
    });
  }
}

/** Refuses `label` when a fact already goes by that name, in words that name the fact. */
function assertNewName(label: string, facts: readonly Fact[]): void {
  const key = sameNameKey(label);
  const named = facts.find((f) => sameNameKey(f.label) === key);
  const advice = 'Add to that fact, or give the new one another name.';
  if (named) throw new AppError('already_exists', `There is already a fact named “${named.label}”. ${advice}`);
  const aliased = facts.find((f) => f.aliases.some((a) => sameNameKey(a.text) === key));
  if (aliased) throw new AppError('already_exists', `“${label.trim()}” is already a name of the fact “${aliased.label}”. ${advice}`);
}

/** `id`, or the first of `id`-2, `id`-3… not in `taken`, kept within the length of a slug. */
function unusedId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  const maxChars = SlugSchema.maxLength ?? id.length;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${id.slice(0, maxChars - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
