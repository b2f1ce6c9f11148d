import { useRef } from 'react';

interface SplitterProps {
  label: string;
  /** `vertical`: a bar between panes side by side, moved left and right; `horizontal`: between stacked panes. */
  orientation: 'vertical' | 'horizontal';
  value: number;
  min: number;
  max: number;
  /** The change in value per pixel the pointer moves right (or down): -1 for a pane on the right that grows leftward. */
  direction: 1 | -1;
  /** Pixels per unit of `value`, for a value that is a fraction of a pane (1 for pixel sizes). */
  pixelsPerUnit?: number;
  step: number;
  onChange: (value: number) => void;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/**
 * A resize handle with the ARIA window-splitter pattern: a focusable separator that reports its value, moved by
 * dragging (pointer capture, so a fast drag never loses it) or with the arrow keys, Shift for bigger steps, and
 * Home/End for the limits.
 */
export function Splitter({ label, orientation, value, min, max, direction, pixelsPerUnit = 1, step, onChange }: SplitterProps): React.JSX.Element {
  const drag = useRef<{ start: number; value: number } | undefined>(undefined);
  const axis = (event: React.PointerEvent): number => (orientation === 'vertical' ? event.clientX : event.clientY);
  const [less, more] = orientation === 'vertical' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];

  const onKeyDown = (event: React.KeyboardEvent): void => {
    const amount = event.shiftKey ? step * 4 : step;
    let next: number | undefined;
    if (event.key === less) next = value - amount * direction;
    else if (event.key === more) next = value + amount * direction;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    if (next === undefined) return;
    event.preventDefault();
    onChange(clamp(next, min, max));
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={Math.round(value * 100) / 100}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`bd-splitter is-${orientation}`}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { start: axis(event), value };
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        const moved = (axis(event) - drag.current.start) / pixelsPerUnit;
        onChange(clamp(drag.current.value + moved * direction, min, max));
      }}
      onPointerUp={(event) => {
        event.currentTarget.releasePointerCapture(event.pointerId);
        drag.current = undefined;
      }}
      onPointerCancel={() => {
        drag.current = undefined;
      }}
    />
  );
}
