import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '../../../shared/contract/define';

/** Reads and validates a JSON file; a file that fails is reported as damaged and never touched. */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S, what: string): Promise<z.output<S>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `${what} does not exist.`);
    throw new AppError('io_error', `${what} could not be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('damaged', `${what} is damaged: it is not valid JSON (${(error as Error).message}).`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new AppError('damaged', `${what} is damaged: ${issue?.message ?? 'invalid content'}${where}.`);
  }
  return parsed.data;
}

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
