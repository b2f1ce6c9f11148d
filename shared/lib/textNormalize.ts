/**
 * Character-level normalization shared by the fact matcher: which code units are word characters, how they
 * fold for comparison, and NFKC normalization of a text with a map back to offsets in the original.
 */

/** Set on every filled table entry, so 0 can mean "not classified yet". */
export const CHAR_KNOWN = 1;
/** A Unicode letter, mark or digit: a match may not start or end between two of these. */
export const CHAR_WORD = 2;
/** The text must be NFKC-normalized before matching across this code unit (see COMPOSING). */
export const CHAR_UNSAFE = 4;
/** Half of a surrogate pair: word-ness depends on the whole code point. */
export const CHAR_SURROGATE = 8;
/** The folded code unit is stored above the flag bits. */
export const CHAR_FOLD_SHIFT = 4;

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
// Characters that can be the second half of a canonical composition are all combining marks or conjoining
// Hangul jamo (the compatibility jamo normalize to those), so a code unit outside this set that NFKC maps to
// one code unit is a normalization boundary: text made only of such units needs no normalization pass.
const COMPOSING = /[\p{M}\u1100-\u11FF\u3131-\u318E\uA960-\uA97F\uD7B0-\uD7FF]/u;
const STARTS_COMPOSING = /^[\p{M}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u;
const HORIZONTAL_SPACE = /^[ \t]$/;
export const SPACE = 0x20;

// Lazily filled: classifying all 65,536 code units up front would cost tens of milliseconds at start-up,
// while a text uses a few hundred of them.
const charInfo = new Int32Array(0x10000);
const canonTable = new Uint16Array(0x10000);

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

function canonString(ch: string): string {
  const compat = ch.normalize('NFKC');
  const single = compat.length === 1 ? compat : ch;
  if (HORIZONTAL_SPACE.test(single)) return ' ';
  // Typographic and straight apostrophes, and the Unicode hyphens, are interchangeable in analysts' text.
  if (single === '\u2019') return "'";
  if (single === '\u2010') return '-';
  return single;
}

function foldString(canon: string): string {
  // Upper-then-lower unifies variants plain lower-casing keeps apart (final sigma, dotless forms).
  const upper = canon.toUpperCase();
  const lower = (upper.length === 1 ? upper : canon).toLowerCase();
  if (lower.length === 1) return lower;
  const plain = canon.toLowerCase();
  return plain.length === 1 ? plain : canon;
}

function classify(code: number): number {
  const ch = String.fromCharCode(code);
  if (isSurrogate(code)) {
    canonTable[code] = code;
    return CHAR_KNOWN | CHAR_UNSAFE | CHAR_SURROGATE | (code << CHAR_FOLD_SHIFT);
  }
  const compat = ch.normalize('NFKC');
  // A character NFKC maps across the word/non-word line (Ⓐ to A) is matched as its normalized form.
  const unsafe =
    compat.length !== 1 || COMPOSING.test(ch) || COMPOSING.test(compat) || WORD_CHAR.test(ch) !== WORD_CHAR.test(compat);
  const canon = canonString(ch);
  canonTable[code] = canon.charCodeAt(0);
  return (
    CHAR_KNOWN |
    (WORD_CHAR.test(ch) ? CHAR_WORD : 0) |
    (unsafe ? CHAR_UNSAFE : 0) |
    (foldString(canon).charCodeAt(0) << CHAR_FOLD_SHIFT)
  );
}

/** Flags and folded form of one UTF-16 code unit (the `CHAR_*` bits). */
export function charInfoOf(code: number): number {
  const known = charInfo[code]!;
  if (known !== 0) return known;
  const info = classify(code);
  charInfo[code] = info;
  return info;
}

/** The code unit with compatibility forms, spaces, apostrophes and hyphens unified, but case kept. */
export function canonCodeOf(code: number): number {
  charInfoOf(code);
  return canonTable[code]!;
}

/** Whether the code point around `index` (either half of a surrogate pair) is a letter, mark or digit. */
export function isWordAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const info = charInfoOf(code);
  if ((info & CHAR_SURROGATE) === 0) return (info & CHAR_WORD) !== 0;
  const start = code >= 0xdc00 && index > 0 && isHighSurrogate(text.charCodeAt(index - 1)) ? index - 1 : index;
  const codePoint = text.codePointAt(start);
  return codePoint !== undefined && codePoint > 0xffff && WORD_CHAR.test(String.fromCodePoint(codePoint));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function mapUnits(normalized: string, unit: (code: number) => number): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < normalized.length; i++) {
    const code = unit(normalized.charCodeAt(i));
    if (code === SPACE) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += String.fromCharCode(code);
  }
  return out;
}

