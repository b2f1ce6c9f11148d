import approxSearch from 'approx-string-match';
import type { Anchor } from '../model/fact';

/**
 * The one quote-anchoring module: fact anchors and annotations alike are W3C TextQuoteSelectors (exact + prefix +
 * suffix) that also carry the offsets they were taken at, and are found again in a text that may have changed since.
 *
 * Finding one follows the Hypothesis client's `match-quote` (src/annotator/anchoring/match-quote.ts, BSD-2) on
 * `approx-string-match` (Myers' bit-parallel search): candidates scored 50 × quote + 20 × prefix + 20 × suffix +
 * 2 × closeness, over 92. What differs: results are graded (anchored / moved / orphaned) with a minimum score,
 * because Hypothesis takes the best candidate however poor it is, and a short quote whose passage was deleted then
 * attaches to any look-alike ("Linus" to "chines", hypothesis/h#2634); quotes under SHORT_QUOTE_CHARS characters
 * are only ever matched exactly, in agreeing context; and a verbatim copy of the quote in the wrong place does not
 * hide the edited passage in the right one.
 *
 * Offsets are UTF-16 code units into the text, as everywhere else. Pure: no Node built-ins, no DOM.
 */

/** How many characters of context an anchor keeps on each side, as the W3C selector convention suggests. */
export const ANCHOR_CONTEXT = 32;

/** Quotes shorter than this are too little evidence for an approximate match: they match exactly or not at all. */
export const SHORT_QUOTE_CHARS = 10;

/**
 * The score (0–1) below which a candidate is no match. The quote alone, even verbatim, brings 52/92 ≈ 0.57: the
 * context must bring the rest. Unrelated 32-character contexts in English prose score about 0.3 (99th percentile
 * under 0.5), which leaves a verbatim quote in unrelated surroundings near 0.70, under this line.
 */
export const MIN_SCORE = 0.75;

/**
 * How similar (0–1, the mean of prefix and suffix) a verbatim quote's surroundings must be to the stored prefix and
 * suffix for it to count as the same passage: one side intact and the other rewritten still scores about 0.65.
 */
const CONTEXT_AGREES = 0.6;

/** Hypothesis's weights: similarity of the quote, of the text before and after it, and closeness to the old offset. */
const WEIGHT = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const WEIGHT_TOTAL = WEIGHT.quote + WEIGHT.prefix + WEIGHT.suffix + WEIGHT.position;

/** The approximate search allows up to half the quote's length in errors, and never more than this (its cost grows with it). */
const MAX_ERRORS = 256;

export interface TextRange {
  start: number;
  end: number;
}

/** What is stored to find a passage again: a W3C TextQuoteSelector and, when known, the offsets it was taken at. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  start?: number | undefined;
  end?: number | undefined;
}

export type AnchorResult =
  /** The quote is there verbatim, in its context: at `start`, or found again by exact search. */
  | { grade: 'anchored'; start: number; end: number }
  /** Moved or changed — review: the best match is `found`, which may differ from the quote, scoring `score` (0–1). */
  | { grade: 'moved'; start: number; end: number; score: number; found: string }
  /** Not found: no candidate scores `minScore`, or a short quote is not there verbatim in its context. `reason` says which, in words. */
  | { grade: 'orphaned'; reason: string };

export interface AnchorQuoteOptions {
  /** The score below which a candidate is no match; MIN_SCORE unless given. */
  minScore?: number;
}

