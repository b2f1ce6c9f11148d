import { PLAIN, type Block, type Inline, type Note, type PrintDocument } from '../../../electron/host/services/export/printDocument';
import { HANOI_SOURCE, sampleBrief, sampleDocument } from '../../support/printDocuments';

const WORDS = 'the delegation met again on the second day while officials on both sides described the talks as useful but inconclusive'.split(' ');

/**
 * A brief of about fifty printed pages (LibreOffice lays it out on 50 A4 pages): 320 paragraphs of 100 words under a
 * heading every ten, 150 notes, each called twice (300 citations), for timing the formats on a large brief.
 */
export function bigDocument(): PrintDocument {
  const notes: Note[] = Array.from({ length: 150 }, (_, index) => {
    const number = index + 1;
    const quote = `Officials said the ${number}th round ended without agreement`;
    return {
      number,
      factId: `fact-${number}`,
      factLabel: `Fact ${number}`,
      factSummary: `Summary of fact ${number}`,
      source: HANOI_SOURCE,
      quote,
      shortened: number > 1,
      text: `Fact ${number}: Summary of fact ${number}. “${HANOI_SOURCE.title},” “${quote}.”`,
    };
  });
  const words = (count: number, offset: number): string => Array.from({ length: count }, (_, index) => WORDS[(index + offset) % WORDS.length]).join(' ');
  const blocks: Block[] = [];
  for (let index = 0; index < 320; index += 1) {
    if (index % 10 === 0) blocks.push({ kind: 'heading', level: 2, anchor: `h-${index}`, children: [{ kind: 'text', text: `Part ${index / 10 + 1}`, format: PLAIN }] });
    const children: Inline[] = [{ kind: 'text', text: `${words(50, index)} `, format: PLAIN }];
    // Paragraphs 0..149 call note index+1 first; paragraphs 100..249 call notes 1..150 again.
    if (index < 150) children.push({ kind: 'citation', text: 'the talks', format: PLAIN, note: index + 1, first: true });
    if (index >= 100 && index < 250) children.push({ kind: 'text', text: ' and ', format: PLAIN }, { kind: 'citation', text: 'the officials', format: { ...PLAIN, italic: true }, note: index - 99, first: false });
    children.push({ kind: 'text', text: ` ${words(48, index + 3)}.`, format: PLAIN });
    blocks.push({ kind: 'paragraph', align: 'justify', children });
  }
  return sampleDocument({}, [sampleBrief({ title: 'A long brief', blocks, notes })]);
}
