import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactKindSchema } from '../../shared/model/fact';

const renderer = join(import.meta.dirname, '..', '..', 'renderer', 'src');
const appCss = readFileSync(join(renderer, 'app', 'app.css'), 'utf8');
const editorCss = readFileSync(join(renderer, 'editor', 'theme', 'editor.css'), 'utf8');

/** The custom properties declared in the first rule with this exact selector, `var()` references resolved. */
function themeVariables(css: string, selector: string, inherited: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} rule`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  const own = new Map([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map(([, name, value]) => [name!, value!.trim()]));
  const all = new Map([...inherited, ...own]);
  const resolve = (value: string, depth = 0): string => {
    const reference = /^var\((--[\w-]+)\)$/.exec(value);
    if (!reference || depth > 10) return value;
    const target = all.get(reference[1]!);
    if (target === undefined) throw new Error(`${value} is not defined`);
    return resolve(target, depth + 1);
  };
  return new Map([...all].map(([name, value]) => [name, resolve(value)]));
}

/** WCAG 2.1 relative luminance of a #rgb or #rrggbb colour. */
function luminance(hex: string): number {
  const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!digits) throw new Error(`not a hex colour: ${hex}`);
  const full = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = parseInt(full.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const light = themeVariables(appCss, ':root');
const themes = { light, dark: themeVariables(appCss, ":root[data-theme='dark']", light) };
const kinds = [...FactKindSchema.options, 'unknown'];

/** [foreground, background, minimum]: 4.5:1 for text (WCAG 1.4.3 AA), 3:1 for what is not text (1.4.11). */
const PAIRS: ReadonlyArray<readonly [string, string, number]> = [
  ...['--bd-bg', '--bd-surface', '--bd-sidebar', '--bd-selected'].flatMap((bg) => [['--bd-text', bg, 4.5], ['--bd-muted', bg, 4.5]] as const),
  ...['--bd-bg', '--bd-surface', '--bd-sidebar'].map((bg) => ['--bd-placeholder', bg, 4.5] as const),
  ['--bd-accent', '--bd-surface', 4.5],
  ['--bd-accent-text', '--bd-accent', 4.5],
  ['--bd-danger', '--bd-surface', 4.5],
  ['--bd-danger', '--bd-danger-bg', 4.5],
  ['--bd-ok', '--bd-surface', 4.5],
  ['--bd-warn', '--bd-surface', 4.5],
  ['--bd-warn', '--bd-sidebar', 4.5],
  ['--bd-mark-text', '--bd-mark-bg', 4.5],
  // Focus rings are drawn in the accent colour.
  ['--bd-accent', '--bd-bg', 3],
  // Kind badges: text on the badge background, and on the page (picker). Reference underlines need only 3:1 there.
  ...kinds.flatMap((kind) => [[`--bd-kind-${kind}`, '--bd-bg', 4.5], [`--bd-kind-${kind}`, '--bd-surface', 4.5]] as const),
];

describe.each(Object.entries(themes))('the %s theme', (_name, variables) => {
  it.each(PAIRS.map(([fg, bg, minimum]) => [fg, bg, minimum] as const))('%s on %s reaches %s:1', (fg, bg, minimum) => {
    const ratio = contrastRatio(variables.get(fg)!, variables.get(bg)!);
    expect(ratio, `${variables.get(fg)} on ${variables.get(bg)}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(minimum);
  });
});

describe('the colours checked are the ones drawn', () => {
  it('badges and reference underlines take their kind colour from the theme, never a fixed one', () => {
    for (const kind of FactKindSchema.options) {
      expect(appCss).toContain(`.bd-kind.is-${kind} { color: var(--bd-kind-${kind}); }`);
      expect(editorCss).toContain(`.bd-fact-ref[data-kind='${kind}'] { text-decoration-color: var(--bd-kind-${kind}); }`);
    }
    expect(editorCss).toMatch(/\.bd-fact-ref \{ text-decoration: underline dotted var\(--bd-kind-unknown\);/);
    expect(appCss).toContain('mark { background: var(--bd-mark-bg); color: var(--bd-mark-text);');
    expect(appCss).toContain('::placeholder { color: var(--bd-placeholder); opacity: 1; }');
    expect(editorCss).toMatch(/\.bd-editor-placeholder \{[^}]*color: var\(--bd-placeholder\)/);
  });

  it('computes ratios as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777', '#fff')).toBeCloseTo(4.48, 2);
    // The dark theme's old badge colour on its background: one of the figures axe-core reported.
    expect(contrastRatio('#7a3e9d', '#16191d')).toBeCloseTo(2.52, 2);
  });
});
