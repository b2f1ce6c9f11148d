import { useEffect, useRef } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  /** Greyed out and skipped by the arrow keys. */
  disabled?: boolean;
  /** Drawn in the danger colour (deleting). */
  destructive?: boolean;
}

interface MenuProps {
  label: string;
  items: readonly MenuItem[];
  /** Where to open: below this rectangle (viewport coordinates). */
  anchor: { left: number; bottom: number };
  onSelect: (id: string) => void;
  /** Escape, Tab, or a click elsewhere; `returnFocus` is false when focus already went somewhere else (a click). */
  onClose: (returnFocus: boolean) => void;
}

/**
 * A popup menu (APG "Menu Button" pattern): focus goes to the first item when it opens, Up/Down move (wrapping),
 * Home/End go to the ends, a letter goes to the next item starting with it, Enter or Space chooses, Escape and Tab close.
 */
export function Menu({ label, items, anchor, onSelect, onClose }: MenuProps): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const enabledItems = (): HTMLElement[] => [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? [])];

  useEffect(() => {
    enabledItems()[0]?.focus();
    const onDown = (event: MouseEvent): void => {
      if (!ref.current?.contains(event.target as Node)) onClose(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
    // Once, when the menu opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div
      ref={ref}
      className="bd-menu"
      role="menu"
      aria-label={label}
      style={{ left: anchor.left, top: anchor.bottom + 4 }}
      onKeyDown={(event) => {
        const enabled = enabledItems();
        const at = enabled.indexOf(event.target as HTMLElement);
        let next: number | undefined;
        if (event.key === 'ArrowDown') next = (at + 1) % enabled.length;
        else if (event.key === 'ArrowUp') next = (at - 1 + enabled.length) % enabled.length;
        else if (event.key === 'Home') next = 0;
        else if (event.key === 'End') next = enabled.length - 1;
        else if (event.key === 'Escape' || event.key === 'Tab') {
          event.preventDefault();
          onClose(true);
          return;
        } else if (event.key.length === 1 && /\S/.test(event.key)) {
          const letter = event.key.toLowerCase();
          const after = [...enabled.slice(at + 1), ...enabled.slice(0, at + 1)];
          const match = after.find((item) => item.textContent?.trim().toLowerCase().startsWith(letter));
          if (match) next = enabled.indexOf(match);
        }
        if (next === undefined) return;
        event.preventDefault();
        enabled[next]?.focus();
      }}
    >
      {items.map((item) => (
        <div
          key={item.id}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled || undefined}
          className={`bd-menu-item${item.destructive ? ' is-destructive' : ''}`}
          onClick={() => !item.disabled && onSelect(item.id)}
          onKeyDown={(event) => {
            if ((event.key === 'Enter' || event.key === ' ') && !item.disabled) {
              event.preventDefault();
              onSelect(item.id);
            }
          }}
        >
          {item.label}
        </div>
      ))}
    </div>
  );
}
