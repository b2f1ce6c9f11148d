import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { aliasKey, checkCatalogue, occursAsPhrase } from '../../shared/lib/catalogueChecks';
import { makeAnchor, resolveAnchor } from '../../shared/lib/textAnchor';
import { FactCatalogueSchema } from '../../shared/model/fact';
import type { Fact, FactCatalogue, FactKind } from '../../shared/model/fact';
import { SourceSchema } from '../../shared/model/source';

const root = join(import.meta.dirname, '..', '..');
const SOURCE_PATH = join(root, 'resources', 'sources', 'hanoi-summit-2019.source.json');
const CATALOGUE_PATH = join(root, 'resources', 'facts', 'hanoi-summit.facts.json');

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const source = SourceSchema.parse(readJson(SOURCE_PATH));
const catalogue = FactCatalogueSchema.parse(readJson(CATALOGUE_PATH));
const text = source.text;

function fact(c: FactCatalogue, id: string): Fact {
  const found = c.facts.find((f) => f.id === id);
  if (!found) throw new Error(`no fact "${id}"`);
  return found;
}

function clone(): FactCatalogue {
  return structuredClone(catalogue);
}

/** Lines of the text with their offsets, computed independently of the code under test. */
function lines(value: string): { start: number; end: number }[] {
  const result: { start: number; end: number }[] = [];
  let offset = 0;
  for (const line of value.split('\n')) {
    result.push({ start: offset, end: offset + line.length });
    offset += line.length + 1;
  }
  return result;
}

