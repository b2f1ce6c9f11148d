import { z } from 'zod';
import { BRIEF_SCHEMA_VERSION, DEFAULT_CLASSIFICATION, EditorStateSchema } from './brief';

/**
 * Version 0: the prototype's brief file, before `schemaVersion` existed:
 * `{ id, title, created, modified, content }` with `content` the editor state.
 */
const BriefV0Schema = z.object({
  id: z.string(),
  title: z.string(),
  created: z.string(),
  modified: z.string(),
  content: EditorStateSchema,
});

type Migration = (file: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n file into a version-(n+1) file; hashes are filled in by the reader. */
const MIGRATIONS: readonly Migration[] = [
  (file) => {
    const v0 = BriefV0Schema.parse(file);
    return {
      schemaVersion: 1,
      id: v0.id,
      title: v0.title,
      autoTitle: false,
      author: '',
      classification: DEFAULT_CLASSIFICATION,
      template: 'blank',
      createdAt: new Date(v0.created).toISOString(),
      updatedAt: new Date(v0.modified).toISOString(),
      revision: 0,
      contentHash: '',
      editorState: v0.content,
    };
  },
];

export function briefFileVersion(file: unknown): number {
  if (typeof file !== 'object' || file === null) throw new Error('a brief file must hold a JSON object');
  const version = (file as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) return 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) throw new Error(`schemaVersion ${String(version)} is not a version`);
  return version;
}

/** Brings any known brief file version up to the current one; a file from a newer Briefdesk is refused. */
export function migrateBriefFile(file: unknown): { migrated: Record<string, unknown>; fromVersion: number } {
  const fromVersion = briefFileVersion(file);
  if (fromVersion > BRIEF_SCHEMA_VERSION) {
    throw new Error(`it was written by a newer Briefdesk (brief format ${fromVersion}; this version reads up to ${BRIEF_SCHEMA_VERSION})`);
  }
  let current = file as Record<string, unknown>;
  for (let version = fromVersion; version < BRIEF_SCHEMA_VERSION; version++) current = MIGRATIONS[version]!(current);
  return { migrated: current, fromVersion };
}
