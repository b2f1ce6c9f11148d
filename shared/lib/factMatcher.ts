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
  /** Words that, right after the alias, mean it is not a mention (see the Alias schema). */
  unlessFollowedBy?: readonly string[];
}

/**
 * UTF-16 offsets into the original text, half-open; `alias` is the catalogue text of the alias that matched (the
 * leftmost one, when overlapping mentions of one fact were joined).
 */
export interface MatchSpan {
  start: number;
  end: number;
  factId: string;
  alias: string;
}

export interface FactMatcher {
  /**
   * Leftmost, then longest, non-overlapping matches in one pass over `text` (e.g. one paragraph). A mention of the
   * same fact that starts inside a match and runs past its end joins it: "President Moon Jae-in" is one match of
   * "President Moon" and "Moon Jae-in", not "President Moon" followed by a stray "Jae-in".
   */
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
  /** The entry's `unlessFollowedBy`, folded; undefined when it has none. */
  readonly unlessFollowedBy: ReadonlySet<string> | undefined;
  /** Whether an alias of the same fact may start inside a match of this one and run past its end (see mayJoin). */
  readonly mayJoin: boolean;
}

/** Whether a match of the candidate's alias may end at `end`: its case, and the word after it. */
function accepts(candidate: Candidate, text: string, start: number, end: number): boolean {
  if (candidate.caseSensitive && !sameCase(text, start, end, candidate.canon)) return false;
  return candidate.unlessFollowedBy === undefined || !candidate.unlessFollowedBy.has(foldedWordAfter(text, end));
}

/** The word after the spaces at `end`, folded; empty when no space or no word follows. */
function foldedWordAfter(text: string, end: number): string {
  let start = end;
  while (start < text.length && canonCodeOf(text.charCodeAt(start)) === SPACE) start++;
  if (start === end) return '';
  let wordEnd = start;
  while (wordEnd < text.length && isWordAt(text, wordEnd)) wordEnd++;
  return foldAlias(text.slice(start, wordEnd));
}

/** Whether `earlier` accepts every match `candidate` would, so that `candidate`, listed after it, is never picked. */
function isShadowedBy(candidate: Candidate, earlier: Candidate): boolean {
  if (earlier.unlessFollowedBy !== undefined) return false;
  return !earlier.caseSensitive || (candidate.caseSensitive && earlier.canon === candidate.canon);
}

// The constants of the scanning loops are const enums so that they compile to literals: Node 20's JIT reloads and
// re-checks a module-level `const` at every use inside a loop, which cost the scan a fifth of its time.

/** Trie cells are [check, base, terminal] triples in one array, so a step's reads share a cache line. */
const enum Trie {
  Root = 0,
  Base = 1,
  Terminal = 2,
  Cell = 3,
}

/**
 * A terminal cell holds the index of its candidate list × 2, with Check set when the first candidate does not accept
 * every match (it is case-sensitive, or has words it must not be followed by).
 */
const enum Terminal {
  None = -1,
  Check = 1,
}

/** Used while compiling only. */
const FREE = -1;
const NO_NODE = -1;

/** What a walk from a position returns instead of the end of a match. */
const enum Walk {
  NoMatch = -1,
  /** The fast scan met a character that needs normalization. */
  NeedsNormalizing = -2,
}

/**
 * Per-matcher class of a code unit: the character flags of `charInfoOf`; StartsAlias when it is not a word
 * character and some alias begins with it; Stop when the per-character loop must hand it to the scan (it starts an
 * alias, needs normalizing or is half of a surrogate pair; a class not yet computed is Stop alone); above them its
 * trie label times Trie.Cell (0: no alias contains it), ready to add to a base.
 */
const enum Class {
  Known = 1,
  Word = 2,
  Unsafe = 4,
  Surrogate = 8,
  StartsAlias = 16,
  Stop = 32,
  LabelShift = 6,
}

function classFlags(info: number): number {
  return (
    ((info & CHAR_KNOWN) !== 0 ? Class.Known : 0) |
    ((info & CHAR_WORD) !== 0 ? Class.Word : 0) |
    ((info & CHAR_UNSAFE) !== 0 ? Class.Unsafe : 0) |
    ((info & CHAR_SURROGATE) !== 0 ? Class.Surrogate : 0)
  );
}

const enum Ending {
  Bits = 18,
  /** Where the endings bitset starts in the lookup table, after a class for each UTF-16 code unit. */
  Offset = 0x10000,
  Shift = 5,
  Multiplier = 0x9e3779b1 | 0,
}

