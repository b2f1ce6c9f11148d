// Builds resources/briefs/hanoi-summit-sample.brief.json: the sample brief a new user opens first, written in our
// own words, with every mention of a catalogued fact linked by the same matcher the editor uses.
// Run: node --import tsx scripts/make-sample-brief.ts
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BriefSchema, type Brief } from '../shared/model/brief';
import { FactCatalogueSchema } from '../shared/model/fact';
import { compileMatcher, matcherEntriesFromFacts } from '../shared/lib/factMatcher';
import { linkedInlineNodes } from '../shared/lib/linkedText';

const root = join(import.meta.dirname, '..');
const catalogue = FactCatalogueSchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')));
const matcher = compileMatcher(matcherEntriesFromFacts(catalogue.facts));

type Block = ['h1' | 'h2' | 'p' | 'li', string];
const OUTLINE: Block[] = [
  ['h1', 'Hanoi summit ends without a deal'],
  ['h2', 'BLUF'],
  ['p', 'The Hanoi summit between President Trump and Kim Jong Un broke up early with no agreement, leaving denuclearization of the Korean peninsula stalled and the path back to talks uncertain.'],
  ['h2', 'Key Judgments'],
  ['li', 'Neither side was ready to trade first: North Korea wanted a blanket lifting of sanctions for shutting one site, and the United States would lift sanctions only for the whole program.'],
  ['li', 'Closing the Yongbyon facility alone would not have ended North Korea’s nuclear program, because other facilities exist.'],
  ['li', 'Kim Jong Un signalled that trust between the two leaders is not yet deep enough to dismantle everything at once.'],
  ['h2', 'Background'],
  ['p', 'Relations swung from open threats after North Korea’s nuclear tests, when Trump spoke of “fire and fury like the world has never seen” and called Kim “Little Rocket Man”, to the first summit in Singapore in June 2018, which Moon Jae-in helped bring about.'],
  ['p', 'United Nations sanctions remain the main lever on Pyongyang; the Singapore statement committed both sides only in general terms.'],
  ['h2', 'Outlook'],
  ['p', 'No new meeting of the leaders is scheduled. Expect negotiations to continue between lower-level officials, with Trump holding that he must be prepared to walk away.'],
];

const blockBase = { direction: null, format: '', indent: 0, version: 1 };
const inline = (text: string) => linkedInlineNodes(text, matcher);
const children: unknown[] = [];
for (const [kind, text] of OUTLINE) {
  if (kind === 'li') {
    const item = { type: 'listitem', value: 1, checked: undefined, ...blockBase, children: inline(text) };
    const last = children.at(-1) as { type: string; children: unknown[] } | undefined;
    if (last?.type === 'list') last.children.push({ ...item, value: last.children.length + 1 });
    else children.push({ type: 'list', listType: 'bullet', start: 1, tag: 'ul', ...blockBase, children: [item] });
  } else if (kind === 'p') {
    children.push({ type: 'paragraph', textFormat: 0, textStyle: '', ...blockBase, children: inline(text) });
  } else {
    children.push({ type: 'heading', tag: kind, ...blockBase, children: inline(text) });
  }
}

const editorState = { root: { type: 'root', ...blockBase, children } } as Brief['editorState'];
const brief: Brief = BriefSchema.parse({
  schemaVersion: 1,
  id: 'hanoi-summit-sample',
  title: 'Hanoi summit ends without a deal',
  autoTitle: true,
  author: 'Briefdesk sample',
  classification: 'UNCLASSIFIED',
  template: 'bluf',
  createdAt: '2019-03-01T09:00:00.000Z',
  updatedAt: '2019-03-01T09:00:00.000Z',
  revision: 0,
  contentHash: createHash('sha256').update(JSON.stringify(editorState)).digest('hex'),
  editorState,
});
writeFileSync(join(root, 'resources', 'briefs', 'hanoi-summit-sample.brief.json'), `${JSON.stringify(brief, null, 2)}\n`);
const references = JSON.stringify(editorState).match(/"factId":"[^"]+"/g) ?? [];
console.log(`wrote the sample brief: ${references.length} references to ${new Set(references).size} facts`);
