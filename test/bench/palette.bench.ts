// Issue 11's speed target for the command palette and quick open: keystroke → filtered list painted, p95 ≤ 16 ms,
// with 5,000 briefs in quick open (and a registry padded to a few hundred commands in the palette), each next to the
// same rows in the same Palette filtered by a plain `String.includes` (the baseline), typed in the same run and the
// same browser, in alternating blocks so a machine's drift hits both alike. Frame timings are wall-clock and a busy
// machine inflates them; the main thread's CPU time per key press (from a trace's thread clock) and the matcher's
// CPU time in Node are printed beside them, as the figures a shared machine distorts least.
//
// The page (pages/palette.tsx) is bundled here with esbuild, in React's production build.
// Run alone: node --import tsx test/bench/run.ts palette
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumPath } from '../../playwright.config';
import type { CommandCategory } from '../../shared/commands/registry';
import { FuzzyIndex } from '../../shared/lib/fuzzyMatch';
import { PALETTE_ROW_LIMIT } from '../../renderer/src/app/commands/useFuzzyRanking';
import { prng } from '../support/prng';
import { median, percentile, type Benchmark, type BenchRow } from './harness';
import { servePage } from './pageServer';
import type { PalettePageData } from './pages/palette';

const BRIEFS = 5_000;
const TARGET_P95_MS = 16;
const ROUNDS = 2;
const BRIEF_QUERIES = ['hanoi', 'sanctions relief', 'kim', 'port traffic', 'weekly', 'hnoi smt', 'missile test', 'zoe', 'xqzv'];
const COMMAND_QUERIES = ['toggle pane', 'ins tab', 'export', 'go to fact', 'rename', 'dup sour', 'zzq'];
const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];

// ---------------------------------------------------------------------------------------------------------------
// Deterministic, realistic data
// ---------------------------------------------------------------------------------------------------------------

const PLACES = [
  'Hanoi', 'Pyongyang', 'Seoul', 'Singapore', 'Łódź', 'Kraków', 'São Paulo', 'Bogotá', 'Zürich', 'Kyiv', 'Odesa', "Côte d'Ivoire",
  'Reykjavík', 'Málaga', 'İstanbul', 'Niamey', 'Tbilisi', 'Yongbyon', 'Beijing', 'Tokyo', 'Brussels', 'Geneva', 'Warsaw', 'Ankara',
];
const ACTORS = [
  'Kim Jong Un', 'Kim Yo-jong', 'Moon Jae-in', 'Zoë Bakker', 'the IAEA', 'NATO', 'ASEAN', 'the EU Commission', 'Erdoğan', 'the UN Panel of Experts',
  'the Treasury', 'the State Department', 'KCNA', 'the Foreign Ministry', 'Xi Jinping',
];
const TOPICS = [
  'sanctions relief', 'missile test', 'grain corridor', 'election monitoring', 'port traffic', 'energy prices', 'refugee flows', 'cyber intrusion',
  'arms control talks', 'joint exercises', 'nuclear inspections', 'trade deficit', 'border incident', 'food security', 'currency controls', 'shipping insurance',
];
const VERBS = ['warns on', 'signals shift on', 'rejects', 'weighs', 'backs', 'delays', 'questions'];
const SUFFIXES = ['', '', '', ', week 14', ' (draft)', ': initial assessment', ': what changed', ' v2', ' — follow-up', ', annex B'];

