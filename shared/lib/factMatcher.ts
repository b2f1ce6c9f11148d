import type { Fact } from '../model/fact';
import {
  CHAR_FOLD_SHIFT,
  CHAR_KNOWN,
  CHAR_SURROGATE,
  CHAR_UNSAFE,
  CHAR_WORD,
  SPACE,
  canonAlias,
  canonCodeOf,
  charInfoOf,
  foldAlias,
  isWordAt,
  normalizeWithOffsets,
} from './textNormalize';

export interface MatcherEntry {
  factId: string;
  alias: string;
  caseSensitive: boolean;
}

/** UTF-16 offsets into the original text, half-open; `alias` is the catalogue text of the alias that matched. */
export interface MatchSpan {
  start: number;
  end: number;
  factId: string;
  alias: string;
}

export interface FactMatcher {
  /** Leftmost, then longest, non-overlapping matches in one pass over `text` (e.g. one paragraph). */
  match(text: string): MatchSpan[];
  /** How many entries the matcher can report (empty and shadowed duplicates excluded). */
  readonly size: number;
}

interface Candidate {
  readonly factId: string;
  readonly alias: string;
  readonly caseSensitive: boolean;
  /** For case-sensitive entries, the alias normalized but keeping its case; empty otherwise. */
  readonly canon: string;
}

const FREE = -1;
const ROOT = 0;
const NO_TERMINAL = -1;
const NO_NODE = -1;
const NO_MATCH = -1;
/** Trie cells are [check, base, terminal] triples in one array, so a step's reads share a cache line. */
const CELL = 3;
const BASE = 1;
const TERMINAL = 2;
/** Set in a terminal cell (index of its candidate list × 2) when the first candidate is case-sensitive. */
const CASE_CHECK = 1;
// Per-matcher class of a code unit: the CHAR_* flags; STARTS_ALIAS when some alias begins with it; above them
// its trie label times CELL (0: no alias contains it), ready to add to a base.
const FLAG_MASK = (1 << CHAR_FOLD_SHIFT) - 1;
const STARTS_ALIAS = 1 << CHAR_FOLD_SHIFT;
/** Shifting a class right by this moves STARTS_ALIAS onto CHAR_WORD. */
const STARTS_TO_WORD = CHAR_FOLD_SHIFT - 1;
const LABEL_SHIFT = CHAR_FOLD_SHIFT + 1;

/**
 * A trie over folded alias code units, stored as a double array so each step is one addition and one
 * comparison. Matching starts only where a match may start (not inside a word) and walks the trie as far as the
 * text allows, remembering the longest end that sits on a word boundary; a whole paragraph is one pass with no
 * per-fact work.
 */
class DoubleArrayMatcher implements FactMatcher {
  readonly size: number;
  /** Per code unit: 0 until first seen, then its class (filled lazily, like the shared character table). */
  private readonly classes = new Int32Array(0x10000);

  constructor(
    private readonly alphabet: ReadonlyMap<number, number>,
    /** Indexed by state = cell index × CELL; `base` and `check` hold states too. */
    private readonly cells: Int32Array,
    private readonly candidates: readonly (readonly Candidate[])[],
    private readonly spaceStep: number,
  ) {
    this.size = candidates.reduce((sum, list) => sum + list.length, 0);
  }

  match(text: string): MatchSpan[] {
    if (this.size === 0 || text.length === 0) return [];
    const spans: MatchSpan[] = [];
    // Almost every text needs no normalization, and the first scan finds that out as it goes.
    if (this.scan(text, true, spans)) return spans;
    const normalized = normalizeWithOffsets(text);
    const found: MatchSpan[] = [];
    this.scan(normalized.text, false, found);
    return found.map((span) => ({
      ...span,
      start: normalized.startInOriginal(span.start),
      end: normalized.endInOriginal(span.end),
    }));
  }

  /**
   * The class of the code unit at `index`, classifying it on first sight and resolving `special` units.
   * Returns -1 when `fast` and the text needs normalization.
   */
  private classAt(text: string, index: number, special: number, fast: boolean): number {
    const code = text.charCodeAt(index);
    let cls = this.classes[code]!;
    if (cls === 0) {
      const info = charInfoOf(code);
      const step = (this.alphabet.get(info >>> CHAR_FOLD_SHIFT) ?? 0) * CELL;
      const startsAlias = step !== 0 && this.cells[this.cells[ROOT + BASE]! + step] === ROOT;
      cls = (info & FLAG_MASK) | (startsAlias ? STARTS_ALIAS : 0) | (step << LABEL_SHIFT);
      this.classes[code] = cls;
    }
    if ((cls & special) === 0) return cls;
    if (fast) return -1;
    return isWordAt(text, index) ? cls | CHAR_WORD : cls & ~CHAR_WORD;
  }

