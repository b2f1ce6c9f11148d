/**
 * Crash trials: a child process saves briefs in a loop and is killed with SIGKILL at a random moment; then a fresh
 * container starts on the same workspace, and every brief must parse and hold either the last acknowledged save or
 * the one that was in flight when the process died. Nothing acknowledged may be lost, no temp file may survive.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ConfinedFolder } from '../../electron/host/platform/confinedFolder';
import { findStaleTempFiles } from '../../electron/host/platform/tempFiles';
import { createContainer } from '../../electron/host/container';
import { hashEditorState, serializeBrief } from '../../electron/host/services/briefs/briefFile';
import { memoryStore } from '../../electron/host/services/settings/settingsService';
import { ChromiumPrinter } from '../../electron/host/platform/chromiumPrinter';
import type { Brief } from '../../shared/model/brief';
import { paragraphState } from './crashChild';
import { prng } from '../support/prng';

export interface CrashFigures {
  trials: number;
  /** Briefs that did not parse, or whose content does not match its own hash or the save that wrote it. */
  corrupt: number;
  /** Briefs that went back before their last acknowledged save (or skipped ahead of anything sent). */
  lost: number;
  /** Temp files still present after the fresh start. */
  tempLeft: number;
  /** Saves acknowledged by the children, over all trials. */
  acknowledged: number;
  /** Briefs found one revision past their last acknowledgement: the save finished, the ACK never got out. */
  inFlightLanded: number;
  /** Trials whose kill left a temp file behind (a save cut off mid-write) for the fresh start to clean. */
  killedMidWrite: number;
  /** The first few problems, for the report. */
  problems: string[];
}

export interface CrashTrialOptions {
  trials: number;
  /** Seeds the kill delays and each child's content; the same seed replays the same run (up to timing). */
  seed?: number;
  briefs?: number;
  /** The largest content one save writes; sizes are spread log-uniformly from 1 byte. */
  maxBytes?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Independent workspaces trialled side by side (each strictly sequential), to use more than one core. */
  lanes?: number;
  /** A bundled crashChild.mjs from an earlier `bundleCrashChild`; otherwise one is built for this run. */
  childScript?: string;
  onProgress?: (done: number, figures: CrashFigures) => void;
}

const repoRoot = join(import.meta.dirname, '..', '..');

/** Bundles crashChild.ts into one .mjs, so each of thousands of children starts in plain Node without tsx. */
export async function bundleCrashChild(outDir: string): Promise<string> {
  const outfile = join(outDir, 'crashChild.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'crashChild.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    // Smaller to parse: the child's start-up is most of a trial's cost.
    minify: true,
    // A bundled CommonJS dependency would still call require(); give it one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}

/** A valid stand-in for a brief found corrupt, so the trials after it can go on (the corruption is already counted). */
async function replaceCorruptBrief(workspacePath: string, id: string, revision: number): Promise<{ revision: number; hash: string }> {
  const editorState = paragraphState(`replaced after corruption at revision ${revision}`);
  const now = new Date().toISOString();
  const brief: Brief = {
    schemaVersion: 1,
    id,
    title: 'replaced',
    autoTitle: false,
    author: 'crash trials',
    classification: 'UNCLASSIFIED',
    template: 'blank',
    createdAt: now,
    updatedAt: now,
    revision,
    contentHash: hashEditorState(editorState),
    editorState,
  };
  await writeFile(join(workspacePath, 'briefs', `${id}.brief.json`), serializeBrief(brief));
  return { revision, hash: brief.contentHash };
}


interface ChildRun {
  lines: string[];
  stderr: string;
}

/** Starts the child, waits for READY, kills it `delayMs` later with SIGKILL, and returns the lines it got out whole. */
function runAndKill(script: string, args: readonly string[], delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killTimer: ReturnType<typeof setTimeout> | undefined;
    const readyTimeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!killTimer && stdout.includes('READY\n')) {
        clearTimeout(readyTimeout);
        killTimer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    // 'close' comes after the pipes are drained: every line the child wrote before it died is in `stdout`.
    child.on('close', (code, signal) => {
      clearTimeout(readyTimeout);
      clearTimeout(killTimer);
      if (!killTimer) return reject(new Error(`crash child ended before READY (code ${code}, signal ${signal}): ${stderr}`));
      if (signal !== 'SIGKILL') return reject(new Error(`crash child ended by itself (code ${code}): ${stderr}`));
      // Only lines received in full count; a line cut off by the kill says nothing.
      const lines = stdout.split('\n');
      lines.pop();
      resolve({ lines, stderr });
    });
  });
}

