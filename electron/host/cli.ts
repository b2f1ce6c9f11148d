import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../shared/contract/define';
import { ExportOptionsSchema, type ExportOptions } from '../../shared/contract/export';
import type { ImportOutcome } from '../../shared/contract/sources';
import type { BriefSummary } from '../../shared/model/brief';
import { createContainer, type Container } from './container';
import { packageInfo } from './packageInfo';
import { ChromiumPrinter } from './platform/chromiumPrinter';
import { ConfinedFolder } from './platform/confinedFolder';
import { readBriefFile } from './services/briefs/briefFile';
import { BRIEF_SUFFIX } from './services/briefs/briefsService';
import type { BriefToExport } from './services/export/exportService';
import { MAX_IMPORT_BYTES } from './services/sources/importers/sourceImporter';
import { memoryStore } from './services/settings/settingsService';
import { defaultWorkspacePath, explicitWorkspacePath } from './services/workspace/workspace';

/**
 * Headless commands over the same services as the app (no watcher, no seeding, no preferences written):
 *   export <brief…> --format pdf|docx|md|html [--notes foot|end] [--paper a4|letter] [--no-sources] --out FILE [--workspace DIR] [--force]
 *   import FILE [--workspace DIR] [--json] [--replace]
 * Exit codes say what went wrong, for scripts.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, briefNotFound: 3, briefDamaged: 4, notWritten: 5, unavailable: 6, cancelled: 130 } as const;

const USAGE = `Usage: npm run export -- <brief id | title | file> [more briefs for a book] --format pdf|docx|md|html --out FILE
         [--notes foot|end] [--paper a4|letter] [--no-sources] [--workspace DIR] [--force]
       npm run import -- FILE [--workspace DIR] [--json] [--replace]`;

class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

const ExportFlagsSchema = z.object({
  format: ExportOptionsSchema.shape.format,
  notes: ExportOptionsSchema.shape.notes.default('foot'),
  paper: z.enum(['a4', 'letter']).default('a4').transform((paper) => (paper === 'a4' ? 'A4' : 'Letter') as ExportOptions['paper']),
  out: z.string().min(1, 'name the file to write with --out FILE'),
});

/** The exit code of a service's error, by what it is about. */
function exitCodeOf(code: ErrorCode): number {
  switch (code) {
    case 'invalid_argument':
      return EXIT.usage;
    case 'not_found':
      return EXIT.briefNotFound;
    case 'damaged':
      return EXIT.briefDamaged;
    case 'already_exists':
    case 'io_error':
      return EXIT.notWritten;
    case 'unavailable':
      return EXIT.unavailable;
    default:
      return EXIT.failed;
  }
}

/**
 * A brief named on the command line: a brief file (a path ending in .brief.json), else a brief id of the workspace,
 * else a title (any case), which must name exactly one brief.
 */
async function resolveBrief(reference: string, listed: readonly BriefSummary[], workspaceRoot: string): Promise<BriefToExport> {
  if (reference.endsWith(BRIEF_SUFFIX)) {
    const path = resolve(reference);
    if (dirname(path) === join(workspaceRoot, 'briefs')) return basename(path).slice(0, -BRIEF_SUFFIX.length);
    const folder = await ConfinedFolder.open(dirname(path), { what: `The folder of ${reference}` });
    return (await readBriefFile(folder, basename(path), `The brief file ${reference}`).catch((error: unknown) => {
      throw error instanceof AppError ? new CliError(error.code === 'not_found' ? EXIT.briefNotFound : EXIT.briefDamaged, error.message) : error;
    })).brief;
  }
  const byId = listed.find((brief) => brief.id === reference);
  const byTitle = byId ? [byId] : listed.filter((brief) => brief.title.trim().toLowerCase() === reference.trim().toLowerCase());
  if (byTitle.length > 1) {
    throw new CliError(EXIT.briefNotFound, `“${reference}” is the title of ${byTitle.length} briefs (${byTitle.map((brief) => brief.id).join(', ')}): name one by its id.`);
  }
  const [found] = byTitle;
  if (!found) throw new CliError(EXIT.briefNotFound, `No brief in ${workspaceRoot} has the id or title “${reference}”. \`npm run export -- --list\` lists them.`);
  if (found.damaged) throw new CliError(EXIT.briefDamaged, `The brief ${found.id} cannot be exported: ${found.damaged}`);
  return found.id;
}

async function listBriefs(container: Container): Promise<BriefSummary[]> {
  const listed = await container.dispatcher.dispatch('briefs.list', undefined);
  if (!listed.ok) throw new CliError(exitCodeOf(listed.error.code), listed.error.message);
  return listed.value as BriefSummary[];
}

async function exportCommand(args: readonly string[], container: Container, write: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      notes: { type: 'string' },
      paper: { type: 'string' },
      out: { type: 'string' },
      workspace: { type: 'string' },
      force: { type: 'boolean', default: false },
      'no-sources': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
    },
  });
  const listed = await listBriefs(container);
  if (values.list) {
    for (const brief of listed) write(`${brief.id}\t${brief.title}${brief.damaged ? `\t(damaged: ${brief.damaged})` : ''}`);
    return EXIT.ok;
  }
  const flags = ExportFlagsSchema.safeParse({ format: values.format, notes: values.notes, paper: values.paper?.toLowerCase(), out: values.out ?? '' });
  if (!flags.success) throw new CliError(EXIT.usage, `${flags.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; ')}\n${USAGE}`);
  if (positionals.length === 0) throw new CliError(EXIT.usage, `Name the brief to export.\n${USAGE}`);

  const briefs: BriefToExport[] = [];
  for (const reference of positionals) briefs.push(await resolveBrief(reference, listed, container.workspace().root));
  const out = resolve(flags.data.out);
  const options: ExportOptions = { format: flags.data.format, notes: flags.data.notes, paper: flags.data.paper, includeSources: !values['no-sources'] };
  const service = container.exportService;
  const { jobId } = service.startJob({ briefs, options, fileName: basename(out), path: out, overwrite: values.force });
  write(await followJob(container, jobId));
  return EXIT.ok;
}

