import { useState } from 'react';
import type { Settings, SettingsPatch, ThemeSetting } from '../../../shared/model/settings';
import { Dialog } from '../components/Dialog';
import { FormFooter } from '../components/FormFooter';

interface PreferencesDialogProps {
  settings: Settings;
  onSave: (patch: SettingsPatch) => Promise<string | undefined>;
  onClose: () => void;
}

export function PreferencesDialog({ settings, onSave, onClose }: PreferencesDialogProps): React.JSX.Element {
  const [authorName, setAuthorName] = useState(settings.authorName);
  const [defaultClassification, setDefaultClassification] = useState(settings.defaultClassification);
  const [autosave, setAutosave] = useState(settings.autosave);
  const [theme, setTheme] = useState<ThemeSetting>(settings.theme);
  const [paperSize, setPaperSize] = useState(settings.exportDefaults.paperSize);
  const [error, setError] = useState<string>();
  return (
    <Dialog title="Preferences" onClose={onClose}>
      <form
        className="bd-form"
        onSubmit={(event) => {
          event.preventDefault();
          void onSave({ authorName, defaultClassification, autosave, theme, exportDefaults: { ...settings.exportDefaults, paperSize } }).then((problem) =>
            problem ? setError(problem) : onClose(),
          );
        }}
      >
        <label className="bd-field">
          <span>Author name (new briefs)</span>
          <input value={authorName} onChange={(e) => setAuthorName(e.target.value)} />
        </label>
        <label className="bd-field">
          <span>Default classification (new briefs)</span>
          <input value={defaultClassification} onChange={(e) => setDefaultClassification(e.target.value)} required />
        </label>
        <label className="bd-field is-inline">
          <input type="checkbox" checked={autosave} onChange={(e) => setAutosave(e.target.checked)} />
          <span>Save automatically after a second without typing</span>
        </label>
        <label className="bd-field">
          <span>Theme</span>
          <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeSetting)}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="bd-field">
          <span>Paper size for export</span>
          <select value={paperSize} onChange={(e) => setPaperSize(e.target.value as 'A4' | 'Letter')}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </label>
        <FormFooter error={error} submitLabel="Save preferences" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