function normalizeAliasText(alias: string): string {
  return alias.replace(/\s+/gu, ' ').normalize('NFKC');
}

/** The alias as the matcher compares it case-insensitively: NFKC, folded, single spaces, trimmed. */
export function foldAlias(alias: string): string {
  return mapUnits(normalizeAliasText(alias), (code) => charInfoOf(code) >>> CHAR_FOLD_SHIFT);
}

/** The alias as the matcher compares it case-sensitively: like `foldAlias` but keeping case. */
export function canonAlias(alias: string): string {
  return mapUnits(normalizeAliasText(alias), canonCodeOf);
}

/** A text after NFKC normalization, with the way back to offsets in the text it came from. */
export interface NormalizedText {
  readonly text: string;
  /** Offset in the original text of a span start at `offset`; inside a changed character it rounds down. */
  startInOriginal(offset: number): number;
  /** Offset in the original text of a span end at `offset`; inside a changed character it rounds up. */
  endInOriginal(offset: number): number;
}

const attachesCache = new Map<number, boolean>();

/** Whether NFKC may combine this code point with what precedes it, so the two must be normalized together. */
function attachesToPrevious(codePoint: number): boolean {
  let attaches = attachesCache.get(codePoint);
  if (attaches === undefined) {
    attaches = STARTS_COMPOSING.test(String.fromCodePoint(codePoint).normalize('NFKD'));
    attachesCache.set(codePoint, attaches);
  }
  return attaches;
}

/**
 * NFKC-normalizes only the clusters that need it (a code point NFKC may change, with the marks that attach to
 * it or the character they attach to) and records where lengths changed, so offsets map back to the original
 * at cluster precision: a match next to a changed character still gets its exact original offsets.
 */
export function normalizeWithOffsets(text: string): NormalizedText {
  const pieces: string[] = [];
  // Parallel arrays, one element per cluster whose normalized form differs from the original.
  const normStarts: number[] = [];
  const normEnds: number[] = [];
  const origStarts: number[] = [];
  const origEnds: number[] = [];
  let copiedUpTo = 0;
  let normLength = 0;
  let clusterStart = 0;
  let clusterNeedsNormalizing = false;
  const endCluster = (end: number): void => {
    if (!clusterNeedsNormalizing) return;
    clusterNeedsNormalizing = false;
    const original = text.slice(clusterStart, end);
    const normalized = original.normalize('NFKC');
    pieces.push(text.slice(copiedUpTo, clusterStart), normalized);
    normLength += clusterStart - copiedUpTo;
    if (normalized !== original) {
      normStarts.push(normLength);
      normEnds.push(normLength + normalized.length);
      origStarts.push(clusterStart);
      origEnds.push(end);
    }
    normLength += normalized.length;
    copiedUpTo = end;
  };
  let i = 0;
  while (i < text.length) {
    if ((charInfoOf(text.charCodeAt(i)) & CHAR_UNSAFE) === 0) {
      endCluster(i);
      clusterStart = i;
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    if (!attachesToPrevious(codePoint)) {
      endCluster(i);
      clusterStart = i;
    }
    clusterNeedsNormalizing = true;
    i += codePoint > 0xffff ? 2 : 1;
  }
  endCluster(text.length);
  pieces.push(text.slice(copiedUpTo));

  // Index of the last changed cluster starting at or before `offset` (strictly before, for span ends).
  const clusterBefore = (offset: number, strict: boolean): number => {
    let lo = 0;
    let hi = normStarts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = normStarts[mid]!;
      if (at < offset || (!strict && at === offset)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  };
  const toOriginal = (offset: number, isEnd: boolean): number => {
    const k = clusterBefore(offset, isEnd);
    if (k < 0) return offset;
    const normEnd = normEnds[k]!;
    if (offset < normEnd || (isEnd && offset === normEnd)) return isEnd ? origEnds[k]! : origStarts[k]!;
    return offset - normEnd + origEnds[k]!;
  };
  return {
    text: pieces.join(''),
    startInOriginal: (offset) => toOriginal(offset, false),
    endInOriginal: (offset) => toOriginal(offset, true),
  };
}
