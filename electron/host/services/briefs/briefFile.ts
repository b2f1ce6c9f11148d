import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../../shared/contract/define';
import { BriefSchema, type Brief, type EditorStateJSON } from '../../../../shared/model/brief';
import { migrateBriefFile } from '../../../../shared/model/briefMigrations';
import { firstIssue, readWorkspaceFile } from '../../platform/jsonFile';

/** Briefs larger than this are reported as damaged instead of being parsed: no brief an analyst writes is near it. */
export const MAX_BRIEF_BYTES = 32 * 1024 * 1024;

export function hashEditorState(state: EditorStateJSON): string {
  return createHash('sha256').update(JSON.stringify(state)).digest('hex');
}

export function hashBytes(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function serializeBrief(brief: Brief): string {
  return `${JSON.stringify(BriefSchema.parse(brief), null, 2)}\n`;
}

/** Parses the text of a brief file of any known version; every failure is an AppError('damaged') with the reason. */
export function parseBriefText(text: string, what: string): Brief {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('damaged', `${what} is damaged: it is not valid JSON (${(error as Error).message}).`);
  }
  let migrated: Record<string, unknown>;
  try {
    ({ migrated } = migrateBriefFile(json));
  } catch (error) {
    throw new AppError('damaged', `${what} cannot be read: ${failureReason(error)}.`);
  }
  let parsed: ReturnType<typeof BriefSchema.safeParse>;
  try {
    parsed = BriefSchema.safeParse({
      ...migrated,
      contentHash: migrated.contentHash || (typeof migrated.editorState === 'object' ? hashEditorState(migrated.editorState as EditorStateJSON) : ''),
    });
  } catch (error) {
    // The node tree is validated (and hashed) recursively, so a file nested thousands of levels deep overflows the stack.
    throw new AppError('damaged', `${what} is damaged: ${failureReason(error)}.`);
  }
  if (!parsed.success) throw new AppError('damaged', `${what} is damaged: ${firstIssue(parsed.error)}.`);
  return parsed.data;
}

/** A reason an analyst can read: the first schema issue, plain words for a stack overflow. */
function failureReason(error: unknown): string {
  if (error instanceof RangeError) return 'it is nested too deeply to read';
  if (error instanceof z.ZodError) return firstIssue(error);
  return error instanceof Error ? error.message : String(error);
}

/** Reads a brief file: missing → not_found, unreadable → io_error, anything wrong inside → damaged. */
export async function readBriefFile(path: string, what: string): Promise<{ brief: Brief; bytes: Buffer }> {
  const bytes = await readWorkspaceFile(path, what);
  if (bytes.length > MAX_BRIEF_BYTES) {
    throw new AppError('damaged', `${what} is damaged: at ${(bytes.length / 2 ** 20).toFixed(0)} MB it is far larger than any brief.`);
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let decoded: string;
  try {
    decoded = text.decode(bytes);
  } catch {
    throw new AppError('damaged', `${what} is damaged: it is not valid UTF-8 text.`);
  }
  return { brief: parseBriefText(decoded, what), bytes };
}
