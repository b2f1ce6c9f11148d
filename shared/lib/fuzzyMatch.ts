/**
 * Fuzzy matching for the command palette and quick open, in the spirit of VS Code's quick-open scorer
 * (`src/vs/base/common/fuzzyScorer.ts`): the query's characters must appear in the text in order; a match scores more
 * for characters in a contiguous run, at the start of a word and early in the text. Comparison ignores case and
 * diacritics ("zoe" finds "Zoë", "lodz" finds "Łódź") and works on code points, so astral characters count as one.
 *
 * Texts are prepared once (`prepareFuzzyTarget`) and the hot path, `fuzzyScore`, allocates nothing: a linear
 * subsequence check rejects most texts, and only texts that can match run the scoring table, confined to the band of
 * positions each query character can take. The matched positions are recovered only for the rows shown
 * (`fuzzyMatch`).
 */

/** Returned by `fuzzyScore` for a text the query does not match; any match, even of the empty query, scores ≥ 0. */
export const NO_MATCH = -1;

/** A span of the original text, in UTF-16 code units, for highlighting. */
export interface MatchRange {
  start: number;
  end: number;
}

export interface FuzzyMatch {
  score: number;
  /** UTF-16 offsets in the original text of the first code unit of each matched character, ascending. */
  positions: number[];
  /** The matched characters as merged spans (a character's combining marks and surrogate pair included). */
  ranges: MatchRange[];
}

/** A text folded for matching. Build it once per text with `prepareFuzzyTarget`. */
export interface FuzzyTarget {
  readonly text: string;
  /** Folded code points: lower case, no diacritics, compatibility forms decomposed (ﬁ → f, i). */
  readonly units: Int32Array;
  /** The lower-case code point of the original text each unit came from, for the exact-character bonus. */
  readonly raw: Int32Array;
  /** UTF-16 offset in `text` of the character each unit came from. */
  readonly starts: Uint32Array;
  /** The word-start bonus of each unit. */
  readonly bonus: Uint8Array;
}

interface QueryPiece {
  readonly units: Int32Array;
  readonly raw: Int32Array;
}

/** A query folded for matching; words separated by spaces must each match, in any order (VS Code's "pieces"). */
export interface FuzzyQuery {
  readonly text: string;
  readonly pieces: readonly QueryPiece[];
}

/**
 * What a match is made of. Integers, so equal matches tie exactly and the caller's order decides. Exported for the
 * tests' brute-force check of the scoring table.
 */
export const FUZZY_SCORES = Object.freeze({
  match: 1,
  /** Same character before removing diacritics ("é" typed, "é" found). Case does not count, or a lower-case query would prefer words that are not capitalised. */
  exact: 1,
  /** Each character that continues a run of matched characters. */
  consecutive: 10,
  startOfText: 8,
  startOfWord: 7,
  /** An upper-case letter after a lower-case one ("BriefDesk"). */
  camelHump: 3,
  /** The first query character scores this much more at the text's first unit, one less per unit later, down to 0. */
  early: 4,
});
const { match: MATCH, exact: EXACT, consecutive: CONSECUTIVE, startOfText: START_OF_TEXT, startOfWord: START_OF_WORD, camelHump: CAMEL_HUMP, early: EARLY } = FUZZY_SCORES;

const NEG = -0x3fffffff;
const ASCII_UPPER_A = 0x41;
const ASCII_UPPER_Z = 0x5a;

// ---------------------------------------------------------------------------------------------------------------
// Folding, cached per code point
// ---------------------------------------------------------------------------------------------------------------

const MARK = /^\p{M}$/u;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

const CLASS_WORD = 1;
const CLASS_UPPER = 2;
const CLASS_LOWER = 4;
const CLASS_MARK = 8;
const CLASS_KNOWN = 16;

/** BMP fold table: 0 unknown, FOLDS_TO_NOTHING, FOLDS_TO_MANY, or the single folded code point + 1. */
const bmpFold = new Int32Array(0x10000);
const bmpClass = new Uint8Array(0x10000);
/** BMP lower-case table: 0 unknown, else the lower-case code point + 1. */
const bmpLower = new Int32Array(0x10000);
const FOLDS_TO_NOTHING = -1;
const FOLDS_TO_MANY = -2;
const manyFolds = new Map<number, Int32Array>();
const astralClass = new Map<number, number>();

/** Latin letters whose diacritic is part of the letter, so no decomposition removes it. */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ŧ: 't', ŀ: 'l', æ: 'ae', œ: 'oe', þ: 'th' };

