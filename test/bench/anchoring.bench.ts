import type { Anchor } from '../../shared/model/fact';
import { makeAnchor, reanchorAll, type Reanchored } from '../../shared/lib/textAnchor';
import { median, type Benchmark, type BenchRow } from './harness';
import { prng } from '../support/prng';

const TEXT_CHARS = 42_000;
const ANNOTATIONS = 200;
const DELETION_CHARS = 3_000;
const WORD_EDITS = 40;
const INSERTIONS = 15;
const ROUNDS = 21;

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they ' +
  'were her she there been one all we their has would when if so no will more can who them said summit talks ' +
  'nuclear sanctions leader deal peace weapons country program facility officials negotiations relationship ' +
  'statement future doubt likely continue between lower level removal delegation minister ceasefire border ' +
  'inspectors reactor envoy treaty verification missile launch agreement proposal Hanoi Singapore Yongbyon Pyongyang'
).split(' ');

/** English-like prose in paragraphs of three to eight sentences: word-level repeats, no repeated sentences. */
function generateText(random: () => number): string {
  const pick = (): string => WORDS[Math.floor(random() * WORDS.length)]!;
  const paragraphs: string[] = [];
  let length = 0;
  while (length < TEXT_CHARS) {
    const sentences: string[] = [];
    for (let s = 3 + Math.floor(random() * 6); s > 0; s--) {
      const words = Array.from({ length: 6 + Math.floor(random() * 18) }, pick);
      sentences.push(`${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 1;
  }
  return paragraphs.join('\n').slice(0, TEXT_CHARS);
}

/** The next word boundary (a space) at or after `at`, so ranges and edits start and end on whole words. */
function boundary(text: string, at: number): number {
  const next = text.indexOf(' ', at);
  return next === -1 ? text.length : next;
}

/** Annotations as analysts make them: a fifth single words, half phrases, the rest whole sentences or more. */
function annotate(text: string, random: () => number): Anchor[] {
  const anchors: Anchor[] = [];
  while (anchors.length < ANNOTATIONS) {
    const start = boundary(text, Math.floor(random() * (text.length - 400))) + 1;
    const kind = random();
    const span = kind < 0.2 ? 1 : kind < 0.7 ? 12 + Math.floor(random() * 60) : 90 + Math.floor(random() * 220);
    const end = span === 1 ? boundary(text, start) : boundary(text, start + span);
    if (end > start) anchors.push(makeAnchor(text, 'bench', start, end));
  }
  return anchors;
}

interface Edit {
  start: number;
  end: number;
  inserted: string;
}

/** A 3,000-character deletion, words replaced here and there, and sentences inserted: none overlapping. */
function planEdits(text: string, random: () => number): Edit[] {
  const edits: Edit[] = [];
  const free = (start: number, end: number): boolean => edits.every((e) => end + 1 < e.start || start > e.end + 1);
  const deletionStart = boundary(text, Math.floor(text.length * 0.6));
  edits.push({ start: deletionStart, end: boundary(text, deletionStart + DELETION_CHARS), inserted: '' });
  while (edits.length < 1 + WORD_EDITS) {
    const start = boundary(text, Math.floor(random() * text.length)) + 1;
    const end = boundary(text, start);
    const inserted = WORDS[Math.floor(random() * WORDS.length)]!;
    if (end > start && free(start, end) && inserted !== text.slice(start, end)) edits.push({ start, end, inserted });
  }
  while (edits.length < 1 + WORD_EDITS + INSERTIONS) {
    const at = boundary(text, Math.floor(random() * text.length)) + 1;
    if (at < text.length && free(at, at)) edits.push({ start: at, end: at, inserted: 'An analyst added this sentence later on. ' });
  }
  return edits.sort((a, b) => a.start - b.start);
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = '';
  let copied = 0;
  for (const edit of edits) {
    result += text.slice(copied, edit.start) + edit.inserted;
    copied = edit.end;
  }
  return result + text.slice(copied);
}

interface Truth {
  /** Where the passage is in the edited text: exactly, when no edit touched it; else the span its remains lie in. */
  start: number;
  end: number;
  touched: boolean;
}

function truth(anchor: Anchor, edits: readonly Edit[]): Truth {
  let startShift = 0;
  let endShift = 0;
  let touched = false;
  for (const edit of edits) {
    const delta = edit.inserted.length - (edit.end - edit.start);
    if (edit.end <= anchor.start) startShift += delta;
    if (edit.start < anchor.end) endShift += delta;
    if (edit.end > anchor.start && edit.start < anchor.end) touched = true;
  }
  return { start: anchor.start + startShift, end: anchor.end + endShift, touched };
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const times: number[] = [];
  let value = fn();
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  return { value, ms: median(times) };
}

const benchmark: Benchmark = {
  name: 'anchoring',
  async run(): Promise<BenchRow[]> {
    const random = prng(2634);
    const oldText = generateText(random);
    const anchors = annotate(oldText, random);
    const edits = planEdits(oldText, random);
    const newText = applyEdits(oldText, edits);
    const expected = anchors.map((anchor) => truth(anchor, edits));

    const ours = timed(() => reanchorAll(oldText, newText, anchors));
    const plain = timed(() => anchors.map((anchor) => newText.indexOf(anchor.exact)));

    const count = (grade: Reanchored['grade']): number => ours.value.filter((r) => r.grade === grade).length;
    // Honesty checks: an untouched passage is anchored exactly where it is, an edited one never counts as anchored,
    // and a moved one is found among its own remains, not elsewhere.
    const misplaced = ours.value.filter((result, i) => {
      const where = expected[i]!;
      if (result.grade === 'orphaned') return false;
      if (result.grade === 'anchored') return where.touched || result.anchor.start !== where.start || result.anchor.end !== where.end;
      return result.anchor.end <= where.start || result.anchor.start >= where.end;
    }).length;
    if (misplaced > 0) throw new Error(`${misplaced} anchors were placed away from their passage`);
    const untouched = expected.filter((where) => !where.touched).length;
    const plainRight = plain.value.filter((at, i) => !expected[i]!.touched && at === expected[i]!.start).length;

    const label = `${ANNOTATIONS} annotations on ${Math.round(oldText.length / 1000)}k chars, after ${WORD_EDITS} word edits, ${INSERTIONS} insertions and a ${DELETION_CHARS.toLocaleString('en')}-char deletion`;
    return [
      { name: `reanchorAll, ${label}`, value: ours.ms, unit: 'ms', baseline: { name: 'plain indexOf of every quote', value: plain.ms }, target: 'well under 1,000 ms' },
      { name: 'anchored (verbatim, in context)', value: count('anchored'), unit: 'anchors', baseline: { name: 'passages no edit touched', value: untouched } },
      { name: 'moved (approximate: review)', value: count('moved'), unit: 'anchors' },
      { name: 'orphaned', value: count('orphaned'), unit: 'anchors' },
      { name: 'plain indexOf: first occurrence is the passage', value: plainRight, unit: 'anchors', baseline: { name: 'passages no edit touched', value: untouched } },
    ];
  },
};

export default benchmark;
