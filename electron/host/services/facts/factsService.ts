import { basename } from 'node:path';
import { AppError } from '../../../../shared/contract/define';
import type { AnchorView, CatalogueFact } from '../../../../shared/contract/facts';
import { FactCatalogueSchema, type Alias, type Fact, type FactCatalogue, type FactKind } from '../../../../shared/model/fact';
import type { Source } from '../../../../shared/model/source';
import { aliasKey, resolveAnchor } from '../../../../shared/lib/catalogueChecks';
import { sentenceAround } from '../../../../shared/lib/sentenceAround';
import type { EventHub } from '../../events';
import { MAX_FILE_BYTES } from '../../../../shared/limits';
import type { ConfinedFolder } from '../../platform/confinedFolder';
import { KeyedQueue } from '../../platform/keyedQueue';
import { readJsonFile, toJsonText } from '../../platform/jsonFile';
import type { BriefsService } from '../briefs/briefsService';
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
  ) {}

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

  async create(args: { catalogueId: string; fact: Fact }): Promise<CatalogueFact> {
    const all = await this.list({});
    if (all.some((f) => f.id === args.fact.id)) throw new AppError('already_exists', `A fact with the id ${args.fact.id} exists already.`);
    await this.change(args.catalogueId, (catalogue) => {
      catalogue.facts.push(args.fact);
    });
    return { ...args.fact, catalogueId: args.catalogueId };
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
   * Puts the bundled catalogue back; the analyst's version is kept in `.briefdesk/replaced-catalogues/` first. Only a
   * regular file is kept: a symlinked catalogue is replaced without its target ever being read or copied.
   */
  async reset(args: { catalogueId: string }): Promise<{ id: string; title: string; factCount: number; bundled: boolean }> {
    const bundled = this.bundledPath(args.catalogueId);
    if ((await this.resources.kind(bundled)) !== 'file') throw new AppError('not_found', `${args.catalogueId} is not a bundled catalogue.`);
    return this.queue.run(args.catalogueId, async () => {
      const current = this.path(args.catalogueId);
      if ((await this.workspace.files.kind(current)) === 'file') {
        const kept = await this.workspace.files.read(current, { maxBytes: MAX_FILE_BYTES.catalogue, what: `The fact catalogue ${args.catalogueId}` });
        await this.workspace.files.mkdir(REPLACED_FOLDER);
        await this.workspace.files.write(`${REPLACED_FOLDER}/${args.catalogueId}.${Date.now()}${CATALOGUE_SUFFIX}`, kept, 'The copy of your catalogue');
      }
      const catalogue = await this.readCatalogue(this.resources, bundled, 'The bundled catalogue');
      await this.workspace.files.write(current, toJsonText(catalogue), `The fact catalogue ${args.catalogueId}`);
      this.events.publish('facts.changed', { catalogueId: args.catalogueId });
      return { id: catalogue.id, title: catalogue.title, factCount: catalogue.facts.length, bundled: true };
    });
  }
}
