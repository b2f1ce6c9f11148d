// Issue 5's benchmark: the fact-linked brief editor of the real browser-mode app, each figure next to a bare Lexical
// editor (same nodes, theme, CSS and text, none of our plugins) measured in the same run and the same browser.
//
// Needs the built app (`npm run build && npm run build:host`; `npm run bench` does both).
// Run alone: node --import tsx test/bench/run.ts editor
import type { Server } from 'node:http';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumPath } from '../../playwright.config';
import { skipSeeding, startBrowserHost, type RunningHost } from '../e2e/support/browserHost';
import { tempDir } from '../support/tempWorkspace';
import { BriefSchema, emptyEditorState, type Brief, type EditorStateJSON } from '../../shared/model/brief';
import { FactCatalogueSchema } from '../../shared/model/fact';
import { FACT_REFERENCE_NODE_TYPE } from '../../shared/model/factReference';
import { compileMatcher, matcherEntriesFromFacts, type FactMatcher } from '../../shared/lib/factMatcher';
import { linkedInlineNodes } from '../../shared/lib/linkedText';
import { countWords } from '../../shared/lib/editorStateText';
import { prng as mulberry32 } from '../support/prng';
import { median, percentile, type Benchmark, type BenchRow } from './harness';
import { servePage } from './pageServer';

const BRIEF_WORDS = 50_000;
const PARAGRAPH_WORDS = 150;
const HEADING_EVERY = 20;
/** Chance that a word slot is a catalogue alias: tuned to about one reference per ten words (~5,000 in 50,000). */
const MENTION_CHANCE = 0.112;
const OPEN_RUNS = 3;
const TYPED_CHARS = 500;
/** Keystrokes alternate between the two editors in blocks of this size, so drift hits both alike. */
const TYPING_BLOCK = 25;
const TRACED_KEYS = 40;
const PASTE_WORDS = 20_000;
const PASTE_RUNS = 5;
const READY = '.bd-editor[data-ready="true"]';
const TYPING_P95_MS = 16;
const TYPING_RATIO = 1.3;
const PASTE_MS = 500;

const repoRoot = join(import.meta.dirname, '..', '..');
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];

// ---------------------------------------------------------------------------------------------------------------
// Deterministic text
// ---------------------------------------------------------------------------------------------------------------


const FILLER = (
  'the of and to in a is that for it as was with be by on not this are or from at which but have an they were ' +
  'their has would when if so no will more can who them said talks nuclear weapons country program officials ' +
  'relationship attitude presidency future doubt likely continue between lower level removal economic pressure ' +
  'regional security analysts expect reports indicate delegation meeting week government agreement proposal ' +
  'position response concern support warning visit discussion border trade envoy allies capital ministry'
).split(' ');

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** English-like paragraphs of about `perParagraph` words, with catalogue aliases mixed in, until `totalWords`. */
function paragraphs(seed: number, totalWords: number, perParagraph: number, aliases: readonly string[]): string[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const out: string[] = [];
  let words = 0;
  while (words < totalWords) {
    const sentences: string[] = [];
    let paragraphWords = 0;
    while (paragraphWords < perParagraph) {
      const length = 8 + Math.floor(random() * 11);
      const parts: string[] = [];
      for (let slot = 0; slot < length; slot++) {
        if (random() < MENTION_CHANCE) {
          parts.push(pick(aliases));
        } else {
          const word = pick(FILLER);
          parts.push(slot === 0 ? capitalize(word) : random() < 0.06 ? `${word},` : word);
        }
      }
      const sentence = `${parts.join(' ')}.`;
      sentences.push(sentence);
      paragraphWords += countWords(sentence);
    }
    const text = sentences.join(' ');
    out.push(text);
    words += countWords(text);
  }
  return out;
}

/** Aliases of up to four words (the nine-word quotation would skew the mix), one entry each. */
function aliasPool(catalogueFacts: Parameters<typeof matcherEntriesFromFacts>[0]): string[] {
  return [...new Set(matcherEntriesFromFacts(catalogueFacts).map((e) => e.alias))].filter((a) => a.split(/\s+/).length <= 4);
}

