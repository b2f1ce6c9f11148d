import { basename, dirname } from 'node:path';
import { AppError } from '../../../../shared/contract/define';
import type { ImportOutcome, ProposedFact } from '../../../../shared/contract/sources';
import { sameNameKey } from '../../../../shared/lib/catalogueChecks';
import type { Source } from '../../../../shared/model/source';
import type { ContractGroup } from '../../lifecycle';
import { ConfinedFolder } from '../../platform/confinedFolder';
import type { AnnotationsService } from '../annotations/annotationsService';
import type { FactsService } from '../facts/factsService';
import type { JobContext, JobKind, JobRunner } from '../jobs/jobRunner';
import { importerFor, sourceFromImport } from './importers/importers';
import { MAX_IMPORT_BYTES } from './importers/sourceImporter';
import type { SourcesService } from './sourcesService';

/** A file to import: its bytes already in hand (a browser's upload), or a path to read (the desktop dialog, the CLI). */
export type ImportFile = { name: string; bytes: Uint8Array } | { path: string };

export interface ImportArgs {
  file: ImportFile;
  /** The source a changed version replaces, once the analyst said so. */
  replace?: string | undefined;
}

/** Finished imports kept for `importResult`. */
const RESULTS_KEPT = 20;

/**
 * Imports files as sources, as jobs: reads the file (through ConfinedFolder, bounded), parses it with its format's
 * importer, and then either adds it, reports it as a duplicate (same text, by checksum), or as a changed version of
 * the source with the same title, with what would become of every fact's supporting quote; replacing it writes the
 * new text and finds every fact anchor and annotation in it again. Proposed facts come with every outcome.
 */
export class ImportService {
  private readonly results = new Map<string, ImportOutcome>();
  private readonly job: JobKind<ImportArgs>;

  constructor(
    private readonly sources: SourcesService,
    private readonly facts: FactsService,
    private readonly annotations: AnnotationsService,
    private readonly jobs: JobRunner,
    /** The desktop app's file dialog: the chosen path, or undefined when cancelled. */
    private readonly chooseFile: (() => Promise<string | undefined>) | undefined,
  ) {
    this.job = {
      kind: 'sources.import',
      title: ({ file }) => `Importing ${'path' in file ? basename(file.path) : file.name}`,
      run: (args, job) => this.run(args, job),
    };
  }

  start(args: ImportArgs): { jobId: string } {
    importerFor('path' in args.file ? args.file.path : args.file.name);
    return this.jobs.start(this.job, args);
  }

  /** How the import that ran as `jobId` ended; for the renderer and the CLI. */
  outcome(jobId: string): ImportOutcome {
    const outcome = this.results.get(jobId);
    if (!outcome) throw new AppError('not_found', 'That import is not known: it has not finished, it failed, or it was long ago.');
    return outcome;
  }

  private async read(file: ImportFile): Promise<{ name: string; bytes: Uint8Array }> {
    if (!('path' in file)) return file;
    const folder = await ConfinedFolder.open(dirname(file.path), { what: `The folder of ${file.path}` });
    const name = basename(file.path);
    return { name, bytes: await folder.read(name, { maxBytes: MAX_IMPORT_BYTES, what: `The file ${file.path}` }) };
  }