function computeFold(codePoint: number): number[] {
  // Upper-then-lower unifies forms plain lower-casing keeps apart (final sigma, ß → ss, dotless ı → i).
  const folded = String.fromCodePoint(codePoint).normalize('NFKD').toUpperCase().toLowerCase().normalize('NFKD');
  const out: number[] = [];
  for (const ch of folded) {
    if (MARK.test(ch)) continue;
    for (const plain of UNDECOMPOSABLE[ch] ?? ch) out.push(plain.codePointAt(0)!);
  }
  return out;
}

/** The code point in lower case (when that is one code point): what the exact-character bonus compares. */
function lowerCodePoint(codePoint: number): number {
  if (codePoint < 0x80) return codePoint >= ASCII_UPPER_A && codePoint <= ASCII_UPPER_Z ? codePoint + 32 : codePoint;
  if (codePoint < 0x10000 && bmpLower[codePoint] !== 0) return bmpLower[codePoint]! - 1;
  const lower = String.fromCodePoint(codePoint).toLowerCase();
  const lowerCode = lower.codePointAt(0)!;
  const result = lower.length === (lowerCode > 0xffff ? 2 : 1) ? lowerCode : codePoint;
  if (codePoint < 0x10000) bmpLower[codePoint] = result + 1;
  return result;
}

function computeClass(codePoint: number): number {
  const ch = String.fromCodePoint(codePoint);
  let info = CLASS_KNOWN;
  if (MARK.test(ch)) info |= CLASS_MARK;
  if (WORD_CHAR.test(ch)) info |= CLASS_WORD;
  if (ch !== ch.toLowerCase()) info |= CLASS_UPPER;
  if (ch !== ch.toUpperCase()) info |= CLASS_LOWER;
  return info;
}

function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    let info = bmpClass[codePoint]!;
    if (info === 0) bmpClass[codePoint] = info = computeClass(codePoint);
    return info;
  }
  let info = astralClass.get(codePoint);
  if (info === undefined) astralClass.set(codePoint, (info = computeClass(codePoint)));
  return info;
}

/**
 * The folded form of one code point: the folded code point, FOLDS_TO_NOTHING (a combining mark), or FOLDS_TO_MANY,
 * its units then in `manyFolds`.
 */
function foldOf(codePoint: number): number {
  if (codePoint < 0x80) return codePoint >= ASCII_UPPER_A && codePoint <= ASCII_UPPER_Z ? codePoint + 32 : codePoint;
  if (codePoint < 0x10000) {
    const entry = bmpFold[codePoint]!;
    if (entry !== 0) return entry > 0 ? entry - 1 : entry;
  } else if (manyFolds.has(codePoint)) {
    return FOLDS_TO_MANY;
  }
  const folded = computeFold(codePoint);
  if (codePoint >= 0x10000) {
    manyFolds.set(codePoint, Int32Array.from(folded));
    return FOLDS_TO_MANY;
  }
  const entry = folded.length === 0 ? FOLDS_TO_NOTHING : folded.length === 1 ? folded[0]! + 1 : FOLDS_TO_MANY;
  if (entry === FOLDS_TO_MANY) manyFolds.set(codePoint, Int32Array.from(folded));
  bmpFold[codePoint] = entry;
  return entry > 0 ? entry - 1 : entry;
}

/** How many units a code point folds to, written from `at` into `into`. */
function writeFold(codePoint: number, into: Int32Array, at: number): number {
  const fold = foldOf(codePoint);
  if (fold === FOLDS_TO_NOTHING) return 0;
  if (fold !== FOLDS_TO_MANY) {
    into[at] = fold;
    return 1;
  }
  const many = manyFolds.get(codePoint)!;
  into.set(many, at);
  return many.length;
}

/** The longest expansion of one code point under NFKD (U+FDFA, an Arabic ligature, is 18 characters). */
const MAX_FOLD_UNITS = 18;

// Scratch space for preparing one text, grown as needed; each prepared text gets exact-size copies.
let prepUnits = new Int32Array(256);
let prepRaw = new Int32Array(256);
let prepStarts = new Uint32Array(256);
let prepBonus = new Uint8Array(256);

function ensurePrepared(size: number): void {
  if (prepUnits.length >= size) return;
  const grow = <A extends Int32Array | Uint32Array | Uint8Array>(old: A, make: (length: number) => A): A => {
    const bigger = make(size * 2);
    bigger.set(old);
    return bigger;
  };
  prepUnits = grow(prepUnits, (length) => new Int32Array(length));
  prepRaw = grow(prepRaw, (length) => new Int32Array(length));
  prepStarts = grow(prepStarts, (length) => new Uint32Array(length));
  prepBonus = grow(prepBonus, (length) => new Uint8Array(length));
}

