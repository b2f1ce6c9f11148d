import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FUZZY_SCORES,
  FuzzyIndex,
  FuzzyTargetCache,
  NO_MATCH,
  fuzzyMatch,
  fuzzyScore,
  prepareFuzzyQuery,
  prepareFuzzyTarget,
  rankFuzzy,
  type FuzzyTarget,
} from '../../shared/lib/fuzzyMatch';

const matchedText = (query: string, text: string): string[] | undefined =>
  fuzzyMatch(query, text)?.ranges.map((range) => text.slice(range.start, range.end));

const rank = (query: string, texts: readonly string[], limit = texts.length): string[] =>
  rankFuzzy(prepareFuzzyQuery(query), texts.map(prepareFuzzyTarget), limit).indices.map((index) => texts[index]!);

describe('fuzzyMatch: what matches', () => {
  it('matches the query as a subsequence, case-insensitively', () => {
    expect(matchedText('brn', 'Brief: Rename')).toEqual(['Br', 'n']);
    expect(matchedText('bre', 'Brief: Rename')).toEqual(['B', 'Re']);
    expect(matchedText('RENAME', 'Brief: Rename')).toEqual(['Rename']);
    expect(fuzzyMatch('nb', 'Brief')).toBeUndefined();
    expect(fuzzyMatch('briefs', 'Brief')).toBeUndefined();
  });

  it('ignores diacritics both ways, including letters that do not decompose', () => {
    expect(matchedText('zoe', 'Zoë Bakker')).toEqual(['Zoë']);
    expect(matchedText('zoë', 'Zoe Bakker')).toEqual(['Zoe']);
    expect(matchedText('lodz', 'Łódź: port traffic')).toEqual(['Łódź']);
    expect(matchedText('sao paulo', 'São Paulo talks')).toEqual(['São', 'Paulo']);
    expect(matchedText('cote', "Côte d'Ivoire")).toEqual(['Côte']);
    expect(matchedText('strasse', 'Straße')).toEqual(['Straße']);
  });

  it('highlights a decomposed accent (e + combining acute) together with its letter', () => {
    const text = 'Cafe\u0301 prices';
    expect(fuzzyMatch('cafe', text)?.ranges).toEqual([{ start: 0, end: 5 }]);
    expect(fuzzyMatch('cafe', text)?.positions).toEqual([0, 1, 2, 3]);
  });

  it('treats an astral character as one character and reports UTF-16 offsets', () => {
    // U+1D49C MATHEMATICAL SCRIPT CAPITAL A folds to "a"; the emoji is itself.
    const text = 'x\u{1D49C}y \u{1F4C8} growth';
    const match = fuzzyMatch('a\u{1F4C8}g', text);
    expect(match?.positions).toEqual([1, 5, 8]);
    expect(match?.ranges).toEqual([
      { start: 1, end: 3 },
      { start: 5, end: 7 },
      { start: 8, end: 9 },
    ]);
    expect(fuzzyMatch('\u{1F4C9}', text)).toBeUndefined();
    // Half a surrogate pair does not match the whole character.
    expect(fuzzyMatch('\uD83D', text)).toBeUndefined();
  });

  it('matches the empty query (and a query of spaces) with score 0 and nothing highlighted', () => {
    expect(fuzzyMatch('', 'Anything')).toEqual({ score: 0, positions: [], ranges: [] });
    expect(fuzzyMatch('   ', 'Anything')).toEqual({ score: 0, positions: [], ranges: [] });
    expect(fuzzyScore(prepareFuzzyQuery(''), prepareFuzzyTarget(''))).toBe(0);
    expect(fuzzyScore(prepareFuzzyQuery('a'), prepareFuzzyTarget(''))).toBe(NO_MATCH);
  });

  it('needs every space-separated word of the query, in any order', () => {
    expect(matchedText('rename brief', 'Brief: Rename')).toEqual(['Brief', 'Rename']);
    expect(fuzzyMatch('rename trash', 'Brief: Rename')).toBeUndefined();
  });

  it('merges adjacent matched characters into one highlighted range', () => {
    expect(fuzzyMatch('han', 'Hanoi')?.ranges).toEqual([{ start: 0, end: 3 }]);
    expect(fuzzyMatch('han', 'Hanoi')?.positions).toEqual([0, 1, 2]);
  });
});