interface BuiltBrief {
  brief: Brief;
  words: number;
  references: number;
  paragraphs: number;
}

function buildBrief(id: string, texts: readonly string[], matcher: FactMatcher, aliases: readonly string[]): BuiltBrief {
  const blockBase = { direction: null, format: '', indent: 0, version: 1 };
  const children: unknown[] = [{ type: 'heading', tag: 'h1', ...blockBase, children: linkedInlineNodes('Benchmark brief: the Hanoi talks at length', matcher) }];
  texts.forEach((text, index) => {
    if (index > 0 && index % HEADING_EVERY === 0) {
      const heading = `Section ${index / HEADING_EVERY}: ${aliases[index % aliases.length]} and the ${FILLER[index % FILLER.length]} question`;
      children.push({ type: 'heading', tag: 'h2', ...blockBase, children: linkedInlineNodes(heading, matcher) });
    }
    children.push({ type: 'paragraph', textFormat: 0, textStyle: '', ...blockBase, children: linkedInlineNodes(text, matcher) });
  });
  const editorState = { root: { type: 'root', ...blockBase, children } } as EditorStateJSON;
  const json = JSON.stringify(editorState);
  const now = new Date().toISOString();
  const brief = BriefSchema.parse({
    schemaVersion: 1,
    id,
    title: 'Benchmark brief: the Hanoi talks at length',
    autoTitle: true,
    author: 'editor.bench.ts',
    classification: 'UNCLASSIFIED',
    template: 'blank',
    createdAt: now,
    updatedAt: now,
    revision: 0,
    contentHash: createHash('sha256').update(json).digest('hex'),
    editorState,
  });
  const references = json.split(`"type":"${FACT_REFERENCE_NODE_TYPE}"`).length - 1;
  const words = (children as Array<{ children: Array<{ text: string }> }>).reduce((n, block) => n + countWords(block.children.map((c) => c.text).join('')), 0);
  return { brief, words, references, paragraphs: texts.length };
}

/** What gets typed: filler words with catalogue mentions now and then, no Markdown or @-picker triggers. */
function typedText(length: number): string {
  const random = mulberry32(99);
  const mentions = ['Hanoi', 'Kim Jong Un', 'Singapore', 'North Korea', 'United Nations sanctions', 'Trump'];
  const words: string[] = [];
  let i = 0;
  while (words.join(' ').length < length) {
    words.push(i % 7 === 6 ? mentions[(i / 7) % mentions.length | 0]! : FILLER[Math.floor(random() * FILLER.length)]!);
    i++;
  }
  return words.join(' ').slice(0, length);
}

async function prepareWorkspace(brief: Brief): Promise<{ path: string; dispose: () => Promise<void> }> {
  const workspace = await tempDir('briefdesk-bench-editor-');
  await skipSeeding(workspace.path);
  // The bundled catalogue and its source (so typing and pasting link), and only our brief.
  await cp(join(repoRoot, 'resources', 'facts'), join(workspace.path, 'facts'), { recursive: true });
  await cp(join(repoRoot, 'resources', 'sources'), join(workspace.path, 'sources'), { recursive: true });
  await mkdir(join(workspace.path, 'briefs'), { recursive: true });
  await writeFile(join(workspace.path, 'briefs', `${brief.id}.brief.json`), JSON.stringify(brief, null, 2));
  return workspace;
}

// ---------------------------------------------------------------------------------------------------------------
// The bare editor page
// ---------------------------------------------------------------------------------------------------------------

async function bareEditorServer(states: Record<string, string>): Promise<{ server: Server; url: (state: string) => string }> {
  const { server, base } = await servePage('bareEditor.tsx', 'Bare Lexical', (path) => {
    const state = /^\/state\/([a-z0-9-]+)\.json$/.exec(path)?.[1];
    return state ? states[state] : undefined;
  });
  return { server, url: (state) => `${base}/?state=${encodeURIComponent(`/state/${state}.json`)}` };
}

