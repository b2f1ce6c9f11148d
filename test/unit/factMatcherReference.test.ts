import { describe, expect, it } from 'vitest';
import { compileMatcher, type MatcherEntry, type MatchSpan } from '../../shared/lib/factMatcher';
import {
  CHAR_FOLD_SHIFT,
  CHAR_SURROGATE,
  CHAR_UNSAFE,
  CHAR_WORD,
  SPACE,
  canonAlias,
  canonCodeOf,
  charInfoOf,
  foldAlias,
  isWordAt,
} from '../../shared/lib/textNormalize';
import { prng } from '../support/prng';

// The matcher skips most positions by the shapes of the aliases' first words and walks a trie from the rest;
// this reference tries every alias at every position, so any position the shortcuts wrongly skip shows up.

const fold = (code: number) => charInfoOf(code) >>> CHAR_FOLD_SHIFT;

/** End of `alias` (folded, or canonical when `canon`) matched at `start`, or -1; one alias space takes a run of text spaces. */
function endOfAliasAt(text: string, start: number, alias: string, canon: boolean): number {
  let j = start;
  for (let k = 0; k < alias.length; k++) {
    if (j >= text.length) return -1;
    const code = canon ? canonCodeOf(text.charCodeAt(j)) : fold(text.charCodeAt(j));
    if (code !== alias.charCodeAt(k)) return -1;
    j++;
    if (code === SPACE) while (j < text.length && fold(text.charCodeAt(j)) === SPACE) j++;
  }
  return j;
}

/** The folded word after one or more spaces at `at`, or '' when none follows. */
function wordAfterSpaces(text: string, at: number): string {
  let start = at;
  while (start < text.length && fold(text.charCodeAt(start)) === SPACE) start++;
  let end = start;
  while (end < text.length && isWordAt(text, end)) end++;
  return start > at ? foldAlias(text.slice(start, end)) : '';
}

/** How many matches the reference has joined with overlapping mentions of their fact, to check the texts exercise it. */
let joinedMatches = 0;

function referenceMatch(entries: readonly MatcherEntry[], text: string): MatchSpan[] {
  const compiled = entries
    .map((entry) => ({ entry, folded: foldAlias(entry.alias), canon: canonAlias(entry.alias) }))
    .filter((c) => c.folded !== '');
  const boundaryAt = (at: number) => at === 0 || at === text.length || !(isWordAt(text, at - 1) && isWordAt(text, at));
  /** Every mention starting at `start`: for each end, the first entry in catalogue order that accepts it there. */
  const mentionsAt = (start: number): Map<number, MatcherEntry> => {
    const byEnd = new Map<number, MatcherEntry>();
    if (!boundaryAt(start) && isWordAt(text, start)) return byEnd;
    for (const { entry, folded, canon } of compiled) {
      const end = endOfAliasAt(text, start, folded, false);
      if (end < 0 || !boundaryAt(end) || byEnd.has(end)) continue;
      if (entry.caseSensitive && endOfAliasAt(text, start, canon, true) !== end) continue;
      if (entry.unlessFollowedBy?.some((word) => foldAlias(word) === wordAfterSpaces(text, end))) continue;
      byEnd.set(end, entry);
    }
    return byEnd;
  };
  const spans: MatchSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const mentions = [...mentionsAt(i)];
    if (mentions.length === 0) {
      i++;
      continue;
    }
    const [longestEnd, entry] = mentions.reduce((best, mention) => (mention[0] > best[0] ? mention : best));
    // Mentions of the same fact that start inside this one and run past its end join it.
    let end = longestEnd;
    for (let inner = i + 1; inner < end; inner++) {
      for (const [innerEnd, innerEntry] of mentionsAt(inner)) {
        if (innerEntry.factId === entry.factId && innerEnd > end) end = innerEnd;
      }
    }
    if (end > longestEnd) joinedMatches++;
    spans.push({ start: i, end, factId: entry.factId, alias: entry.alias });
    i = end;
  }
  return spans;
}

