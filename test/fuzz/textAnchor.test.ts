import approxSearch from 'approx-string-match';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_SCORE, SHORT_QUOTE_CHARS, anchorQuote, makeAnchor, reanchorAll, similarityTo } from '../../shared/lib/textAnchor';
import { fuzzParams, runsFor } from './support/fuzzConfig';

/**
 * Texts from a small alphabet, so quotes repeat and contexts collide, with letters that take two UTF-16 units
 * (emoji sharing their first unit, a CJK extension letter) and a combining accent beside plain words.
 */
const piece = fc.constantFrom('the ', 'talks ', 'summit ', 'a', 'e', ' ', '.\n', 'é', 'e\u0301', 'Łódź ', '会谈 ', '🎉', '🎊', '𠀀');
const prose = fc.array(piece, { minLength: 1, maxLength: 120 }).map((pieces) => pieces.join(''));
/** Repeated passages, whose quotes only a context wider than ANCHOR_CONTEXT (or the offsets) tell apart. */
const repetitive = fc.tuple(prose, fc.integer({ min: 2, max: 8 }), prose).map(([passage, times, tail]) => passage.repeat(times) + tail);
const text = fc.oneof(prose, repetitive);

/** A text and a non-empty range in it that does not cut a surrogate pair. */
const textAndRange = text.chain((t) =>
  fc
    .tuple(fc.nat({ max: t.length - 1 }), fc.nat({ max: t.length - 1 }))
    .map(([a, b]) => {
      const start = Math.min(a, b);
      const end = Math.max(a, b) + 1;
      return { text: t, start: wholeStart(t, start), end: wholeEnd(t, end) };
    }),
);

const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
const wholeStart = (t: string, at: number): number => (at > 0 && isLow(t.charCodeAt(at)) ? at - 1 : at);
const wholeEnd = (t: string, at: number): number => (at < t.length && isLow(t.charCodeAt(at)) ? at + 1 : at);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Replacing text[from, to) with `inserted`, as an editor does. */
const edit = fc.record({ from: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat({ max: 40 }), inserted: fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join('')) });

describe('textAnchor properties', () => {
  const runs = runsFor(4);

  it('context similarity is the measure approx-string-match gives, on both sides of 32 characters', () => {
    const short = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(short, short, (actual, expected) => {
        const library = expected.length === 0 || actual === expected ? 1 : actual.length === 0 ? 0 : 1 - approxSearch(actual, expected, expected.length)[0]!.errors / expected.length;
        expect(similarityTo(expected)(actual)).toBeCloseTo(library, 12);
      }),
      fuzzParams(runs),
    );
  });

  it('an anchor made on a text and resolved on the same text is anchored at the same range, with or without its offsets', () => {
    fc.assert(
      fc.property(textAndRange, ({ text, start, end }) => {
        const anchor = makeAnchor(text, 'fuzz', start, end);
        expect(anchorQuote(text, anchor)).toEqual({ grade: 'anchored', start, end });
        expect(anchorQuote(text, { ...anchor, start: undefined, end: undefined })).toEqual({ grade: 'anchored', start, end });
      }),
      fuzzParams(runs),
    );
  });

  it('an edit away from an anchor and its context leaves it anchored at the shifted range', () => {
    fc.assert(
      fc.property(textAndRange, edit, fc.boolean(), ({ text, start, end }, { length, inserted }, before) => {
        const anchor = makeAnchor(text, 'fuzz', start, end);
        const contextStart = start - anchor.prefix.length;
        const contextEnd = end + anchor.suffix.length;
        // The edit is wholly before the prefix or wholly after the suffix.
        const [from, to] = before ? [Math.max(0, contextStart - length), contextStart] : [contextEnd, Math.min(text.length, contextEnd + length)];
        // Pilcrows, which the texts never hold, mark the edit's ends: "summit " inserted before "summit " could as well
        // have been inserted after it, and no diff can tell which occurrence was the anchored one.
        const replacement = `¶${inserted}¶`;
        const newText = text.slice(0, from) + replacement + text.slice(to);
        const shift = before ? replacement.length - (to - from) : 0;
        const [result] = reanchorAll(text, newText, [anchor]);
        expect(result).toMatchObject({ grade: 'anchored', anchor: { exact: anchor.exact, start: start + shift, end: end + shift } });
      }),
      fuzzParams(runs),
    );
  });

  it('after any edit, every grade tells the truth about the text', () => {
    fc.assert(
      fc.property(textAndRange, edit, ({ text, start, end }, { from, length, inserted }) => {
        const anchor = makeAnchor(text, 'fuzz', start, end);
        const at = wholeStart(text, Math.floor(from * text.length));
        const newText = text.slice(0, at) + inserted + text.slice(wholeEnd(text, Math.min(text.length, at + length)));
        const result = anchorQuote(newText, anchor);
        if (result.grade === 'orphaned') {
          expect(result.reason.length).toBeGreaterThan(0);
          return;
        }
        expect(result.start).toBeGreaterThanOrEqual(0);
        expect(result.end).toBeLessThanOrEqual(newText.length);
        if (result.grade === 'anchored') {
          expect(newText.slice(result.start, result.end)).toBe(anchor.exact);
        } else {
          expect(anchor.exact.length).toBeGreaterThanOrEqual(SHORT_QUOTE_CHARS);
          expect(result.found).toBe(newText.slice(result.start, result.end));
          expect(result.found).not.toMatch(LONE_SURROGATE);
          expect(result.score).toBeGreaterThanOrEqual(MIN_SCORE);
        }
      }),
      fuzzParams(runs),
    );
  });
});
