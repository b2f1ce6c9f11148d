import { isAbsolute, relative, resolve } from 'node:path';
import { AppError } from '../../../shared/contract/define';

/** Resolves segments under `root` and refuses any result that escapes it (`..`, absolute parts, separators). */
export function resolveInside(root: string, ...segments: string[]): string {
  const base = resolve(root);
  const target = resolve(base, ...segments);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new AppError('refused', `The path ${segments.join('/')} lies outside the workspace.`);
  }
  return target;
}