function briefTitles(count: number): string[] {
  const random = prng(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const titles = new Set<string>();
  while (titles.size < count) {
    const shape = random();
    const topic = pick(TOPICS);
    const title =
      shape < 0.3
        ? `${pick(PLACES)}: ${topic}`
        : shape < 0.55
          ? `${pick(ACTORS)} ${pick(VERBS)} ${topic}`
          : shape < 0.7
            ? `Weekly ${pick(PLACES)} round-up ${1 + Math.floor(random() * 52)}`
            : shape < 0.85
              ? `${topic.charAt(0).toUpperCase()}${topic.slice(1)} after the ${pick(PLACES)} summit`
              : `${pick(ACTORS)} and ${pick(PLACES)}: ${topic} outlook`;
    titles.add(`${title}${pick(SUFFIXES)}`);
  }
  return [...titles];
}

function pageData(): PalettePageData {
  const random = prng(12);
  const start = Date.UTC(2025, 11, 1);
  const briefs = briefTitles(BRIEFS).map((title, index) => {
    const id = `brief-${index}`;
    // About one in a hundred files damaged: listed without a date, marked.
    if (random() < 0.01) return { id, title: id, damaged: 'the file is not valid JSON' };
    return { id, title, updatedAt: new Date(start + Math.floor(random() * 365 * 86_400_000)).toISOString() };
  });
  const verbs = ['Open', 'Close', 'Toggle', 'Insert', 'Export', 'Rename', 'Duplicate', 'Show', 'Hide', 'Go to', 'Find', 'Replace', 'Move', 'Copy', 'Link', 'Unlink', 'Sort', 'Filter'];
  const nouns = ['Brief', 'Fact', 'Source', 'Annotation', 'Table', 'Heading', 'Pane', 'Sidebar', 'Search', 'Trash', 'History', 'Theme', 'Quote', 'Footnote', 'Citation', 'Template', 'Catalogue', 'Shortcut', 'Facts Pane', 'Source Reader'];
  const categories: CommandCategory[] = ['File', 'Edit', 'View', 'Brief', 'Facts', 'Go', 'Help'];
  const keys = ['Ctrl+Shift+A', 'Ctrl+Alt+T', 'F2', 'Ctrl+K', 'Alt+F', 'Ctrl+Shift+E'];
  const commands = verbs.flatMap((verb, v) =>
    nouns.map((noun, n) => ({
      id: `bench.${v}.${n}`,
      category: categories[(v + n) % categories.length]!,
      title: `${verb} ${noun}`,
      ...((v * nouns.length + n) % 9 === 0 ? { key: keys[(v + n) % keys.length]! } : {}),
    })),
  );
  return { briefs, commands };
}

// ---------------------------------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------------------------------

async function pageServer(data: PalettePageData): Promise<{ server: Server; url: (view: string) => string }> {
  const json = JSON.stringify(data);
  const { server, base } = await servePage('palette.tsx', 'Palette bench', (path) => (path === '/data.json' ? json : undefined));
  return { server, url: (view) => `${base}/?view=${view}` };
}

// ---------------------------------------------------------------------------------------------------------------
// In-page probe (serialized into the page by Playwright)
// ---------------------------------------------------------------------------------------------------------------

interface KeySample {
  /** keydown → the first animation-frame callback after it (the list was rendered in the keydown's task). */
  raf: number;
  /** keydown → a task posted from that callback: that frame's style, layout and paint are done. */
  painted: number;
  /** The key changed the query (an input event), so the list was filtered again. */
  input: boolean;
  /** At `painted`, the list on screen was the one for the input's current text. */
  current: boolean;
  rows: number;
}

interface PaletteProbe {
  samples(): KeySample[];
  reset(): void;
  settle(): Promise<void>;
}

declare global {
  interface Window {
    __bdPaletteProbe?: PaletteProbe;
  }
}

function installPaletteProbe(): void {
  interface Pending extends KeySample {
    t0: number;
    done: boolean;
  }
  let samples: Pending[] = [];
  let waiters: Array<() => void> = [];
  const afterFrame = (then: () => void): void =>
    void requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = then;
      channel.port2.postMessage(null);
    });
  window.addEventListener(
    'keydown',
    () => {
      const sample: Pending = { t0: performance.now(), raf: NaN, painted: NaN, input: false, current: false, rows: 0, done: false };
      samples.push(sample);
      requestAnimationFrame(() => {
        sample.raf = performance.now() - sample.t0;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          sample.painted = performance.now() - sample.t0;
          const dialog = document.querySelector<HTMLElement>('dialog');
          sample.current = dialog?.dataset.paletteQuery === dialog?.querySelector('input')?.value;
          sample.rows = document.querySelectorAll('[role="option"]').length;
          sample.done = true;
          const ready = waiters;
          waiters = [];
          for (const resolve of ready) resolve();
        };
        channel.port2.postMessage(null);
      });
    },
    true,
  );
  window.addEventListener(
    'input',
    () => {
      const last = samples.at(-1);
      if (last) last.input = true;
    },
    true,
  );
  window.__bdPaletteProbe = {
    samples: () => samples.map(({ raf, painted, input, current, rows }) => ({ raf, painted, input, current, rows })),
    reset: () => {
      samples = [];
    },
    // Resolves once the last key's frame is measured and one more frame has passed.
    settle: async () => {
      const last = samples.at(-1);
      if (last && !last.done) await new Promise<void>((resolve) => waiters.push(resolve));
      await new Promise<void>((resolve) => afterFrame(resolve));
    },
  };
}

