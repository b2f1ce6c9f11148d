import { basename, dirname } from 'node:path';
import { AppError } from '../../../../shared/contract/define';
import type { ExportOptions, ExportResult } from '../../../../shared/contract/export';
import type { Brief } from '../../../../shared/model/brief';
import type { Fact } from '../../../../shared/model/fact';
import type { Source } from '../../../../shared/model/source';
import type { ExportFormat } from '../../../../shared/model/settings';
import type { ContractGroup, HostService } from '../../lifecycle';
import { ConfinedFolder } from '../../platform/confinedFolder';
import type { BriefsService } from '../briefs/briefsService';
import type { FactsService } from '../facts/factsService';
import type { JobContext, JobKind, JobRunner } from '../jobs/jobRunner';
import type { SourcesService } from '../sources/sourcesService';
import { buildPrintDocument } from './buildPrintDocument';
import type { Exporter, RenderedFile } from './exporter';

/** The services of the workspace open now, read at each export (the workspace may have been switched). */
export interface ExportSources {
  briefs(): Pick<BriefsService, 'open'>;
  facts(): Pick<FactsService, 'list'>;
  sources(): Pick<SourcesService, 'get'>;
}

/** How the desktop app asks where to save and shows the file; absent in the Node host (browser mode, the CLI). */
export interface ExportDesktop {
  /** The system save dialog (which asks before replacing a file): the chosen path, or undefined when cancelled. */
  chooseExportPath(suggestedName: string, format: ExportFormat): Promise<string | undefined>;
  revealFile(path: string, how: 'open' | 'showInFolder'): Promise<void>;
}

/** A brief of the workspace by id, or one read already (the CLI's brief file from elsewhere). */
export type BriefToExport = string | Brief;

export interface ExportArgs {
  briefs: readonly BriefToExport[];
  options: ExportOptions;
  fileName: string;
  /** Where to write; undefined keeps the file for the browser's download. */
  path: string | undefined;
  /** Replace a file already at `path` (the desktop's save dialog asked; the CLI's `--force`). */
  overwrite: boolean;
}

interface FinishedExport extends ExportResult {
  bytes: Uint8Array | undefined;
}

/** Finished exports kept for `result`, `download` and `reveal`; older ones are forgotten, their bytes with them. */
const RESULTS_KEPT = 5;

const FORMAT_NAMES: Record<ExportFormat, string> = { pdf: 'PDF', docx: 'Word document', md: 'Markdown', html: 'HTML' };

/** The name a file is saved under: the analyst's name, with the format's extension unless it has it already. */
export function exportFileName(name: string, extension: string): string {
  const trimmed = name.trim();
  return trimmed.toLowerCase().endsWith(`.${extension}`) ? trimmed : `${trimmed}.${extension}`;
}

/**
 * Exports briefs as jobs: reads them and the catalogue, builds the one print rendering, renders it with the chosen
 * format's exporter, and writes the file atomically at the very end (nothing on disk before; a cancel or failure
 * leaves no file). The exporters' printer is freed on shutdown.
 */
export class ExportService implements HostService {
  readonly name = 'export service';
  private readonly results = new Map<string, FinishedExport>();
  private readonly job: JobKind<ExportArgs>;

  constructor(
    private readonly exporters: ReadonlyMap<ExportFormat, Exporter>,
    private readonly workspace: ExportSources,
    private readonly jobs: JobRunner,
    private readonly desktop: ExportDesktop | undefined,
    private readonly onShutdown: () => Promise<void>,
  ) {
    this.job = {
      kind: 'export',
      title: (args) => `Exporting ${args.briefs.length === 1 ? 'a brief' : `a book of ${args.briefs.length} briefs`} as ${FORMAT_NAMES[args.options.format]}`,
      run: (args, job) => this.run(args, job),
    };
  }

  async shutdown(): Promise<void> {
    await this.onShutdown();
  }

  private exporter(format: ExportFormat, briefCount: number): Exporter {
    const exporter = this.exporters.get(format);
    if (!exporter) throw new AppError('refused', `This Briefdesk cannot export ${FORMAT_NAMES[format]}.`);
    if (briefCount > 1 && !exporter.books) throw new AppError('refused', `A briefing book is made as PDF or Word document; ${FORMAT_NAMES[format]} exports one brief at a time.`);
    return exporter;
  }

  /** Starts an export to `path` (or kept for download), checking first what can be checked at once. */
  startJob(args: ExportArgs): { jobId: string } {
    this.exporter(args.options.format, args.briefs.length);
    return this.jobs.start(this.job, args);
  }

