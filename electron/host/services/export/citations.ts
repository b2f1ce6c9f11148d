import type { Anchor, Fact } from '../../../../shared/model/fact';
import type { Source } from '../../../../shared/model/source';
import type { CitedSource, Note } from './printDocument';

/** What source files say when they do not know: printed as missing (Chicago's "n.d."), never as the word itself. */
const UNKNOWN = new Set(['', 'unknown', 'n/a', 'none']);

const known = (value: string): string | undefined => (UNKNOWN.has(value.trim().toLowerCase()) ? undefined : value.trim());

/** "2019-02-28" → "February 28, 2019", "2019-02" → "February 2019"; any other text as it is. */
export function displayDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), month ? Number(month) - 1 : 0, day ? Number(day) : 1));
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', ...(month ? { month: 'long' } : {}), ...(day ? { day: 'numeric' } : {}) });
}

export function citedSource(source: Source): CitedSource {
  const publishedAt = known(source.publishedAt);
  return { id: source.id, title: source.title, publisher: known(source.publisher), publishedAt, displayDate: displayDate(publishedAt), kind: source.kind };
}

/** Chicago's short title: the first four words, a leading article dropped. */
export function shortTitle(title: string): string {
  const words = title.trim().split(/\s+/);
  if (words.length > 1 && /^(a|an|the)$/i.test(words[0]!)) words.shift();
  return words.length > 4 ? `${words.slice(0, 4).join(' ')}` : words.join(' ');
}

/** Ends a sentence unless it already ends with a stop. */
const sentence = (text: string): string => (/[.!?…]["”’)]*$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/**
 * A note in Chicago notes style. The first note citing a source gives it in full (title, publisher, date); a later
 * one in the same brief gives the short title. Then the exact supporting words of the fact's anchor.
 *   1. Donald Trump: President of the United States. “Trump and Kim leave Hanoi summit without a deal,” Example Times, February 28, 2019: “President Trump walked away.”
 *   2. Kim Jong Un: Chairman of North Korea. “Trump and Kim leave”: “Chairman Kim Jong Un.”
 */
export function noteText(note: Omit<Note, 'text'>): string {
  const head = `${note.factLabel}: ${sentence(note.factSummary)}`;
  if (!note.source) return `${head} No source recorded.`;
  const { source } = note;
  const where = note.shortened
    ? `“${shortTitle(source.title)}”`
    : `“${source.title},” ${[source.publisher, source.displayDate ?? 'n.d.'].filter((part) => part !== undefined).join(', ')}`;
  return note.quote ? `${head} ${where}: “${note.quote}.”`.replace(/([.!?…])\.”$/, '$1”') : `${head} ${where}.`;
}

/** The anchor a fact's note quotes: its first anchor in a source that can be read. */
export function citedAnchor(fact: Fact, sourceOf: (id: string) => Source | undefined): { anchor: Anchor; source: Source } | undefined {
  for (const anchor of fact.anchors) {
    const source = sourceOf(anchor.sourceId);
    if (source) return { anchor, source };
  }
  return undefined;
}

/**
 * Numbers one brief's notes in first-use order: `call(factId)` answers the note number (the same for every mention
 * of one fact) and whether this mention is its first. Sources cited in full are remembered so later notes to the
 * same source are shortened.
 */
export class NoteNumbering {
  readonly notes: Note[] = [];
  private readonly byFact = new Map<string, number>();
  private readonly sourcesCited = new Set<string>();

  constructor(
    private readonly factOf: (id: string) => Fact | undefined,
    private readonly sourceOf: (id: string) => Source | undefined,
    /** Called with each source the first time any note cites it (the Sources appendix, across a book). */
    private readonly onSourceCited: (source: CitedSource) => void,
  ) {}

  /** Undefined when the fact is not in the catalogue (a deleted fact): such a reference prints as plain text. */
  call(factId: string): { note: number; first: boolean } | undefined {
    const existing = this.byFact.get(factId);
    if (existing !== undefined) return { note: existing, first: false };
    const fact = this.factOf(factId);
    if (!fact) return undefined;
    const cited = citedAnchor(fact, this.sourceOf);
    const source = cited ? citedSource(cited.source) : undefined;
    const shortened = source !== undefined && this.sourcesCited.has(source.id);
    if (source && !shortened) {
      this.sourcesCited.add(source.id);
      this.onSourceCited(source);
    }
    const number = this.notes.length + 1;
    const draft = { number, factId, factLabel: fact.label, factSummary: fact.summary, source, quote: cited?.anchor.exact, shortened };
    this.notes.push({ ...draft, text: noteText(draft) });
    this.byFact.set(factId, number);
    return { note: number, first: true };
  }
}