interface Typist {
  label: string;
  page: Page;
  metrics: () => Promise<Record<string, number>>;
  busyBefore?: number;
  busyAfter?: number;
}

async function openPage(browser: Browser, label: string, url: string): Promise<Typist> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // tsx compiles with keepNames, which wraps functions in `__name(…)`: give serialized probes a no-op one.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  await page.locator('dialog[open] input[role="combobox"]').waitFor({ timeout: 60_000 });
  if (problems.length > 0) throw new Error(`${label}: ${problems.join('; ')}`);
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
  if (focused !== 'combobox') throw new Error(`${label}: the palette's input does not have focus`);
  await page.evaluate(installPaletteProbe);
  const session = await context.newCDPSession(page);
  await session.send('Performance.enable');
  const metrics = async (): Promise<Record<string, number>> => {
    const { metrics: list } = await session.send('Performance.getMetrics');
    return Object.fromEntries(list.map((m) => [m.name, m.value]));
  };
  return { label, page, metrics };
}

async function typeQuery(typist: Typist, query: string): Promise<void> {
  const { page } = typist;
  for (const char of query) {
    await page.keyboard.type(char);
    await page.evaluate(() => window.__bdPaletteProbe!.settle());
  }
  // Back to the empty query, the full list (measured too: Backspace is an input).
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.evaluate(() => window.__bdPaletteProbe!.settle());
}

interface Measured {
  samples: KeySample[];
  /** Main-thread busy time per measured key (CDP TaskDuration), the probe's own work included. */
  busyPerKey: number;
}

/** Types every query into both pages, alternating which goes first, and returns each page's filtering keystrokes. */
async function measurePair(fuzzy: Typist, baseline: Typist, queries: readonly string[]): Promise<[Measured, Measured]> {
  const typists = [fuzzy, baseline];
  for (const typist of typists) {
    await typist.page.evaluate(() => window.__bdPaletteProbe!.reset());
    typist.busyBefore = (await typist.metrics()).TaskDuration ?? 0;
  }
  let order = 0;
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of queries) {
      for (const typist of order++ % 2 === 0 ? typists : [...typists].reverse()) await typeQuery(typist, query);
    }
  }
  const results: Measured[] = [];
  for (const typist of typists) {
    typist.busyAfter = (await typist.metrics()).TaskDuration ?? 0;
    const all = await typist.page.evaluate(() => window.__bdPaletteProbe!.samples());
    const samples = all.filter((sample) => sample.input);
    const stale = samples.filter((sample) => !sample.current).length;
    if (stale > 0) throw new Error(`${typist.label}: ${stale} of ${samples.length} frames showed the list of an earlier query`);
    results.push({ samples, busyPerKey: ((typist.busyAfter - typist.busyBefore!) * 1000) / all.length });
  }
  return [results[0]!, results[1]!];
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, µs: what the work cost, however busy the machine was. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string } };
}

