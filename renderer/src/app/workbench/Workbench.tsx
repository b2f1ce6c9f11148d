import type { ReactNode } from 'react';
import { PANE_SIZE_LIMITS, type SidePaneId, type WorkbenchLayout } from '../../../../shared/model/settings';
import { Pane, type PaneSpec } from './Pane';
import { Splitter } from './Splitter';
import './workbench.css';

export type PaneId = SidePaneId | 'sidebar';

interface WorkbenchProps {
  layout: WorkbenchLayout;
  onLayout: (update: (current: WorkbenchLayout) => WorkbenchLayout) => void;
  sidebar: PaneSpec;
  centre: ReactNode;
  sidePanes: Readonly<Record<SidePaneId, PaneSpec>>;
  /** The pane the analyst opened last: it takes focus. */
  focusPane: PaneId | undefined;
  onClosePane: (pane: PaneId) => void;
}

/**
 * The window's layout (VS Code's split view, reduced to what a brief needs): the sidebar on the left, the editor
 * in the centre, and up to two panes on the right, side by side or stacked, each resizable with the mouse or the
 * keyboard. Features hand in what their panes show; only this component decides where they go.
 */
export function Workbench({ layout, onLayout, sidebar, centre, sidePanes, focusPane, onClosePane }: WorkbenchProps): React.JSX.Element {
  const open = layout.sidePanes;
  const stacked = layout.sideArrangement === 'stacked';
  return (
    <div className="bd-workbench">
      {layout.sidebarOpen && (
        <>
          <Pane id="sidebar" {...sidebar} focusOnOpen={focusPane === 'sidebar'} style={{ width: layout.sidebarWidth }} onClose={() => onClosePane('sidebar')} />
          <Splitter
            label="Resize the sidebar"
            orientation="vertical"
            value={layout.sidebarWidth}
            {...PANE_SIZE_LIMITS.sidebar}
            direction={1}
            step={16}
            onChange={(sidebarWidth) => onLayout((current) => ({ ...current, sidebarWidth }))}
          />
        </>
      )}
      <div className="bd-centre">{centre}</div>
      {open.length > 0 && (
        <>
          <Splitter
            label="Resize the side panes"
            orientation="vertical"
            value={layout.sideWidth}
            {...PANE_SIZE_LIMITS.side}
            direction={-1}
            step={16}
            onChange={(sideWidth) => onLayout((current) => ({ ...current, sideWidth }))}
          />
          <div className={`bd-side ${stacked ? 'is-stacked' : 'is-side-by-side'}`} style={{ width: layout.sideWidth }}>
            {open.map((id, index) => (
              <SidePane
                key={id}
                id={id}
                spec={sidePanes[id]}
                share={open.length === 2 ? (index === 0 ? layout.sideSplit : 1 - layout.sideSplit) : 1}
                focusOnOpen={focusPane === id}
                onClose={() => onClosePane(id)}
                splitter={
                  index === 0 && open.length === 2 ? (
                    <Splitter
                      label="Resize between the side panes"
                      orientation={stacked ? 'horizontal' : 'vertical'}
                      value={layout.sideSplit}
                      {...PANE_SIZE_LIMITS.split}
                      direction={1}
                      pixelsPerUnit={stacked ? window.innerHeight : layout.sideWidth}
                      step={0.05}
                      onChange={(sideSplit) => onLayout((current) => ({ ...current, sideSplit }))}
                    />
                  ) : undefined
                }
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function SidePane(props: { id: SidePaneId; spec: PaneSpec; share: number; focusOnOpen: boolean; onClose: () => void; splitter: ReactNode }): React.JSX.Element {
  return (
    <>
      <Pane id={props.id} {...props.spec} focusOnOpen={props.focusOnOpen} onClose={props.onClose} style={{ flex: `${props.share} 1 0` }} />
      {props.splitter}
    </>
  );
}
