import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMatcher, matcherEntriesFromFacts, type MatcherEntry, type MatchSpan } from '../../shared/lib/factMatcher';
import { catalogueFingerprint } from '../../shared/lib/catalogueFingerprint';
import { CatalogueFingerprintSchema } from '../../shared/model/brief';
import { FactCatalogueSchema, FactSchema, type Fact } from '../../shared/model/fact';

function entry(factId: string, alias: string, caseSensitive = false): MatcherEntry {
  return { factId, alias, caseSensitive };
}

/** Each span as [matched original text, factId], which reads better in failures than bare offsets. */
function found(entries: readonly MatcherEntry[], text: string): [string, string][] {
  return compileMatcher(entries)
    .match(text)
    .map((span) => [text.slice(span.start, span.end), span.factId]);
}

function fact(id: string, label: string, aliases: { text: string; caseSensitive?: boolean; unlessFollowedBy?: string[] }[]): Fact {
  return FactSchema.parse({ id, kind: 'person', label, aliases, summary: `${label}.`, tags: [], anchors: [] });
}

describe('compileMatcher: longest, leftmost, non-overlapping', () => {
  const entries = [entry('kim', 'Kim', true), entry('kim', 'Kim Jong Un'), entry('nk', 'North Korea'), entry('korea', 'Korea')];

  it('prefers the longest alias at a position and reports exact offsets', () => {
    const matcher = compileMatcher(entries);
    expect(matcher.match('Chairman Kim Jong Un met Kim.')).toEqual<MatchSpan[]>([
      { start: 9, end: 20, factId: 'kim', alias: 'Kim Jong Un' },
      { start: 25, end: 28, factId: 'kim', alias: 'Kim' },
    ]);
  });

  it('takes the leftmost match and never overlaps it', () => {
    expect(found(entries, 'North Korea Korea')).toEqual([
      ['North Korea', 'nk'],
      ['Korea', 'korea'],
    ]);
  });

  it('falls back to a shorter alias when the longer one does not end on a boundary', () => {
    expect(found([entry('kim', 'Kim Jong Un'), entry('kj', 'Kim Jong')], 'Kim Jong Unification')).toEqual([['Kim Jong', 'kj']]);
  });

  it('does not match "North Korea" inside "North Korean"', () => {
    expect(found(entries, 'The North Korean leader')).toEqual([]);
  });
});

describe('compileMatcher: overlapping mentions of one fact', () => {
  const bundled = FactCatalogueSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')),
  );

  it('links "President Moon Jae-in" as one mention, not "President Moon" and a stray "Jae-in" (bundled catalogue)', () => {
    const text = 'President Moon Jae-in encouraged talks.';
    expect(compileMatcher(matcherEntriesFromFacts(bundled.facts)).match(text)).toEqual<MatchSpan[]>([
      { start: 0, end: 21, factId: 'moon-jae-in', alias: 'President Moon' },
      { start: 22, end: 38, factId: 'moon-encourages-talks', alias: 'encouraged talks' },
    ]);
  });

  it('joins a chain of overlapping aliases of one fact into their union', () => {
    const entries = [entry('x', 'a b'), entry('x', 'b c'), entry('x', 'c d e'), entry('y', 'e f')];
    expect(found(entries, 'a b c d e f; a b; b c d')).toEqual([
      ['a b c d e', 'x'],
      ['a b', 'x'],
      ['b c', 'x'],
    ]);
  });

  it('keeps the leftmost mention whole when the overlapping one is of another fact, or merely adjacent', () => {
    const entries = [entry('moon', 'President Moon'), entry('moon-jae-in', 'Moon Jae-in'), entry('trump', 'Trump')];
    expect(found(entries, 'President Moon Jae-in; Trump Trump')).toEqual([
      ['President Moon', 'moon'],
      ['Trump', 'trump'],
      ['Trump', 'trump'],
    ]);
  });

  it('joins only mentions the case and following-word rules accept', () => {
    const entries: MatcherEntry[] = [
      entry('kim', 'Chairman Kim'),
      { factId: 'kim', alias: 'Kim Jong', caseSensitive: true, unlessFollowedBy: ['Il'] },
    ];
    expect(found(entries, 'Chairman Kim Jong Un; Chairman KIM JONG; Chairman Kim Jong Il')).toEqual([
      ['Chairman Kim Jong', 'kim'],
      ['Chairman KIM', 'kim'],
      ['Chairman Kim', 'kim'],
    ]);
  });
});

