import { createHash } from 'node:crypto';
import { SlugSchema } from '../../../../shared/model/ids';
import { refusalOf, type FolderEntry } from '../../platform/confinedFolder';

/** One file of a workspace folder as a list shows it: its id, its real name, and why it cannot be used, if it cannot. */
export interface ListedFile {
  id: string;
  name: string;
  problem?: string;
}

const ODD_NAME_PREFIX = 'unusable-name-';

/**
 * The files of one kind (`suffix`) in a folder listing. A name we did not write ("sample copy.brief.json") or an
 * entry that is not a regular file becomes one entry with a problem, never a failure of the whole list: its id is a
 * stable slug made from the name, so the contract (which takes only slugs) can still carry it.
 */
export function listedFiles(entries: readonly FolderEntry[], suffix: string, kindOfFile: string): ListedFile[] {
  return entries.flatMap((entry): ListedFile[] => {
    if (!entry.name.endsWith(suffix) || entry.name.startsWith('.') || entry.kind === 'folder') return [];
    const stem = entry.name.slice(0, -suffix.length);
    if (!SlugSchema.safeParse(stem).success || stem.startsWith(ODD_NAME_PREFIX)) {
      const id = `${ODD_NAME_PREFIX}${createHash('sha256').update(entry.name).digest('hex').slice(0, 12)}`;
      const problem = `The ${kindOfFile} file “${entry.name}” has a name Briefdesk does not use: names are lower-case letters, digits and single hyphens. Rename the file (for example to ${suggestedName(stem)}${suffix}) to open it.`;
      return [{ id, name: entry.name, problem }];
    }
    const refusal = refusalOf(entry.kind);
    return [refusal ? { id: stem, name: entry.name, problem: `The ${kindOfFile} file ${entry.name} is not read: ${refusal}.` } : { id: stem, name: entry.name }];
  });
}

function suggestedName(stem: string): string {
  const slug = stem
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return slug || 'brief';
}
