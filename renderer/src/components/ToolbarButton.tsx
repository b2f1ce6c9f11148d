import { forwardRef, type ReactNode } from 'react';

interface ToolbarButtonProps {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  className?: string;
  /** For a button that opens a menu: whether the menu is open (aria-haspopup and aria-expanded follow). */
  menuExpanded?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** A compact icon button whose accessible name and tooltip carry the label and shortcut. */
export const ToolbarButton = forwardRef<HTMLButtonElement, ToolbarButtonProps>(function ToolbarButton(
  { label, shortcut, pressed, disabled, className, menuExpanded, onClick, children },
  ref,
) {
  return (
    <button
      ref={ref}
      type="button"
      className={`bd-tool${pressed ? ' is-active' : ''}${className ? ` ${className}` : ''}`}
      aria-label={label}
      aria-pressed={pressed}
      aria-haspopup={menuExpanded === undefined ? undefined : 'menu'}
      aria-expanded={menuExpanded}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      // Keep the editor's selection: a mouse-down on the toolbar must not steal focus.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
});
