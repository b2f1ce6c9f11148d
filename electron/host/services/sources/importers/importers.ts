import { AppError } from '../../../../../shared/contract/define';
import { MAX_FILE_BYTES, NAME_CHARS } from '../../../../../shared/limits';
import { SOURCE_SCHEMA_VERSION, SourceSchema, type Source } from '../../../../../shared/model/source';
import { hashBytes } from '../../briefs/briefFile';
import { htmlImporter } from './htmlImporter';
import { markdownImporter } from './markdownImporter';
import { pdfImporter } from './pdfImporter';
import type { ImportedSource, SourceImporter } from './sourceImporter';
import { textImporter } from './textImporter';

/** One importer per format. */
export const SOURCE_IMPORTERS: readonly SourceImporter[] = [textImporter, markdownImporter, htmlImporter, pdfImporter];

/** Every file-name ending an importer takes, with its dot: for file dialogs. */
export const IMPORT_EXTENSIONS: readonly string[] = SOURCE_IMPORTERS.flatMap((importer) => importer.extensions);

/** The importer for a file, by the ending of its name (case ignored); a file no importer takes is refused in words. */
export function importerFor(fileName: string): SourceImporter {
  const lower = fileName.toLowerCase();
  const importer = SOURCE_IMPORTERS.find((candidate) => candidate.extensions.some((extension) => lower.endsWith(extension)));
  if (!importer) {
    const formats = SOURCE_IMPORTERS.map((candidate) => `${candidate.label} (${candidate.extensions.join(', ')})`).join(', ');
    throw new AppError('refused', `Briefdesk cannot import ${fileName}: it imports ${formats}.`);
  }
  return importer;
}

/** Slugs made from titles are cut at a word near this length: an id names a file, and is read in lists. */
const ID_BASE_CHARS = 60;

/**
 * An id for a new source from its title, as a slug (accents dropped: "Élysée talks" → "elysee-talks"), different from
 * every id in `existingIds` by a number at its end ("-2", "-3"); "source" when the title has no Latin letter or digit.
 */
export function sourceIdFor(title: string, existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const wordEnd = slug.lastIndexOf('-', ID_BASE_CHARS);
  const cut = slug.length <= ID_BASE_CHARS ? slug : slug.slice(0, wordEnd > 0 ? wordEnd : ID_BASE_CHARS);
  const base = cut.replace(/-+$/, '') || 'source';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** A name cut to NAME_CHARS with an ellipsis, never inside a surrogate pair. */
function shortName(name: string): string {
  return name.length <= NAME_CHARS ? name : `${name.slice(0, NAME_CHARS - 1).replace(/[\uD800-\uDBFF]$/, '').trimEnd()}…`;
}

const MiB = 1024 * 1024;

/**
 * An imported file as a Source: an id from its title unique among `existingIds`, the checksum SourcesService checks
 * (SHA-256 of the text), "unknown" for a publisher or date the file did not name. Refused when its file (written as
 * pretty-printed JSON) would be larger than Briefdesk reads back as a source.
 */
export function sourceFromImport(imported: ImportedSource, existingIds: Iterable<string>): Source {
  const title = shortName(imported.title);
  const source = SourceSchema.parse({
    schemaVersion: SOURCE_SCHEMA_VERSION,
    id: sourceIdFor(title, existingIds),
    title,
    kind: imported.kind,
    publisher: imported.publisher ? shortName(imported.publisher) : 'unknown',
    publishedAt: imported.publishedAt ? shortName(imported.publishedAt) : 'unknown',
    ...(imported.author ? { author: shortName(imported.author) } : {}),
    ...(imported.url ? { url: imported.url } : {}),
    text: imported.text,
    paragraphs: imported.paragraphs,
    checksum: hashBytes(imported.text),
    ...(imported.pages ? { pages: imported.pages } : {}),
  });
  const fileBytes = new TextEncoder().encode(JSON.stringify(source, null, 2)).byteLength;
  if (fileBytes > MAX_FILE_BYTES.source) {
    throw new AppError(
      'refused',
      `“${title}” is too long to keep as a source: its file would be ${(fileBytes / MiB).toFixed(1)} MB, and a source file holds up to ${MAX_FILE_BYTES.source / MiB} MB.`,
    );
  }
  return source;
}
