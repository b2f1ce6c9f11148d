/** How a click in the sidebar's list meant to change the selection (a plain click opens the brief instead). */
export type SelectionGesture = 'toggle' | 'range';

export interface BriefSelection {
  /** The selected briefs, in the list's order. */
  ids: readonly string[];
  /** Where a range (Shift+click) starts: the brief last opened or toggled. */
  anchor: string | undefined;
}

/**
 * The sidebar's selection after a Ctrl/Cmd+click (toggle one brief) or a Shift+click (the briefs from the anchor to
 * this one, replacing the rest), as file managers do. `selectable` is the list in its order, without the briefs
 * that cannot be selected (damaged files).
 */
export function nextSelection(selectable: readonly string[], current: BriefSelection, id: string, gesture: SelectionGesture): BriefSelection {
  if (!selectable.includes(id)) return current;
  if (gesture === 'toggle') {
    const chosen = current.ids.includes(id) ? current.ids.filter((other) => other !== id) : [...current.ids, id];
    return { ids: selectable.filter((other) => chosen.includes(other)), anchor: id };
  }
  const anchor = current.anchor !== undefined && selectable.includes(current.anchor) ? current.anchor : id;
  const [from, to] = [selectable.indexOf(anchor), selectable.indexOf(id)];
  return { ids: selectable.slice(Math.min(from, to), Math.max(from, to) + 1), anchor };
}
