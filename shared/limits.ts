/**
 * The one set of limits: what Briefdesk will write is exactly what it will read back. Saving, loading, pasting and
 * the browser-mode bridge all check against these numbers, so the host never writes a file it then calls damaged,
 * and a brief that opens can always be saved and backed up again.
 */

const MiB = 1024 * 1024;

/** The largest brief file (pretty-printed JSON). A 50,000-word brief is about 6 MB; 24 MB leaves room without inviting abuse. */
export const MAX_BRIEF_FILE_BYTES = 24 * MiB;

/**
 * The largest request body the bridge reads: a save or backup carries the editor state as compact JSON, which is
 * never larger than the pretty-printed file it came from, plus the call's few other fields.
 */
export const MAX_REQUEST_BYTES = MAX_BRIEF_FILE_BYTES + MiB;

/** Calls the bridge serves at once; more wait for a slot rather than each holding a body in memory. */
export const MAX_CONCURRENT_REQUESTS = 8;

/** How deep an editor state's node tree may nest (root → list → item → list …). Real briefs stay under 20. */
export const MAX_EDITOR_DEPTH = 64;

/** Nodes in one editor state: a 50,000-word brief with every fact linked has about 30,000. */
export const MAX_EDITOR_NODES = 400_000;

/** The other workspace files: a catalogue, a source text, an annotation file, a hot-exit backup, preferences. */
export const MAX_FILE_BYTES = {
  brief: MAX_BRIEF_FILE_BYTES,
  /** A history snapshot is a full brief file. */
  snapshot: MAX_BRIEF_FILE_BYTES,
  /** A backup is the editor state as compact JSON with a few fields around it. */
  backup: MAX_REQUEST_BYTES,
  catalogue: 16 * MiB,
  source: 16 * MiB,
  annotations: 16 * MiB,
  settings: MiB,
  seedMarker: 64 * 1024,
} as const;

/** How many bytes of a damaged brief the raw-text view shows. */
export const RAW_VIEW_BYTES = 2 * MiB;

/** String lengths and counts in fact catalogues. */
export const FACT_LIMITS = {
  labelChars: 200,
  aliasChars: 200,
  summaryChars: 4_000,
  aliasesPerFact: 100,
  anchorsPerFact: 200,
  tagsPerFact: 50,
  factsPerCatalogue: 20_000,
} as const;

/**
 * Annotations on sources. A file holding the most of everything would pass 16 MB: the service checks a file's size
 * before it writes it, so what it writes always reads back.
 */
export const ANNOTATION_LIMITS = {
  /** The highlighted passage (the TextQuoteSelector's `exact`): a few paragraphs at most. */
  quoteChars: 20_000,
  /** A selector's prefix and suffix: Briefdesk takes 32 characters, and reads a little more from other tools. */
  contextChars: 200,
  commentChars: 10_000,
  tagChars: 100,
  tagsPerAnnotation: 50,
  annotationsPerSource: 10_000,
  colourNameChars: 60,
  /** The text of one JSON-LD import, in characters. */
  importChars: MAX_FILE_BYTES.annotations,
} as const;

/** The alias field of the fact form checks what the catalogue would refuse, before the host is asked. */
export const ALIAS_LIMITS = { chars: FACT_LIMITS.aliasChars, count: FACT_LIMITS.aliasesPerFact } as const;

/** Titles, authors and other short names. */
export const NAME_CHARS = 200;

/**
 * The node types the brief editor can show. A brief holding any other type opens read-only: the editor would drop
 * what it cannot represent, and the next autosave would write that loss to disk.
 */
export const BRIEF_NODE_TYPES: ReadonlySet<string> = new Set([
  'root',
  'paragraph',
  'text',
  'linebreak',
  'tab',
  'heading',
  'quote',
  'list',
  'listitem',
  'link',
  'table',
  'tablerow',
  'tablecell',
  'horizontalrule',
  'fact-reference',
  'unlinked-mention',
]);