/** Every index at which `needle` starts in `haystack`, overlapping occurrences included. */
export function occurrences(haystack: string, needle: string): number[] {
  const found: number[] = [];
  if (needle.length === 0) return found;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/**
 * The anchor for text[start, end): `ANCHOR_CONTEXT` characters of prefix and suffix (fewer at the
 * ends of the text), widened until prefix + exact + suffix is unique in the text.
 */
export function makeAnchor(text: string, sourceId: string, start: number, end: number): Anchor {
  if (start < 0 || end <= start || end > text.length) {
    throw new RangeError(`anchor range [${start}, ${end}) is empty or outside the text (length ${text.length})`);
  }
  const exact = text.slice(start, end);
  for (let context = ANCHOR_CONTEXT; ; context += ANCHOR_CONTEXT) {
    const prefix = text.slice(Math.max(0, start - context), start);
    const suffix = text.slice(end, end + context);
    const wholeText = prefix.length === start && suffix.length === text.length - end;
    if (occurrences(text, prefix + exact + suffix).length === 1 || wholeText) {
      return { sourceId, exact, prefix, suffix, start, end };
    }
  }
}

export type AnchorResolution = { ok: true; range: TextRange } | { ok: false; problem: string };

/**
 * Finds an anchor again from its quote (prefix + exact + suffix) alone, ignoring its stored offsets, and only when
 * that quote is verbatim and unique: the strict check a bundled catalogue must pass. `anchorQuote` is the forgiving one.
 */
export function resolveAnchor(text: string, anchor: Pick<Anchor, 'exact' | 'prefix' | 'suffix'>): AnchorResolution {
  const found = occurrences(text, anchor.prefix + anchor.exact + anchor.suffix);
  if (found.length === 0) return { ok: false, problem: 'quote (prefix + exact + suffix) not found in the source' };
  if (found.length > 1) {
    return { ok: false, problem: `quote (prefix + exact + suffix) is ambiguous: found ${found.length} times` };
  }
  const start = found[0]! + anchor.prefix.length;
  return { ok: true, range: { start, end: start + anchor.exact.length } };
}

interface Candidate extends TextRange {
  score: number;
  /** Mean similarity of the text around the candidate to the stored prefix and suffix. */
  context: number;
}

/**
 * How similar (0–1) any text is to `expected`, compiled once because one stored context is compared with the
 * surroundings of every candidate: 1 − errors / length, where errors are the fewest edits that turn `expected` into
 * some part of the text, the measure Hypothesis takes from approx-string-match. A context is a few dozen characters,
 * where the library's own search costs a hundred times more than this (it also recovers where each match starts):
 * up to 32 characters it is Myers' bit-vector recurrence in one 32-bit word, beyond that the plain dynamic programme.
 * Nothing expected agrees with anything.
 */
export function similarityTo(expected: string): (actual: string) => number {
  const m = expected.length;
  if (m === 0) return () => 1;
  const errors = m <= 32 ? bitVectorErrors(expected) : dynamicErrors(expected);
  return (actual) => (actual === expected ? 1 : actual.length === 0 ? 0 : 1 - errors(actual) / m);
}

function bitVectorErrors(expected: string): (actual: string) => number {
  // Bit i of a character's mask is set where expected[i] is that character.
  const asciiMasks = new Int32Array(128);
  const otherMasks = new Map<number, number>();
  for (let i = 0; i < expected.length; i++) {
    const code = expected.charCodeAt(i);
    if (code < 128) asciiMasks[code] = asciiMasks[code]! | (1 << i);
    else otherMasks.set(code, (otherMasks.get(code) ?? 0) | (1 << i));
  }
  const lastRow = 1 << (expected.length - 1);
  return (actual) => {
    // Vertical deltas of the current column (+1 / −1 per row), and the edit count in its last row.
    let plus = -1;
    let minus = 0;
    let errors = expected.length;
    let fewest = errors;
    for (let j = 0; j < actual.length; j++) {
      const code = actual.charCodeAt(j);
      const equal = code < 128 ? asciiMasks[code]! : (otherMasks.get(code) ?? 0);
      const verticalX = equal | minus;
      const horizontalX = ((((equal & plus) + plus) | 0) ^ plus) | equal;
      // The search may start anywhere in `actual`: row 0 stays 0, so nothing is shifted in at the bottom.
      const horizontalPlus = minus | ~(horizontalX | plus);
      const horizontalMinus = plus & horizontalX;
      if (horizontalPlus & lastRow) errors++;
      else if (horizontalMinus & lastRow) errors--;
      const shiftedPlus = horizontalPlus << 1;
      const shiftedMinus = horizontalMinus << 1;
      plus = shiftedMinus | ~(verticalX | shiftedPlus);
      minus = shiftedPlus & verticalX;
      if (errors < fewest) fewest = errors;
    }
    return fewest;
  };
}

function dynamicErrors(expected: string): (actual: string) => number {
  return (actual) => {
    // column[i]: fewest edits turning expected[0, i) into a part of `actual` that ends at the current character.
    const column = new Int32Array(expected.length + 1);
    for (let i = 0; i <= expected.length; i++) column[i] = i;
    let fewest = expected.length;
    for (let j = 0; j < actual.length; j++) {
      const code = actual.charCodeAt(j);
      let diagonal = 0;
      for (let i = 1; i <= expected.length; i++) {
        const above = column[i]!;
        column[i] = Math.min(diagonal + (expected.charCodeAt(i - 1) === code ? 0 : 1), above + 1, column[i - 1]! + 1);
        diagonal = above;
      }
      fewest = Math.min(fewest, column[expected.length]!);
    }
    return fewest;
  };
}

/** Scores candidates for one selector in one text, its prefix and suffix compiled once for all of them. */
class CandidateScorer {
  private readonly prefixSimilarity: (actual: string) => number;
  private readonly suffixSimilarity: (actual: string) => number;

  constructor(
    private readonly text: string,
    private readonly selector: QuoteSelector,
  ) {
    this.prefixSimilarity = similarityTo(selector.prefix);
    this.suffixSimilarity = similarityTo(selector.suffix);
  }

  /** The candidate at `range`, whose text is `quoteScore` similar to the quote. */
  score(range: TextRange, quoteScore: number): Candidate {
    const { text, selector } = this;
    const prefix = this.prefixSimilarity(text.slice(Math.max(0, range.start - selector.prefix.length), range.start));
    const suffix = this.suffixSimilarity(text.slice(range.end, range.end + selector.suffix.length));
    const position = selector.start === undefined || text.length === 0 ? 1 : 1 - Math.abs(range.start - selector.start) / text.length;
    const total = WEIGHT.quote * quoteScore + WEIGHT.prefix * prefix + WEIGHT.suffix * suffix + WEIGHT.position * position;
    return { ...range, score: total / WEIGHT_TOTAL, context: (prefix + suffix) / 2 };
  }
}

function best(candidates: Iterable<Candidate>): Candidate | undefined {
  let top: Candidate | undefined;
  for (const candidate of candidates) if (!top || candidate.score > top.score) top = candidate;
  return top;
}

function nearest(offsets: readonly number[], hint: number | undefined): number {
  return offsets.reduce((a, b) => (hint !== undefined && Math.abs(b - hint) < Math.abs(a - hint) ? b : a));
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Widens a range that cuts a surrogate pair in two, so the text found is never half a character. */
function wholeCharacters(text: string, range: TextRange): TextRange {
  const cuts = (at: number): boolean => at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1)) && isLowSurrogate(text.charCodeAt(at));
  return { start: cuts(range.start) ? range.start - 1 : range.start, end: cuts(range.end) ? range.end + 1 : range.end };
}