/**
 * A word's ending: its trie labels folded in one by one, each shifting the earlier ones up, so it keeps about the
 * last six characters. The endings bitset holds the endings of the aliases' first words. Most words of a text
 * begin no alias, and a lookup at every character, made whether or not a word ends there, costs less than walking
 * the trie from every word start or branching at every word end, neither of which the processor can predict. An
 * ending that happens to fit (a collision, or an English word that ends like a name) is settled by the walk.
 */
function extendEnding(ending: number, step: number): number {
  return (ending << Ending.Shift) ^ step;
}

function endingBit(ending: number): number {
  return Math.imul(ending, Ending.Multiplier) >>> (32 - Ending.Bits);
}

const enum WordState {
  /** Class.Word if the previous character was a word character, else 0. */
  PrevWord = 0,
  /** The ending of the word just passed (see extendEnding), 0 after a non-word character. */
  Ending = 1,
}

/** The state before a word starts (a TypedArray's fill() is a builtin call, which costs more than these stores). */
function clearWordState(state: Int32Array): void {
  state[WordState.PrevWord] = 0;
  state[WordState.Ending] = 0;
}

/**
 * The per-character loop: from `from`, passes over characters until one whose class says Stop or one where a word
 * with a known ending ends (or the end of the text), and returns where it stopped, with `state` as it was before
 * that character. It has one branch a character, carries no arithmetic from one character to the next and calls
 * nothing, so the JIT keeps it in registers.
 */
function passWords(
  text: string,
  from: number,
  table: Int32Array,
  state: Int32Array,
): number {
  let prevWord = state[WordState.PrevWord]!;
  let ending = state[WordState.Ending]!;
  const n = text.length;
  let i = from;
  for (; i < n; i++) {
    const cls = table[text.charCodeAt(i)]!;
    const word = cls & Class.Word;
    // 1 where a word ends.
    const endsWord = (prevWord & ~word) >> 1;
    // endingBit and extendEnding written out: Node 20 checks a module-level function's binding at every call.
    const bit = Math.imul(ending, Ending.Multiplier) >>> (32 - Ending.Bits);
    const fits = (table[Ending.Offset + (bit >>> 5)]! >>> (bit & 31)) & endsWord;
    if ((fits | (cls & Class.Stop)) !== 0) break;
    // A non-word character clears the ending, so a short word's ending does not take in the word before it.
    prevWord = word;
    ending = ((ending << Ending.Shift) ^ (cls >>> Class.LabelShift)) & -(word >> 1);
  }
  state[WordState.PrevWord] = prevWord;
  state[WordState.Ending] = ending;
  return i;
}

/**
 * A trie over folded alias code units, stored as a double array so each step is one addition and one
 * comparison. The scan passes over each character once, keeping the ending of the word it is in, and walks the
 * trie only from a word whose ending is that of some alias's first word (or from a non-word character some alias
 * begins with), remembering the longest end that sits on a word boundary. A whole paragraph is one pass with no
 * per-fact work.
 */
class DoubleArrayMatcher implements FactMatcher {
  readonly size: number;
  /**
   * Per UTF-16 code unit, Class.Stop until first seen, then its class (filled lazily, like the shared character
   * table); from Ending.Offset on, the endings bitset (see extendEnding). One array, so that the per-character loop
   * has one object to check.
   */
  private readonly table: Int32Array;
  /** The first candidate of each terminal, one reference away: most matches need no check. */
  private readonly primary: readonly Candidate[];
  /** `passWords`'s state between calls, indexed by WordState. */
  private readonly wordState = new Int32Array(2);

