import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { resizedTo, type SplitLayout, type SplitState } from '../lib/splitLayout';

/** Dragging this far past either end collapses that side, as VS Code's own sashes do. */
const SNAP = 60;
const STEP = 16;
const BIG_STEP = 80;

export interface SplitterProps {
  readonly layout: SplitLayout;
  readonly state: SplitState;
  /** The element both panes share (sizes are measured from its start). */
  readonly container: React.RefObject<HTMLElement | null>;
  readonly controls: string;
  readonly onChange: (state: SplitState) => void;
}

/**
 * The window splitter between structure and bytes (WAI-ARIA "window splitter"): drag it, or focus it and use
 * the arrow keys (Shift: larger steps), Home/End for the smallest/largest structure pane, Enter to collapse the
 * structure pane or bring it back. Dragging past an end collapses that side.
 */
export function Splitter(props: SplitterProps) {
  const { layout, state, onChange } = props;
  const dragging = useRef(false);
  const row = layout.orientation === 'row';
  const axis = layout.structure + layout.bytes;
  const percent = axis > 0 ? Math.round((layout.structure / axis) * 100) : 0;

  const sizeAt = (event: PointerEvent<HTMLDivElement>): number => {
    const rect = props.container.current?.getBoundingClientRect();
    if (!rect) return layout.structure;
    return row ? event.clientX - rect.left : event.clientY - rect.top;
  };
  const dragTo = (size: number) => {
    if (size < layout.min - SNAP) onChange({ ...state, collapsed: 'structure' });
    else if (size > layout.max + SNAP) onChange({ ...state, collapsed: 'bytes' });
    else onChange(resizedTo(size, layout));
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    dragging.current = true;
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (dragging.current) dragTo(sizeAt(event));
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    dragging.current = false;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const back = row ? 'ArrowLeft' : 'ArrowUp';
    const forward = row ? 'ArrowRight' : 'ArrowDown';
    let next: SplitState | null = null;
    if (event.key === back)
      next = state.collapsed === 'bytes' ? resizedTo(layout.max, layout) : state.collapsed === 'structure' ? state : resizedTo(layout.structure - step, layout);
    else if (event.key === forward)
      next = state.collapsed === 'structure' ? resizedTo(layout.min, layout) : state.collapsed === 'bytes' ? state : resizedTo(layout.structure + step, layout);
    else if (event.key === 'Home') next = resizedTo(layout.min, layout);
    else if (event.key === 'End') next = resizedTo(layout.max, layout);
    else if (event.key === 'Enter') next = { ...state, collapsed: state.collapsed === 'none' ? 'structure' : 'none' };
    if (!next) return;
    event.preventDefault();
    onChange(next);
  };

  return (
    <div
      role="separator"
      className={`splitter splitter-${layout.orientation}`}
      tabIndex={0}
      aria-orientation={row ? 'vertical' : 'horizontal'}
      aria-controls={props.controls}
      aria-label="Resize the structure and bytes panes"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={state.collapsed === 'structure' ? 'structure hidden' : state.collapsed === 'bytes' ? 'bytes hidden' : `structure ${percent}%`}
      title="Drag to resize; Enter hides or shows the structure"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => onChange({ structure: null, collapsed: 'none' })}
      onKeyDown={onKeyDown}
    />
  );
}