  /**
   * Returns false, leaving `spans` incomplete, when `fast` and the text turns out to need normalization.
   * Everything is inline and arranged so that a character which cannot start a match takes no unpredictable
   * branch: this loop is the whole cost of matching, and a mispredicted branch costs as much as a dozen
   * characters.
   */
  private scan(text: string, fast: boolean, spans: MatchSpan[]): boolean {
    const { cells, classes, candidates, spaceStep } = this;
    const special = fast ? CHAR_UNSAFE : CHAR_SURROGATE;
    const lookupMask = CHAR_KNOWN | special;
    const rootBase = cells[ROOT + BASE]!;
    const n = text.length;
    let prev = 0;
    for (let i = 0; i < n; i++) {
      let cls = classes[text.charCodeAt(i)]!;
      if ((cls & lookupMask) !== CHAR_KNOWN) {
        cls = this.classAt(text, i, special, fast);
        if (cls < 0) return false;
      }
      // Some alias starts with this character, and it does not continue a word.
      if (((cls >>> STARTS_TO_WORD) & ~(cls & prev) & CHAR_WORD) !== 0) {
        let state = rootBase + (cls >>> LABEL_SHIFT);
        let lastWord = (cls & CHAR_WORD) !== 0;
        let bestEnd = NO_MATCH;
        let bestTerminal = NO_TERMINAL;
        let j = i + 1;
        for (;;) {
          let next = 0;
          if (j < n) {
            next = classes[text.charCodeAt(j)]!;
            if ((next & lookupMask) !== CHAR_KNOWN) {
              next = this.classAt(text, j, special, fast);
              if (next < 0) return false;
            }
          }
          const nextWord = (next & CHAR_WORD) !== 0;
          const terminal = cells[state + TERMINAL]!;
          if (
            terminal !== NO_TERMINAL &&
            !(lastWord && nextWord) &&
            ((terminal & CASE_CHECK) === 0 || pick(candidates[terminal >> 1]!, text, i, j) !== undefined)
          ) {
            bestTerminal = terminal;
            bestEnd = j;
          }
          const step = next >>> LABEL_SHIFT;
          if (step === 0) break;
          const child = cells[state + BASE]! + step;
          if (cells[child] !== state) break;
          state = child;
          lastWord = nextWord;
          j++;
          if (step === spaceStep) {
            while (j < n && this.classAt(text, j, 0, false) >>> LABEL_SHIFT === spaceStep) j++;
          }
        }
        if (bestTerminal !== NO_TERMINAL) {
          const list = candidates[bestTerminal >> 1]!;
          const best = (bestTerminal & CASE_CHECK) === 0 ? list[0]! : pick(list, text, i, bestEnd)!;
          spans.push({ start: i, end: bestEnd, factId: best.factId, alias: best.alias });
          // The end is on a boundary, so the next character may start a match whatever its class.
          prev = 0;
          i = bestEnd - 1;
          continue;
        }
      }
      prev = cls;
    }
    return true;
  }
}

function pick(list: readonly Candidate[], text: string, start: number, end: number): Candidate | undefined {
  return list.find((candidate) => !candidate.caseSensitive || sameCase(text, start, end, candidate.canon));
}

function sameCase(text: string, start: number, end: number, canon: string): boolean {
  let k = 0;
  let j = start;
  while (j < end) {
    const code = canonCodeOf(text.charCodeAt(j));
    if (code !== canon.charCodeAt(k)) return false;
    k++;
    j++;
    if (code === SPACE) while (j < end && canonCodeOf(text.charCodeAt(j)) === SPACE) j++;
  }
  return k === canon.length;
}

/** A growable Int32Array whose unset cells read as `empty`. */
class Cells {
  private data: Int32Array;

  constructor(private readonly empty: number) {
    this.data = new Int32Array(1024).fill(empty);
  }

  get(index: number): number {
    return index < this.data.length ? this.data[index]! : this.empty;
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) {
      const grown = new Int32Array(Math.max(index + 1, this.data.length * 2)).fill(this.empty);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[index] = value;
  }
}

/**
 * Compiles the catalogue's aliases. When several entries fold to the same alias text, the first in catalogue
 * order whose case rule accepts the text wins; later ones it always beats (an identical case-insensitive
 * alias of another fact) are dropped rather than reported twice or rejected, because ambiguity is the
 * catalogue checks' business, not the matcher's.
 */
