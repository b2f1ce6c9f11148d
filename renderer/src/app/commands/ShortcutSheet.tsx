import { keyFor, type CommandCategory, type CommandRegistry, type RunMode } from '../../../../shared/commands/registry';
import { useRegistryVersion } from '../../api/useCommands';

const ORDER: readonly CommandCategory[] = ['File', 'Brief', 'Edit', 'Facts', 'Go', 'View', 'Help'];

/** Help → Keyboard shortcuts: every command with a key, read from the registry, grouped by category. */
export function ShortcutSheet({ registry, mode }: { registry: CommandRegistry; mode: RunMode }): React.JSX.Element {
  useRegistryVersion(registry);
  const withKeys = registry.list().filter((command) => !command.hidden && command.keybinding);
  return (
    <div className="bd-shortcut-sheet">
      {ORDER.map((category) => {
        const rows = withKeys.filter((command) => command.category === category);
        if (rows.length === 0) return null;
        return (
          <table key={category} className="bd-shortcuts">
            <caption>{category}</caption>
            <tbody>
              {rows.map((command) => (
                <tr key={command.id}>
                  <th scope="row">
                    <kbd>{keyFor(command.keybinding, mode)}</kbd>
                  </th>
                  <td>{command.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
