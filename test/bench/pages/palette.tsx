// The palette benchmark's page (palette.bench.ts bundles it with esbuild): quick open over many briefs and the
// command palette over a padded registry, each either as the app renders it (our fuzzy matcher) or, as the baseline,
// the same rows in the same Palette filtered by a plain case-insensitive `String.includes`.
// `?view=quick-open|quick-open-includes|palette|palette-includes`; the data comes from `/data.json`.
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CommandRegistry, type CommandCategory } from '../../../shared/commands/registry';
import type { MatchRange } from '../../../shared/lib/fuzzyMatch';
import { COMMAND_PALETTE_TEXT, CommandPalette, commandRow, commandText, paletteCommands } from '../../../renderer/src/app/commands/CommandPalette';
import { Palette } from '../../../renderer/src/app/commands/Palette';
import { QUICK_OPEN_TEXT, QuickOpen, briefRow, briefTitle, briefsByRecency, type QuickOpenBrief } from '../../../renderer/src/app/commands/QuickOpen';
import { PALETTE_ROW_LIMIT, type RankedItem } from '../../../renderer/src/app/commands/useFuzzyRanking';
import '../../../renderer/src/app/app.css';

export interface PalettePageData {
  briefs: QuickOpenBrief[];
  commands: Array<{ id: string; category: CommandCategory; title: string; key?: string }>;
}

/** The baseline's filter: the first case-insensitive occurrence of the whole query, in the items' own order. */
function useIncludesFilter<T>(items: readonly T[], textOf: (item: T) => string, query: string): { shown: RankedItem<T>[]; total: number } {
  const lowered = useMemo(() => items.map((item) => textOf(item).toLowerCase()), [items, textOf]);
  return useMemo(() => {
    const needle = query.trim().toLowerCase();
    const shown: RankedItem<T>[] = [];
    let total = 0;
    lowered.forEach((text, index) => {
      const at = text.indexOf(needle);
      if (at < 0) return;
      total++;
      const ranges: MatchRange[] = needle ? [{ start: at, end: at + needle.length }] : [];
      if (shown.length < PALETTE_ROW_LIMIT) shown.push({ item: items[index]!, ranges });
    });
    return { shown, total };
  }, [items, lowered, query]);
}

const noop = (): void => undefined;

function IncludesQuickOpen({ briefs }: { briefs: readonly QuickOpenBrief[] }): React.JSX.Element {
  const ordered = useMemo(() => briefsByRecency(briefs), [briefs]);
  const [query, setQuery] = useState('');
  const { shown, total } = useIncludesFilter(ordered, briefTitle, query);
  return (
    <Palette
      {...QUICK_OPEN_TEXT}
      query={query}
      onQueryChange={setQuery}
      rows={shown.map(briefRow)}
      moreCount={total - shown.length}
      emptyMessage="No matching briefs"
      onChoose={noop}
      onClose={noop}
    />
  );
}

function IncludesPalette({ registry }: { registry: CommandRegistry }): React.JSX.Element {
  const commands = useMemo(() => paletteCommands(registry, 'browser'), [registry]);
  const [query, setQuery] = useState('');
  const { shown, total } = useIncludesFilter(commands, commandText, query);
  return (
    <Palette
      {...COMMAND_PALETTE_TEXT}
      query={query}
      onQueryChange={setQuery}
      rows={shown.map(commandRow)}
      moreCount={total - shown.length}
      onChoose={noop}
      onClose={noop}
    />
  );
}

const data = (await (await fetch('/data.json')).json()) as PalettePageData;
const registry = new CommandRegistry();
registry.register(data.commands.map(({ id, category, title, key }) => ({ id, category, title, ...(key ? { keybinding: { key } } : {}), run: noop })));
const view = new URLSearchParams(location.search).get('view');
const pages: Record<string, React.JSX.Element> = {
  'quick-open': <QuickOpen briefs={data.briefs} onOpen={noop} onCreate={noop} onClose={noop} />,
  'quick-open-includes': <IncludesQuickOpen briefs={data.briefs} />,
  palette: <CommandPalette registry={registry} mode="browser" onClose={noop} />,
  'palette-includes': <IncludesPalette registry={registry} />,
};
const page = view ? pages[view] : undefined;
if (!page) throw new Error(`unknown view ${view}`);
const container = document.getElementById('root');
if (!container) throw new Error('the page has no #root element');
createRoot(container).render(page);