  constructor(
    private readonly alphabet: ReadonlyMap<number, number>,
    /** Indexed by state = cell index × Trie.Cell; `base` and `check` hold states too. */
    private readonly cells: Int32Array,
    private readonly candidates: readonly (readonly Candidate[])[],
    private readonly spaceStep: number,
    endings: Int32Array,
  ) {
    this.size = candidates.reduce((sum, list) => sum + list.length, 0);
    this.primary = candidates.map((list) => list[0]!);
    this.table = new Int32Array(Ending.Offset + endings.length).fill(Class.Stop, 0, Ending.Offset);
    this.table.set(endings, Ending.Offset);
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
   * Returns Walk.NeedsNormalizing when `fast` and the text needs normalization.
   */
  private classAt(text: string, index: number, special: number, fast: boolean): number {
    const code = text.charCodeAt(index);
    let cls = this.table[code]!;
    if (cls === Class.Stop) {
      const info = charInfoOf(code);
      const step = (this.alphabet.get(info >>> CHAR_FOLD_SHIFT) ?? 0) * Trie.Cell;
      const startsAlias =
        (info & CHAR_WORD) === 0 && step !== 0 && this.cells[this.cells[Trie.Root + Trie.Base]! + step] === Trie.Root;
      const stop = startsAlias || (info & (CHAR_UNSAFE | CHAR_SURROGATE)) !== 0;
      cls = classFlags(info) | (startsAlias ? Class.StartsAlias : 0) | (stop ? Class.Stop : 0) | (step << Class.LabelShift);
      this.table[code] = cls;
    }
    if ((cls & special) === 0) return cls;
    if (fast) return Walk.NeedsNormalizing;
    return isWordAt(text, index) ? cls | Class.Word : cls & ~Class.Word;
  }

  /**
   * Returns false, leaving `spans` incomplete, when `fast` and the text turns out to need normalization.
   * `passWords` does the per-character work; this handles what it stops at, which is rare.
   */
  private scan(text: string, fast: boolean, spans: MatchSpan[]): boolean {
    const { table, wordState: state } = this;
    const special = fast ? Class.Unsafe : Class.Surrogate;
    const n = text.length;
    clearWordState(state);
    let i = 0;
    for (;;) {
      i = passWords(text, i, table, state);
      // The end of the text closes the last word like a non-word character would.
      let cls: number = Class.Known;
      if (i < n) {
        cls = this.classAt(text, i, special, fast);
        if (cls === Walk.NeedsNormalizing) return false;
        if ((cls & Class.Word) !== 0) {
          // A word character seen for the first time, or one whose word-ness depends on its position (an astral
          // letter, which the endings cannot know: walk from its word now): step over it here.
          if ((cls & Class.Surrogate) !== 0) {
            const end = this.longestMatchAt(text, this.wordStartBefore(text, i, special), special, fast, spans);
            if (end !== Walk.NoMatch) {
              clearWordState(state);
              i = end;
              continue;
            }
          }
          state[WordState.PrevWord] = Class.Word;
          state[WordState.Ending] = extendEnding(state[WordState.Ending]!, cls >>> Class.LabelShift);
          i++;
          continue;
        }
      }
      // A word ends here (its ending fits, or the character is new here), or an alias may start here.
      let end: number = Walk.NoMatch;
      if (state[WordState.PrevWord] !== 0) {
        end = this.longestMatchAt(text, this.wordStartBefore(text, i, special), special, fast, spans);
      }
      if (end === Walk.NoMatch && (cls & Class.StartsAlias) !== 0) end = this.longestMatchAt(text, i, special, fast, spans);
      if (end === Walk.NeedsNormalizing) return false;
      if (i === n) return true;
      clearWordState(state);
      // A match ends on a boundary, so the character there may start a match whatever precedes it.
      i = end === Walk.NoMatch ? i + 1 : end;
    }
  }

  /** Where the word that ends just before `end` starts; the scan has classed every character before `end`. */
  private wordStartBefore(text: string, end: number, special: number): number {
    const { table } = this;
    let start = end;
    while (start > 0) {
      let cls = table[text.charCodeAt(start - 1)]!;
      if ((cls & Class.Stop) !== 0) cls = this.classAt(text, start - 1, special, false);
      if ((cls & Class.Word) === 0) break;
      start--;
    }
    return start;
  }

  /**
   * Walks the trie from `start` and returns the end of the longest match ending on a boundary, reporting it in
   * `spans` joined with the overlapping mentions of its fact. The caller has checked that a match may start there.
   * Without `spans`, a probe for joinedEnd: returns the end of the longest match of `onlyFact` past `after`.
   */
  private longestMatchAt(
    text: string,
    start: number,
    special: number,
    fast: boolean,
    spans: MatchSpan[] | undefined,
    onlyFact?: string,
    after = start,
  ): number {
    const { cells, table, candidates, spaceStep } = this;
    const n = text.length;
    // The scan has classed every character up to `start`, but an astral one's word-ness depends on its position.
    let first = table[text.charCodeAt(start)]!;
    if ((first & Class.Stop) !== 0) first = this.classAt(text, start, special, fast);
    const firstStep = first >>> Class.LabelShift;
    let state = cells[Trie.Root + Trie.Base]! + firstStep;
    if (firstStep === 0 || cells[state] !== Trie.Root) return Walk.NoMatch;
    let lastWord = (first & Class.Word) !== 0;
    let bestEnd: number = Walk.NoMatch;
    let bestTerminal: number = Terminal.None;
    let j = start + 1;
    for (;;) {
      let next = 0;
      if (j < n) {
        next = table[text.charCodeAt(j)]!;
        if ((next & Class.Stop) !== 0) next = this.classAt(text, j, special, fast);
        if (next === Walk.NeedsNormalizing) return Walk.NeedsNormalizing;
      }
      const nextWord = (next & Class.Word) !== 0;
      const terminal = cells[state + Trie.Terminal]!;
      if (
        terminal !== Terminal.None &&
        j > after &&
        !(lastWord && nextWord) &&
        ((terminal & Terminal.Check) === 0 || pick(candidates[terminal >> 1]!, text, start, j) !== undefined) &&
        (onlyFact === undefined || this.acceptedAt(terminal, text, start, j).factId === onlyFact)
      ) {
        bestTerminal = terminal;
        bestEnd = j;
      }
      const step = next >>> Class.LabelShift;
      if (step === 0) break;
      const child = cells[state + Trie.Base]! + step;
      if (cells[child] !== state) break;
      state = child;
      lastWord = nextWord;
      j++;
      if (step === spaceStep) {
        while (j < n && this.classAt(text, j, 0, false) >>> Class.LabelShift === spaceStep) j++;
      }
    }
    if (bestTerminal === Terminal.None || spans === undefined) return bestEnd;
    const best = this.acceptedAt(bestTerminal, text, start, bestEnd);
    const end = best.mayJoin ? this.joinedEnd(text, start, bestEnd, best.factId, special, fast) : bestEnd;
    if (end === Walk.NeedsNormalizing) return end;
    spans.push({ start, end, factId: best.factId, alias: best.alias });
    return end;
  }

  /** The candidate a terminal's match from `start` to `end` is of; the match is known to be accepted. */
  private acceptedAt(terminal: number, text: string, start: number, end: number): Candidate {
    return (terminal & Terminal.Check) === 0 ? this.primary[terminal >> 1]! : pick(this.candidates[terminal >> 1]!, text, start, end)!;
  }

  /**
   * The end of the match of `factId` from `start` to `end` once joined with every mention of that fact that starts
   * inside it and runs past its end, and so on ("President Moon" + "Moon Jae-in").
   */
  private joinedEnd(text: string, start: number, end: number, factId: string, special: number, fast: boolean): number {
    // A mention starts at a non-word character or at the first character of a word; the walk has classed every
    // character up to `end`.
    let prevWord = false;
    for (let inner = start; inner < end; inner++) {
      let cls = this.table[text.charCodeAt(inner)]!;
      if ((cls & Class.Stop) !== 0) cls = this.classAt(text, inner, special, fast);
      const word = (cls & Class.Word) !== 0;
      if (inner > start && !(word && prevWord)) {
        const innerEnd = this.longestMatchAt(text, inner, special, fast, undefined, factId, end);
        if (innerEnd === Walk.NeedsNormalizing) return innerEnd;
        if (innerEnd > end) end = innerEnd;
      }
      prevWord = word;
    }
    return end;
  }
}

function pick(list: readonly Candidate[], text: string, start: number, end: number): Candidate | undefined {
  return list.find((candidate) => accepts(candidate, text, start, end));
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
  const firstChild: number[] = [NO_NODE];
  const nextSibling: number[] = [NO_NODE];
  const terminalOfNode: number[] = [Terminal.None];
  const candidates: Candidate[][] = [];
  const endings = new Int32Array(1 << (Ending.Bits - 5));
  const foldedOf = entries.map((entry) => foldAlias(entry.alias));
  const foldedByFact = new Map<string, string[]>();
  entries.forEach((entry, index) => {
    const list = foldedByFact.get(entry.factId);
    if (list) list.push(foldedOf[index]!);
    else foldedByFact.set(entry.factId, [foldedOf[index]!]);
  });

  for (const [index, entry] of entries.entries()) {
    const folded = foldedOf[index]!;
    if (folded === '') continue;
    const firstWordSteps: number[] = [];
    let node: number = Trie.Root;
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
        terminalOfNode.push(Terminal.None);
        firstChild[node] = child;
      }
      node = child;
      if (firstWordSteps.length === k && (charInfoOf(code) & (CHAR_WORD | CHAR_SURROGATE)) === CHAR_WORD) {
        firstWordSteps.push(label * Trie.Cell);
      }
    }
    if (firstWordSteps.length > 0) {
      const bit = endingBit(firstWordSteps.reduce(extendEnding, 0));
      endings[bit >>> 5] = endings[bit >>> 5]! | (1 << (bit & 31));
    }
    const candidate: Candidate = {
      factId: entry.factId,
      alias: entry.alias,
      caseSensitive: entry.caseSensitive,
      canon: entry.caseSensitive ? canonAlias(entry.alias) : '',
      unlessFollowedBy: entry.unlessFollowedBy?.length ? new Set(entry.unlessFollowedBy.map(foldAlias)) : undefined,
      mayJoin: mayJoin(folded, foldedByFact.get(entry.factId)!),
    };
    let term = terminalOfNode[node]!;
    if (term === Terminal.None) {
      term = candidates.length;
      candidates.push([]);
      terminalOfNode[node] = term;
    }
    const list = candidates[term]!;
    if (!list.some((earlier) => isShadowedBy(candidate, earlier))) list.push(candidate);
  }

  const base = new Cells(0);
  const check = new Cells(FREE);
  const terminal = new Cells(Terminal.None);
  check.set(Trie.Root, Trie.Root);
  let firstFree = 1;
  let lastUsed: number = Trie.Root;
  const slotOfNode = new Int32Array(labelOf.length);
  const labels: number[] = [];
  // Depth-first placement keeps each alias's chain of cells close together, which the walk's reads like.
  const stack: number[] = [Trie.Root];
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
  const cells = new Int32Array(slots * Trie.Cell);
  for (let slot = 0; slot < slots; slot++) {
    const parent = check.get(slot);
    cells[slot * Trie.Cell] = parent === FREE ? FREE : parent * Trie.Cell;
    cells[slot * Trie.Cell + Trie.Base] = base.get(slot) * Trie.Cell;
    const term = terminal.get(slot);
    cells[slot * Trie.Cell + Trie.Terminal] =
      term === Terminal.None ? Terminal.None : (term << 1) | (needsCheck(candidates[term]![0]!) ? Terminal.Check : 0);
  }
  return new DoubleArrayMatcher(
    alphabet,
    cells,
    candidates,
    (alphabet.get(SPACE) ?? 0) * Trie.Cell,
    endings,
  );
}

