import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../../shared/contract/define';
import { MAX_BRIEF_FILE_BYTES } from '../../../../shared/limits';
import { BriefSchema, EditorStateSchema, type Brief, type EditorStateJSON } from '../../../../shared/model/brief';
import { migrateBriefFile } from '../../../../shared/model/briefMigrations';
import type { ConfinedFolder } from '../../platform/confinedFolder';
import { decodeUtf8, firstIssue, parseJsonText } from '../../platform/jsonFile';

export function hashEditorState(state: EditorStateJSON): string {
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The file text of a brief, refused before anything is written when it is larger than Briefdesk reads back: the
 * host never writes a file it would then call damaged.
 */
export function serializeBrief(brief: Brief): string {
  const text = `${JSON.stringify(BriefSchema.parse(brief), null, 2)}\n`;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_BRIEF_FILE_BYTES) {
    throw new AppError(
      'invalid_argument',
      `This brief is too large to save: ${(bytes / 2 ** 20).toFixed(1)} MB, and Briefdesk saves briefs up to ${MAX_BRIEF_FILE_BYTES / 2 ** 20} MB. Nothing was overwritten; split it into smaller briefs.`,
    );
  }
  return text;
}

/** Parses the text of a brief file of any known version; every failure is an AppError('damaged') with the reason. */
export function parseBriefText(text: string, what: string): Brief {
  const json = parseJsonText(text, what);
  let migrated: Record<string, unknown>;
  try {
    ({ migrated } = migrateBriefFile(json));
  } catch (error) {
    throw new AppError('damaged', `${what} cannot be read: ${error instanceof z.ZodError ? firstIssue(error) : (error as Error).message}.`);
  }
  // The hash is filled in only from a checked tree: hashing walks it, and a hostile one must be refused first.
  const editorState = EditorStateSchema.safeParse(migrated.editorState);
  // Without a stored hash, a bad tree would otherwise be reported as a bad hash: name the real problem.
  if (!migrated.contentHash && !editorState.success) throw new AppError('damaged', `${what} is damaged: ${firstIssue(editorState.error)} in editorState.`);
  const parsed = BriefSchema.safeParse({
    ...migrated,
    contentHash: migrated.contentHash || (editorState.success ? hashEditorState(editorState.data) : ''),
  });
  if (!parsed.success) throw new AppError('damaged', `${what} is damaged: ${firstIssue(parsed.error)}.`);
  return parsed.data;
}

/** Reads a brief file: missing → not_found, a symlink or special file → refused, anything wrong inside → damaged. */
export async function readBriefFile(files: ConfinedFolder, relative: string, what: string): Promise<{ brief: Brief; bytes: Buffer }> {
  const bytes = await files.read(relative, { maxBytes: MAX_BRIEF_FILE_BYTES, what });
  return { brief: parseBriefText(decodeUtf8(bytes, what), what), bytes };
}