describe('fuzzyMatch: ranking', () => {
  it('prefers a contiguous run to scattered letters', () => {
    expect(rank('talk', ['Trade and labour: kit', 'Hanoi talks'])).toEqual(['Hanoi talks', 'Trade and labour: kit']);
    expect(matchedText('talk', 'Trade and labour: kit talks')).toEqual(['talk']);
  });

  it('prefers word starts to letters inside words', () => {
    expect(rank('sr', ['Misreading', 'Sanctions review'])).toEqual(['Sanctions review', 'Misreading']);
    expect(matchedText('fp', 'View: Toggle Facts Pane')).toEqual(['F', 'P']);
  });

  it('prefers the earlier of two equal matches', () => {
    expect(rank('rename', ['Brief: Rename', 'Rename brief'])).toEqual(['Rename brief', 'Brief: Rename']);
    expect(matchedText('brief', 'Brief on the brief')).toEqual(['Brief']);
  });

  it('scores camel humps as word starts', () => {
    expect(rank('bd', ['Bold', 'BriefDesk'])).toEqual(['BriefDesk', 'Bold']);
  });

  it('breaks ties by the order of the targets, and the empty query keeps that order', () => {
    expect(rank('notes', ['Notes', 'Notes', 'notes'])).toEqual(['Notes', 'Notes', 'notes']);
    const targets = ['b', 'a', 'c'].map(prepareFuzzyTarget);
    expect(rankFuzzy(prepareFuzzyQuery('x'), targets, 10)).toEqual({ indices: [], total: 0 });
    expect(rankFuzzy(prepareFuzzyQuery(''), targets, 2)).toEqual({ indices: [0, 1], total: 3 });
  });

  it('keeps the best `limit` and counts every match', () => {
    const texts = Array.from({ length: 300 }, (_, index) => `${index % 3 === 0 ? 'Hanoi' : 'Hamburg north'} ${index}`);
    const ranking = rankFuzzy(prepareFuzzyQuery('han'), texts.map(prepareFuzzyTarget), 5);
    expect(ranking.total).toBe(300);
    expect(ranking.indices).toEqual([0, 3, 6, 9, 12]);
    expect(rankFuzzy(prepareFuzzyQuery('han'), texts.map(prepareFuzzyTarget), 0)).toEqual({ indices: [], total: 300 });
  });

  it('prefers the same accent to a folded one, all else equal', () => {
    expect(rank('é', ['e', 'é'])).toEqual(['é', 'e']);
  });
});

/** Every way of matching the query's units in the target's units, scored by the documented rules. */
function bruteForceBest(queryUnits: readonly number[], queryRaw: readonly number[], target: FuzzyTarget): number {
  let best = NO_MATCH;
  const positions: number[] = [];
  const walk = (i: number, from: number, score: number): void => {
    if (i === queryUnits.length) {
      best = Math.max(best, score);
      return;
    }
    for (let t = from; t < target.units.length; t++) {
      if (target.units[t] !== queryUnits[i]) continue;
      let gain = FUZZY_SCORES.match + target.bonus[t]! + (target.raw[t] === queryRaw[i] ? FUZZY_SCORES.exact : 0);
      if (i === 0) gain += Math.max(0, FUZZY_SCORES.early - t);
      else if (positions[i - 1] === t - 1) gain += FUZZY_SCORES.consecutive;
      positions[i] = t;
      walk(i + 1, t + 1, score + gain);
    }
  };
  walk(0, 0, 0);
  return best;
}