/**
 * Whether one of `sameFact` (folded aliases of the alias's fact) may start inside a match of `folded` and run past
 * its end: some proper suffix of `folded` where a mention may start is a shorter prefix of it ("president moon" and
 * "moon jae-in"). Most aliases overlap no other, and their matches skip the search for mentions to join.
 */
function mayJoin(folded: string, sameFact: readonly string[]): boolean {
  for (let k = 1; k < folded.length; k++) {
    const code = folded.charCodeAt(k);
    // Not inside a word (an astral character's word-ness is not known from one half: it may be a start).
    const inWord = (charInfoOf(code) & (CHAR_WORD | CHAR_SURROGATE)) === CHAR_WORD;
    if (inWord && (charInfoOf(folded.charCodeAt(k - 1)) & (CHAR_WORD | CHAR_SURROGATE)) === CHAR_WORD) continue;
    for (const other of sameFact) {
      if (other.length > folded.length - k && other.charCodeAt(0) === code && other.startsWith(folded.slice(k))) return true;
    }
  }
  return false;
}

function needsCheck(candidate: Candidate): boolean {
  return candidate.caseSensitive || candidate.unlessFollowedBy !== undefined;
}

function fits(check: Cells, offset: number, labels: readonly number[]): boolean {
  for (const label of labels) if (check.get(offset + label) !== FREE) return false;
  return true;
}