describe('compileMatcher: Unicode word boundaries', () => {
  it('matches names with non-ASCII letters at their edges, which ASCII \\b misses', () => {
    const entries = [entry('zoe', 'Zoë'), entry('lodz', 'Łódź')];
    expect(found(entries, 'Zoë flew to Łódź, then Zoë’s team left.')).toEqual([
      ['Zoë', 'zoe'],
      ['Łódź', 'lodz'],
      ['Zoë', 'zoe'],
    ]);
  });

  it('does not start or end a match next to a letter, mark or digit of any script', () => {
    const entries = [entry('zo', 'Zo'), entry('odz', 'ódź'), entry('g7', 'G7'), entry('zoe', 'Zoe'), entry('kim', 'Kim')];
    // U+0303 has no precomposed form with "m", so it stays a separate mark after normalization.
    expect(found(entries, 'Zoë Łódź G77 Zoe\u0308 Zoé Kim\u0303')).toEqual([]);
    expect(found(entries, 'G7, Zoe.')).toEqual([
      ['G7', 'g7'],
      ['Zoe', 'zoe'],
    ]);
  });

  it('treats hyphens, apostrophes and brackets as boundaries', () => {
    const entries = [entry('moon', 'Moon Jae-in'), entry('jae', 'Jae'), entry('mod', 'MoD', true), entry('kim', 'Kim Jong Un')];
    expect(found(entries, 'Moon Jae-in; Jae-won; the (MoD); Kim Jong Un’s visit')).toEqual([
      ['Moon Jae-in', 'moon'],
      ['Jae', 'jae'],
      ['MoD', 'mod'],
      ['Kim Jong Un', 'kim'],
    ]);
  });

  it('judges astral characters by their code point', () => {
    const entries = [entry('kim', 'Kim', true)];
    expect(found(entries, 'Kim\u{20000} Kim\u{1F600}')).toEqual([['Kim', 'kim']]);
  });
});

describe('compileMatcher: case', () => {
  const entries = [
    entry('us', 'US', true),
    entry('un', 'UN', true),
    entry('moon', 'Moon', true),
    entry('kim', 'Kim', true),
    entry('nk', 'North Korea'),
  ];

  it('matches case-sensitive aliases only in their own case', () => {
    expect(found(entries, 'let us sign un moon kim US UN Moon Kim')).toEqual([
      ['US', 'us'],
      ['UN', 'un'],
      ['Moon', 'moon'],
      ['Kim', 'kim'],
    ]);
  });

  it('matches other aliases in any case', () => {
    expect(found(entries, 'NORTH KOREA and north korea')).toEqual([
      ['NORTH KOREA', 'nk'],
      ['north korea', 'nk'],
    ]);
  });
});

describe('compileMatcher: apostrophes and possessives', () => {
  it('ends the span before a possessive', () => {
    const entries = [entry('trump', 'Trump'), entry('nk', 'North Korea')];
    expect(compileMatcher(entries).match('Trump’s view of North Korea\'s tests')).toEqual<MatchSpan[]>([
      { start: 0, end: 5, factId: 'trump', alias: 'Trump' },
      { start: 16, end: 27, factId: 'nk', alias: 'North Korea' },
    ]);
  });

  it('treats typographic and straight apostrophes as the same character', () => {
    expect(found([entry('ob', "O'Brien")], 'O’Brien and O\'Brien')).toEqual([
      ['O’Brien', 'ob'],
      ["O'Brien", 'ob'],
    ]);
    expect(found([entry('ci', 'Côte d’Ivoire')], "Côte d'Ivoire")).toEqual([["Côte d'Ivoire", 'ci']]);
  });
});