/**
 * Main-thread CPU time per key press, ms, from a trace: each keydown's top-level task and every task after it up to
 * the next keydown's (the rendering, the frame, and the probe's settling, which both pages share). Thread time, not
 * wall time, so a machine shared with other work inflates it far less than the frame timings.
 */
function cpuPerKey(trace: Buffer): number[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const keydownThreads = new Map<string, number>();
  for (const e of events) if (e.name === 'EventDispatch' && e.args?.data?.type === 'keydown') keydownThreads.set(`${e.pid}:${e.tid}`, (keydownThreads.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const thread = [...keydownThreads.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!thread) throw new Error('the trace holds no keydown');
  const onThread = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const topLevel: TraceEvent[] = [];
  for (const e of onThread) if (topLevel.length === 0 || e.ts >= topLevel.at(-1)!.ts + topLevel.at(-1)!.dur!) topLevel.push(e);
  const keyTasks = onThread
    .filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
    .map((keydown) => topLevel.findLast((task) => task.ts <= keydown.ts)!.ts);
  return keyTasks.map((start, index) => {
    const end = keyTasks[index + 1] ?? Infinity;
    return topLevel.filter((task) => task.ts >= start && task.ts < end).reduce((sum, task) => sum + (task.tdur ?? task.dur!), 0) / 1000;
  });
}

async function tracedCpuPerKey(browser: Browser, typist: Typist, queries: readonly string[]): Promise<number[]> {
  await browser.startTracing(typist.page, { categories: ['toplevel', 'devtools.timeline'] });
  for (const query of queries) await typeQuery(typist, query);
  return cpuPerKey(await browser.stopTracing());
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const spread = (values: readonly number[]): string => [50, 75, 90, 95, 99, 100].map((p) => `p${p} ${fmt(percentile(values, p))}`).join(', ');

/** CPU time of `work` in this process, ms: a shared machine's other work does not count (wall time here would). */
function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** The matcher alone in Node, as quick open uses it: the 5,000 titles ranked after each key of each query. */
function matcherRows(titles: readonly string[]): BenchRow[] {
  let index: FuzzyIndex | undefined;
  const prepareMs = cpuMs(() => (index = new FuzzyIndex(titles)));
  const lowered = titles.map((title) => title.toLowerCase());
  const fuzzyMs: number[] = [];
  const includesMs: number[] = [];
  let fuzzyMatches = 0;
  let includesMatches = 0;
  for (let round = 0; round < 5; round++) {
    for (const query of BRIEF_QUERIES) {
      for (let length = 1; length <= query.length; length++) {
        const typed = query.slice(0, length);
        fuzzyMs.push(cpuMs(() => (fuzzyMatches += index!.rank(typed, PALETTE_ROW_LIMIT).total)));
        includesMs.push(
          cpuMs(() => {
            for (const text of lowered) if (text.includes(typed)) includesMatches++;
          }),
        );
      }
    }
  }
  console.log(`  matcher alone: ${fuzzyMs.length} keystrokes; matches found: fuzzy ${fuzzyMatches.toLocaleString()}, includes ${includesMatches.toLocaleString()}`);
  return [
    { name: `matcher alone (Node, CPU time): rank ${titles.length.toLocaleString()} titles per keystroke, median`, value: median(fuzzyMs), unit: 'ms', baseline: { name: 'String.includes', value: median(includesMs) } },
    { name: 'matcher alone (Node, CPU time): per keystroke, p95', value: percentile(fuzzyMs, 95), unit: 'ms', baseline: { name: 'String.includes', value: percentile(includesMs, 95) } },
    { name: `matcher alone (Node, CPU time): fold ${titles.length.toLocaleString()} titles once (on opening quick open)`, value: prepareMs, unit: 'ms' },
  ];
}

const benchmark: Benchmark = {
  name: 'command palette and quick open',
  async run() {
    const data = pageData();
    const commands = data.commands.length;
    console.log(`palette bench: ${data.briefs.length.toLocaleString()} briefs (${data.briefs.filter((b) => b.damaged).length} damaged), ${commands} commands`);
    const site = await pageServer(data);
    const rows: BenchRow[] = [];
    const browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
    try {
      const pairs = [
        { what: `quick open, ${data.briefs.length.toLocaleString()} briefs`, views: ['quick-open', 'quick-open-includes'], queries: BRIEF_QUERIES },
        { what: `palette, ${commands} commands`, views: ['palette', 'palette-includes'], queries: COMMAND_QUERIES },
      ] as const;
      for (const pair of pairs) {
        const fuzzy = await openPage(browser, pair.views[0], site.url(pair.views[0]));
        const baseline = await openPage(browser, pair.views[1], site.url(pair.views[1]));
        const [ours, plain] = await measurePair(fuzzy, baseline, pair.queries);
        const cpuOurs = await tracedCpuPerKey(browser, fuzzy, pair.queries);
        const cpuPlain = await tracedCpuPerKey(browser, baseline, pair.queries);
        await fuzzy.page.context().close();
        await baseline.page.context().close();
        const painted = (m: Measured): number[] => m.samples.map((s) => s.painted);
        const p95 = percentile(painted(ours), 95);
        const p95Plain = percentile(painted(plain), 95);
        const meanRows = (m: Measured): string => (m.samples.reduce((n, sample) => n + sample.rows, 0) / m.samples.length).toFixed(1);
        console.log(
          `  ${pair.what}: ${ours.samples.length} filtering keystrokes each (${ROUNDS} rounds of ${pair.queries.length} queries); ` +
            `rows rendered per keystroke, mean: fuzzy ${meanRows(ours)}, includes ${meanRows(plain)}`,
        );
        console.log(`    keystroke → list painted, fuzzy:    ${spread(painted(ours))} ms`);
        console.log(`    keystroke → list painted, includes: ${spread(painted(plain))} ms`);
        console.log(`    main-thread CPU per key press (trace thread time, ${cpuOurs.length} presses): fuzzy ${spread(cpuOurs)} ms; includes ${spread(cpuPlain)} ms`);
        console.log(
          `    target p95 ≤ ${TARGET_P95_MS} ms: ${fmt(p95)} ms → ${p95 <= TARGET_P95_MS ? 'met' : `MISSED by ${fmt(p95 - TARGET_P95_MS)} ms`}; ` +
            `${(p95 / p95Plain).toFixed(2)}× the includes filter (${fmt(p95Plain)} ms)`,
        );
        const same = { name: 'String.includes, same rows' };
        rows.push(
          { name: `${pair.what}: keystroke → list painted p95`, value: p95, unit: 'ms', baseline: { ...same, value: p95Plain }, target: `≤ ${TARGET_P95_MS} ms` },
          { name: `${pair.what}: keystroke → list painted p50`, value: percentile(painted(ours), 50), unit: 'ms', baseline: { ...same, value: percentile(painted(plain), 50) } },
          { name: `${pair.what}: main-thread busy per key press (wall, CDP TaskDuration)`, value: ours.busyPerKey, unit: 'ms', baseline: { ...same, value: plain.busyPerKey } },
          { name: `${pair.what}: main-thread CPU per key press p50 (trace thread time)`, value: percentile(cpuOurs, 50), unit: 'ms', baseline: { ...same, value: percentile(cpuPlain, 50) } },
          { name: `${pair.what}: main-thread CPU per key press p95 (trace thread time)`, value: percentile(cpuOurs, 95), unit: 'ms', baseline: { ...same, value: percentile(cpuPlain, 95) } },
        );
      }
    } finally {
      await browser.close();
      site.server.close();
    }
    rows.push(...matcherRows(data.briefs.map((brief) => brief.title)));
    return rows;
  },
};

export default benchmark;