  private async run(args: ImportArgs, job: JobContext): Promise<string> {
    job.progress(0, 4, 'Reading the file');
    const { name, bytes } = await this.read(args.file);
    const imported = await importerFor(name).import(bytes, name, { signal: job.signal, progress: (_done, _total, phrase) => job.progress(1, 4, phrase) });
    job.signal.throwIfAborted();
    const listed = (await this.sources.list()).filter((source) => !source.damaged);
    const existing = new Map<string, Source>();
    for (const { id } of listed) existing.set(id, await this.sources.get({ id }));
    const candidate = sourceFromImport(imported, existing.keys());
    job.progress(2, 4, 'Proposing facts');
    const known = await this.facts.list({ kind: undefined });
    const sameTitle = [...existing.values()].find((source) => sameNameKey(source.title) === sameNameKey(candidate.title));
    const proposals = await this.proposalsFor(candidate, known, (args.replace ? existing.get(args.replace) : sameTitle)?.rejectedProposals);
    job.signal.throwIfAborted();

    const duplicate = [...existing.values()].find((source) => source.checksum === candidate.checksum);
    const base = { fileName: name, proposals, anchorChanges: [] };
    if (duplicate) return this.finish(job.jobId, { ...base, outcome: 'duplicate', sourceId: duplicate.id, title: duplicate.title }, `${name} is already in the workspace as “${duplicate.title}”; nothing was added.`);

    const replaced = args.replace ? existing.get(args.replace) : sameTitle;
    if (args.replace && !replaced) throw new AppError('not_found', `There is no source ${args.replace} to replace.`);
    if (replaced && !args.replace) {
      const anchorChanges = await this.facts.previewReanchor(replaced.id, replaced.text, candidate.text);
      const changed = anchorChanges.filter((change) => change.grade !== 'anchored').length;
      return this.finish(job.jobId, { ...base, outcome: 'changed', sourceId: replaced.id, title: replaced.title, anchorChanges }, `${name} is a changed version of “${replaced.title}”: ${changed} supporting ${changed === 1 ? 'quote' : 'quotes'} would move or vanish. Nothing was written; replace the source to take it.`);
    }

    job.progress(3, 4, replaced ? 'Replacing the source and finding every quote again' : 'Saving the source');
    await job.commit([]);
    if (!replaced) {
      await this.sources.write(candidate);
      return this.finish(job.jobId, { ...base, outcome: 'added', sourceId: candidate.id, title: candidate.title }, `Imported “${candidate.title}” with ${proposals.length} proposed facts.`);
    }
    const next = versionOf(replaced, candidate);
    await this.sources.write(next);
    const anchorChanges = await this.facts.reanchorSource(replaced.id, replaced.text, next.text);
    const annotations = await this.annotations.reanchorSource(replaced.id, replaced.text, next.text);
    const flagged = anchorChanges.filter((change) => change.grade !== 'anchored').length + annotations.moved + annotations.orphaned;
    return this.finish(
      job.jobId,
      { ...base, outcome: 'replaced', sourceId: replaced.id, title: next.title, anchorChanges, annotations },
      `Replaced “${replaced.title}” with ${name}: ${flagged === 0 ? 'every quote was found again' : `${flagged} quotes and annotations to review`}.`,
    );
  }

  /** The offline extractor's proposals for a source's text, without those rejected for it before. */
  private async proposalsFor(source: Source, known: Awaited<ReturnType<FactsService['list']>>, rejected: readonly string[] | undefined): Promise<ProposedFact[]> {
    // compromise and its lexicon take seconds to load: only the first proposal pays for them, never the host's start.
    const { proposeFacts } = await import('./extractFacts');
    const skip = new Set((rejected ?? []).map(sameNameKey));
    return proposeFacts(source.text, { existing: known, ...(source.publishedAt !== 'unknown' ? { publishedAt: source.publishedAt } : {}) }).filter((proposal) => !skip.has(sameNameKey(proposal.label)));
  }

  private finish(jobId: string, outcome: ImportOutcome, message: string): string {
    this.results.set(jobId, outcome);
    for (const old of [...this.results.keys()].slice(0, Math.max(0, this.results.size - RESULTS_KEPT))) this.results.delete(old);
    return message;
  }

  /** `sources.import` and `sources.importResult`, beside SourcesService's methods in the contract's `sources` group. */
  readonly serves: Pick<ContractGroup<'sources'>, 'import' | 'importResult' | 'propose' | 'rejectProposals'> = {
    import: async ({ file, ask, replace }) => {
      if (file) return this.start({ file: { name: file.name, bytes: Buffer.from(file.base64, 'base64') }, replace });
      if (!ask || !this.chooseFile) throw new AppError('invalid_argument', 'Choose a file to import.');
      const path = await this.chooseFile();
      return path ? this.start({ file: { path }, replace }) : null;
    },
    importResult: async ({ jobId }) => this.outcome(jobId),
    propose: async ({ id }) => {
      const source = await this.sources.get({ id });
      return this.proposalsFor(source, await this.facts.list({ kind: undefined }), source.rejectedProposals);
    },
    rejectProposals: (args) => this.sources.rejectProposals(args),
  };
}

/**
 * A new version of a source's file is the same source: it keeps its title and the analyst's grades, and takes from
 * the new file only the metadata it actually names (a publisher, a date, an author, a URL).
 */
function versionOf(previous: Source, next: Source): Source {
  const merged: Source = { ...next, id: previous.id, title: previous.title, kind: previous.kind };
  if (next.publisher === 'unknown') merged.publisher = previous.publisher;
  if (next.publishedAt === 'unknown') merged.publishedAt = previous.publishedAt;
  for (const key of ['author', 'url', 'reliability', 'credibility'] as const) {
    if (merged[key] === undefined && previous[key] !== undefined) Object.assign(merged, { [key]: previous[key] });
  }
  return merged;
}