export function compileMatcher(entries: readonly MatcherEntry[]): FactMatcher {
  const alphabet = new Map<number, number>();
  // The pointer trie, as parallel arrays (first child / next sibling lists): a Map per node costs more in
  // garbage collection at 10,000 aliases than all the rest of compiling.
  const labelOf = [0];
  const firstChild = [NO_NODE];
  const nextSibling = [NO_NODE];
  const terminalOfNode = [NO_TERMINAL];
  const candidates: Candidate[][] = [];

  for (const entry of entries) {
    const folded = foldAlias(entry.alias);
    if (folded === '') continue;
    let node = ROOT;
    for (let k = 0; k < folded.length; k++) {
      const code = folded.charCodeAt(k);
      let label = alphabet.get(code);
      if (label === undefined) {
        label = alphabet.size + 1;
        alphabet.set(code, label);
      }
      let child = firstChild[node]!;
      while (child !== NO_NODE && labelOf[child] !== label) child = nextSibling[child]!;
      if (child === NO_NODE) {
        child = labelOf.length;
        labelOf.push(label);
        firstChild.push(NO_NODE);
        nextSibling.push(firstChild[node]!);
        terminalOfNode.push(NO_TERMINAL);
        firstChild[node] = child;
      }
      node = child;
    }
    const candidate: Candidate = {
      factId: entry.factId,
      alias: entry.alias,
      caseSensitive: entry.caseSensitive,
      canon: entry.caseSensitive ? canonAlias(entry.alias) : '',
    };
    let term = terminalOfNode[node]!;
    if (term === NO_TERMINAL) {
      term = candidates.length;
      candidates.push([]);
      terminalOfNode[node] = term;
    }
    const list = candidates[term]!;
    const shadowed = list.some((c) => !c.caseSensitive || (candidate.caseSensitive && c.canon === candidate.canon));
    if (!shadowed) list.push(candidate);
  }

  const base = new Cells(0);
  const check = new Cells(FREE);
  const terminal = new Cells(NO_TERMINAL);
  check.set(ROOT, ROOT);
  let firstFree = 1;
  let lastUsed = ROOT;
  const slotOfNode = new Int32Array(labelOf.length);
  const labels: number[] = [];
  // Depth-first placement keeps each alias's chain of cells close together, which the walk's reads like.
  const stack = [ROOT];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const slot = slotOfNode[node]!;
    terminal.set(slot, terminalOfNode[node]!);
    labels.length = 0;
    for (let child = firstChild[node]!; child !== NO_NODE; child = nextSibling[child]!) labels.push(labelOf[child]!);
    if (labels.length === 0) continue;
    labels.sort((a, b) => a - b);
    const first = labels[0]!;
    while (check.get(firstFree) !== FREE) firstFree++;
    let offset = Math.max(firstFree, first) - first;
    while (!fits(check, offset, labels)) offset++;
    base.set(slot, offset);
    for (let child = firstChild[node]!; child !== NO_NODE; child = nextSibling[child]!) {
      const childSlot = offset + labelOf[child]!;
      check.set(childSlot, slot);
      lastUsed = Math.max(lastUsed, childSlot);
      slotOfNode[child] = childSlot;
      stack.push(child);
    }
  }

  // Room past the last used cell for the largest label, so no step reads outside the array.
  const slots = lastUsed + alphabet.size + 2;
  const cells = new Int32Array(slots * CELL);
  for (let slot = 0; slot < slots; slot++) {
    const parent = check.get(slot);
    cells[slot * CELL] = parent === FREE ? FREE : parent * CELL;
    cells[slot * CELL + BASE] = base.get(slot) * CELL;
    const term = terminal.get(slot);
    cells[slot * CELL + TERMINAL] =
      term === NO_TERMINAL ? NO_TERMINAL : (term << 1) | (candidates[term]![0]!.caseSensitive ? CASE_CHECK : 0);
  }
  return new DoubleArrayMatcher(alphabet, cells, candidates, (alphabet.get(SPACE) ?? 0) * CELL);
}

function fits(check: Cells, offset: number, labels: readonly number[]): boolean {
  for (const label of labels) if (check.get(offset + label) !== FREE) return false;
  return true;
}

/**
 * One entry per alias plus the label. The label is case-insensitive unless a case-sensitive alias has exactly
 * its text (the catalogue marks "Moon" case-sensitive so the label must not undo that). Within a fact an entry
 * is dropped when another already matches everything it would.
 */
export function matcherEntriesFromFacts(facts: readonly Fact[]): MatcherEntry[] {
  const entries: MatcherEntry[] = [];
  for (const fact of facts) {
    const own = [
      { alias: fact.label, caseSensitive: fact.aliases.some((a) => a.caseSensitive && a.text === fact.label) },
      ...fact.aliases.map((a) => ({ alias: a.text, caseSensitive: a.caseSensitive })),
    ];
    const insensitive = new Set(own.filter((e) => !e.caseSensitive).map((e) => foldAlias(e.alias)));
    const seen = new Set<string>();
    for (const { alias, caseSensitive } of own) {
      const folded = foldAlias(alias);
      if (caseSensitive && insensitive.has(folded)) continue;
      const key = caseSensitive ? `cs:${canonAlias(alias)}` : `ci:${folded}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ factId: fact.id, alias, caseSensitive });
    }
  }
  return entries;
}