describe('compileMatcher: Unicode normalization', () => {
  it('matches a precomposed alias in decomposed text, with offsets into the original text', () => {
    const matcher = compileMatcher([entry('zoe', 'Zoë'), entry('kim', 'Kim', true)]);
    expect(matcher.match('Zoe\u0308 met Kim')).toEqual<MatchSpan[]>([
      { start: 0, end: 4, factId: 'zoe', alias: 'Zoë' },
      { start: 9, end: 12, factId: 'kim', alias: 'Kim' },
    ]);
  });

  it('matches a decomposed alias in precomposed text', () => {
    expect(found([entry('zoe', 'Zoe\u0308')], 'Zoë')).toEqual([['Zoë', 'zoe']]);
  });

  it('folds compatibility forms, keeping case-sensitive aliases case-sensitive', () => {
    const entries = [entry('kim', 'Kim Jong Un'), entry('un', 'UN', true)];
    expect(found(entries, 'ＫＩＭ ＪＯＮＧ ＵＮ, ＵＮ, ｕｎ')).toEqual([
      ['ＫＩＭ ＪＯＮＧ ＵＮ', 'kim'],
      ['ＵＮ', 'un'],
    ]);
  });

  it('maps offsets back across characters whose normalization changes the length', () => {
    const text = 'ﬁnance: \u{1D40A}\u{1D422}\u{1D426} Jong Un and Kim';
    const matcher = compileMatcher([entry('kim', 'Kim Jong Un'), entry('k', 'Kim', true), entry('finance', 'finance')]);
    expect(matcher.match(text)).toEqual<MatchSpan[]>([
      { start: 0, end: 6, factId: 'finance', alias: 'finance' },
      { start: 8, end: 22, factId: 'kim', alias: 'Kim Jong Un' },
      { start: 27, end: 30, factId: 'k', alias: 'Kim' },
    ]);
    expect(text.slice(27, 30)).toBe('Kim');
  });

  it('treats the Unicode hyphens like the ASCII one', () => {
    expect(found([entry('moon', 'Moon Jae-in')], 'Moon Jae\u2010in and Moon Jae\u2011in')).toEqual([
      ['Moon Jae\u2010in', 'moon'],
      ['Moon Jae\u2011in', 'moon'],
    ]);
  });
});

describe('compileMatcher: whitespace', () => {
  const entries = [entry('kim', 'Kim Jong Un'), entry('k', 'Kim', true)];

  it('matches any run of spaces, tabs and no-break spaces between words', () => {
    expect(compileMatcher(entries).match('Kim  Jong\u00a0Un, Kim\t\u202fJong Un')).toEqual<MatchSpan[]>([
      { start: 0, end: 12, factId: 'kim', alias: 'Kim Jong Un' },
      { start: 14, end: 26, factId: 'kim', alias: 'Kim Jong Un' },
    ]);
  });

  it('does not match across a line break', () => {
    expect(found(entries, 'Kim\nJong Un')).toEqual([['Kim', 'k']]);
  });

  it('collapses and trims whitespace in aliases', () => {
    expect(found([entry('kim', '  Kim \u00a0 Jong Un ')], 'Kim Jong Un')).toEqual([['Kim Jong Un', 'kim']]);
  });
});