// ---------------------------------------------------------------------------------------------------------------
// In-page probes (serialized into the page by Playwright)
// ---------------------------------------------------------------------------------------------------------------

interface KeySample {
  /** keydown → the first animation-frame callback after the key's input was handled. */
  raf: number;
  /** keydown → a task posted from that callback: that frame's style, layout and paint are done. */
  painted: number;
  input: boolean;
}

interface KeyProbe {
  samples(): KeySample[];
  reset(): void;
  settle(): Promise<void>;
}

declare global {
  interface Window {
    __bdKeyProbe?: KeyProbe;
  }
}

/**
 * Keystroke → next frame, as in STACK-NOTES: `performance.now()` on keydown (capture), then the delta in the first
 * requestAnimationFrame callback after the key's input event. Chromium dispatches keydown, beforeinput and input
 * in one task, so the frame is requested at keydown; should an input event come in a later task (or none come, when
 * Lexical cancels beforeinput and inserts the text itself), the frame after the input is measured instead.
 */
function installKeyProbe(): void {
  interface Pending {
    t0: number;
    raf: number;
    painted: number;
    input: boolean;
    gen: number;
    done: boolean;
  }
  let samples: Pending[] = [];
  let current: Pending | undefined;
  let waiters: Array<() => void> = [];
  const schedule = (sample: Pending): void => {
    sample.gen += 1;
    sample.done = false;
    const gen = sample.gen;
    requestAnimationFrame(() => {
      if (gen !== sample.gen) return;
      sample.raf = performance.now() - sample.t0;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (gen !== sample.gen) return;
        sample.painted = performance.now() - sample.t0;
        sample.done = true;
        const ready = waiters;
        waiters = [];
        for (const resolve of ready) resolve();
      };
      channel.port2.postMessage(null);
    });
  };
  window.addEventListener(
    'keydown',
    () => {
      current = { t0: performance.now(), raf: NaN, painted: NaN, input: false, gen: 0, done: false };
      samples.push(current);
      schedule(current);
    },
    true,
  );
  window.addEventListener(
    'input',
    () => {
      if (!current || current.input) return;
      current.input = true;
      if (!Number.isNaN(current.raf)) schedule(current);
    },
    true,
  );
  const nextFrame = (): Promise<void> =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
      }),
    );
  window.__bdKeyProbe = {
    samples: () => samples.map(({ raf, painted, input }) => ({ raf, painted, input })),
    reset: () => {
      samples = [];
      current = undefined;
    },
    // Resolves once the last key's frame is measured and one more frame passed without a late input event.
    settle: async () => {
      for (;;) {
        const sample = current;
        if (sample && !sample.done) await new Promise<void>((resolve) => waiters.push(resolve));
        await nextFrame();
        if (!current || current.done) return;
      }
    },
  };
}

/** Scrolls the middle paragraph into view and returns a point on its first line, for a real click. */
function middleParagraphPoint(): { x: number; y: number } {
  const paragraphs = document.querySelectorAll<HTMLElement>('.bd-editor > p');
  const paragraph = paragraphs[paragraphs.length >> 1];
  if (!paragraph) throw new Error('no paragraphs in the editor');
  paragraph.dataset.benchTarget = 'true';
  paragraph.scrollIntoView({ block: 'center' });
  const rect = paragraph.getBoundingClientRect();
  return { x: rect.left + rect.width / 2, y: rect.top + 10 };
}

/** Puts the caret after a space in the middle of a plain text run of the clicked paragraph; returns the text before it. */
function placeCaretInTarget(): string {
  const paragraph = document.querySelector<HTMLElement>('[data-bench-target="true"]');
  if (!paragraph) throw new Error('target paragraph not marked');
  const runs = [...paragraph.querySelectorAll<HTMLElement>('[data-lexical-text="true"]:not([data-fact-id])')].filter((r) => (r.textContent ?? '').length > 30);
  const run = runs[runs.length >> 1];
  const textNode = run?.firstChild;
  if (!run || !textNode || textNode.nodeType !== Node.TEXT_NODE) throw new Error('no plain text run in the target paragraph');
  const text = textNode.textContent ?? '';
  const offset = text.indexOf(' ', text.length >> 1) + 1 || text.length;
  window.getSelection()?.setBaseAndExtent(textNode, offset, textNode, offset);
  return text.slice(0, offset);
}

