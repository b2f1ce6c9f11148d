import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import approxSearch from 'approx-string-match';
import { describe, expect, it } from 'vitest';
import { FactCatalogueSchema, type Anchor } from '../../shared/model/fact';
import { SourceSchema } from '../../shared/model/source';
import { MIN_SCORE, SHORT_QUOTE_CHARS, anchorQuote, makeAnchor, reanchorAll } from '../../shared/lib/textAnchor';

const PARAGRAPHS = [
  'The delegation arrived in the capital on Tuesday evening and was met at the airport by the deputy foreign minister.',
  'Talks opened the next morning. Both sides agreed to meet again in the spring, though neither would say where.',
  'Linus, the interpreter, kept the minutes; the machines in the hall recorded every line of the session.',
  'On the last day the ministers signed a short statement on fisheries and left without a press conference.',
];
const TEXT = PARAGRAPHS.join('\n');

/** The anchor of the first occurrence of `quote` in `text`, as the app makes it. */
function anchorOf(text: string, quote: string, from = 0): Anchor {
  const start = text.indexOf(quote, from);
  if (start === -1) throw new Error(`"${quote}" is not in the text`);
  return makeAnchor(text, 'test-source', start, start + quote.length);
}

/** `text` with `before` replaced by `after`, which must occur exactly once. */
function edit(text: string, before: string, after: string): string {
  const at = text.indexOf(before);
  if (at === -1 || text.indexOf(before, at + 1) !== -1) throw new Error(`"${before}" must occur exactly once`);
  return text.slice(0, at) + after + text.slice(at + before.length);
}

describe('anchorQuote on the text the anchor was made on', () => {
  it('anchors at the stored position', () => {
    const a = anchorOf(TEXT, 'agreed to meet again in the spring');
    expect(anchorQuote(TEXT, a)).toEqual({ grade: 'anchored', start: a.start, end: a.end });
  });

  it('prefers the stored position, when its context still agrees, over a verbatim copy of the whole quote elsewhere', () => {
    const quoted = 'the ministers signed a short statement';
    const stored = anchorOf(TEXT, quoted);
    // The text before the stored position was lightly edited; elsewhere someone pasted the old sentence verbatim.
    const text = `${edit(TEXT, 'On the last day', 'On the next day')}\nAs reported: ${stored.prefix}${stored.exact}${stored.suffix}.`;
    expect(text.slice(stored.start, stored.end)).toBe(quoted);
    expect(anchorQuote(text, stored)).toEqual({ grade: 'anchored', start: stored.start, end: stored.end });
    // Without the stored offsets the verbatim copy is the better match.
    const copy = text.lastIndexOf(quoted);
    expect(anchorQuote(text, { ...stored, start: undefined, end: undefined })).toEqual({ grade: 'anchored', start: copy, end: copy + quoted.length });
  });

  it('ignores stored offsets that lie outside the text', () => {
    const a = anchorOf(TEXT, 'The delegation arrived');
    expect(a.start).toBe(0);
    for (const start of [-4, TEXT.length + 10]) {
      expect(anchorQuote(TEXT, { ...a, start, end: start + a.exact.length })).toEqual({ grade: 'anchored', start: 0, end: a.end });
    }
  });

  it('does not trust the stored position when a different occurrence of the quote has come to lie there', () => {
    const text = 'Alpha went north to the river and rested. Beta went south to the river and rested.';
    const beta = anchorOf(text, 'to the river', text.indexOf('Beta'));
    // A new first sentence whose "to the river" falls exactly where Beta's used to be.
    const lead = 'Gamma, late as ever, ran all the way ';
    const decoy = `${lead.padEnd(beta.start, '.')}to the river and drank.`;
    const now = `${decoy} Beta went south to the river and rested.`;
    expect(now.slice(beta.start, beta.end)).toBe('to the river');
    const real = now.indexOf('to the river', now.indexOf('Beta'));
    expect(anchorQuote(now, beta)).toEqual({ grade: 'anchored', start: real, end: real + 'to the river'.length });
  });
});