  /** Renders without writing: the CLI and the benchmarks, which time the formats, use it. */
  async render(toExport: readonly BriefToExport[], options: ExportOptions, job: Pick<JobContext, 'signal' | 'progress'>): Promise<RenderedFile> {
    const exporter = this.exporter(options.format, toExport.length);
    const briefs: Brief[] = [];
    for (const brief of toExport) briefs.push(typeof brief === 'string' ? await this.workspace.briefs().open({ id: brief }) : brief);
    const facts = new Map<string, Fact>((await this.workspace.facts().list({ kind: undefined })).map((fact) => [fact.id, fact]));
    const sources = await this.readSources(facts);
    job.signal.throwIfAborted();
    const built = buildPrintDocument({ briefs, factOf: (id) => facts.get(id), sourceOf: (id) => sources.get(id), options: { notes: options.notes, paper: options.paper, includeSources: options.includeSources } });
    const rendered = await exporter.render(built.document, job);
    return { bytes: rendered.bytes, notices: [...built.notices, ...rendered.notices] };
  }

  /** Every source a fact is anchored in, read once; one that is missing or damaged is left out (its notes say so). */
  private async readSources(facts: ReadonlyMap<string, Fact>): Promise<Map<string, Source>> {
    const ids = new Set([...facts.values()].flatMap((fact) => fact.anchors.map((anchor) => anchor.sourceId)));
    const sources = new Map<string, Source>();
    for (const id of ids) {
      const source = await this.workspace
        .sources()
        .get({ id })
        .catch(() => undefined);
      if (source) sources.set(id, source);
    }
    return sources;
  }

  private async run(args: ExportArgs, job: JobContext): Promise<string> {
    const exporter = this.exporter(args.options.format, args.briefs.length);
    const fileName = exportFileName(args.fileName, exporter.extension);
    const target = args.path ? await this.target(args.path, args.overwrite) : undefined;
    const rendered = await this.render(args.briefs, args.options, job);
    if (target) await job.commit([{ folder: target.folder, relative: target.name, data: rendered.bytes, what: `The export ${target.name}` }]);
    else job.signal.throwIfAborted();
    this.remember({
      jobId: job.jobId,
      fileName: target?.name ?? fileName,
      mimeType: exporter.mimeType,
      byteLength: rendered.bytes.byteLength,
      ...(args.path ? { path: args.path } : {}),
      notices: rendered.notices,
      bytes: target ? undefined : rendered.bytes,
    });
    const made = `${FORMAT_NAMES[args.options.format]} (${formatBytes(rendered.bytes.byteLength)})`;
    const where = args.path ? `Saved ${made} to ${args.path}.` : `${made} ready to download as ${fileName}.`;
    return [where, ...rendered.notices].join(' ');
  }

  /** The folder and name to write, refused before any work when the file exists and may not be replaced. */
  private async target(path: string, overwrite: boolean): Promise<{ folder: ConfinedFolder; name: string }> {
    const folder = await ConfinedFolder.open(dirname(path), { what: `The folder ${dirname(path)}` }).catch((error: unknown) => {
      throw new AppError('io_error', `Nothing was written to ${path}: ${error instanceof Error ? error.message : String(error)}`);
    });
    const name = basename(path);
    const existing = await folder.kind(name);
    if (existing && existing !== 'file') throw new AppError('refused', `${path} is not a regular file, so nothing was written there.`);
    if (existing && !overwrite) throw new AppError('already_exists', `${path} exists already; nothing was written. Choose another name, or replace it (--force on the command line).`);
    return { folder, name };
  }

  private remember(result: FinishedExport): void {
    this.results.set(result.jobId, result);
    for (const old of [...this.results.keys()].slice(0, Math.max(0, this.results.size - RESULTS_KEPT))) this.results.delete(old);
  }

  private finished(jobId: string): FinishedExport {
    const result = this.results.get(jobId);
    if (!result) throw new AppError('not_found', 'That export is not known: it has not finished, it failed, or it was long ago.');
    return result;
  }

  readonly serves: { readonly export: ContractGroup<'export'> } = {
    export: {
      start: async ({ briefIds, options, fileName }) => {
        this.exporter(options.format, briefIds.length);
        if (!this.desktop) return this.startJob({ briefs: briefIds, options, fileName, path: undefined, overwrite: false });
        const path = await this.desktop.chooseExportPath(exportFileName(fileName, this.exporter(options.format, briefIds.length).extension), options.format);
        return path ? this.startJob({ briefs: briefIds, options, fileName, path, overwrite: true }) : null;
      },
      result: async ({ jobId }) => {
        const { bytes: _bytes, ...result } = this.finished(jobId);
        return result;
      },
      download: async ({ jobId }) => {
        const result = this.finished(jobId);
        if (!result.bytes) throw new AppError('refused', `This export was saved to ${result.path}; open it from there.`);
        return { fileName: result.fileName, mimeType: result.mimeType, base64: Buffer.from(result.bytes).toString('base64') };
      },
      reveal: async ({ jobId, how }) => {
        const result = this.finished(jobId);
        if (!this.desktop || !result.path) throw new AppError('refused', 'Only the desktop app can open an exported file; this one was downloaded by the browser.');
        await this.desktop.revealFile(result.path, how);
        return null;
      },
    },
  };
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