/**
 * The best approximate candidate for a quote that is not found verbatim in agreeing context. Verbatim occurrences
 * are blanked out first: the search reports only its lowest-error matches, so an exact copy elsewhere would hide
 * the edited passage where the quote used to be.
 */
function bestApproximate(text: string, selector: QuoteSelector, verbatimAt: readonly number[], scorer: CandidateScorer): Candidate | undefined {
  const { exact } = selector;
  let searched = text;
  if (verbatimAt.length > 0) {
    const blank = '\u0000'.repeat(exact.length);
    let pieces = '';
    let copied = 0;
    for (const at of verbatimAt) {
      const from = Math.max(at, copied);
      pieces += text.slice(copied, from) + blank.slice(0, at + exact.length - from);
      copied = at + exact.length;
    }
    searched = pieces + text.slice(copied);
  }
  const maxErrors = Math.min(MAX_ERRORS, Math.floor(exact.length / 2));
  const matches = approxSearch(searched, exact, maxErrors);
  return best(matches.map((m) => scorer.score(wholeCharacters(text, m), 1 - m.errors / exact.length)));
}

/**
 * Finds the passage `selector` quotes in `text`. In order: the stored position, if the text there is still the quote
 * and its context agrees; the whole quote (prefix + exact + suffix) verbatim; the quote verbatim, each occurrence
 * scored by its context and its closeness to the stored position; and, for quotes of SHORT_QUOTE_CHARS or more, an
 * approximate search allowing errors up to half the quote's length. The best candidate is "moved" only if it scores
 * at least `minScore`; otherwise the quote is orphaned.
 */
