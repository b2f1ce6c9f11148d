import { useCallback, useEffect, useState } from 'react';
import { createCommandBus } from './commandBus';
import type { AppCommand } from '../../../shared/contract/app';
import { api } from '../api/client';
import { BriefsWorkspace } from '../features/briefs/BriefsWorkspace';
import { Dialog } from '../components/Dialog';
import { APP_SHORTCUTS, EDITOR_SHORTCUTS, commandForKey } from './shortcuts';
import { useTheme } from './useTheme';

type OpenDialog = 'shortcuts' | 'about' | undefined;

export function App(): React.JSX.Element {
  const [sidebarVisible, setSidebarVisible] = useState(true);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [commands] = useState(createCommandBus);
  const { theme, toggleTheme } = useTheme();

  const run = useCallback(
    (name: AppCommand) => {
      if (name === 'view.toggleSidebar') setSidebarVisible((v) => !v);
      else if (name === 'view.toggleTheme') toggleTheme();
      else if (name === 'help.shortcuts') setDialog('shortcuts');
      else if (name === 'help.about') setDialog('about');
      else commands.emit(name);
    },
    [toggleTheme, commands],
  );

  useEffect(() => {
    if (!api) return undefined;
    const unsubscribe = api.subscribe('app.command', ({ command: name }) => run(name));
    // In the desktop app the native menu owns the accelerators; browser mode binds the same shortcuts here.
    if (window.briefdesk) return unsubscribe;
    const onKey = (event: KeyboardEvent): void => {
      const name = commandForKey(event);
      if (!name) return;
      event.preventDefault();
      run(name);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      unsubscribe();
      window.removeEventListener('keydown', onKey);
    };
  }, [run]);

  if (!api) {
    return (
      <div className="bd-empty">
        <h1>Briefdesk is not connected</h1>
        <p>Open the address that <code>npm run start:browser</code> printed: it carries the key this page needs.</p>
      </div>
    );
  }

  return (
    <div className="bd-app" data-theme={theme}>
      <BriefsWorkspace api={api} sidebarVisible={sidebarVisible} onCommand={commands.listen} />
      {dialog === 'shortcuts' && (
        <Dialog title="Keyboard shortcuts" onClose={() => setDialog(undefined)}>
          <table className="bd-shortcuts">
            <tbody>
              {[...APP_SHORTCUTS, ...EDITOR_SHORTCUTS].map((s) => (
                <tr key={s.keys}>
                  <th scope="row">
                    <kbd>{s.keys}</kbd>
                  </th>
                  <td>{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Dialog>
      )}
      {dialog === 'about' && (
        <Dialog title="About Briefdesk" onClose={() => setDialog(undefined)}>
          <p>Briefdesk drafts short analytic briefs offline, with known facts linked to the sources behind them.</p>
        </Dialog>
      )}
    </div>
  );
}