describe('fuzzyMatch: properties', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', 'é', 'e', ' ', '-', 'c'), maxLength: 12 });
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'B', 'e', 'é', 'c'), minLength: 1, maxLength: 4 });

  it('finds the best-scoring alignment (checked against all alignments)', () => {
    fc.assert(
      fc.property(word, text, (query, targetText) => {
        const target = prepareFuzzyTarget(targetText);
        const piece = prepareFuzzyQuery(query).pieces[0]!;
        expect(fuzzyScore(prepareFuzzyQuery(query), target)).toBe(bruteForceBest([...piece.units], [...piece.raw], target));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns positions that spell the query and score what fuzzyScore says', () => {
    fc.assert(
      fc.property(word, text, (query, targetText) => {
        const target = prepareFuzzyTarget(targetText);
        const match = fuzzyMatch(query, target);
        const score = fuzzyScore(prepareFuzzyQuery(query), target);
        if (!match) {
          expect(score).toBe(NO_MATCH);
          return;
        }
        expect(match.score).toBe(score);
        expect(match.positions).toEqual([...match.positions].sort((a, b) => a - b));
        const spelled = match.positions.map((position) => targetText[position]!.normalize('NFD')[0]!.toLowerCase()).join('');
        expect(spelled).toBe(query.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  it('ranks like a full stable sort by score', () => {
    fc.assert(
      fc.property(word, fc.array(text, { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (query, texts, limit) => {
        const prepared = prepareFuzzyQuery(query);
        const targets = texts.map(prepareFuzzyTarget);
        const expected = targets
          .map((target, index) => ({ index, score: fuzzyScore(prepared, target) }))
          .filter((entry) => entry.score !== NO_MATCH)
          .sort((a, b) => b.score - a.score || a.index - b.index);
        expect(rankFuzzy(prepared, targets, limit)).toEqual({ indices: expected.slice(0, limit).map((entry) => entry.index), total: expected.length });
      }),
    );
  });
});

describe('FuzzyIndex', () => {
  const titles = ['Hanoi talks', 'Hamburg north', 'Han River bridges', 'Seoul: sanctions', 'Hanoi summit: first read-out', 'hano'];

  it('ranks like rankFuzzy while a query is typed, corrected and retyped', () => {
    const index = new FuzzyIndex(titles);
    const targets = titles.map(prepareFuzzyTarget);
    // The last two: half of U+1D49C (which folds to "a") matches nothing; completed, it matches most titles.
    for (const query of ['h', 'ha', 'han', 'hano', 'hanoi', 'hanoi ', 'hanoi s', 'hanoi', 'ha', 'hs', 'hs x', '', 'sanc', '\uD835', '\u{1D49C}']) {
      expect(index.rank(query, 3), query).toEqual(rankFuzzy(prepareFuzzyQuery(query), targets, 3));
    }
  });

  it('keeps to rankFuzzy over random edits (typing on, deleting, replacing)', () => {
    const edit = fc.record({ cut: fc.nat({ max: 4 }), add: fc.string({ unit: fc.constantFrom('a', 'n', 'h', 'o', ' ', 'i', 's', '\u{1D49C}'), maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        const index = new FuzzyIndex(titles);
        const targets = titles.map(prepareFuzzyTarget);
        let query = '';
        for (const { cut, add } of edits) {
          query = query.slice(0, Math.max(0, query.length - cut)) + add;
          expect(index.rank(query, 4)).toEqual(rankFuzzy(prepareFuzzyQuery(query), targets, 4));
        }
      }),
    );
  });

  it('highlights one of its texts', () => {
    expect(new FuzzyIndex(titles).match('sanc', 3)?.ranges).toEqual([{ start: 7, end: 11 }]);
  });
});

describe('FuzzyTargetCache', () => {
  it('hands back the same prepared text, and forgets the least recently used beyond its limit', () => {
    const cache = new FuzzyTargetCache(2);
    const hanoi = cache.get('Hanoi');
    const seoul = cache.get('Seoul');
    expect(cache.get('Hanoi')).toBe(hanoi);
    cache.get('Kyiv');
    expect(cache.size).toBe(2);
    expect(cache.get('Hanoi')).toBe(hanoi);
    // Seoul was the least recently used when Kyiv came: prepared again.
    const seoulAgain = cache.get('Seoul');
    expect(seoulAgain).not.toBe(seoul);
    expect(seoulAgain).toEqual(seoul);
  });

  it('gives an index the same rankings as preparing afresh', () => {
    const titles = ['Hanoi talks', 'Han River bridges', 'Seoul: sanctions'];
    const cached = new FuzzyIndex(titles, new FuzzyTargetCache(10));
    expect(cached.rank('han', 5)).toEqual(new FuzzyIndex(titles).rank('han', 5));
  });
});
