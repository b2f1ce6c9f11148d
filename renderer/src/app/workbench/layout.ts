import { PANE_SIZE_LIMITS, type SidePaneId, type WorkbenchLayout } from '../../../../shared/model/settings';

/** The right side shows at most two panes: opening a third closes the one open longest. */
export function openSidePane(layout: WorkbenchLayout, pane: SidePaneId): WorkbenchLayout {
  if (layout.sidePanes.includes(pane)) return layout;
  return { ...layout, sidePanes: [...layout.sidePanes, pane].slice(-2) };
}

export function closeSidePane(layout: WorkbenchLayout, pane: SidePaneId): WorkbenchLayout {
  return layout.sidePanes.includes(pane) ? { ...layout, sidePanes: layout.sidePanes.filter((p) => p !== pane) } : layout;
}

export function toggleSidePane(layout: WorkbenchLayout, pane: SidePaneId): WorkbenchLayout {
  return layout.sidePanes.includes(pane) ? closeSidePane(layout, pane) : openSidePane(layout, pane);
}

const clamp = (value: number, limits: { min: number; max: number }): number => Math.min(limits.max, Math.max(limits.min, value));

/** A layout with every size inside its limits (a window made smaller, a hand-edited preference). */
export function clampLayout(layout: WorkbenchLayout): WorkbenchLayout {
  return {
    ...layout,
    sidebarWidth: clamp(layout.sidebarWidth, PANE_SIZE_LIMITS.sidebar),
    sideWidth: clamp(layout.sideWidth, PANE_SIZE_LIMITS.side),
    sideSplit: clamp(layout.sideSplit, PANE_SIZE_LIMITS.split),
  };
}
