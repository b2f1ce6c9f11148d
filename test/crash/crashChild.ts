/**
 * The process the crash trials kill. It saves briefs in a loop through the real BriefsService, the way the editor
 * does (a hot-exit backup now and then, then the save naming its base revision), and reports on stdout:
 *
 *   READY                              the briefs are open; saving starts now
 *   SAVING <id> <revision> <hash>      a save of this content as this revision is about to start
 *   ACK <id> <revision> <hash>         that save was acknowledged (written, fsynced, renamed, folder fsynced)
 *
 * Usage: node --import tsx test/crash/crashChild.ts <workspace> <seed> <maxBytes> <briefId>...
 * (the trials run a bundled copy of this file to save tsx's start-up on every one of thousands of runs).
 */
import { EventHub } from '../../electron/host/events';
import { hashEditorState } from '../../electron/host/services/briefs/briefFile';
import { BriefsService } from '../../electron/host/services/briefs/briefsService';
import { FolderTrash } from '../../electron/host/services/briefs/trash';
import { Workspace } from '../../electron/host/services/workspace/workspace';
import type { EditorStateJSON } from '../../shared/model/brief';
import { prng } from '../support/prng';


// Multi-byte characters and JSON escapes too, so the bytes on disk are not simply the characters typed.
const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz     ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:-"\\/\téüßñ河内하노이Ханой🕊️—“”'];

export function randomText(length: number, random: () => number): string {
  const chars: string[] = [];
  let bytes = 0;
  while (bytes < length) {
    const char = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
    chars.push(char);
    bytes += Buffer.byteLength(char);
  }
  return chars.join('');
}

/**
 * A one-paragraph editor state with its keys in the order the schema gives them back (`type`, `children`, then the
 * rest), so the hash of what is read back from disk can be checked against the hash the save reported.
 */
export function paragraphState(text: string): EditorStateJSON {
  const textNode = { type: 'text', text, detail: 0, format: 0, mode: 'normal', style: '', version: 1 };
  const paragraph = { type: 'paragraph', children: [textNode], direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', version: 1 };
  return { root: { type: 'root', children: [paragraph], direction: null, format: '', indent: 0, version: 1 } };
}

/** Sizes from 1 B to `maxBytes`, spread evenly over orders of magnitude so tiny and large saves both occur. */
export function randomSize(maxBytes: number, random: () => number): number {
  return Math.max(1, Math.min(maxBytes, Math.round(Math.exp(random() * Math.log(maxBytes)))));
}

async function main(argv: readonly string[]): Promise<void> {
  const [workspacePath, seedArg, maxBytesArg, ...ids] = argv;
  if (!workspacePath || !seedArg || !maxBytesArg || ids.length === 0) throw new Error('usage: crashChild <workspace> <seed> <maxBytes> <briefId>...');
  const random = prng(Number(seedArg));
  const maxBytes = Number(maxBytesArg);
  const workspace = await Workspace.open(workspacePath, { create: true });
  const service = new BriefsService(workspace, new EventHub(), new FolderTrash(workspace.files), {
    author: () => 'crash trial',
    classification: () => 'UNCLASSIFIED',
  });
  // No service.boot(): cleaning up what the last kill left is the job of the fresh start the trial checks.
  const revisions = new Map<string, number>();
  for (const id of ids) revisions.set(id, (await service.open({ id })).revision);
  // stdout to a pipe is written synchronously on Linux: a line written before the kill reaches the parent.
  process.stdout.write('READY\n');

  for (let i = 0; ; i++) {
    const id = ids[Math.floor(random() * ids.length)]!;
    const baseRevision = revisions.get(id)!;
    const editorState = paragraphState(randomText(randomSize(maxBytes, random), random));
    if (random() < 0.3) await service.backup({ id, editorState, baseRevision });
    process.stdout.write(`SAVING ${id} ${baseRevision + 1} ${hashEditorState(editorState)}\n`);
    const saved = await service.save({ id, editorState, baseRevision, reason: random() < 0.1 ? 'explicit' : 'auto' });
    revisions.set(id, saved.revision);
    process.stdout.write(`ACK ${id} ${saved.revision} ${saved.contentHash}\n`);
  }
}

// Run only as the child process, not when the trials import the helpers above.
if (process.argv[1] && /crashChild\.(ts|mjs|js)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`crash child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  });
}
