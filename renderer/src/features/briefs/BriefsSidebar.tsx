import { TEMPLATES, type TemplateId } from '../../../../shared/lib/briefTemplates';
import type { BriefSummary } from '../../../../shared/model/brief';
import { BriefListView, type BriefListGesture } from '../../components/BriefListView';
import './briefsSidebar.css';

interface BriefsSidebarProps {
  items: readonly BriefSummary[] | undefined;
  error: string | undefined;
  /** The brief open in the editor (or the damaged file shown in its place). */
  openId: string | undefined;
  /** The briefs selected for an export, in the list's order. */
  selectedIds: readonly string[];
  template: TemplateId;
  onTemplate: (template: TemplateId) => void;
  canCreate: boolean;
  /** A plain click opens the brief; Ctrl/Cmd+click and Shift+click change the selection. */
  onSelect: (id: string, gesture: BriefListGesture) => void;
  onNew: () => void;
  onShowTrash: () => void;
}

/** The sidebar pane: new brief (with its template), the briefs of the workspace, and the trash. */
export function BriefsSidebar({ items, error, openId, selectedIds, template, onTemplate, canCreate, onSelect, onNew, onShowTrash }: BriefsSidebarProps): React.JSX.Element {
  return (
    <div className="bd-sidebar">
      <div className="bd-sidebar-head">
        <span className="bd-new-brief">
          <select aria-label="Template for new briefs" value={template} onChange={(e) => onTemplate(e.target.value as TemplateId)}>
            {Object.entries(TEMPLATES).map(([id, t]) => (
              <option key={id} value={id}>
                {t.label}
              </option>
            ))}
          </select>
          <button type="button" className="bd-button is-primary" disabled={!canCreate} onClick={onNew}>
            New brief
          </button>
        </span>
      </div>
      {error && <p className="bd-error bd-pad">{error}</p>}
      <BriefListView items={items} currentId={openId} selectedIds={selectedIds} onSelect={onSelect} />
      <div className="bd-sidebar-foot">
        <button type="button" className="bd-button" onClick={onShowTrash}>
          Trash
        </button>
      </div>
    </div>
  );
}