/** Waits for a job the command started, printing its progress, cancelling it on Ctrl+C; answers its closing sentence. */
async function followJob(container: Container, jobId: string): Promise<string> {
  const stopProgress = container.events.listen((topic, payload) => {
    if (topic === 'job.progress' && (payload as { jobId: string }).jobId === jobId) process.stderr.write(`  ${(payload as { phrase: string }).phrase}\n`);
  });
  const cancel = (): void => void container.jobs.cancel(jobId);
  process.once('SIGINT', cancel);
  const finished = await container.jobs.settled(jobId).finally(() => {
    stopProgress();
    process.off('SIGINT', cancel);
  });
  if (finished.outcome === 'done') return finished.message;
  if (finished.outcome === 'cancelled') throw new CliError(EXIT.cancelled, finished.message);
  throw new CliError(exitCodeOf(finished.error.code), finished.message);
}

/** A proposal as one line: "person  Kim Jong Un (also: Kim, Mr. Kim) — also mentioned here as Kim Jong Un". */
function proposalLine(proposal: ImportOutcome['proposals'][number]): string {
  const aliases = proposal.aliases.length > 0 ? ` (also: ${proposal.aliases.join(', ')})` : '';
  const extra = [proposal.speaker ? `said by ${proposal.speaker}` : '', proposal.date ? `date ${proposal.date}` : '', proposal.match ? `also mentioned here: the fact ${proposal.match.label}` : 'new']
    .filter((part) => part !== '')
    .join('; ');
  return `  ${proposal.kind.padEnd(12)} ${proposal.label}${aliases} — ${extra}`;
}

async function importCommand(args: readonly string[], container: Container, write: (line: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { workspace: { type: 'string' }, json: { type: 'boolean', default: false }, replace: { type: 'boolean', default: false } },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new CliError(EXIT.usage, `Name one file to import.\n${USAGE}`);
  const path = resolve(file);
  const folder = await ConfinedFolder.open(dirname(path), { what: `The folder of ${file}` });
  const bytes = await folder.read(basename(path), { maxBytes: MAX_IMPORT_BYTES, what: `The file ${file}` });
  const start = async (replace?: string) => {
    const started = await container.dispatcher.dispatch('sources.import', { file: { name: basename(path), base64: bytes.toString('base64') }, ...(replace ? { replace } : {}) });
    if (!started.ok) throw new CliError(exitCodeOf(started.error.code), started.error.message);
    const { jobId } = started.value as { jobId: string };
    const message = await followJob(container, jobId);
    const outcome = await container.dispatcher.dispatch('sources.importResult', { jobId });
    if (!outcome.ok) throw new CliError(exitCodeOf(outcome.error.code), outcome.error.message);
    return { message, outcome: outcome.value as ImportOutcome };
  };
  let { message, outcome } = await start();
  if (outcome.outcome === 'changed' && values.replace) ({ message, outcome } = await start(outcome.sourceId));
  if (values.json) {
    write(JSON.stringify(outcome, null, 2));
    return EXIT.ok;
  }
  write(message);
  const changed = outcome.anchorChanges.filter((change) => change.grade !== 'anchored');
  if (changed.length > 0) {
    write(outcome.outcome === 'changed' ? 'What would move (run again with --replace to take the new version):' : 'To review:');
    for (const change of changed) write(`  ${change.grade.padEnd(9)} ${change.factLabel}: “${change.previous}”${change.current ? ` → “${change.current}”` : ''}`);
  }
  write(`Proposed facts (${outcome.proposals.length}):`);
  for (const proposal of outcome.proposals) write(proposalLine(proposal));
  return EXIT.ok;
}

/** Runs one command line; answers the exit code. Output lines go to `write`, errors to `writeError`. */
export async function runCli(
  argv: readonly string[],
  { resourcesPath, version, write = console.log, writeError = console.error, env = process.env }: { resourcesPath: string; version: string; write?: (line: string) => void; writeError?: (line: string) => void; env?: NodeJS.ProcessEnv },
): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'export' && command !== 'import') {
    writeError(command ? `Unknown command “${command}”.\n${USAGE}` : USAGE);
    return EXIT.usage;
  }
  let container: Container | undefined;
  try {
    container = await createContainer({
      mode: 'browser',
      version,
      headless: true,
      workspacePath: explicitWorkspacePath(rest, env),
      defaultWorkspacePath: defaultWorkspacePath(),
      resourcesPath,
      settingsStore: memoryStore(),
      printer: new ChromiumPrinter(),
    });
    return await (command === 'export' ? exportCommand : importCommand)(rest, container, write);
  } catch (error) {
    if (error instanceof CliError) {
      writeError(error.message);
      return error.exitCode;
    }
    if (error instanceof AppError) {
      writeError(error.message);
      return exitCodeOf(error.code);
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      writeError(`${error.message}\n${USAGE}`);
      return EXIT.usage;
    }
    writeError(`Briefdesk failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.failed;
  } finally {
    await container?.shutdown();
  }
}

if (import.meta.main) {
  const { repoRoot, version } = await packageInfo();
  process.exitCode = await runCli(process.argv.slice(2), { resourcesPath: join(repoRoot, 'resources'), version });
}
