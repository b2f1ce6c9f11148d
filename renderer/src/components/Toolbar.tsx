import { forwardRef, useImperativeHandle, useLayoutEffect, useRef, type ReactNode } from 'react';

interface ToolbarProps {
  label: string;
  className?: string;
  /** Escape in the toolbar: where focus goes back to (the editor it formats). */
  onEscape?: () => void;
  children: ReactNode;
}

/** The controls that take part in the toolbar's arrow-key navigation: enabled buttons and selects. */
const ITEM_SELECTOR = 'button:not(:disabled), select:not(:disabled)';

/**
 * An ARIA toolbar (APG "Toolbar" pattern) with a roving tabindex: the whole toolbar is one Tab stop, Left/Right move
 * between its controls (wrapping round), Home/End go to the first and last. The Tab stop stays on the control used
 * last, or the first enabled one when that control is disabled or gone.
 */
export const Toolbar = forwardRef<HTMLDivElement, ToolbarProps>(function Toolbar({ label, className, onEscape, children }, forwarded) {
  const ref = useRef<HTMLDivElement>(null);
  useImperativeHandle(forwarded, () => ref.current!, []);
  const current = useRef<HTMLElement>(null);

  const items = (): HTMLElement[] => [...(ref.current?.querySelectorAll<HTMLElement>(ITEM_SELECTOR) ?? [])];
  const makeTabStop = (stop: HTMLElement | undefined): void => {
    current.current = stop ?? null;
    for (const item of ref.current?.querySelectorAll<HTMLElement>('button, select') ?? []) item.tabIndex = item === stop ? 0 : -1;
  };

  // After every render: a control may have been disabled, enabled, added or removed.
  useLayoutEffect(() => {
    const enabled = items();
    makeTabStop(enabled.find((item) => item === current.current) ?? enabled[0]);
  });

  return (
    <div
      ref={ref}
      className={className}
      role="toolbar"
      aria-label={label}
      aria-orientation="horizontal"
      onFocus={(event) => {
        if (event.target !== ref.current && event.target.matches(ITEM_SELECTOR)) makeTabStop(event.target);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && onEscape) {
          event.preventDefault();
          onEscape();
          return;
        }
        const enabled = items();
        const at = enabled.indexOf(event.target as HTMLElement);
        if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
        const next =
          event.key === 'ArrowRight' ? (at + 1) % enabled.length
          : event.key === 'ArrowLeft' ? (at - 1 + enabled.length) % enabled.length
          : event.key === 'Home' ? 0
          : event.key === 'End' ? enabled.length - 1
          : undefined;
        if (next === undefined) return;
        // On a select too: Left/Right would otherwise change its value in some browsers.
        event.preventDefault();
        makeTabStop(enabled[next]);
        enabled[next]!.focus();
      }}
    >
      {children}
    </div>
  );
});