export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashFigures> {
  const { trials, seed = 1, briefs = 3, maxBytes = 200 * 1024, minDelayMs = 5, maxDelayMs = 150, onProgress } = options;
  const lanes = Math.max(1, Math.min(options.lanes ?? 1, trials));
  const scratch = await mkdtemp(join(tmpdir(), 'briefdesk-crash-'));
  const figures: CrashFigures = { trials: 0, corrupt: 0, lost: 0, tempLeft: 0, acknowledged: 0, inFlightLanded: 0, killedMidWrite: 0, problems: [] };
  const problem = (text: string) => {
    if (figures.problems.length < 20) figures.problems.push(text);
  };
  let nextTrial = 0;

  /** One workspace, one child at a time: trials on it run strictly one after another. */
  async function runLane(lane: number, script: string): Promise<void> {
    const workspacePath = join(scratch, `workspace-${lane}`);
    const containerOptions = {
      mode: 'browser' as const,
      version: 'crash-trials',
      workspacePath,
      defaultWorkspacePath: workspacePath,
      resourcesPath: join(repoRoot, 'resources'),
      printer: new ChromiumPrinter(),
    };

    // The briefs, created through the contract (so their content hash is of the state as stored).
    const lastAck = new Map<string, { revision: number; hash: string }>();
    const setup = await createContainer({ ...containerOptions, settingsStore: memoryStore() });
    for (let i = 0; i < briefs; i++) {
      const created = await setup.dispatcher.dispatch('briefs.create', { editorState: paragraphState(`crash trial brief ${i}`) });
      if (!created.ok) throw new Error(created.error.message);
      const brief = created.value as Brief;
      lastAck.set(brief.id, { revision: brief.revision, hash: brief.contentHash });
    }
    await setup.shutdown();
    const ids = [...lastAck.keys()];

    while (nextTrial < trials) {
      const trial = nextTrial++;
      // Each trial's kill delay and content depend only on (seed, trial), whichever lane runs it.
      const random = prng((seed * 1_000_003 + trial) >>> 0);
      const delay = minDelayMs + random() * (maxDelayMs - minDelayMs);
      const childSeed = Math.floor(random() * 2 ** 32);
      const run = await runAndKill(script, [workspacePath, String(childSeed), String(maxBytes), ...ids], delay);

      const intents = new Map<string, { revision: number; hash: string }>();
      for (const line of run.lines) {
        const [kind, id, revisionText, hash] = line.split(' ');
        if (!id || !revisionText || !hash) continue;
        const revision = Number(revisionText);
        if (kind === 'SAVING') intents.set(id, { revision, hash });
        if (kind === 'ACK') {
          figures.acknowledged++;
          const previous = lastAck.get(id);
          if (previous && revision !== previous.revision + 1) problem(`trial ${trial}: ${id} acknowledged revision ${revision} after ${previous.revision}`);
          lastAck.set(id, { revision, hash });
        }
      }

      const files = await ConfinedFolder.open(workspacePath);
      const staleTempFiles = async () => [...(await findStaleTempFiles(files, 'briefs')), ...(await findStaleTempFiles(files, '.briefdesk'))];
      if ((await staleTempFiles()).length > 0) {
        figures.killedMidWrite++;
      }

      // The fresh start: this is what sweeps the temp files, then every brief is read as the app reads it.
      const container = await createContainer({ ...containerOptions, settingsStore: memoryStore() });
      try {
        const left = await staleTempFiles();
        if (left.length > 0) problem(`trial ${trial}: temp files left after start: ${left.join(', ')}`);
        figures.tempLeft += left.length;

        for (const id of ids) {
          const ack = lastAck.get(id)!;
          const opened = await container.dispatcher.dispatch('briefs.open', { id });
          if (!opened.ok) {
            figures.corrupt++;
            problem(`trial ${trial}: ${id} did not open: ${opened.error.code}: ${opened.error.message}`);
            lastAck.set(id, await replaceCorruptBrief(workspacePath, id, ack.revision));
            continue;
          }
          const brief = opened.value as Brief;
          if (hashEditorState(brief.editorState) !== brief.contentHash) {
            figures.corrupt++;
            problem(`trial ${trial}: ${id} revision ${brief.revision}: content does not match its hash`);
            lastAck.set(id, await replaceCorruptBrief(workspacePath, id, ack.revision));
            continue;
          }
          const intent = intents.get(id);
          if (brief.revision === ack.revision) {
            if (brief.contentHash !== ack.hash) {
              figures.lost++;
              problem(`trial ${trial}: ${id} holds revision ${ack.revision} but not the acknowledged content`);
            }
          } else if (brief.revision === ack.revision + 1) {
            // Written and renamed, killed before the ACK line: fine, if it is exactly the save that was started.
            if (intent && (intent.revision !== brief.revision || intent.hash !== brief.contentHash)) {
              figures.corrupt++;
              problem(`trial ${trial}: ${id} revision ${brief.revision} is not the save that was in flight`);
            }
            figures.inFlightLanded++;
          } else {
            figures.lost++;
            problem(`trial ${trial}: ${id} is at revision ${brief.revision}, last acknowledged ${ack.revision}`);
          }
          // The next child starts from what is on disk.
          lastAck.set(id, { revision: brief.revision, hash: brief.contentHash });
        }
      } finally {
        await container.shutdown();
      }
      figures.trials++;
      onProgress?.(figures.trials, figures);
    }
  }

  try {
    const script = options.childScript ?? (await bundleCrashChild(scratch));
    await Promise.all(Array.from({ length: lanes }, (_, lane) => runLane(lane, script)));
    return figures;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