interface PasteResult {
  ms: number;
  references: number;
  paragraphs: number;
  complete: boolean;
}

/**
 * A synthetic paste of `text` into the focused editor, timed from just before dispatch to the animation frame in
 * which the whole text is in the DOM and `expectedReferences` references exist (or, if they never all appear, to
 * the last frame in which their count changed).
 */
function pasteAndWait(args: { text: string; lastLine: string; lines: number; expectedReferences: number }): Promise<PasteResult> {
  const editor = document.querySelector<HTMLElement>('.bd-editor');
  if (!editor) throw new Error('no editor');
  const data = new DataTransfer();
  data.setData('text/plain', args.text);
  const t0 = performance.now();
  editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  return new Promise((resolve) => {
    let lastCount = -1;
    let lastChange = t0;
    let textAt = -1;
    const tick = (): void => {
      const now = performance.now();
      const count = document.querySelectorAll('.bd-editor [data-fact-id]').length;
      if (count !== lastCount) {
        lastCount = count;
        lastChange = now;
      }
      const blocks = editor.children.length;
      if (textAt < 0 && blocks >= args.lines && editor.lastElementChild?.textContent === args.lastLine) textAt = now;
      if (textAt >= 0 && count >= args.expectedReferences) {
        resolve({ ms: now - t0, references: count, paragraphs: blocks, complete: true });
      } else if ((textAt >= 0 && now - lastChange > 3000) || now - t0 > 120_000) {
        resolve({ ms: Math.max(textAt, lastChange) - t0, references: count, paragraphs: blocks, complete: false });
      } else {
        requestAnimationFrame(tick);
      }
    };
    requestAnimationFrame(tick);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Browser helpers
// ---------------------------------------------------------------------------------------------------------------

/** tsx compiles with keepNames, which wraps functions in `__name(…)`: give serialized probes a no-op one. */
async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  return context;
}

/** On the page's clock: when the brief's editor state had arrived (the app's `briefs.open` call, the bare page's fetch) and when the editor was ready. */
function openPhases(): { dataAt: number; readyAt: number } {
  const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const data = entries.filter((e) => e.name.includes('/rpc/briefs.open') || e.name.includes('/state/')).at(-1);
  return { dataAt: data?.responseEnd ?? NaN, readyAt: performance.getEntriesByName('briefdesk:editor-ready')[0]?.startTime ?? NaN };
}

async function openTimed(browser: Browser, url: string): Promise<{ ms: number; dataAt: number; readyAt: number; context: BrowserContext; page: Page }> {
  const context = await newContext(browser);
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url);
  await page.locator(READY).waitFor({ timeout: 120_000 });
  const ms = performance.now() - started;
  return { ms, ...(await page.evaluate(openPhases)), context, page };
}

type Metrics = Record<string, number>;

async function cdpMetrics(page: Page): Promise<() => Promise<Metrics>> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  return async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
}

