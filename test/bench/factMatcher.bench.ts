import { compileMatcher, type MatcherEntry, type MatchSpan } from '../../shared/lib/factMatcher';
import { median, type Benchmark, type BenchRow } from './harness';
import { prng as mulberry32 } from '../support/prng';

const TEXT_CHARS = 600_000;
const SIZES = [10, 1_000, 10_000] as const;
/** At 10,000 aliases the naive approach would take minutes per run: time about this many aliases' facts and scale up. */
const NAIVE_SAMPLE = 1_000;
/** Rough time budget per group of interleaved measurements; rounds repeat until it is spent (within limits). */
const BUDGET_MS = 1_500;
const WARM_UP_ROUNDS = 10;
const WARM_UP_BUDGET_MS = 1_000;
/** Rounds with the naive RegExps take half a second or more; at least this many keep the medians steady. */
const NAIVE_ROUNDS = 11;


// Names from the seed article, and two ("Zoë", "Łódź") whose first or last letter ASCII `\b` does not see.
const HAND_PICKED = [
  'Kim Jong Un',
  'North Korea',
  'Moon Jae-in',
  'United Nations',
  'Yongbyon',
  'Hanoi',
  'Singapore',
  'Trump',
  'Zoë',
  'Łódź',
];
const SYLLABLES = 'ka ro lin dev mar tos vel an bri sun el dor ni qua zen pol ter gra mon fe hal ir yu bek'.split(' ');
const ACCENTED = ['zë', 'łó', 'ré', 'ün', 'åm', 'çi', 'ño', 'ší'];
const ORG_HEADS = ['Ministry of', 'Council of', 'Bank of', 'Institute for'];
const FILLER = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an ' +
  'they you were her she there been one all we their has would when if so no will more can who them said ' +
  'summit talks nuclear sanctions leader deal peace weapons country program facility officials negotiations ' +
  'relationship attitude presidency statement future doubt likely continue between lower level removal'
).split(' ');

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function generateAliases(count: number): string[] {
  const random = mulberry32(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const name = (): string => {
    const parts = 2 + Math.floor(random() * 2);
    let word = '';
    for (let p = 0; p < parts; p++) word += random() < 0.12 ? pick(ACCENTED) : pick(SYLLABLES);
    return capitalize(word);
  };
  const aliases = new Set<string>(HAND_PICKED);
  while (aliases.size < count) {
    const shape = random();
    if (shape < 0.45) aliases.add(name());
    else if (shape < 0.85) aliases.add(`${name()} ${name()}`);
    else aliases.add(`${pick(ORG_HEADS)} ${name()}`);
  }
  return [...aliases];
}

/** English-like filler with aliases mixed in, so every alias-set size finds thousands of matches. */
function generateText(aliases: readonly string[]): string {
  const random = mulberry32(42);
  const words: string[] = [];
  let length = 0;
  let sentenceStart = true;
  while (length < TEXT_CHARS) {
    const roll = random();
    let word: string;
    if (roll < 0.04) word = aliases[Math.floor(random() * 10)]!;
    else if (roll < 0.07) word = aliases[Math.floor(random() * 1_000)]!;
    else if (roll < 0.1) word = aliases[Math.floor(random() * aliases.length)]!;
    else word = FILLER[Math.floor(random() * FILLER.length)]!;
    if (roll < 0.1 && random() < 0.15) word += '’s';
    if (sentenceStart) word = capitalize(word);
    const end = random();
    sentenceStart = end < 0.07;
    word += sentenceStart ? '.' : end < 0.12 ? ',' : '';
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Span {
  start: number;
  end: number;
}

function combinedAlternation(aliases: readonly string[]): RegExp {
  // Longest first, so the alternation's leftmost-first choice is also the longest match, like ours.
  const sorted = [...aliases].sort((a, b) => b.length - a.length);
  return new RegExp(`\\b(?:${sorted.map(escapeRegExp).join('|')})\\b`, 'gi');
}

function runCombined(regexp: RegExp, text: string): Span[] {
  const spans: Span[] = [];
  regexp.lastIndex = 0;
  for (let m = regexp.exec(text); m !== null; m = regexp.exec(text)) {
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** Names per fact in the benchmark catalogues, alternating so they average 2.5, as in the bundled catalogue. */
function groupIntoFacts(aliases: readonly string[]): MatcherEntry[] {
  const entries: MatcherEntry[] = [];
  for (let i = 0, fact = 0; i < aliases.length; fact++) {
    const names = 2 + (fact % 2);
    for (const alias of aliases.slice(i, i + names)) entries.push({ factId: `fact-${fact}`, alias, caseSensitive: false });
    i += names;
  }
  return entries;
}

interface FactRegExp {
  factId: string;
  regexp: RegExp;
}

const UNICODE_WORD = '[\\p{L}\\p{M}\\p{N}]';

/**
 * What a naive app writes to get the matcher's results: per fact, one RegExp over its names, longest first, with
 * Unicode-aware edges (JavaScript's `\b` knows only ASCII letters) and any run of spaces or tabs between words.
 */
function unicodeFactRegExps(entries: readonly MatcherEntry[]): FactRegExp[] {
  return factRegExps(entries, (names) => {
    const pattern = names.map((name) => name.split(' ').map(escapeRegExp).join('[ \\t]+')).join('|');
    return new RegExp(`(?<!${UNICODE_WORD})(?:${pattern})(?!${UNICODE_WORD})`, 'giu');
  });
}

/** The same with ASCII `\b`: faster, but it misses names that start or end with an accented letter. */
function asciiFactRegExps(entries: readonly MatcherEntry[]): FactRegExp[] {
  return factRegExps(entries, (names) => new RegExp(`\\b(?:${names.map(escapeRegExp).join('|')})\\b`, 'gi'));
}

function factRegExps(entries: readonly MatcherEntry[], compile: (namesLongestFirst: string[]) => RegExp): FactRegExp[] {
  const namesByFact = new Map<string, string[]>();
  for (const { factId, alias } of entries) namesByFact.set(factId, [...(namesByFact.get(factId) ?? []), alias]);
  return [...namesByFact].map(([factId, names]) => ({ factId, regexp: compile(names.sort((a, b) => b.length - a.length)) }));
}

interface FactSpan extends Span {
  factId: string;
}

/** Every fact's RegExp over the whole text, then the leftmost, longest, non-overlapping matches, as ours returns. */
function runNaive(regexps: readonly FactRegExp[], text: string): FactSpan[] {
  const found: FactSpan[] = [];
  for (const { factId, regexp } of regexps) {
    regexp.lastIndex = 0;
    for (let m = regexp.exec(text); m !== null; m = regexp.exec(text)) {
      found.push({ start: m.index, end: m.index + m[0].length, factId });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: FactSpan[] = [];
  let free = 0;
  for (const span of found) {
    if (span.start < free) continue;
    spans.push(span);
    free = span.end;
  }
  return spans;
}

/** The naive app is a correct one: it must find exactly our spans, each for the same fact. */
function verifyAgainstNaive(ours: readonly MatchSpan[], naive: readonly FactSpan[], size: number): void {
  const key = (span: FactSpan) => `${span.start}:${span.end}:${span.factId}`;
  const naiveKeys = new Set(naive.map(key));
  const differing = ours.filter((span) => !naiveKeys.has(key(span))).length + Math.abs(ours.length - naive.length);
  if (differing > 0) throw new Error(`${size} aliases: ${differing} matches differ from one RegExp per fact`);
}

let sink = 0;

function charCodeFloor(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

function consume(result: unknown): void {
  sink += Array.isArray(result) ? result.length : typeof result === 'number' ? result : 0;
}

interface Timings<K extends string> {
  /** Median milliseconds of each function. */
  median: Record<K, number>;
  /** Median over rounds of `a`'s time ÷ `b`'s time in the same round. */
  pairedRatio(a: K, b: K): number;
}

/**
 * Times each function in interleaved rounds after warming up, so that a change in the machine's speed during the
 * run (other processes, frequency, a neighbour on the host) weighs on all of them alike and their ratios hold.
 */
function timeInterleaved<K extends string>(fns: Record<K, () => unknown>, maxRounds = 41, minRounds = 7): Timings<K> {
  const names = Object.keys(fns) as K[];
  // Enough warm-up calls for the JIT to finish optimizing each function, so no figure includes compiling.
  let round = 0;
  for (let warm = 0; warm < WARM_UP_ROUNDS; warm++) {
    const warmStart = performance.now();
    for (const name of names) consume(fns[name]());
    round = performance.now() - warmStart;
    if (round * (warm + 1) > WARM_UP_BUDGET_MS) break;
  }
  const rounds = Math.max(minRounds, Math.min(maxRounds, Math.floor(BUDGET_MS / Math.max(round, 0.01))));
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < rounds; r++) {
    for (const name of names) {
      const start = performance.now();
      consume(fns[name]());
      times[name].push(performance.now() - start);
    }
  }
  return {
    median: Object.fromEntries(names.map((name) => [name, median(times[name])])) as Record<K, number>,
    pairedRatio: (a, b) => median(times[a].map((t, r) => t / times[b][r]!)),
  };
}

function isNonAsciiWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch > '\x7f' && /^[\p{L}\p{M}\p{N}]$/u.test(ch);
}

/**
 * Keeps the comparison honest: away from non-ASCII letters the combined RegExp must find exactly our matches;
 * next to them it misses names (and finds pieces of words) because its `\b` is ASCII-only, and ours must find
 * names there that it misses.
 */
function verifyAgainstCombined(text: string, ours: readonly Span[], combined: readonly Span[], size: number): void {
  const key = (span: Span) => `${span.start}:${span.end}`;
  const nearUnicode = (span: Span) =>
    [span.start - 1, span.start, span.end - 1, span.end].some((at) => isNonAsciiWordChar(text[at]));
  const combinedKeys = new Set(combined.map(key));
  if (!ours.some((span) => nearUnicode(span) && !combinedKeys.has(key(span)))) {
    throw new Error(`${size} aliases: expected Unicode-name matches the ASCII \\b RegExp misses`);
  }
  // Where ours found a longer name starting or ending in a non-ASCII letter, the RegExp finds a part of it.
  const insideUnicodeMatch = new Uint8Array(text.length);
  for (const span of ours) if (nearUnicode(span)) insideUnicodeMatch.fill(1, span.start, span.end);
  const comparable = (span: Span) => !nearUnicode(span) && insideUnicodeMatch[span.start] === 0;
  const oursKeys = new Set(ours.filter(comparable).map(key));
  const combinedComparable = combined.filter(comparable);
  const differing =
    combinedComparable.filter((span) => !oursKeys.has(key(span))).length + Math.abs(oursKeys.size - combinedComparable.length);
  if (differing > 0) throw new Error(`${size} aliases: ${differing} matches away from Unicode letters differ from the combined RegExp`);
}

const benchmark: Benchmark = {
  name: 'fact matcher',
  async run(): Promise<BenchRow[]> {
    const allAliases = generateAliases(Math.max(...SIZES));
    const text = generateText(allAliases);
    const kb = `${Math.round(text.length / 1000)} KB`;
    const rows: BenchRow[] = [];

    for (const size of SIZES) {
      const aliases = allAliases.slice(0, size);
      const entries = groupIntoFacts(aliases);
      const factCount = new Set(entries.map((entry) => entry.factId)).size;
      const label = `${size.toLocaleString('en')} aliases`;

      const { compile } = timeInterleaved({ compile: () => compileMatcher(entries) }, 11, 3).median;
      const matcher = compileMatcher(entries);
      const ours = matcher.match(text);
      const combinedRegExp = combinedAlternation(aliases);
      const combined = runCombined(combinedRegExp, text);
      verifyAgainstCombined(text, ours, combined, size);
      // At 10,000 aliases one RegExp per fact would take many seconds a round: time every tenth fact and scale up.
      const naiveScale = Math.max(1, Math.round(size / NAIVE_SAMPLE));
      const sampled = entries.filter((entry) => Number(entry.factId.slice('fact-'.length)) % naiveScale === 0);
      const naiveRegExps = unicodeFactRegExps(sampled);
      const asciiRegExps = asciiFactRegExps(sampled);
      if (naiveScale === 1) verifyAgainstNaive(ours, runNaive(naiveRegExps, text), size);
      const timings = timeInterleaved(
        {
          ours: () => matcher.match(text),
          combined: () => runCombined(combinedRegExp, text),
          floor: () => charCodeFloor(text),
          naive: () => runNaive(naiveRegExps, text),
          naiveAscii: () => runNaive(asciiRegExps, text),
        },
        41,
        NAIVE_ROUNDS,
      );
      const times = timings.median;
      const sampleNote = naiveScale === 1 ? '' : `, timed on ${naiveRegExps.length.toLocaleString('en')} and ×${naiveScale}`;
      const naiveName = `(a) naive: one RegExp per fact (${factCount.toLocaleString('en')}), Unicode edges${sampleNote}`;

      const name = `matcher, ${label}, ${kb}`;
      rows.push(
        {
          name,
          value: times.ours,
          unit: 'ms',
          baseline: { name: naiveName, value: times.naive * naiveScale },
          asSpeedup: true,
          pairedRatio: timings.pairedRatio('ours', 'naive') / naiveScale,
          ...(size === 1_000 ? { target: '≥ 100× faster than (a) at 1,000 aliases' } : {}),
        },
        {
          name,
          value: times.ours,
          unit: 'ms',
          baseline: { name: `(a′) the same with ASCII \\b, which misses accented edges${sampleNote}`, value: times.naiveAscii * naiveScale },
          asSpeedup: true,
          pairedRatio: timings.pairedRatio('ours', 'naiveAscii') / naiveScale,
        },
        {
          name,
          value: times.ours,
          unit: 'ms',
          baseline: { name: '(b) combined alternation, ASCII \\b, gi', value: times.combined },
          pairedRatio: timings.pairedRatio('ours', 'combined'),
          target: 'within 2× of (b)',
        },
        {
          name,
          value: times.ours,
          unit: 'ms',
          baseline: { name: '(c) floor: one char-code loop', value: times.floor },
          pairedRatio: timings.pairedRatio('ours', 'floor'),
          target: '≤ 5× of (c)',
        },
        { name: `matches found, ${label}`, value: ours.length, unit: 'matches', baseline: { name: '(b) combined alternation', value: combined.length } },
        { name: `compile, ${label}`, value: compile, unit: 'ms' },
      );
    }

    const matcher = compileMatcher(groupIntoFacts(allAliases));
    const decomposed = text.replaceAll('Zoë', 'Zoe\u0308');
    if (matcher.match(decomposed).length !== matcher.match(text).length) throw new Error('decomposed text found different matches');
    const paths = timeInterleaved({ fast: () => matcher.match(text), slow: () => matcher.match(decomposed) }).median;
    rows.push({
      name: `matcher, 10,000 aliases, ${kb} with decomposed "Zoë" (NFKC path)`,
      value: paths.slow,
      unit: 'ms',
      baseline: { name: 'same text precomposed', value: paths.fast },
    });

    const paragraphStart = text.indexOf(' ', 300_000) + 1;
    const paragraph = text.slice(paragraphStart, text.lastIndexOf(' ', paragraphStart + 750));
    const { paragraphs } = timeInterleaved({
      paragraphs: () => {
        let count = 0;
        for (let r = 0; r < 100; r++) count += matcher.match(paragraph).length;
        return count;
      },
    }).median;
    rows.push({ name: `matcher, 10,000 aliases, one ${paragraph.length}-char paragraph`, value: (paragraphs / 100) * 1000, unit: 'µs' });
    if (sink === 0) throw new Error('benchmark results were optimized away');
    return rows;
  },
};

export default benchmark;
