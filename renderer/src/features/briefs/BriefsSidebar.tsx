import { TEMPLATES, type TemplateId } from '../../../../shared/lib/briefTemplates';
import type { BriefSummary } from '../../../../shared/model/brief';
import { BriefListView } from '../../components/BriefListView';

interface BriefsSidebarProps {
  items: readonly BriefSummary[] | undefined;
  error: string | undefined;
  selectedId: string | undefined;
  template: TemplateId;
  onTemplate: (template: TemplateId) => void;
  canCreate: boolean;
  onSelect: (id: string) => void;
  onNew: () => void;
  onShowTrash: () => void;
}

/** The sidebar pane: new brief (with its template), the briefs of the workspace, and the trash. */
export function BriefsSidebar({ items, error, selectedId, template, onTemplate, canCreate, onSelect, onNew, onShowTrash }: BriefsSidebarProps): React.JSX.Element {
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
      <BriefListView items={items} selectedId={selectedId} onSelect={onSelect} />
      <div className="bd-sidebar-foot">
        <button type="button" className="bd-button" onClick={onShowTrash}>
          Trash
        </button>
      </div>
    </div>
  );
}