describe('anchorQuote after the text changed', () => {
  it('anchors a passage after an insertion before it, at the shifted offsets', () => {
    const a = anchorOf(TEXT, 'signed a short statement on fisheries');
    const inserted = 'A late addition: the foreign ministry later issued a long and detailed rebuttal.\n';
    const text = inserted + TEXT;
    expect(anchorQuote(text, a)).toEqual({ grade: 'anchored', start: a.start + inserted.length, end: a.end + inserted.length });
  });

  it('grades a passage edited inside as moved, with the text now there', () => {
    const a = anchorOf(TEXT, 'Both sides agreed to meet again in the spring');
    const text = edit(TEXT, 'agreed to meet again', 'agreed to convene again');
    const result = anchorQuote(text, a);
    expect(result).toMatchObject({ grade: 'moved', found: 'Both sides agreed to convene again in the spring' });
    if (result.grade !== 'moved') throw new Error('not moved');
    expect(text.slice(result.start, result.end)).toBe(result.found);
    expect(result.score).toBeGreaterThanOrEqual(MIN_SCORE);
    expect(result.score).toBeLessThan(1);
  });

  it('finds an edited passage where it was, not a verbatim copy of the old wording in unrelated text', () => {
    const quoted = 'the machines in the hall recorded every line';
    const a = anchorOf(TEXT, quoted);
    const text = `${edit(TEXT, quoted, 'the machines in the hall recorded each line')}\nUnrelated: ${quoted}, said nobody.`;
    expect(anchorQuote(text, a)).toMatchObject({ grade: 'moved', start: a.start, found: 'the machines in the hall recorded each line' });
  });

  it('orphans a passage that was deleted', () => {
    const a = anchorOf(TEXT, 'signed a short statement on fisheries');
    const text = edit(TEXT, PARAGRAPHS[3]!, 'The visit ended quietly.');
    const result = anchorQuote(text, a);
    expect(result.grade).toBe('orphaned');
    if (result.grade === 'orphaned') expect(result.reason).toMatch(/no longer in the text/);
  });

  it('orphans a passage whose only look-alike left is in unrelated text, however close its words', () => {
    const a = anchorOf(TEXT, 'the ministers signed a short statement on fisheries');
    const text = `${edit(TEXT, PARAGRAPHS[3]!, 'The visit ended quietly.')}\nIn other news, the minister signed a long statement on fishing.`;
    const lookAlike = approxSearch(text, a.exact, Math.floor(a.exact.length / 2));
    expect(lookAlike.map((m) => text.slice(m.start, m.end))).toContain('the minister signed a long statement on fishing');
    expect(anchorQuote(text, a)).toEqual({ grade: 'orphaned', reason: expect.stringMatching(/closest match scores 0\.\d\d, under 0\.75/) });
    // That look-alike is what an ungraded search (Hypothesis's: the best candidate, however poor) would attach to.
    expect(anchorQuote(text, a, { minScore: 0 })).toMatchObject({ grade: 'moved', found: expect.stringContaining('minister signed a long statement') });
  });

  it('never attaches a short quote approximately once its passage is gone (hypothesis/h#2634)', () => {
    const a = anchorOf(TEXT, 'Linus');
    expect(a.exact.length).toBeLessThan(SHORT_QUOTE_CHARS);
    const text = edit(TEXT, 'Linus, the interpreter, kept the minutes; ', '');
    // Look-alikes are left ("lines" of "line ", "minis" of "ministers"): an approximate search would attach to them.
    expect(approxSearch(text, 'Linus', Math.floor('Linus'.length / 2)).length).toBeGreaterThan(0);
    expect(anchorQuote(text, a)).toEqual({ grade: 'orphaned', reason: expect.stringMatching(/must match exactly/) });
  });

  it('does not move a short quote to a verbatim occurrence in an unrelated context', () => {
    const a = anchorOf(TEXT, 'Linus');
    const text = `${edit(TEXT, 'Linus, the interpreter, kept the minutes; ', '')}\nA footnote thanks Linus for the photographs.`;
    expect(anchorQuote(text, a)).toEqual({ grade: 'orphaned', reason: expect.stringMatching(/occurs once, but not in its old context/) });
  });

  it('tells a repeated quote apart by its prefix and suffix, with or without its stored offsets', () => {
    const text = [
      'Seoul welcomed the summit as a step forward.',
      'Tokyo called the summit premature and costly.',
      'Beijing said the summit changed nothing at all.',
    ].join('\n');
    const tokyo = anchorOf(text, 'the summit', text.indexOf('Tokyo'));
    // The Tokyo line is edited just before the quote (so prefix + exact + suffix is no longer verbatim), and lines are added above.
    const changed = `Reactions, by capital:\n${edit(text, 'Tokyo called', 'Tokyo officials called')}`;
    const expected = changed.indexOf('the summit', changed.indexOf('Tokyo'));
    for (const selector of [tokyo, { ...tokyo, start: undefined, end: undefined }]) {
      expect(anchorQuote(changed, selector)).toEqual({ grade: 'anchored', start: expected, end: expected + 'the summit'.length });
    }
  });

  it('takes the occurrence closest to the stored position when the context cannot tell them apart', () => {
    const paragraph = 'The committee met again and the committee adjourned.';
    const text = [paragraph, paragraph, paragraph].join('\n');
    const third = text.lastIndexOf('met again');
    const selector = { exact: 'met again', prefix: 'The committee ', suffix: ' and the', start: third, end: third + 'met again'.length };
    const shifted = `Minutes.\n${text}`;
    expect(anchorQuote(shifted, selector)).toEqual({ grade: 'anchored', start: third + 9, end: third + 9 + 'met again'.length });
    expect(anchorQuote(shifted, { ...selector, start: 0, end: 'met again'.length })).toEqual({
      grade: 'anchored',
      start: shifted.indexOf('met again'),
      end: shifted.indexOf('met again') + 'met again'.length,
    });
  });

  it('counts UTF-16 offsets in text with accents, CJK and emoji, and never returns half a character', () => {
    const text = 'Réunion à Łódź 🎉 avec la délégation; 会谈在河内举行 🎊 — Zoë prit des notes détaillées.';
    const a = anchorOf(text, 'avec la délégation; 会谈在河内举行 🎊');
    const inserted = '📎 Annexe: ';
    expect(anchorQuote(inserted + text, a)).toEqual({ grade: 'anchored', start: a.start + inserted.length, end: a.end + inserted.length });

    const edited = edit(inserted + text, '会谈在河内举行 🎊', '会谈在河内举行 🎉');
    expect(anchorQuote(edited, a)).toMatchObject({ grade: 'moved', found: 'avec la délégation; 会谈在河内举行 🎉' });

    // 🎉 and 🎊 share their first UTF-16 unit: the search alone would also offer the match ending between the two halves.
    const closing = 'Closing remarks of the delegation 🎉';
    const last = anchorOf(closing, 'remarks of the delegation 🎉');
    expect(anchorQuote(closing.replace('🎉', '🎊'), last)).toMatchObject({ grade: 'moved', found: 'remarks of the delegation 🎊' });
  });
});

