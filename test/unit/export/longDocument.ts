import { PLAIN, type Block, type Inline, type Note, type PrintDocument, type PrintOptions } from '../../../electron/host/services/export/printDocument';

const FILLER =
  'Negotiators met again at the working level, and the delegations exchanged drafts on sequencing, verification and ' +
  'the lifting of sanctions, without agreeing on which step would come first or who would inspect the sites.';

/** The words a call is printed after, unique per note so a page's text shows which calls it holds. */
export const callWords = (note: number): string => `Kilo-${note}`;
/** How each note's text starts in print, after its number. */
export const noteLead = (note: number): string => `Fact ${note}:`;

/**
 * A long brief: `citations` notes, one first call per paragraph (every fifth paragraph also calls an earlier note
 * again), headings every fifteen paragraphs. `hugeNote` makes one note far taller than a page, so it cannot sit on
 * its call's page.
 */
export function longDocument(citations: number, options: Partial<PrintOptions> & { hugeNote?: number } = {}): PrintDocument {
  const blocks: Block[] = [];
  const notes: Note[] = [];
  for (let number = 1; number <= citations; number += 1) {
    if (number % 15 === 1) blocks.push({ kind: 'heading', level: 2, anchor: `part-${number}`, children: [{ kind: 'text', text: `Part ${Math.ceil(number / 15)}`, format: PLAIN }] });
    const children: Inline[] = [
      { kind: 'text', text: `${FILLER} `, format: PLAIN },
      { kind: 'citation', text: callWords(number), format: PLAIN, note: number, first: true },
      { kind: 'text', text: ' said so on the record.', format: PLAIN },
    ];
    if (number % 5 === 0) children.push({ kind: 'text', text: ' As before, ', format: PLAIN }, { kind: 'citation', text: 'the earlier fact', format: PLAIN, note: number - 3, first: false });
    blocks.push({ kind: 'paragraph', align: 'justify', children });
    const words = number === options.hugeNote ? ` ${FILLER.repeat(40)}` : ` Summary of fact ${number}.`;
    const text = `${noteLead(number)}${words}`;
    notes.push({ number, factId: `fact-${number}`, factLabel: `Fact ${number}`, factSummary: text, source: undefined, quote: undefined, shortened: false, text });
  }
  return {
    title: 'A long brief',
    author: 'A. Analyst',
    subject: 'Footnote layout',
    language: 'en',
    classification: 'UNCLASSIFIED',
    briefs: [{ id: 'long', title: 'A long brief', author: 'A. Analyst', date: '2 March 2019', classification: 'UNCLASSIFIED', blocks, notes }],
    book: false,
    sources: [],
    options: { notes: 'foot', paper: 'A4', includeSources: false, ...options },
  };
}
