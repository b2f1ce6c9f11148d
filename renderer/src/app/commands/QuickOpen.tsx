import { useMemo, useState } from 'react';
import { UNTITLED_BRIEF, type BriefSummary } from '../../../../shared/model/brief';
import { Palette, type PaletteRow } from './Palette';
import { useFuzzyRanking, type RankedItem } from './useFuzzyRanking';

export type QuickOpenBrief = Pick<BriefSummary, 'id' | 'title' | 'updatedAt' | 'damaged'>;

export interface QuickOpenProps {
  briefs: readonly QuickOpenBrief[];
  onOpen: (id: string) => void;
  /** Called with the typed title when nothing matched. */
  onCreate: (title: string) => void;
  onClose: () => void;
}

/** The value of the "Create brief" row: a colon, so it can never be a brief's id (ids are slugs). */
export const CREATE_BRIEF_ROW = 'create:brief';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
/** Each brief's date as shown, formatted once per summary rather than on every keystroke. */
const shownDates = new WeakMap<QuickOpenBrief, string>();

function shownDate(brief: QuickOpenBrief, updatedAt: string): string {
  let shown = shownDates.get(brief);
  if (shown === undefined) shownDates.set(brief, (shown = dateFormat.format(Date.parse(updatedAt))));
  return shown;
}

const timeOf = (brief: QuickOpenBrief): number => (brief.updatedAt ? Date.parse(brief.updatedAt) : -Infinity);

export const briefTitle = (brief: QuickOpenBrief): string => brief.title.trim() || UNTITLED_BRIEF;

/** Most recently changed first; briefs without a date (damaged files) last; then by title. */
export function briefsByRecency(briefs: readonly QuickOpenBrief[]): QuickOpenBrief[] {
  return [...briefs].sort((a, b) => timeOf(b) - timeOf(a) || briefTitle(a).localeCompare(briefTitle(b)));
}

export function briefRow({ item, ranges }: RankedItem<QuickOpenBrief>): PaletteRow {
  return {
    id: item.id,
    text: briefTitle(item),
    ranges,
    ...(item.damaged ? { badge: { label: 'damaged', description: `This brief's file could not be read: ${item.damaged}` } } : {}),
    ...(item.updatedAt ? { aside: <time dateTime={item.updatedAt}>{shownDate(item, item.updatedAt)}</time> } : {}),
  };
}

/**
 * Ctrl+P: the briefs by title, most recent first until something is typed. Enter opens the selected brief; when
 * nothing matches, the one row offers to create a brief with the typed title.
 */
/** Quick open's words, shared with the benchmark's baseline so both render the same dialog. */
export const QUICK_OPEN_TEXT = { label: 'Open brief', placeholder: "Type a brief's title", listLabel: 'Briefs' } as const;

export function QuickOpen({ briefs, onOpen, onCreate, onClose }: QuickOpenProps): React.JSX.Element {
  const ordered = useMemo(() => briefsByRecency(briefs), [briefs]);
  const [query, setQuery] = useState('');
  const { shown, total } = useFuzzyRanking(ordered, briefTitle, query);
  const newTitle = query.trim();
  const rows: PaletteRow[] =
    total === 0 && newTitle !== '' ? [{ id: CREATE_BRIEF_ROW, text: `Create brief “${newTitle}”`, ranges: [] }] : shown.map(briefRow);
  return (
    <Palette
      {...QUICK_OPEN_TEXT}
      query={query}
      onQueryChange={setQuery}
      rows={rows}
      moreCount={total - shown.length}
      emptyMessage="No briefs yet: type a title to create one"
      onChoose={(id) => (id === CREATE_BRIEF_ROW ? onCreate(newTitle) : onOpen(id))}
      onClose={onClose}
    />
  );
}