// Characters NFKC leaves alone, so the reference can work on the raw text: letters with and without accents,
// an astral letter (𠀀) and an astral symbol (😀), apostrophes, hyphens, spaces, tabs and punctuation.
const SYLLABLES = ['ka', 'Ka', 'KA', 'ro', 'lin', 'é', 'zë', 'Łó', 'un', 'US', 'a', '𠀀', 'ro𠀀', '𠀀ka', '7'];
// Words an alias may refuse to be followed by: some are syllables the texts are made of, in other cases.
const WORDS = ['ka', 'KA', 'lin', 'zë', 'Un', '7', 'ro𠀀'];
const GLUE = [' ', ' ', ' ', '  ', '\t', ', ', '’s ', "'", '-', '\n', '😀', '(', ') ', '. '];

function randomAlias(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const words = 1 + Math.floor(random() * 3);
  let alias = random() < 0.08 ? pick(['-', '(', "'"]) : '';
  for (let w = 0; w < words; w++) {
    if (w > 0) alias += pick([' ', ' ', '-']);
    const syllables = 1 + Math.floor(random() * 3);
    for (let s = 0; s < syllables; s++) alias += pick(SYLLABLES);
  }
  return alias;
}

function randomText(random: () => number, aliases: readonly string[]): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  let text = '';
  const length = 20 + Math.floor(random() * 200);
  while (text.length < length) {
    text += random() < 0.3 && aliases.length > 0 ? pick(aliases) : pick(SYLLABLES);
    text += pick(GLUE);
  }
  return random() < 0.5 ? text.trimEnd() : text;
}

describe('compileMatcher agrees with a brute-force reference', () => {
  it('keeps word and non-word classes across NFKC for every character the fast path accepts', () => {
    // The shapes of first words compare a text character's word-ness with that of its folded form.
    const disagreeing: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const info = charInfoOf(code);
      if ((info & (CHAR_UNSAFE | CHAR_SURROGATE)) !== 0) continue;
      if ((info & CHAR_WORD) !== (charInfoOf(info >>> CHAR_FOLD_SHIFT) & CHAR_WORD)) disagreeing.push(code.toString(16));
    }
    expect(disagreeing).toEqual([]);
  });

  it('finds the same spans on 3,000 random catalogues and texts', () => {
    const random = prng(2019);
    let compared = 0;
    for (let trial = 0; trial < 3_000; trial++) {
      const aliases = Array.from({ length: 1 + Math.floor(random() * 12) }, () => randomAlias(random));
      const entries: MatcherEntry[] = aliases.map((alias, k) => ({
        // Five facts at most, so one fact has several aliases whose mentions can overlap and join.
        factId: `f${k % 5}`,
        alias,
        caseSensitive: random() < 0.3,
        ...(random() < 0.25 ? { unlessFollowedBy: [WORDS[Math.floor(random() * WORDS.length)]!] } : {}),
      }));
      // Names whose aliases overlap ("President Moon", "Moon Jae-in"): an alias that starts with another's last word,
      // and the text of both joined, which the texts then use like any alias.
      const joinedNames: string[] = [];
      for (const { factId, alias } of [...entries]) {
        if (random() >= 0.3) continue;
        const tail = randomAlias(random);
        entries.push({ factId, alias: `${alias.split(/[ -]/).at(-1)} ${tail}`, caseSensitive: random() < 0.3 });
        joinedNames.push(`${alias} ${tail}`);
      }
      const text = randomText(random, [...aliases, ...joinedNames]);
      const expected = referenceMatch(entries, text);
      const actual = compileMatcher(entries).match(text);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        expect({ entries, text, actual }).toEqual({ entries, text, actual: expected });
      }
      compared += expected.length;
    }
    // The generator must produce plenty of matches, and of joined ones, or the comparison proves little.
    expect(compared).toBeGreaterThan(5_000);
    expect(joinedMatches).toBeGreaterThan(100);
  });
});