describe('compileMatcher: edge cases', () => {
  it('returns no spans for an empty catalogue or an empty text', () => {
    expect(compileMatcher([]).match('Kim Jong Un')).toEqual([]);
    expect(compileMatcher([]).size).toBe(0);
    expect(compileMatcher([entry('kim', 'Kim')]).match('')).toEqual([]);
  });

  it('ignores aliases that are empty after normalization', () => {
    const matcher = compileMatcher([entry('blank', ' \u00a0 '), entry('kim', 'Kim')]);
    expect(matcher.size).toBe(1);
    expect(matcher.match('  Kim  ').map((span) => span.factId)).toEqual(['kim']);
  });

  it('keeps the first of two facts with the same alias, without failing', () => {
    const matcher = compileMatcher([entry('first', 'Apple'), entry('second', 'apple'), entry('third', 'APPLE', true)]);
    expect(matcher.size).toBe(1);
    expect(matcher.match('APPLE apple').map((span) => span.factId)).toEqual(['first', 'first']);
  });

  it('lets a case-insensitive entry take the cases an earlier case-sensitive one refuses', () => {
    const matcher = compileMatcher([entry('united-states', 'US', true), entry('us-pronoun', 'us')]);
    expect(matcher.size).toBe(2);
    expect(matcher.match('US us Us').map((span) => span.factId)).toEqual(['united-states', 'us-pronoun', 'us-pronoun']);
  });

  it('matches paragraph by paragraph with the same spans as the whole text, shifted', () => {
    const matcher = compileMatcher([entry('kim', 'Kim Jong Un'), entry('trump', 'Trump'), entry('nk', 'North Korea')]);
    const first = 'President Trump walked away from the Hanoi summit with Kim Jong Un.';
    const second = 'North Korea’s nuclear tests preceded Trump’s threats.';
    const joined = `${first}\n${second}`;
    const shift = first.length + 1;
    const separately = [
      ...matcher.match(first),
      ...matcher.match(second).map((span) => ({ ...span, start: span.start + shift, end: span.end + shift })),
    ];
    expect(separately).toHaveLength(4);
    expect(matcher.match(joined)).toEqual(separately);
  });

  it('compiles and matches 10,000 aliases', () => {
    const syllables = ['ka', 'ro', 'lin', 'dev', 'mar', 'tos', 'vel', 'zë', 'łó', 'qua'];
    const word = (n: number) => {
      let out = '';
      for (let v = n; ; v = Math.floor(v / syllables.length) - 1) {
        out = syllables[v % syllables.length]! + out;
        if (v < syllables.length) break;
      }
      return out.charAt(0).toUpperCase() + out.slice(1);
    };
    // Every tenth alias has two words, so some are prefixes of others ("Kaka" and "Kaka Ro…").
    const aliases = Array.from({ length: 10_000 }, (_, i) => (i % 10 === 9 ? `${word(i)} ${word(i + 7)}` : word(i)));
    expect(new Set(aliases.map((a) => a.toLowerCase())).size).toBe(10_000);
    const matcher = compileMatcher(aliases.map((alias, i) => entry(`fact-${i}`, alias)));
    expect(matcher.size).toBe(10_000);

    const picked = [0, 9, 1_234, 5_559, 9_999, 7_777];
    const text = picked.map((i) => `about ${aliases[i]}, `).join('');
    const spans = matcher.match(text);
    expect(spans.map((span) => span.factId)).toEqual(picked.map((i) => `fact-${i}`));
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(picked.map((i) => aliases[i]));
  });
});

describe('compileMatcher: words an alias must not be followed by', () => {
  const entries: MatcherEntry[] = [
    { factId: 'north-korea', alias: 'the North', caseSensitive: true, unlessFollowedBy: ['Korean', 'Koreans'] },
    entry('kim-jong-un', 'North Korean leader'),
    { factId: 'hanoi-summit', alias: 'Hanoi summit', caseSensitive: false, unlessFollowedBy: ['talks'] },
    entry('hanoi', 'Hanoi'),
  ];

  it('gives way to a later alias that the refused one would have cut short', () => {
    expect(found(entries, 'Talks with the North Korean leader stalled.')).toEqual([['North Korean leader', 'kim-jong-un']]);
    expect(found(entries, 'the North  KOREANS')).toEqual([]);
  });

  it('matches when another word, punctuation or a possessive follows', () => {
    expect(found(entries, 'sanctions on the North. the North will test; the North’s demands; the North-Korean')).toEqual([
      ['the North', 'north-korea'],
      ['the North', 'north-korea'],
      ['the North', 'north-korea'],
      ['the North', 'north-korea'],
    ]);
  });

  it('falls back to a shorter alias at the same position', () => {
    expect(found(entries, 'after the Hanoi summit talks, the Hanoi summit ended')).toEqual([
      ['Hanoi', 'hanoi'],
      ['Hanoi summit', 'hanoi-summit'],
    ]);
  });
});