/** Main-thread time per key (ms) from CDP Performance metrics: scripting, style, layout, and the rest (paint, GC…). */
function breakdown(before: Metrics, after: Metrics, count: number): Record<'task' | 'script' | 'style' | 'layout' | 'other', number> {
  const delta = (name: string): number => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / count;
  const task = delta('TaskDuration');
  const script = delta('ScriptDuration');
  const style = delta('RecalcStyleDuration');
  const layout = delta('LayoutDuration');
  return { task, script, style, layout, other: task - script - style - layout };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

/** Self time per trace event name (ms per key) on the renderer main thread that handled the keydowns. */
function traceSelfTimes(trace: Buffer, keys: number): Array<[string, number]> {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const keydowns = new Map<string, number>();
  for (const e of events) {
    if (e.name === 'EventDispatch' && e.args?.data?.type === 'keydown') keydowns.set(`${e.pid}:${e.tid}`, (keydowns.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  }
  const thread = [...keydowns.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!thread) return [];
  const complete: Array<{ name: string; ts: number; end: number }> = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== thread) continue;
    if (e.ph === 'X' && e.dur !== undefined) complete.push({ name: e.name, ts: e.ts, end: e.ts + e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin) complete.push({ name: begin.name, ts: begin.ts, end: e.ts });
    }
  }
  complete.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const self = new Map<string, number>();
  const stack: Array<{ name: string; end: number; self: number }> = [];
  const pop = (): void => {
    const done = stack.pop()!;
    self.set(done.name, (self.get(done.name) ?? 0) + done.self);
  };
  for (const event of complete) {
    while (stack.length > 0 && stack.at(-1)!.end <= event.ts) pop();
    const parent = stack.at(-1);
    const length = event.end - event.ts;
    if (parent) parent.self -= Math.min(length, parent.end - event.ts);
    stack.push({ name: event.name, end: event.end, self: length });
  }
  while (stack.length > 0) pop();
  return [...self.entries()].map(([name, us]): [string, number] => [name, us / 1000 / keys]).sort((a, b) => b[1] - a[1]);
}

// ---------------------------------------------------------------------------------------------------------------
// Typing
// ---------------------------------------------------------------------------------------------------------------

interface TypingPage {
  label: string;
  page: Page;
  metrics: () => Promise<Metrics>;
  before?: Metrics;
  after?: Metrics;
  caretText?: string;
}

async function prepareTyping(label: string, page: Page): Promise<TypingPage> {
  const point = await page.evaluate(middleParagraphPoint);
  await page.mouse.click(point.x, point.y);
  // Off the text, so no fact hover card opens under the pointer.
  await page.mouse.move(2, 790);
  const caretText = await page.evaluate(placeCaretInTarget);
  await page.evaluate(installKeyProbe);
  await page.evaluate(() => window.__bdKeyProbe!.settle());
  // Let the selection change reach Lexical and anything scheduled by the click run.
  await page.waitForTimeout(500);
  await page.evaluate(() => window.__bdKeyProbe!.reset());
  return { label, page, metrics: await cdpMetrics(page), caretText };
}

async function typeKeys(page: Page, text: string): Promise<void> {
  for (const char of text) {
    await page.keyboard.type(char);
    await page.evaluate(() => window.__bdKeyProbe!.settle());
  }
}

async function traceTyping(browser: Browser, page: Page, text: string): Promise<Array<[string, number]>> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu'] });
  await typeKeys(page, text);
  return traceSelfTimes(await browser.stopTracing(), text.length);
}

// ---------------------------------------------------------------------------------------------------------------

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

