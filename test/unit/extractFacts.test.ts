import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeFacts, type ProposedFact } from '../../electron/host/services/sources/extractFacts';
import { FACT_LIMITS } from '../../shared/limits';
import { FactCatalogueSchema, type Fact } from '../../shared/model/fact';
import { SourceSchema } from '../../shared/model/source';

const root = join(import.meta.dirname, '..', '..');
const readJson = (...path: string[]): unknown => JSON.parse(readFileSync(join(root, ...path), 'utf8'));
const source = SourceSchema.parse(readJson('resources', 'sources', 'hanoi-summit-2019.source.json'));
const catalogue = FactCatalogueSchema.parse(readJson('resources', 'facts', 'hanoi-summit.facts.json'));
const text = source.text;

const article = proposeFacts(text, { publishedAt: '2019-02-28', existing: catalogue.facts });

const names = (p: ProposedFact): string[] => [p.label, ...p.aliases];

/** The one proposal that has `name` as its label or an alias (exact case). */
function proposalNamed(proposals: readonly ProposedFact[], name: string): ProposedFact {
  const found = proposals.filter((p) => names(p).includes(name));
  expect(found, `proposals named "${name}"`).toHaveLength(1);
  return found[0]!;
}

/** Whole-word occurrences, counted without the code under test. */
const wholeWordCount = (value: string, word: string): number => value.match(new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'gu'))?.length ?? 0;

function fact(id: string, label: string, aliases: Fact['aliases'] = [], kind: Fact['kind'] = 'person'): Fact {
  return { id, kind, label, aliases, summary: label, tags: [], anchors: [] };
}

describe('proposeFacts on the bundled Hanoi article', () => {
  it('finds the people, places and the organization, with their kinds', () => {
    const expected: Array<[string, ProposedFact['kind']]> = [
      ['Trump', 'person'],
      ['Kim Jong Un', 'person'],
      ['Moon Jae-in', 'person'],
      ['Hanoi', 'place'],
      ['Singapore', 'place'],
      ['Yongbyon', 'place'],
      ['United Nations', 'organization'],
    ];
    for (const [name, kind] of expected) expect(proposalNamed(article, name).kind, name).toBe(kind);
  });

  it('merges the variants of one name into one proposal with every mention', () => {
    const kim = proposalNamed(article, 'Kim Jong Un');
    expect(kim.label).toBe('Kim Jong Un');
    expect(kim.aliases).toEqual(expect.arrayContaining(['Chairman Kim Jong Un', 'Kim']));
    expect(kim.mentions).toHaveLength(wholeWordCount(text, 'Kim'));

    const trump = proposalNamed(article, 'President Trump');
    expect(trump.label).toBe('Trump');
    // Trump opens two sentences and is possessive twice ("Trump’s presidency"): all are mentions.
    expect(trump.mentions).toHaveLength(wholeWordCount(text, 'Trump'));

    const yongbyon = proposalNamed(article, 'Yongbyon');
    expect(yongbyon.label).toBe('Yongbyon Nuclear Scientific Research Facility');
    expect(yongbyon.mentions).toHaveLength(wholeWordCount(text, 'Yongbyon'));
  });

  it('proposes the quotations and attributes them to Trump', () => {
    for (const quote of ['Little Rocket Man', 'fire and fury like the world has never seen', 'You have to be prepared to walk away']) {
      const found = proposalNamed(article, quote);
      expect(found.kind, quote).toBe('quotation');
      // "…,” he said": the last person named before the quotation.
      expect(found.speaker, quote).toBe('Trump');
    }
    // A quotation that is all name is not also a person.
    expect(article.filter((p) => p.label === 'Little Rocket Man').map((p) => p.kind)).toEqual(['quotation']);
  });

  it('anchors every proposal at its first mention, with the exact text there', () => {
    expect(article.length).toBeGreaterThan(10);
    for (const p of article) {
      expect(p.anchor.exact, p.label).toBe(text.slice(p.anchor.start, p.anchor.end));
      expect({ start: p.anchor.start, end: p.anchor.end }).toEqual(p.mentions[0]);
      const starts = p.mentions.map((m) => m.start);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      if (p.kind === 'person' || p.kind === 'place' || p.kind === 'organization') {
        for (const m of p.mentions) expect(names(p), p.label).toContain(text.slice(m.start, m.end));
      }
    }
  });

  it('marks the proposals that name a fact of the bundled catalogue', () => {
    const expected: Record<string, string> = {
      Trump: 'donald-trump',
      'Kim Jong Un': 'kim-jong-un',
      'Moon Jae-in': 'moon-jae-in',
      Hanoi: 'hanoi',
      Singapore: 'singapore',
      Yongbyon: 'yongbyon-facility',
      'United Nations': 'united-nations',
      'North Korea': 'north-korea',
      'Korean peninsula': 'korean-peninsula',
      'Little Rocket Man': 'quote-little-rocket-man',
      'fire and fury like the world has never seen': 'quote-fire-and-fury',
      'June 2018': 'june-2018',
    };
    for (const [name, factId] of Object.entries(expected)) {
      const label = catalogue.facts.find((f) => f.id === factId)!.label;
      expect(proposalNamed(article, name).match, name).toEqual({ factId, label });
    }
    expect(proposeFacts(text, { publishedAt: '2019-02-28', existing: [] }).filter((p) => p.match)).toEqual([]);
  });

  it('proposes nothing for pronouns or a sentence-initial "The"', () => {
    const noise = new Set(['he', 'him', 'his', 'they', 'their', 'its', 'you', 'the', 'this', 'however', 'tensions', 'while', 'in']);
    for (const p of article) {
      for (const name of names(p)) {
        expect(noise.has(name.toLowerCase()), name).toBe(false);
        if (p.kind !== 'quotation') expect(name, p.label).not.toMatch(/^The\b/);
      }
    }
    const sentenceInitialThe = [...text.matchAll(/(?:^|[.!?]\s+)(The)\b/gm)].map((m) => m.index + m[0].length - 3);
    expect(sentenceInitialThe.length).toBeGreaterThan(3);
    const mentionStarts = new Set(article.flatMap((p) => p.mentions.map((m) => m.start)));
    for (const start of sentenceInitialThe) expect(mentionStarts.has(start), `"The" at ${start}`).toBe(false);
  });

  it('resolves the article’s dates', () => {
    expect(proposalNamed(article, 'June 2018')).toMatchObject({ kind: 'date', date: '2018-06' });
  });
});

