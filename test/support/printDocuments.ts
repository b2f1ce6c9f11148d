import {
  PLAIN,
  type Block,
  type CitedSource,
  type Inline,
  type Note,
  type PrintBrief,
  type PrintDocument,
  type PrintOptions,
} from '../../electron/host/services/export/printDocument';

/**
 * Print documents built by hand, for the format tests: every block kind, citations called once and again, and
 * hostile text where an attacker would put it (the title, a heading, a fact summary, a quote, analyst text that looks
 * like markup). The real documents come from buildPrintDocument; these pin each format's output to known input.
 */
export const HOSTILE_TITLE = '<img src=x onerror=alert(1)> & "Hanoi" [^1] *bold*';
export const HOSTILE_TEXT = 'Typed [^1] and *stars* and <b>tags</b> & `ticks` \\ back_slash_';

export const HANOI_SOURCE: CitedSource = {
  id: 'hanoi-summit-2019',
  title: 'Trump and Kim leave Hanoi summit without a deal',
  publisher: 'The Example Times',
  publishedAt: '2019-02-28',
  displayDate: 'February 28, 2019',
  kind: 'news article',
};

export const SECOND_SOURCE: CitedSource = {
  id: 'singapore-2018',
  title: 'Singapore statement <script>alert(2)</script>',
  publisher: undefined,
  publishedAt: undefined,
  displayDate: undefined,
  kind: 'report',
};

const text = (value: string, format: Partial<typeof PLAIN> = {}): Inline => ({ kind: 'text', text: value, format: { ...PLAIN, ...format } });
const cite = (value: string, note: number, first: boolean): Inline => ({ kind: 'citation', text: value, format: PLAIN, note, first });

function note(number: number, factId: string, label: string, summary: string, source: CitedSource | undefined, quote: string | undefined, shortened: boolean): Note {
  const where = source ? (shortened ? ` “${source.title},”` : ` “${source.title},” ${source.publisher ?? 'n.p.'}, ${source.displayDate ?? 'n.d.'},`) : '';
  const words = quote ? ` “${quote}.”` : ' No source recorded.';
  return { number, factId, factLabel: label, factSummary: summary, source, quote, shortened, text: `${label}: ${summary}.${where}${words}` };
}

export const SAMPLE_NOTES: Note[] = [
  note(1, 'donald-trump', 'Donald Trump', 'President of the United States <script>x</script>', HANOI_SOURCE, 'President Trump walked away from the Hanoi summit', false),
  note(2, 'kim-jong-un', 'Kim Jong Un', 'Chairman of North Korea', HANOI_SOURCE, 'Chairman Kim Jong Un of North Korea', true),
  note(3, 'singapore-statement', 'Singapore statement', 'Joint statement of June 2018', SECOND_SOURCE, 'a new era *of* [^9] peace', false),
  note(4, 'analyst-note', 'Analyst judgement', 'No source for this one', undefined, undefined, false),
];

export const SAMPLE_BLOCKS: Block[] = [
  { kind: 'heading', level: 1, anchor: 'h-1', children: [text('Hanoi summit '), text('ends', { italic: true })] },
  { kind: 'heading', level: 2, anchor: 'h-2', children: [text('BLUF <script>alert(3)</script>')] },
  {
    kind: 'paragraph',
    align: 'start',
    children: [
      cite('President Trump', 1, true),
      text(' met '),
      cite('Kim Jong Un', 2, true),
      text(' in '),
      text('Hanoi', { bold: true }),
      text('; '),
      cite('Trump', 1, false),
      text(' left early.'),
      { kind: 'lineBreak' },
      text(HOSTILE_TEXT),
    ],
  },
  { kind: 'quote', children: [text('“No deal is better than a bad deal.” '), cite('the Singapore statement', 3, true)] },
  {
    kind: 'list',
    ordered: false,
    start: 1,
    items: [
      { children: [text('Sanctions stay'), text(' in place', { underline: true })], lists: [] },
      {
        children: [text('Talks continue at '), { kind: 'link', url: 'https://example.org/talks?a=1&b=2', children: [text('working level')] }],
        lists: [{ kind: 'list', ordered: true, start: 1, items: [{ children: [cite('an analyst judgement', 4, true)], lists: [] }] }],
      },
    ],
  },
  { kind: 'heading', level: 2, anchor: 'h-3', children: [text('Outlook')] },
  {
    kind: 'table',
    rows: [
      [
        { header: true, blocks: [{ kind: 'paragraph', align: 'start', children: [text('Side')] }] },
        { header: true, blocks: [{ kind: 'paragraph', align: 'start', children: [text('Position')] }] },
      ],
      [
        { header: false, blocks: [{ kind: 'paragraph', align: 'start', children: [text('US')] }] },
        { header: false, blocks: [{ kind: 'paragraph', align: 'start', children: [cite('Trump', 1, false), text(' wants full denuclearization')] }] },
      ],
    ],
  },
  { kind: 'rule' },
  { kind: 'paragraph', align: 'start', children: [text('x', { code: true }), text('2', { superscript: true }), text(' and H'), text('2', { subscript: true }), text('O, '), text('struck', { strikethrough: true })] },
];

export function sampleBrief(overrides: Partial<PrintBrief> = {}): PrintBrief {
  return {
    id: 'hanoi-sample',
    title: HOSTILE_TITLE,
    author: 'A. Analyst <a@example.org>',
    date: '1 March 2019',
    classification: 'UNCLASSIFIED//FOR TRAINING',
    blocks: SAMPLE_BLOCKS,
    notes: SAMPLE_NOTES,
    ...overrides,
  };
}

export function sampleDocument(options: Partial<PrintOptions> = {}, briefs: PrintBrief[] = [sampleBrief()]): PrintDocument {
  return {
    title: briefs.length === 1 ? briefs[0]!.title : `Briefing book: ${briefs.length} briefs`,
    author: briefs[0]!.author,
    subject: 'Hanoi summit',
    language: 'en',
    classification: briefs[0]!.classification,
    briefs,
    book: briefs.length > 1,
    sources: options.includeSources === false ? [] : [HANOI_SOURCE, SECOND_SOURCE],
    options: { notes: 'foot', paper: 'A4', includeSources: true, ...options },
  };
}

/** A book of two briefs: the second renumbers its notes from 1 and uses its own heading anchors. */
export function sampleBook(options: Partial<PrintOptions> = {}): PrintDocument {
  const second = sampleBrief({
    id: 'second-brief',
    title: 'Second brief',
    blocks: SAMPLE_BLOCKS.map((block) => (block.kind === 'heading' ? { ...block, anchor: `b2-${block.anchor}` } : block)),
  });
  return sampleDocument(options, [sampleBrief(), second]);
}