const benchmark: Benchmark = {
  name: 'fact-linked editor',
  async run() {
    const catalogue = FactCatalogueSchema.parse(JSON.parse(await readFile(join(repoRoot, 'resources', 'facts', 'hanoi-summit.facts.json'), 'utf8')));
    const matcher = compileMatcher(matcherEntriesFromFacts(catalogue.facts));
    const aliases = aliasPool(catalogue.facts);

    const big = buildBrief('bench-fifty-thousand-words', paragraphs(1, BRIEF_WORDS, PARAGRAPH_WORDS, aliases), matcher, aliases);
    const emptyState = emptyEditorState();
    const now = new Date().toISOString();
    const empty = BriefSchema.parse({
      ...big.brief,
      id: 'bench-paste-target',
      title: 'Untitled brief',
      createdAt: now,
      updatedAt: now,
      contentHash: createHash('sha256').update(JSON.stringify(emptyState)).digest('hex'),
      editorState: emptyState,
    });
    const pasteLines = paragraphs(2, PASTE_WORDS, PARAGRAPH_WORDS, aliases);
    const pasteText = pasteLines.join('\n');
    const pasteReferences = pasteLines.reduce((n, line) => n + matcher.match(line).length, 0);
    const typed = typedText(TYPED_CHARS);
    console.log(
      `editor bench: brief of ${big.words.toLocaleString()} words, ${big.references.toLocaleString()} references, ${big.paragraphs} paragraphs ` +
        `(${(JSON.stringify(big.brief).length / 1024).toFixed(0)} KiB); paste of ${countWords(pasteText).toLocaleString()} words, ` +
        `${pasteReferences.toLocaleString()} references expected`,
    );

    const bigWorkspace = await prepareWorkspace(big.brief);
    const pasteWorkspace = await prepareWorkspace(empty);
    const hosts: RunningHost[] = [];
    const contexts: BrowserContext[] = [];
    let bare: Awaited<ReturnType<typeof bareEditorServer>> | undefined;
    let browser: Browser | undefined;
    try {
      bare = await bareEditorServer({ big: JSON.stringify(big.brief.editorState), empty: JSON.stringify(emptyState) });
      const bigHost = await startBrowserHost(bigWorkspace.path);
      hosts.push(bigHost);
      const pasteHost = await startBrowserHost(pasteWorkspace.path);
      hosts.push(pasteHost);
      browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });

      // 1. Open to editable: a new context (cold cache) per run, app and bare alternating.
      const openApp: number[] = [];
      const openBare: number[] = [];
      const phases = { app: [] as string[], bare: [] as string[] };
      const phase = (r: { dataAt: number; readyAt: number }): string => `${fmt(r.dataAt)}→${fmt(r.readyAt)}`;
      for (let run = 0; run < OPEN_RUNS; run++) {
        const app = await openTimed(browser, bigHost.url);
        openApp.push(app.ms);
        phases.app.push(phase(app));
        const references = await app.page.locator('.bd-editor [data-fact-id]').count();
        if (run === 0 && references !== big.references) console.log(`  note: the app shows ${references} references, the file has ${big.references}`);
        await app.context.close();
        const bareRun = await openTimed(browser, bare.url('big'));
        openBare.push(bareRun.ms);
        phases.bare.push(phase(bareRun));
        await bareRun.context.close();
      }
      console.log(`  open: app ${openApp.map(fmt).join(', ')} ms; bare ${openBare.map(fmt).join(', ')} ms`);
      console.log(`  open, page clock (editor state received → editor ready, ms): app ${phases.app.join(', ')}; bare ${phases.bare.join(', ')}`);

      // 2. Typing in the middle of the document, both editors open, blocks of keys alternating between them.
      const appContext = await newContext(browser);
      const bareContext = await newContext(browser);
      contexts.push(appContext, bareContext);
      const appPage = await appContext.newPage();
      const barePage = await bareContext.newPage();
      await appPage.goto(bigHost.url);
      await barePage.goto(bare.url('big'));
      await appPage.locator(READY).waitFor({ timeout: 120_000 });
      await barePage.locator(READY).waitFor({ timeout: 120_000 });
      // Let the app's start-up work (stats, catalogue, autosave timers) finish before typing.
      await appPage.waitForTimeout(1500);
      const typing = [await prepareTyping('app', appPage), await prepareTyping('bare', barePage)];
      for (const t of typing) t.before = await t.metrics();
      for (let start = 0; start < typed.length; start += TYPING_BLOCK) {
        for (const t of start % (2 * TYPING_BLOCK) === 0 ? typing : [...typing].reverse()) await typeKeys(t.page, typed.slice(start, start + TYPING_BLOCK));
      }
      for (const t of typing) t.after = await t.metrics();
      const [appTyping, bareTyping] = typing as [TypingPage, TypingPage];
      const samplesOf = (t: TypingPage): Promise<KeySample[]> => t.page.evaluate(() => window.__bdKeyProbe!.samples());
      const appSamples = await samplesOf(appTyping);
      const bareSamples = await samplesOf(bareTyping);
      for (const [t, samples] of [[appTyping, appSamples], [bareTyping, bareSamples]] as const) {
        const paragraphText = await t.page.locator('[data-bench-target="true"]').textContent();
        const inserted = paragraphText?.includes(`${t.caretText}${typed.slice(0, 60)}`) ?? false;
        const refs = await t.page.locator('[data-bench-target="true"] [data-fact-id]').count();
        console.log(
          `  typing (${t.label}): ${samples.length} keydowns, ${samples.filter((s) => s.input).length} input events, typed text in place: ${inserted}, ` +
            `references in that paragraph now: ${refs}`,
        );
        if (samples.length !== typed.length) throw new Error(`${t.label}: measured ${samples.length} keystrokes, typed ${typed.length}`);
        if (!inserted) throw new Error(`${t.label}: the typed text is not where the caret was`);
      }
      const raf = (s: readonly KeySample[]) => s.map((x) => x.raf);
      const spread = (values: readonly number[]): string => [10, 25, 50, 75, 90, 95, 99, 100].map((p) => `p${p} ${fmt(percentile(values, p))}`).join(', ');
      console.log(`  keystroke → next frame, app:  ${spread(raf(appSamples))} ms`);
      console.log(`  keystroke → next frame, bare: ${spread(raf(bareSamples))} ms`);
      const painted = (s: readonly KeySample[]) => s.map((x) => x.painted);
      const appBreakdown = breakdown(appTyping.before!, appTyping.after!, typed.length);
      const bareBreakdown = breakdown(bareTyping.before!, bareTyping.after!, typed.length);
      const describe = (b: ReturnType<typeof breakdown>): string =>
        `task ${fmt(b.task)} = script ${fmt(b.script)} + style ${fmt(b.style)} + layout ${fmt(b.layout)} + other ${fmt(b.other)}`;
      console.log(`  main thread per key (CDP Performance): app ${describe(appBreakdown)}; bare ${describe(bareBreakdown)} ms`);

      // Where the time goes: a trace of a few more keys in each editor (not part of the figures above).
      const traceText = typed.slice(0, TRACED_KEYS);
      const appTrace = await traceTyping(browser, appPage, traceText);
      const bareTrace = await traceTyping(browser, barePage, traceText);
      const traceLine = (entries: Array<[string, number]>): string =>
        entries
          .slice(0, 10)
          .map(([name, ms]) => `${name} ${ms.toFixed(2)}`)
          .join(', ');
      console.log(`  trace, self time per key on the renderer main thread (ms), ${TRACED_KEYS} keys:`);
      console.log(`    app:  ${traceLine(appTrace)}`);
      console.log(`    bare: ${traceLine(bareTrace)}`);
      await appContext.close();
      await bareContext.close();

      // 3. Paste into an empty brief, app and bare alternating, a fresh page each time.
      const pasteArgs = { text: pasteText, lastLine: pasteLines.at(-1)!, lines: pasteLines.length, expectedReferences: pasteReferences };
      const pasteApp: PasteResult[] = [];
      const pasteBare: PasteResult[] = [];
      const pasteBreakdowns: Array<ReturnType<typeof breakdown>> = [];
      for (let run = 0; run < PASTE_RUNS; run++) {
        for (const target of ['app', 'bare'] as const) {
          const opened = await openTimed(browser, target === 'app' ? pasteHost.url : bare.url('empty'));
          contexts.push(opened.context);
          await opened.page.waitForTimeout(target === 'app' ? 1000 : 300);
          await opened.page.locator('.bd-editor').click();
          await opened.page.mouse.move(2, 790);
          await opened.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          const metrics = await cdpMetrics(opened.page);
          const before = await metrics();
          const result = await opened.page.evaluate(pasteAndWait, target === 'app' ? pasteArgs : { ...pasteArgs, expectedReferences: 0 });
          if (target === 'app') pasteBreakdowns.push(breakdown(before, await metrics(), 1));
          if (result.paragraphs < pasteLines.length) throw new Error(`${target}: the paste made ${result.paragraphs} blocks, expected ${pasteLines.length}`);
          (target === 'app' ? pasteApp : pasteBare).push(result);
          await opened.context.close();
        }
      }
      console.log(
        `  paste: app ${pasteApp.map((r) => `${fmt(r.ms)} ms (${r.references}/${pasteReferences} refs${r.complete ? '' : ', INCOMPLETE'})`).join(', ')}; ` +
          `bare ${pasteBare.map((r) => `${fmt(r.ms)} ms`).join(', ')}`,
      );
      console.log(`  paste main thread (app, CDP Performance): ${pasteBreakdowns.map(describe).join('; ')} ms`);

      const rows: BenchRow[] = [
        {
          name: `open to editable, ${big.words.toLocaleString()} words / ${big.references.toLocaleString()} refs, median of ${OPEN_RUNS}`,
          value: median(openApp),
          unit: 'ms',
          baseline: { name: 'bare Lexical', value: median(openBare) },
        },
        { name: `keystroke → next frame p50 (${TYPED_CHARS} keys mid-document)`, value: percentile(raf(appSamples), 50), unit: 'ms', baseline: { name: 'bare Lexical', value: percentile(raf(bareSamples), 50) } },
        {
          name: `keystroke → next frame p95 (${TYPED_CHARS} keys mid-document)`,
          value: percentile(raf(appSamples), 95),
          unit: 'ms',
          baseline: { name: 'bare Lexical', value: percentile(raf(bareSamples), 95) },
          target: `≤ ${TYPING_P95_MS} ms and ≤ ${TYPING_RATIO}× bare`,
        },
        { name: 'keystroke → frame painted p50', value: percentile(painted(appSamples), 50), unit: 'ms', baseline: { name: 'bare Lexical', value: percentile(painted(bareSamples), 50) } },
        { name: 'keystroke → frame painted p95', value: percentile(painted(appSamples), 95), unit: 'ms', baseline: { name: 'bare Lexical', value: percentile(painted(bareSamples), 95) } },
        { name: 'main-thread busy per keystroke cycle (CDP TaskDuration)', value: appBreakdown.task, unit: 'ms', baseline: { name: 'bare Lexical', value: bareBreakdown.task } },
        {
          name: `paste ${PASTE_WORDS.toLocaleString()} words → all ${pasteReferences.toLocaleString()} refs, median of ${PASTE_RUNS}`,
          value: median(pasteApp.map((r) => r.ms)),
          unit: 'ms',
          baseline: { name: 'bare Lexical, text in DOM', value: median(pasteBare.map((r) => r.ms)) },
          target: `≤ ${PASTE_MS} ms`,
        },
      ];

      // Verdicts, so a miss is stated and sized rather than left to the reader.
      const p95 = rows[2]!;
      const p95Ratio = p95.value / p95.baseline!.value;
      const paste = rows[6]!;
      console.log(
        `  typing p95 target: ${fmt(p95.value)} ms vs ≤ ${TYPING_P95_MS} ms → ${p95.value <= TYPING_P95_MS ? 'met' : `MISSED by ${fmt(p95.value - TYPING_P95_MS)} ms`}; ` +
          `${p95Ratio.toFixed(2)}× bare vs ≤ ${TYPING_RATIO}× → ${p95Ratio <= TYPING_RATIO ? 'met' : `MISSED by ${(p95Ratio - TYPING_RATIO).toFixed(2)}×`}`,
      );
      console.log(`  paste target: ${fmt(paste.value)} ms vs ≤ ${PASTE_MS} ms → ${paste.value <= PASTE_MS ? 'met' : `MISSED by ${fmt(paste.value - PASTE_MS)} ms (${(paste.value / PASTE_MS).toFixed(1)}× the budget)`}`);
      return rows;
    } finally {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser?.close();
      bare?.server.close();
      for (const host of hosts) await host.stop();
      await bigWorkspace.dispose();
      await pasteWorkspace.dispose();
    }
  },
};

export default benchmark;
