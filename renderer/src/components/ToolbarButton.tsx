import type { ReactNode } from 'react';

interface ToolbarButtonProps {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  disabled?: boolean;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}

/** A compact icon button whose accessible name and tooltip carry the label and shortcut. */
export function ToolbarButton({ label, shortcut, pressed, disabled, className, onClick, children }: ToolbarButtonProps): React.JSX.Element {
  return (
    <button
      type="button"
      className={`bd-tool${pressed ? ' is-active' : ''}${className ? ` ${className}` : ''}`}
      aria-label={label}
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      // Keep the editor's selection: a mouse-down on the toolbar must not steal focus.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