describe('matcherEntriesFromFacts', () => {
  it('adds the label case-insensitively unless a case-sensitive alias has exactly its text', () => {
    const facts = [
      fact('moon-jae-in', 'Moon Jae-in', [{ text: 'Moon', caseSensitive: true }, { text: 'President Moon' }]),
      fact('united-states', 'US', [{ text: 'US', caseSensitive: true }, { text: 'United States' }]),
    ];
    expect(matcherEntriesFromFacts(facts)).toEqual<MatcherEntry[]>([
      { factId: 'moon-jae-in', alias: 'Moon Jae-in', caseSensitive: false },
      { factId: 'moon-jae-in', alias: 'Moon', caseSensitive: true },
      { factId: 'moon-jae-in', alias: 'President Moon', caseSensitive: false },
      { factId: 'united-states', alias: 'US', caseSensitive: true },
      { factId: 'united-states', alias: 'United States', caseSensitive: false },
    ]);
  });

  it('gives the label the words its alias of the same text must not be followed by, and keeps them on aliases', () => {
    const facts = [
      fact('north-korea', 'the North', [{ text: 'the North', unlessFollowedBy: ['Korean'] }, { text: 'North Korea', unlessFollowedBy: ['Korean'] }, { text: 'north korea' }]),
    ];
    expect(matcherEntriesFromFacts(facts)).toEqual<MatcherEntry[]>([
      { factId: 'north-korea', alias: 'the North', caseSensitive: false, unlessFollowedBy: ['Korean'] },
      { factId: 'north-korea', alias: 'north korea', caseSensitive: false },
    ]);
  });

  it('drops entries of a fact that another of its entries already covers', () => {
    const facts = [
      fact('kim-jong-un', 'Kim Jong Un', [
        { text: 'Kim Jong Un' },
        { text: 'KIM JONG UN', caseSensitive: true },
        { text: 'kim  jong un' },
        { text: 'Kim', caseSensitive: true },
        { text: 'Kim', caseSensitive: true },
      ]),
    ];
    expect(matcherEntriesFromFacts(facts)).toEqual<MatcherEntry[]>([
      { factId: 'kim-jong-un', alias: 'Kim Jong Un', caseSensitive: false },
      { factId: 'kim-jong-un', alias: 'Kim', caseSensitive: true },
    ]);
  });
});

