import type { z } from 'zod';
import { AppError } from '../../../shared/contract/define';
import type { ConfinedFolder, ReadOptions } from './confinedFolder';

/** The first schema issue in words an analyst can read, rather than zod's JSON dump. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.message ?? 'invalid content'}${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}`;
}

/** UTF-8 text or a `damaged` error: a file in another encoding is reported, never read as mojibake and saved back. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('damaged', `${what} is damaged: it is not valid UTF-8 text.`);
  }
}

/** Parses JSON text; a file that is not JSON is damaged, with the reason in words. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('damaged', `${what} is damaged: it is not valid JSON (${(error as Error).message}).`);
  }
}

/** Reads and validates a JSON file of at most `maxBytes`; a file that fails is reported as damaged and never touched. */
export async function readJsonFile<T>(files: ConfinedFolder, relative: string, schema: z.ZodType<T>, options: ReadOptions): Promise<T> {
  const json = parseJsonText(decodeUtf8(await files.read(relative, options), options.what), options.what);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('damaged', `${options.what} is damaged: ${firstIssue(parsed.error)}.`);
  return parsed.data;
}

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