export function anchorQuote(text: string, selector: QuoteSelector, options: AnchorQuoteOptions = {}): AnchorResult {
  const { exact, prefix, suffix, start: hint } = selector;
  const minScore = options.minScore ?? MIN_SCORE;
  if (exact.length === 0) return { grade: 'orphaned', reason: 'the quote is empty' };

  const scorer = new CandidateScorer(text, selector);
  if (hint !== undefined && hint >= 0 && (selector.end ?? hint + exact.length) === hint + exact.length && text.startsWith(exact, hint)) {
    const stored = { start: hint, end: hint + exact.length };
    if (scorer.score(stored, 1).context >= CONTEXT_AGREES) return { grade: 'anchored', ...stored };
  }

  const whole = occurrences(text, prefix + exact + suffix);
  if (whole.length > 0) {
    const start = nearest(whole, hint === undefined ? undefined : hint - prefix.length) + prefix.length;
    return { grade: 'anchored', start, end: start + exact.length };
  }

  const verbatimAt = occurrences(text, exact);
  const verbatim = best(verbatimAt.map((at) => scorer.score({ start: at, end: at + exact.length }, 1)));
  if (verbatim && verbatim.context >= CONTEXT_AGREES) return { grade: 'anchored', start: verbatim.start, end: verbatim.end };

  if (exact.length < SHORT_QUOTE_CHARS) {
    return {
      grade: 'orphaned',
      reason:
        verbatimAt.length === 0
          ? `“${exact}” is no longer in the text (a quote under ${SHORT_QUOTE_CHARS} characters must match exactly)`
          : `“${exact}” occurs ${verbatimAt.length === 1 ? 'once' : `${verbatimAt.length} times`}, but not in its old context`,
    };
  }

  const approximate = bestApproximate(text, selector, verbatimAt, scorer);
  const top = verbatim && (!approximate || verbatim.score >= approximate.score) ? verbatim : approximate;
  if (!top || top.score < minScore) {
    const closest = top ? ` (the closest match scores ${top.score.toFixed(2)}, under ${minScore})` : '';
    return { grade: 'orphaned', reason: `the quote is no longer in the text, nor anything close enough to it${closest}` };
  }
  return { grade: 'moved', start: top.start, end: top.end, score: top.score, found: text.slice(top.start, top.end) };
}

/** One anchor found again: `previous` is the anchor as given (with any fields of its own), `anchor` the fresh one. */
export type Reanchored<A extends Anchor = Anchor> =
  | { grade: 'anchored'; previous: A; anchor: Anchor }
  | { grade: 'moved'; previous: A; anchor: Anchor; score: number; found: string }
  | { grade: 'orphaned'; previous: A; reason: string };

/**
 * Maps an offset in `oldText` to where it most likely is in `newText`, from the common head and tail of the two:
 * unchanged before the first difference, shifted by the change in length from the end of the last, and proportionally
 * in between. Only a hint for the stored-position check and the closeness score, so a rough guess in the middle is fine.
 */
function offsetMapper(oldText: string, newText: string): (offset: number) => number {
  const limit = Math.min(oldText.length, newText.length);
  let head = 0;
  while (head < limit && oldText.charCodeAt(head) === newText.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < limit - head && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  const oldChangeEnd = oldText.length - tail;
  const newChangeEnd = newText.length - tail;
  return (offset) => {
    // An anchor starting where text was inserted now starts after the insertion, so the shift is checked first.
    if (offset >= oldChangeEnd) return offset + newText.length - oldText.length;
    if (offset <= head) return offset;
    return head + Math.round(((offset - head) * (newChangeEnd - head)) / (oldChangeEnd - head));
  };
}

/**
 * Finds every anchor taken on `oldText` again in `newText`, graded as `anchorQuote` grades them. Anchored and moved
 * ones get a fresh anchor made on the new text (its exact is the text found there); orphaned ones keep the old one.
 */
export function reanchorAll<A extends Anchor>(oldText: string, newText: string, anchors: readonly A[]): Reanchored<A>[] {
  const mapOffset = offsetMapper(oldText, newText);
  return anchors.map((previous) => {
    const start = mapOffset(previous.start);
    const result = anchorQuote(newText, { ...previous, start, end: start + previous.exact.length });
    if (result.grade === 'orphaned') return { grade: 'orphaned', previous, reason: result.reason };
    const anchor = makeAnchor(newText, previous.sourceId, result.start, result.end);
    return result.grade === 'anchored'
      ? { grade: 'anchored', previous, anchor }
      : { grade: 'moved', previous, anchor, score: result.score, found: result.found };
  });
}