// ---------------------------------------------------------------------------------------------------------------
// Preparation
// ---------------------------------------------------------------------------------------------------------------

export function prepareFuzzyTarget(text: string): FuzzyTarget {
  let count = 0;
  let previousClass = 0;
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    const info = classOf(codePoint);
    let wordBonus = 0;
    if ((info & CLASS_MARK) === 0) {
      if (count === 0) wordBonus = START_OF_TEXT;
      else if ((info & CLASS_WORD) !== 0 && (previousClass & CLASS_WORD) === 0) wordBonus = START_OF_WORD;
      else if ((info & CLASS_UPPER) !== 0 && (previousClass & CLASS_LOWER) !== 0) wordBonus = CAMEL_HUMP;
      previousClass = info;
    }
    ensurePrepared(count + MAX_FOLD_UNITS);
    const written = writeFold(codePoint, prepUnits, count);
    if (written > 0) {
      const lower = lowerCodePoint(codePoint);
      for (let unit = count; unit < count + written; unit++) {
        prepRaw[unit] = lower;
        prepStarts[unit] = index;
        prepBonus[unit] = 0;
      }
      prepBonus[count] = wordBonus;
      count += written;
    }
    index += codePoint > 0xffff ? 2 : 1;
  }
  return { text, units: prepUnits.slice(0, count), raw: prepRaw.slice(0, count), starts: prepStarts.slice(0, count), bonus: prepBonus.slice(0, count) };
}