describe('proposeFacts on short texts', () => {
  it('resolves relative dates from the publication day, not from today', () => {
    const sentence = 'Kim met Trump last June in Singapore.';
    const dateOf = (publishedAt?: string): string | undefined =>
      proposalNamed(proposeFacts(sentence, { ...(publishedAt ? { publishedAt } : {}), existing: [] }), 'last June').date;
    expect(dateOf('2019-02-28')).toBe('2018-06');
    expect(dateOf('2020-03-01T09:30:00Z')).toBe('2019-06');
    // Without a publication day (or with "unknown", as the bundled source has) a relative date stays unresolved.
    expect(dateOf()).toBeUndefined();
    expect(dateOf('unknown')).toBeUndefined();
    const absolute = proposeFacts('They first met on 12 June 2018.', { existing: [] });
    expect(proposalNamed(absolute, '12 June 2018').date).toBe('2018-06-12');
  });

  it('puts a date without a year in the past when the sentence is told in the past', () => {
    const options = { publishedAt: '2019-02-28', existing: [] };
    // compromise-dates alone puts both in the future: 2019-03-04 and 2019-06.
    expect(proposalNamed(proposeFacts('Kim arrived in Hanoi on Monday.', options), 'Monday').date).toBe('2019-02-25');
    expect(proposalNamed(proposeFacts('The two leaders met in June.', options), 'June').date).toBe('2018-06');
    expect(proposalNamed(proposeFacts('The two leaders will meet in June.', options), 'June').date).toBe('2019-06');
    expect(proposalNamed(proposeFacts('They said they’ll meet in June.', options), 'June').date).toBe('2019-06');
  });

  it('attributes quotations in straight and curly quotes, before and after the speaker', () => {
    const sample = [
      'Donald Trump arrived in Hanoi on Tuesday. President Trump met Mr. Kim there.',
      '"We will see what happens," Trump told reporters.',
      'Kim Jong Un said: “I am happy to be here.”',
      '“It was a productive meeting,” said Mike Pompeo.',
      'The talks ended. “Nobody walked away,” he said.',
      'Reporters were told "Kim is ready to talk" by aides.',
    ].join('\n');
    const proposals = proposeFacts(sample, { existing: [] });
    expect(proposalNamed(proposals, 'We will see what happens').speaker).toBe('Donald Trump');
    expect(proposalNamed(proposals, 'I am happy to be here').speaker).toBe('Kim Jong Un');
    expect(proposalNamed(proposals, 'It was a productive meeting').speaker).toBe('Mike Pompeo');
    // "he said" after a sentence that names no one: the last person named before.
    expect(proposalNamed(proposals, 'Nobody walked away').speaker).toBe('Mike Pompeo');
    // The name that opens a quotation is not who said it.
    expect(proposalNamed(proposals, 'Kim is ready to talk').speaker).toBeUndefined();
    const trump = proposalNamed(proposals, 'Donald Trump');
    expect(trump.aliases).toEqual(expect.arrayContaining(['President Trump', 'Trump']));
    expect(proposalNamed(proposals, 'Mr. Kim').label).toBe('Kim Jong Un');
  });

  it('finds names the lexicon misses, without their punctuation', () => {
    const proposals = proposeFacts('President Bola Tinubu met Ngelale in Abuja. Tinubu later praised the Bank of Ghana.', { existing: [] });
    expect(proposalNamed(proposals, 'Tinubu')).toMatchObject({ kind: 'person', label: 'Bola Tinubu' });
    expect(proposalNamed(proposals, 'Ngelale').kind).toBe('person');
    expect(proposalNamed(proposals, 'Abuja')).toMatchObject({ kind: 'place', anchor: { exact: 'Abuja' } });
    expect(proposalNamed(proposals, 'Bank of Ghana').kind).toBe('organization');
  });

  it('matches known facts by the alias rules: case-sensitive aliases only in their case', () => {
    const sample = 'Kim met Trump in Hanoi.';
    const matchOf = (existing: Fact[]): string | undefined => proposalNamed(proposeFacts(sample, { existing }), 'Trump').match?.factId;
    expect(matchOf([fact('shouting', 'TRUMP', [{ text: 'TRUMP', caseSensitive: true, analystForm: false, ambiguous: false }])])).toBeUndefined();
    expect(matchOf([fact('shouting', 'TRUMP', [{ text: 'TRUMP', caseSensitive: false, analystForm: false, ambiguous: false }])])).toBe('shouting');
    // Of two facts with the name, the one of the same kind.
    const tower = fact('trump-tower', 'Trump', [], 'place');
    expect(matchOf([tower, fact('donald-trump', 'Donald Trump', [{ text: 'Trump', caseSensitive: true, analystForm: false, ambiguous: true }])])).toBe('donald-trump');
  });
});

describe('proposeFacts on arbitrary texts', () => {
  const pieces = [
    'Kim Jong Un', 'President Trump', 'Mr. Kim', 'the', 'The', 'he said', 'said', 'in', 'Hanoi', 'last June', 'on Monday', 'Moon Jae-in',
    'Trump’s', 'Kim Yong-chŏl', '🇰🇵', 'talks', ',', '.', ':', '“', '”', '"', '«', '»', '\n', '\r\n', ' ', '-', 'U.S.', 'Bank of Ghana', 'met',
  ];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(' '));

  it('anchors every proposal exactly, inside the text, whatever the text', () => {
    fc.assert(
      fc.property(texts, (sample) => {
        for (const p of proposeFacts(sample, { publishedAt: '2019-02-28', existing: catalogue.facts })) {
          expect(p.anchor.exact).toBe(sample.slice(p.anchor.start, p.anchor.end));
          expect(p.anchor.exact.trim()).not.toBe('');
          expect(p.label.length).toBeLessThanOrEqual(FACT_LIMITS.labelChars);
          expect(p.aliases).not.toContain(p.label);
          for (const m of p.mentions) expect(0 <= m.start && m.start < m.end && m.end <= sample.length).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