describe('reanchorAll', () => {
  it('grades every anchor and gives the found ones fresh anchors on the new text', () => {
    const kept = anchorOf(TEXT, 'met at the airport by the deputy foreign minister');
    const changed = anchorOf(TEXT, 'Both sides agreed to meet again in the spring');
    const deleted = anchorOf(TEXT, 'signed a short statement on fisheries');
    const inserted = 'Summary first: little was agreed.\n';
    const newText = inserted + edit(edit(TEXT, 'meet again', 'convene again'), PARAGRAPHS[3]!, 'The visit ended quietly.');
    const [first, second, third] = reanchorAll(TEXT, newText, [kept, changed, deleted]);

    expect(first).toEqual({ grade: 'anchored', previous: kept, anchor: makeAnchor(newText, kept.sourceId, kept.start + inserted.length, kept.end + inserted.length) });

    expect(second).toMatchObject({ grade: 'moved', previous: changed, found: 'Both sides agreed to convene again in the spring' });
    if (second?.grade !== 'moved') throw new Error('not moved');
    expect(second.anchor.exact).toBe(second.found);
    expect(newText.slice(second.anchor.start, second.anchor.end)).toBe(second.found);
    expect(newText.slice(second.anchor.start - second.anchor.prefix.length, second.anchor.start)).toBe(second.anchor.prefix);
    expect(anchorQuote(newText, second.anchor)).toEqual({ grade: 'anchored', start: second.anchor.start, end: second.anchor.end });

    expect(third).toMatchObject({ grade: 'orphaned', previous: deleted });
  });

  it('carries the stored position across the edit, so repeats the context cannot tell apart stay apart', () => {
    const paragraph = 'The committee met again and the committee adjourned.';
    const oldText = [paragraph, paragraph, paragraph].join('\n');
    const start = oldText.indexOf('met again', paragraph.length);
    const second: Anchor = { sourceId: 'minutes', exact: 'met again', prefix: 'The committee ', suffix: ' and the', start, end: start + 'met again'.length };
    const inserted = `${'A preamble longer than one paragraph of the minutes, '.repeat(2)}\n`;
    const [result] = reanchorAll(oldText, inserted + oldText, [second]);
    expect(result).toMatchObject({ grade: 'anchored', anchor: { start: start + inserted.length } });
  });
});

describe('the bundled source and catalogue', () => {
  const root = join(import.meta.dirname, '..', '..');
  const source = SourceSchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'sources', 'hanoi-summit-2019.source.json'), 'utf8')));
  const catalogue = FactCatalogueSchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')));
  const anchors = catalogue.facts.flatMap((fact) => fact.anchors);

  it('anchors every bundled fact anchor exactly where it is stored, and from its quote alone', () => {
    expect(anchors.length).toBeGreaterThan(40);
    for (const a of anchors) {
      const expected = { grade: 'anchored', start: a.start, end: a.end };
      expect(anchorQuote(source.text, a), a.exact).toEqual(expected);
      expect(anchorQuote(source.text, { ...a, start: undefined, end: undefined }), a.exact).toEqual(expected);
    }
  });

  it('keeps every bundled anchor anchored when a paragraph is inserted at the top', () => {
    const inserted = 'Editor’s note: this summary was revised after the talks.\n';
    for (const r of reanchorAll(source.text, inserted + source.text, anchors)) {
      expect(r.grade, r.previous.exact).toBe('anchored');
      if (r.grade === 'anchored') expect(r.anchor.start).toBe(r.previous.start + inserted.length);
    }
  });
});
