import type { ConfinedFolder } from '../../platform/confinedFolder';
import { NAME_CHARS } from '../../../../shared/limits';

/** Briefdesk writes the title near the top of a brief file; this much of the file is enough to find it. */
const TITLE_PREFIX_BYTES = 16 * 1024;
// eslint-disable-next-line no-control-regex -- a JSON string holds no raw control characters; one that does is no title
const TITLE_FIELD = /"title"\s*:\s*("(?:[^"\\\u0000-\u001f]|\\.){1,400}")/;

/**
 * The title a brief file names, read from its first bytes only, for lists that would otherwise show an id (the
 * trash) or a file name (a damaged brief). Nothing is trusted: an unreadable, odd or missing title gives undefined,
 * and a title is cut to the length of a name and stripped of control characters.
 */
export async function titleHint(files: ConfinedFolder, relative: string): Promise<string | undefined> {
  try {
    const { bytes } = await files.readPrefix(relative, { maxBytes: TITLE_PREFIX_BYTES, what: 'The brief' });
    const match = TITLE_FIELD.exec(bytes.toString('utf8'));
    if (!match) return undefined;
    const title: unknown = JSON.parse(match[1]!);
    if (typeof title !== 'string') return undefined;
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    const clean = title.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, NAME_CHARS);
    return clean || undefined;
  } catch {
    return undefined;
  }
}