export function prepareFuzzyQuery(query: string): FuzzyQuery {
  const pieces: QueryPiece[] = [];
  for (const word of query.split(/\s+/u)) {
    const units: number[] = [];
    const raw: number[] = [];
    const folded = new Int32Array(MAX_FOLD_UNITS);
    for (const ch of word) {
      const codePoint = ch.codePointAt(0)!;
      const written = writeFold(codePoint, folded, 0);
      for (let unit = 0; unit < written; unit++) {
        units.push(folded[unit]!);
        raw.push(lowerCodePoint(codePoint));
      }
    }
    if (units.length > 0) pieces.push({ units: Int32Array.from(units), raw: Int32Array.from(raw) });
  }
  return { text: query, pieces };
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------------------------

// Scratch space reused by every call (the palette scores thousands of texts per keystroke).
let scratchLow = new Int32Array(64);
let scratchHigh = new Int32Array(64);
/** Best score with query unit i matched exactly at target unit j (row-major, i × target length + j). */
let scratchEnding = new Int32Array(1024);
/** Best score with query unit i matched at or before target unit j. */
let scratchUpTo = new Int32Array(1024);

function ensureScratch(queryLength: number, cells: number): void {
  if (scratchLow.length < queryLength) {
    scratchLow = new Int32Array(queryLength * 2);
    scratchHigh = new Int32Array(queryLength * 2);
  }
  if (scratchEnding.length < cells) {
    scratchEnding = new Int32Array(cells * 2);
    scratchUpTo = new Int32Array(cells * 2);
  }
}

/**
 * Fills the scoring table of one piece over the target and returns the best score, or NO_MATCH. Row i is filled only
 * between the earliest and the latest unit query unit i can take; the bounds stay in `lowBound`/`highBound` for
 * `recoverPositions`.
 */
function scorePiece(piece: QueryPiece, target: FuzzyTarget): number {
  const query = piece.units;
  const text = target.units;
  const m = query.length;
  const n = text.length;
  if (m > n) return NO_MATCH;
  ensureScratch(m, m * n);
  // Locals, so the optimiser keeps the arrays in registers through the inner loop.
  const lowBound = scratchLow;
  const highBound = scratchHigh;
  const endingAt = scratchEnding;
  const upTo = scratchUpTo;
  // Earliest feasible unit of each query unit (greedy forward); fails fast for most texts.
  let j = 0;
  for (let i = 0; i < m; i++) {
    const unit = query[i]!;
    while (j < n && text[j] !== unit) j++;
    if (j === n) return NO_MATCH;
    lowBound[i] = j++;
  }
  // Latest feasible unit of each query unit (greedy backward).
  j = n - 1;
  for (let i = m - 1; i >= 0; i--) {
    const unit = query[i]!;
    while (text[j] !== unit) j--;
    highBound[i] = j--;
  }
  const bonus = target.bonus;
  const raw = target.raw;
  for (let i = 0; i < m; i++) {
    const unit = query[i]!;
    const rawUnit = piece.raw[i]!;
    const low = lowBound[i]!;
    const high = highBound[i]!;
    const row = i * n;
    const previousRow = row - n;
    const previousLow = i > 0 ? lowBound[i - 1]! : 0;
    const previousHigh = i > 0 ? highBound[i - 1]! : 0;
    let rowBest = NEG;
    for (let t = low; t <= high; t++) {
      let score = NEG;
      if (text[t] === unit) {
        let before: number;
        if (i === 0) {
          before = EARLY > t ? EARLY - t : 0;
        } else {
          const p = t - 1;
          // Query unit i-1 matched at or before p: its row holds values only inside its band.
          const gap = p < previousLow ? NEG : upTo[previousRow + (p > previousHigh ? previousHigh : p)]!;
          const run = p >= previousLow && p <= previousHigh ? endingAt[previousRow + p]! : NEG;
          before = run > NEG && run + CONSECUTIVE >= gap ? run + CONSECUTIVE : gap;
        }
        if (before > NEG) score = before + MATCH + bonus[t]! + (raw[t] === rawUnit ? EXACT : 0);
      }
      endingAt[row + t] = score;
      if (score > rowBest) rowBest = score;
      upTo[row + t] = rowBest;
    }
  }
  const final = upTo[(m - 1) * n + highBound[m - 1]!]!;
  return final > NEG ? final : NO_MATCH;
}

/** The units of the best match of the piece just scored, walking its table back from the last query unit. */
function recoverPositions(piece: QueryPiece, target: FuzzyTarget, into: Set<number>): void {
  const m = piece.units.length;
  const n = target.units.length;
  const lowBound = scratchLow;
  const highBound = scratchHigh;
  const endingAt = scratchEnding;
  const upTo = scratchUpTo;
  let row = (m - 1) * n;
  let t = highBound[m - 1]!;
  const bestScore = upTo[row + t]!;
  while (endingAt[row + t] !== bestScore) t--;
  for (let i = m - 1; ; i--) {
    into.add(t);
    if (i === 0) return;
    const previousRow = row - n;
    const previousLow = lowBound[i - 1]!;
    const previousHigh = highBound[i - 1]!;
    const p = t - 1;
    const gap = upTo[previousRow + (p > previousHigh ? previousHigh : p)]!;
    const run = p >= previousLow && p <= previousHigh ? endingAt[previousRow + p]! : NEG;
    if (run > NEG && run + CONSECUTIVE >= gap) {
      t = p;
    } else {
      t = p > previousHigh ? previousHigh : p;
      while (endingAt[previousRow + t] !== gap) t--;
    }
    row = previousRow;
  }
}

/** The score of the best match of the query in the target, or NO_MATCH. Allocates nothing. */
export function fuzzyScore(query: FuzzyQuery, target: FuzzyTarget): number {
  const { pieces } = query;
  let total = 0;
  for (let index = 0; index < pieces.length; index++) {
    const score = scorePiece(pieces[index]!, target);
    if (score === NO_MATCH) return NO_MATCH;
    total += score;
  }
  return total;
}

/** Score and matched positions; undefined when the query does not match. */
export function fuzzyMatch(query: FuzzyQuery | string, target: FuzzyTarget | string): FuzzyMatch | undefined {
  const preparedQuery = typeof query === 'string' ? prepareFuzzyQuery(query) : query;
  const preparedTarget = typeof target === 'string' ? prepareFuzzyTarget(target) : target;
  const units = new Set<number>();
  let total = 0;
  for (const piece of preparedQuery.pieces) {
    const score = scorePiece(piece, preparedTarget);
    if (score === NO_MATCH) return undefined;
    total += score;
    recoverPositions(piece, preparedTarget, units);
  }
  return { score: total, ...positionsOf(preparedTarget, units) };
}

function positionsOf(target: FuzzyTarget, units: ReadonlySet<number>): { positions: number[]; ranges: MatchRange[] } {
  const positions = [...new Set([...units].map((unit) => target.starts[unit]!))].sort((a, b) => a - b);
  const ranges: MatchRange[] = [];
  for (const start of positions) {
    const end = characterEnd(target, start);
    const last = ranges.at(-1);
    if (last && last.end === start) last.end = end;
    else ranges.push({ start, end });
  }
  return { positions, ranges };
}

/** Where the character starting at `start` ends: past its surrogate pair and any combining marks after it. */
function characterEnd(target: FuzzyTarget, start: number): number {
  const { text } = target;
  let end = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
  while (end < text.length) {
    const codePoint = text.codePointAt(end)!;
    if ((classOf(codePoint) & CLASS_MARK) === 0) break;
    end += codePoint > 0xffff ? 2 : 1;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------------------------------------------

export interface FuzzyRanking {
  /** Indices into the targets of the best matches, best first; equal scores keep the targets' order. */
  indices: number[];
  /** How many targets matched in all. */
  total: number;
}

/**
 * The `limit` best matches of the query among the targets. The empty query matches every target, in their order.
 * Keeps only the best `limit` while scanning, so ranking thousands of texts sorts nothing.
 */
export function rankFuzzy(query: FuzzyQuery, targets: readonly FuzzyTarget[], limit: number): FuzzyRanking {
  const { indices, matches } = rankAmong(query, targets, limit, undefined);
  return { indices, total: matches?.length ?? targets.length };
}

/** `rankFuzzy` over the candidates only (all targets when undefined); `matches` lists every match, undefined for all. */
function rankAmong(
  query: FuzzyQuery,
  targets: readonly FuzzyTarget[],
  limit: number,
  candidates: readonly number[] | undefined,
): { indices: number[]; matches: number[] | undefined } {
  const keep = Math.max(0, Math.floor(limit));
  if (query.pieces.length === 0) {
    return { indices: Array.from({ length: Math.min(keep, targets.length) }, (_, index) => index), matches: undefined };
  }
  const indices: number[] = [];
  const scores: number[] = [];
  const matches: number[] = [];
  const count = candidates ? candidates.length : targets.length;
  for (let k = 0; k < count; k++) {
    const index = candidates ? candidates[k]! : k;
    const score = fuzzyScore(query, targets[index]!);
    if (score === NO_MATCH) continue;
    matches.push(index);
    if (indices.length === keep && (keep === 0 || score <= scores[keep - 1]!)) continue;
    let at = indices.length === keep ? keep - 1 : indices.length;
    while (at > 0 && scores[at - 1]! < score) {
      scores[at] = scores[at - 1]!;
      indices[at] = indices[at - 1]!;
      at--;
    }
    scores[at] = score;
    indices[at] = index;
  }
  return { indices, matches };
}

/**
 * Prepared texts kept from one index to the next (quick open opened again over mostly the same titles), the least
 * recently used dropped beyond `limit`.
 */
export class FuzzyTargetCache {
  private readonly targets = new Map<string, FuzzyTarget>();

  constructor(private readonly limit: number) {}

  get(text: string): FuzzyTarget {
    let target = this.targets.get(text);
    if (target) {
      this.targets.delete(text);
    } else {
      target = prepareFuzzyTarget(text);
      if (this.targets.size >= this.limit) this.targets.delete(this.targets.keys().next().value!);
    }
    this.targets.set(text, target);
    return target;
  }

  get size(): number {
    return this.targets.size;
  }
}

/**
 * A list of texts prepared once, ranked keystroke after keystroke. Typing on at the end of the query can only
 * narrow the matches (each word of the query stays or grows, or words are added), so the next ranking scores only the
 * previous query's matches, in their order: the list shrinks as the query grows. A ranking never depends on the
 * calls before it, only the work does (so a render React throws away does no harm).
 */
export class FuzzyIndex {
  private readonly targets: readonly FuzzyTarget[];
  private previousQuery = '';
  /** The previous query's matches; undefined when it matched everything (the empty query). */
  private previousMatches: number[] | undefined;

  constructor(texts: readonly string[], cache?: FuzzyTargetCache) {
    this.targets = texts.map(cache ? (text) => cache.get(text) : prepareFuzzyTarget);
  }

  rank(query: string, limit: number): FuzzyRanking {
    // (Unless the previous query ended in half a surrogate pair, which the new text may complete into another character.)
    const narrows = query.startsWith(this.previousQuery) && !/[\uD800-\uDBFF]$/.test(this.previousQuery);
    const candidates = narrows ? this.previousMatches : undefined;
    const { indices, matches } = rankAmong(prepareFuzzyQuery(query), this.targets, limit, candidates);
    this.previousQuery = query;
    this.previousMatches = matches;
    return { indices, total: matches?.length ?? this.targets.length };
  }

  /** Score and highlighted ranges of one text (for the rows shown). */
  match(query: FuzzyQuery | string, index: number): FuzzyMatch | undefined {
    return fuzzyMatch(query, this.targets[index]!);
  }
}