describe('the seed article', () => {
  // Sentences from the source article (the Hanoi summit report), inlined so the test needs no outside file.
  const article = [
    'President Trump walked away from the Hanoi summit with Chairman Kim Jong Un of North Korea without reaching a deal.',
    'The North Korean leader demanded a blanket lifting of United Nations sanctions in return for the closure of the Yongbyon Nuclear Scientific Research Facility.',
    'Tensions quickly escalated between the two countries early on, with North Korea’s nuclear tests and claims that they created missiles that could reach the United States.',
    'Trump later went on to call Kim “Little Rocket Man” and threatened “fire and fury like the world has never seen”.',
    'However, Trump’s attitude towards Kim changed when the South Korean President, Moon Jae-in, encouraged talks between the two.',
    'This eventually culminated in their first summit in June 2018 in Singapore, where they signed a general statement towards denuclearization.',
  ].join('\n');
  const facts = [
    fact('donald-trump', 'Donald Trump', [{ text: 'Trump' }, { text: 'President Trump' }]),
    fact('kim-jong-un', 'Kim Jong Un', [{ text: 'Kim', caseSensitive: true }, { text: 'Chairman Kim Jong Un' }]),
    fact('north-korea', 'North Korea', [{ text: 'DPRK', caseSensitive: true }]),
    fact('moon-jae-in', 'Moon Jae-in', [{ text: 'Moon', caseSensitive: true }]),
    fact('united-nations', 'United Nations', [{ text: 'UN', caseSensitive: true }]),
    fact('united-states', 'United States', [{ text: 'US', caseSensitive: true }]),
    fact('yongbyon', 'Yongbyon Nuclear Scientific Research Facility', [{ text: 'Yongbyon' }]),
    fact('hanoi-summit', 'Hanoi summit', [{ text: 'Hanoi' }]),
    fact('singapore', 'Singapore', []),
  ];

  it('finds every reference, and nothing in "North Korean" or "South Korean"', () => {
    const matcher = compileMatcher(matcherEntriesFromFacts(facts));
    const spans = matcher.match(article);
    expect(spans.map((span) => [article.slice(span.start, span.end), span.factId])).toEqual([
      ['President Trump', 'donald-trump'],
      ['Hanoi summit', 'hanoi-summit'],
      ['Chairman Kim Jong Un', 'kim-jong-un'],
      ['North Korea', 'north-korea'],
      ['United Nations', 'united-nations'],
      ['Yongbyon Nuclear Scientific Research Facility', 'yongbyon'],
      ['North Korea', 'north-korea'],
      ['United States', 'united-states'],
      ['Trump', 'donald-trump'],
      ['Kim', 'kim-jong-un'],
      ['Trump', 'donald-trump'],
      ['Kim', 'kim-jong-un'],
      ['Moon Jae-in', 'moon-jae-in'],
      ['Singapore', 'singapore'],
    ]);
    expect(spans[0]).toEqual({ start: 0, end: 15, factId: 'donald-trump', alias: 'President Trump' });
  });
});

describe('catalogueFingerprint', () => {
  const bundled = FactCatalogueSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8'))).facts;
  const hanoi = bundled.find((f) => f.id === 'hanoi')!;
  const withHanoi = (changed: Fact) => bundled.map((f) => (f.id === 'hanoi' ? changed : f));

  it('is a fingerprint the brief file accepts, the same for the same catalogue', () => {
    const fingerprint = catalogueFingerprint(bundled);
    expect(CatalogueFingerprintSchema.parse(fingerprint)).toBe(fingerprint);
    expect(catalogueFingerprint(JSON.parse(JSON.stringify(bundled)) as Fact[])).toBe(fingerprint);
  });

  it('changes with anything that changes a link: a name, its case rule or following words, an id, the order', () => {
    const fingerprint = catalogueFingerprint(bundled);
    const changed = [
      withHanoi({ ...hanoi, label: 'Ha Noi' }),
      withHanoi({ ...hanoi, aliases: [...hanoi.aliases, { text: 'Ha Noi', caseSensitive: false, analystForm: true, ambiguous: false }] }),
      withHanoi({ ...hanoi, aliases: [{ ...hanoi.aliases[0]!, caseSensitive: true }] }),
      withHanoi({ ...hanoi, aliases: [{ ...hanoi.aliases[0]!, unlessFollowedBy: ['talks'] }] }),
      withHanoi({ ...hanoi, id: 'hanoi-city' }),
      [...bundled].reverse(),
    ].map(catalogueFingerprint);
    expect(new Set([fingerprint, ...changed]).size).toBe(changed.length + 1);
  });

  it('stays the same when only what no link depends on changes: summary, kind, tags, anchors', () => {
    expect(catalogueFingerprint(withHanoi({ ...hanoi, summary: 'Another summary.', kind: 'event', tags: ['venue'], anchors: [] }))).toBe(catalogueFingerprint(bundled));
  });
});
