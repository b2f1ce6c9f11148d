import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/define';

/** Reads a workspace file: missing → not_found, unreadable → io_error. */
export async function readWorkspaceFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `${what} does not exist.`);
    throw new AppError('io_error', `${what} could not be read: ${(error as Error).message}`);
  }
}

/** The first schema issue in words an analyst can read, rather than zod's JSON dump. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.message ?? 'invalid content'}${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}`;
}

/** Reads and validates a JSON file; a file that fails is reported as damaged and never touched. */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S, what: string): Promise<z.output<S>> {
  const text = (await readWorkspaceFile(path, what)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('damaged', `${what} is damaged: it is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('damaged', `${what} is damaged: ${firstIssue(parsed.error)}.`);
  return parsed.data;
}

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