/**
 * One entry per alias plus the label. The label takes the flags of an alias with exactly its text (the catalogue
 * marks "Moon" case-sensitive so the label must not undo that), and is otherwise case-insensitive. Within a fact
 * an entry is dropped when another already matches everything it would.
 */
export function matcherEntriesFromFacts(facts: readonly Fact[]): MatcherEntry[] {
  const entries: MatcherEntry[] = [];
  for (const fact of facts) {
    const sameAsLabel = fact.aliases.find((a) => a.text === fact.label);
    const own = [{ ...sameAsLabel, text: fact.label, caseSensitive: sameAsLabel?.caseSensitive ?? false }, ...fact.aliases];
    const unconditional = new Set(own.filter((a) => !a.caseSensitive && !a.unlessFollowedBy).map((a) => foldAlias(a.text)));
    const seen = new Set<string>();
    for (const { text, caseSensitive, unlessFollowedBy } of own) {
      const folded = foldAlias(text);
      const conditional = caseSensitive || unlessFollowedBy !== undefined;
      if (conditional && unconditional.has(folded)) continue;
      const key = `${caseSensitive ? `cs:${canonAlias(text)}` : `ci:${folded}`} ${[...(unlessFollowedBy ?? [])].map(foldAlias).sort().join(' ')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ factId: fact.id, alias: text, caseSensitive, ...(unlessFollowedBy ? { unlessFollowedBy } : {}) });
    }
  }
  return entries;
}