describe('source record', () => {
  it('parses with SourceSchema', () => {
    expect(SourceSchema.safeParse(readJson(SOURCE_PATH)).success).toBe(true);
    expect(source.id).toBe('hanoi-summit-2019');
    expect(source.kind).toBe('news article');
  });

  it('has a checksum equal to sha256 of the text as UTF-8', () => {
    expect(source.checksum).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('has one paragraph per line, excluding the newline', () => {
    expect(source.paragraphs).toEqual(lines(text));
    expect(source.paragraphs).toHaveLength(7);
    for (const p of source.paragraphs) expect(text.slice(p.start, p.end)).not.toContain('\n');
  });

  it('keeps the curly quotes and apostrophes of the article', () => {
    expect(text).toContain('“You have to be prepared to walk away,”');
    expect(text).toContain('both sides’ unwillingness');
    expect(text).not.toMatch(/\n$/);
  });
});

describe('fact catalogue', () => {
  it('parses with FactCatalogueSchema', () => {
    expect(FactCatalogueSchema.safeParse(readJson(CATALOGUE_PATH)).success).toBe(true);
    expect(catalogue.id).toBe('hanoi-summit');
  });

  it('passes checkCatalogue with no problems', () => {
    expect(checkCatalogue(source, catalogue)).toEqual([]);
  });

  it('has unique fact ids', () => {
    const ids = catalogue.facts.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('anchors every fact at the exact words, findable again from prefix/suffix alone', () => {
    for (const f of catalogue.facts) {
      expect(f.anchors.length, f.id).toBeGreaterThan(0);
      for (const a of f.anchors) {
        const where = `${f.id}: ${a.exact}`;
        expect(a.sourceId, where).toBe(source.id);
        expect(text.slice(a.start, a.end), where).toBe(a.exact);
        expect(text.slice(a.start - a.prefix.length, a.start), where).toBe(a.prefix);
        expect(text.slice(a.end, a.end + a.suffix.length), where).toBe(a.suffix);
        const quote = a.prefix + a.exact + a.suffix;
        const first = text.indexOf(quote);
        expect(first, where).toBeGreaterThanOrEqual(0);
        expect(text.indexOf(quote, first + 1), `${where} is not unique`).toBe(-1);
        expect(first + a.prefix.length, where).toBe(a.start);
        expect(resolveAnchor(text, a)).toEqual({ ok: true, range: { start: a.start, end: a.end } });
      }
    }
  });

  it('anchors something in every paragraph', () => {
    const anchors = catalogue.facts.flatMap((f) => f.anchors);
    for (const [index, p] of source.paragraphs.entries()) {
      const inside = anchors.filter((a) => a.start >= p.start && a.end <= p.end);
      expect(inside.length, `paragraph ${index}`).toBeGreaterThan(0);
    }
  });

  it('backs every alias and label with the source text, unless it is an analyst form', () => {
    for (const f of catalogue.facts) {
      for (const alias of f.aliases) {
        if (alias.analystForm) continue;
        expect(occursAsPhrase(text, alias.text, alias.caseSensitive), `${f.id}: alias "${alias.text}"`).toBe(true);
      }
      const labelAlias = f.aliases.find((a) => aliasKey(a.text) === aliasKey(f.label));
      if (!labelAlias?.analystForm) {
        expect(occursAsPhrase(text, f.label, labelAlias?.caseSensitive ?? false), `${f.id}: label "${f.label}"`).toBe(true);
      }
    }
  });

  it('gives no alias (case-folded) to two facts unless it is marked ambiguous', () => {
    const owners = new Map<string, { id: string; ambiguous: boolean }[]>();
    for (const f of catalogue.facts) {
      for (const alias of f.aliases) {
        const key = aliasKey(alias.text);
        owners.set(key, [...(owners.get(key) ?? []), { id: f.id, ambiguous: alias.ambiguous }]);
      }
    }
    for (const [key, list] of owners) {
      const ids = new Set(list.map((o) => o.id));
      if (ids.size > 1) expect(list.every((o) => o.ambiguous), `"${key}" → ${[...ids].join(', ')}`).toBe(true);
    }
  });

  it('marks short aliases case-sensitive', () => {
    for (const f of catalogue.facts) {
      for (const alias of f.aliases) {
        if (alias.text.length <= 4) expect(alias.caseSensitive, `${f.id}: "${alias.text}"`).toBe(true);
      }
    }
  });

  it('summarises facts in its own words, not by copying the article', () => {
    for (const f of catalogue.facts) expect(text.includes(f.summary), f.id).toBe(false);
  });

  const mustHave: [string, FactKind][] = [
    ['donald-trump', 'person'],
    ['kim-jong-un', 'person'],
    ['moon-jae-in', 'person'],
    ['hanoi', 'place'],
    ['singapore', 'place'],
    ['yongbyon-facility', 'place'],
    ['korean-peninsula', 'place'],
    ['north-korea', 'place'],
    ['south-korea', 'place'],
    ['united-states', 'place'],
    ['united-nations', 'organization'],
    ['un-sanctions', 'event'],
    ['hanoi-summit-2019', 'event'],
    ['singapore-summit-2018', 'event'],
    ['singapore-statement', 'event'],
    ['north-korea-nuclear-tests', 'event'],
    ['north-korea-missile-claims', 'position'],
    ['north-korea-sanctions-demand', 'position'],
    ['us-offer', 'position'],
    ['kim-trust-objection', 'position'],
    ['quote-walk-away', 'quotation'],
    ['quote-little-rocket-man', 'quotation'],
    ['quote-fire-and-fury', 'quotation'],
    ['failure-no-compromise', 'assessment'],
    ['outlook-lower-level-talks', 'assessment'],
    ['outlook-deal-in-doubt', 'assessment'],
    ['june-2018', 'date'],
  ];
  it.each(mustHave)('has %s as a %s', (id, kind) => {
    expect(fact(catalogue, id).kind).toBe(kind);
  });

  it('dates the two summits', () => {
    expect(fact(catalogue, 'hanoi-summit-2019').date).toBe('2019-02');
    expect(fact(catalogue, 'hanoi-summit-2019').summary).toContain('February 2019');
    expect(fact(catalogue, 'singapore-summit-2018').date).toBe('2018-06');
    expect(fact(catalogue, 'june-2018').date).toBe('2018-06');
  });

  it.each([
    ['quote-walk-away', 'You have to be prepared to walk away'],
    ['quote-little-rocket-man', 'Little Rocket Man'],
    ['quote-fire-and-fury', 'fire and fury like the world has never seen'],
  ])('quotes %s word for word', (id, words) => {
    const quote = fact(catalogue, id);
    expect(quote.anchors.map((a) => a.exact)).toContain(words);
    expect(quote.aliases.map((a) => a.text)).toContain(words);
    expect(quote.label).toBe(words);
    // The anchored words sit right inside the article's curly quotation marks.
    const anchor = quote.anchors.find((a) => a.exact === words);
    expect(text[(anchor?.start ?? 0) - 1]).toBe('“');
  });

  it('names Moon Jae-in as the South Korean president', () => {
    const moon = fact(catalogue, 'moon-jae-in');
    expect(moon.label).toBe('Moon Jae-in');
    expect(moon.aliases).toContainEqual(expect.objectContaining({ text: 'Moon', caseSensitive: true }));
    expect(moon.anchors.map((a) => a.exact).join(' ')).toContain('South Korean President, Moon Jae-in');
  });

  it('keeps the analyst forms and case-sensitive short names the app relies on', () => {
    const alias = (id: string, t: string) => fact(catalogue, id).aliases.find((a) => a.text === t);
    expect(alias('donald-trump', 'Trump')).toMatchObject({ caseSensitive: true });
    expect(alias('donald-trump', 'Donald J. Trump')).toMatchObject({ analystForm: true });
    expect(alias('kim-jong-un', 'Kim')).toMatchObject({ caseSensitive: true });
    expect(alias('kim-jong-un', 'Kim Jong-un')).toMatchObject({ analystForm: true });
    expect(alias('north-korea', 'DPRK')).toMatchObject({ caseSensitive: true, analystForm: true });
    expect(alias('united-states', 'US')).toMatchObject({ caseSensitive: true, analystForm: true });
    expect(alias('united-nations', 'UN')).toMatchObject({ caseSensitive: true, analystForm: true });
    expect(alias('singapore', 'Singapore')).toBeDefined();
    expect(alias('hanoi-summit-2019', 'Hanoi summit')).toBeDefined();
  });
});

describe('occursAsPhrase', () => {
  it('matches whole phrases only, with Unicode-aware boundaries', () => {
    expect(occursAsPhrase(text, 'North Korea', false)).toBe(true);
    expect(occursAsPhrase('South Korean President', 'South Korea', false)).toBe(false);
    expect(occursAsPhrase('Jae-in', 'Jae', false)).toBe(true);
    expect(occursAsPhrase('Hanoié', 'Hanoi', false)).toBe(false);
    expect(occursAsPhrase('Hanoi2', 'Hanoi', false)).toBe(false);
  });

  it('honours caseSensitive and treats ’ and \' alike', () => {
    expect(occursAsPhrase('let us talk', 'US', true)).toBe(false);
    expect(occursAsPhrase('let us talk', 'US', false)).toBe(true);
    expect(occursAsPhrase('both sides’ unwillingness', "sides' unwillingness", false)).toBe(true);
    expect(occursAsPhrase("North Korea's nuclear tests", 'North Korea’s nuclear tests', true)).toBe(true);
  });

  it('escapes RegExp metacharacters', () => {
    expect(occursAsPhrase('the U.S. offer', 'U.S.', false)).toBe(true);
    expect(occursAsPhrase('the UXSX offer', 'U.S.', false)).toBe(false);
  });
});

describe('makeAnchor', () => {
  it('takes up to 32 characters of context and widens it until the quote is unique', () => {
    const a = makeAnchor(text, source.id, 0, 15);
    expect(a).toEqual({ sourceId: source.id, exact: 'President Trump', prefix: '', suffix: text.slice(15, 47), start: 0, end: 15 });
    const repetitive = `${'x'.repeat(40)}ab${'x'.repeat(80)}ab${'x'.repeat(40)}`;
    const b = makeAnchor(repetitive, 'r', 122, 124);
    expect(b.exact).toBe('ab');
    expect(resolveAnchor(repetitive, b)).toEqual({ ok: true, range: { start: 122, end: 124 } });
  });
});

describe('checkCatalogue catches broken catalogues', () => {
  it('an anchor whose offsets were shifted', () => {
    const broken = clone();
    const anchor = fact(broken, 'hanoi').anchors[0];
    if (!anchor) throw new Error('hanoi has no anchor');
    anchor.start += 1;
    anchor.end += 1;
    const problems = checkCatalogue(source, broken);
    expect(problems).toContainEqual(expect.stringMatching(/^fact "hanoi" anchor 0 \("Hanoi"\): exact does not match the text/));
    expect(problems).toContainEqual(expect.stringMatching(/^fact "hanoi" anchor 0 .*quote is found at \d+, not at start \d+/));
  });

  it('an anchor whose quote no longer identifies one place', () => {
    const broken = clone();
    const anchor = fact(broken, 'donald-trump').anchors[1];
    if (!anchor) throw new Error('donald-trump has no second anchor');
    anchor.prefix = '';
    anchor.suffix = '';
    expect(checkCatalogue(source, broken)).toContainEqual(
      expect.stringMatching(/^fact "donald-trump" anchor 1 \("Trump"\): quote \(prefix \+ exact \+ suffix\) is ambiguous/),
    );
  });

  it('an anchor whose quote is not in the text', () => {
    const broken = clone();
    const anchor = fact(broken, 'singapore').anchors[0];
    if (!anchor) throw new Error('singapore has no anchor');
    anchor.suffix = ', where they agreed nothing';
    expect(checkCatalogue(source, broken)).toContainEqual(expect.stringMatching(/^fact "singapore" anchor 0 .*not found in the source/));
  });

  it('an anchor into another source', () => {
    const broken = clone();
    const anchor = fact(broken, 'hanoi').anchors[0];
    if (!anchor) throw new Error('hanoi has no anchor');
    anchor.sourceId = 'some-other-source';
    expect(checkCatalogue(source, broken)).toContainEqual(expect.stringContaining('points at source "some-other-source"'));
  });

  it('a duplicated fact id', () => {
    const broken = clone();
    broken.facts.push(structuredClone(fact(broken, 'hanoi')));
    const problems = checkCatalogue(source, broken);
    expect(problems).toContain('duplicate fact id "hanoi"');
  });

  it('an alias that collides with another fact', () => {
    const broken = clone();
    fact(broken, 'hanoi-summit-2019').aliases.push({ text: 'hanoi', caseSensitive: false, analystForm: false, ambiguous: false });
    expect(checkCatalogue(source, broken)).toContainEqual(
      expect.stringMatching(/^name "Hanoi" \/ "hanoi" belongs to facts "hanoi", "hanoi-summit-2019" but is not marked ambiguous/),
    );
  });

  it('an alias that collides with another fact\'s label', () => {
    const broken = clone();
    fact(broken, 'kim-jong-un').aliases.push({ text: "Kim's objection", caseSensitive: true, analystForm: true, ambiguous: true });
    expect(checkCatalogue(source, broken)).toContainEqual(expect.stringMatching(/^name .*"Kim's objection".* belongs to facts/));
  });

  it('but not a collision marked ambiguous on every fact', () => {
    const ok = clone();
    for (const id of ['hanoi', 'hanoi-summit-2019']) {
      const f = fact(ok, id);
      f.aliases = f.aliases.filter((a) => a.text !== 'Hanoi');
      f.aliases.push({ text: 'Hanoi', caseSensitive: false, analystForm: false, ambiguous: true });
    }
    expect(checkCatalogue(source, ok)).toEqual([]);
  });

  it('an alias whose every occurrence is followed by a word that stops it from linking', () => {
    const broken = clone();
    const yongbyon = fact(broken, 'yongbyon-facility').aliases.find((a) => a.text === 'Yongbyon')!;
    // The source says "Yongbyon Nuclear Scientific Research Facility" once and "Yongbyon facility" once.
    yongbyon.unlessFollowedBy = ['Nuclear'];
    expect(checkCatalogue(source, broken)).toEqual([]);
    yongbyon.unlessFollowedBy = ['Nuclear', 'facility'];
    expect(checkCatalogue(source, broken)).toContain(
      'fact "yongbyon-facility" alias "Yongbyon" is followed in every occurrence by one of its unlessFollowedBy words, so the source never links it',
    );
  });

  it('an alias that is neither in the source nor an analyst form', () => {
    const broken = clone();
    fact(broken, 'north-korea').aliases.push({ text: 'Pyongyang', caseSensitive: false, analystForm: false, ambiguous: false });
    fact(broken, 'united-states').aliases.push({ text: 'united states', caseSensitive: true, analystForm: false, ambiguous: false });
    const problems = checkCatalogue(source, broken);
    expect(problems).toContain('fact "north-korea" alias "Pyongyang" does not occur in the source and is not marked analystForm');
    expect(problems).toContainEqual(expect.stringContaining('fact "united-states" lists alias "united states" twice'));
    fact(broken, 'united-states').aliases.pop();
    fact(broken, 'united-nations').aliases.push({ text: 'united nations sanctions', caseSensitive: true, analystForm: false, ambiguous: true });
    expect(checkCatalogue(source, broken)).toContain(
      'fact "united-nations" alias "united nations sanctions" does not occur in the source (case-sensitive) and is not marked analystForm',
    );
  });

  it('a label that is neither in the source nor an analyst-form alias', () => {
    const broken = clone();
    fact(broken, 'outlook-deal-in-doubt').label = 'Deal prospects dim';
    expect(checkCatalogue(source, broken)).toContain(
      'fact "outlook-deal-in-doubt" label "Deal prospects dim" does not occur in the source and is not an analystForm alias',
    );
  });

  it('a paragraph that carries no anchor, and a fact without anchors', () => {
    const broken = clone();
    const last = source.paragraphs.at(-1);
    if (!last) throw new Error('no paragraphs');
    for (const f of broken.facts) f.anchors = f.anchors.filter((a) => a.end <= last.start);
    const problems = checkCatalogue(source, broken);
    expect(problems).toContain(`paragraph 6 [${last.start}, ${last.end}) carries no anchor`);
    expect(problems).toContain('fact "outlook-lower-level-talks" has no anchor');
    // Coverage is optional, for catalogues that span many sources.
    expect(checkCatalogue(source, broken, { coverage: false })).toEqual([]);
  });
});
