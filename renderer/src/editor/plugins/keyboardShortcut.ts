/**
 * True when a keydown matches a shortcut written the way the shortcuts list shows it ("Ctrl+Shift+X"):
 * Ctrl also means Cmd on a Mac, and every modifier not named must be up.
 */
export function matchesShortcut(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('+');
  const key = parts.at(-1)!;
  return (
    (event.ctrlKey || event.metaKey) === parts.includes('Ctrl') &&
    event.shiftKey === parts.includes('Shift') &&
    event.altKey === parts.includes('Alt') &&
    event.key.toLowerCase() === key.toLowerCase()
  );
}
