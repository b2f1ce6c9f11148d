import { Fragment, useMemo, useState } from 'react';
import { keyFor, type CommandRegistry, type RunMode } from '../../../../shared/commands/registry';
import { useRegistryVersion } from '../../api/useCommands';
import { Palette, type PaletteRow } from './Palette';
import { useFuzzyRanking, type RankedItem } from './useFuzzyRanking';

export interface CommandPaletteProps {
  registry: CommandRegistry;
  mode: RunMode;
  onClose: () => void;
}

/** A command as the palette lists it: "Category: Title", searched and shown whole, the category muted. */
export interface PaletteCommand {
  id: string;
  text: string;
  categoryLength: number;
  shortcut: string | undefined;
}

/** What the palette offers now: every enabled command that can run on its own, recently run first, then by name. */
export function paletteCommands(registry: CommandRegistry, mode: RunMode): PaletteCommand[] {
  const recency = new Map(registry.recent().map((id, index) => [id, index]));
  const rankOf = (id: string): number => recency.get(id) ?? recency.size;
  return registry
    .list()
    .filter((command) => !command.hidden && !command.sheetOnly && registry.isEnabled(command.id))
    .map((command) => ({
      id: command.id,
      text: `${command.category}: ${command.title}`,
      categoryLength: command.category.length + 2,
      shortcut: keyFor(command.keybinding, mode),
    }))
    .sort((a, b) => rankOf(a.id) - rankOf(b.id) || a.text.localeCompare(b.text));
}

export const commandText = (command: PaletteCommand): string => command.text;

export function commandRow({ item, ranges }: RankedItem<PaletteCommand>): PaletteRow {
  return {
    id: item.id,
    text: item.text,
    ranges,
    prefixLength: item.categoryLength,
    ...(item.shortcut ? { aside: <Shortcut keys={item.shortcut} /> } : {}),
  };
}

/** "Ctrl+Shift+P" as keys, the plus signs kept so it reads as it is written. */
function Shortcut({ keys }: { keys: string }): React.JSX.Element {
  return (
    <>
      {keys.split('+').map((key, index) => (
        <Fragment key={index}>
          {index > 0 && '+'}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </>
  );
}

/** The palette's words, shared with the benchmark's baseline so both render the same dialog. */
export const COMMAND_PALETTE_TEXT = {
  label: 'Command palette',
  placeholder: 'Type the name of a command',
  listLabel: 'Commands',
  emptyMessage: 'No matching commands',
} as const;

/**
 * Ctrl+Shift+P / F1: every command by name. Enter closes the palette first (focus goes back where it was) and then
 * runs the command, so a command that moves focus (into the editor, into a dialog) keeps it there.
 */
export function CommandPalette({ registry, mode, onClose }: CommandPaletteProps): React.JSX.Element {
  // The registry is mutable: its version, which changes with commands, their enablement and recent use, says when
  // to read it again (and only then, so the texts are not folded again on every keystroke).
  const version = useRegistryVersion(registry);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `version` is the registry's change signal, see above
  const commands = useMemo(() => paletteCommands(registry, mode), [registry, mode, version]);
  const [query, setQuery] = useState('');
  const { shown, total } = useFuzzyRanking(commands, commandText, query);
  return (
    <Palette
      {...COMMAND_PALETTE_TEXT}
      query={query}
      onQueryChange={setQuery}
      rows={shown.map(commandRow)}
      moreCount={total - shown.length}
      onChoose={(id) => void registry.run(id)}
      onClose={onClose}
    />
  );
}
