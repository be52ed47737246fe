/**
 * Virtual scrolling with fixed row heights. Browsers cap an element's height (Chromium at about 33 million
 * pixels), so past MAX_SCROLL_PX the scroll range is scaled: the scrollbar maps linearly onto the rows, and the
 * rendered rows are placed relative to the current scroll position. Pure.
 */
export const MAX_SCROLL_PX = 16_000_000;

/** Whether the content is taller than the browser can scroll natively, so positions are scaled. */
export function isScaled(count: number, rowHeight: number, maxPx = MAX_SCROLL_PX): boolean {
  return count * rowHeight > maxPx;
}

export interface VirtualInput {
  readonly count: number;
  readonly rowHeight: number;
  readonly viewport: number;
  readonly scrollTop: number;
  readonly overscan?: number;
  readonly maxPx?: number;
}

export interface VirtualWindow {
  /** Height of the scrolling content. */
  readonly contentHeight: number;
  /** First and last (exclusive) rows to render. */
  readonly start: number;
  readonly end: number;
  /** The (fractional) row at the top edge of the viewport. */
  readonly topRow: number;
  /** Where to place a row, in content pixels. */
  top(row: number): number;
}

interface Geometry {
  readonly contentHeight: number;
  readonly scaled: boolean;
  /** Rows that can be at the top: count − rows per viewport. */
  readonly maxTopRow: number;
  /** Scroll positions: contentHeight − viewport. */
  readonly maxScroll: number;
}

function geometry(count: number, rowHeight: number, viewport: number, maxPx: number): Geometry {
  const natural = count * rowHeight;
  const scaled = natural > maxPx;
  const contentHeight = scaled ? maxPx : natural;
  const maxTopRow = Math.max(0, count - viewport / rowHeight);
  const maxScroll = Math.max(0, contentHeight - viewport);
  return { contentHeight, scaled, maxTopRow, maxScroll };
}

/** The fractional row at the top of the viewport for a scroll position. */
export function topRowAt(count: number, rowHeight: number, viewport: number, scrollTop: number, maxPx = MAX_SCROLL_PX): number {
  const g = geometry(count, rowHeight, viewport, maxPx);
  if (!g.scaled) return Math.max(0, scrollTop) / rowHeight;
  const f = g.maxScroll > 0 ? Math.min(1, Math.max(0, scrollTop / g.maxScroll)) : 0;
  return f * g.maxTopRow;
}

/** The scroll position that puts `topRow` at the top of the viewport. */
export function scrollTopFor(count: number, rowHeight: number, viewport: number, topRow: number, maxPx = MAX_SCROLL_PX): number {
  const g = geometry(count, rowHeight, viewport, maxPx);
  const row = Math.min(Math.max(0, topRow), g.maxTopRow);
  if (!g.scaled) return row * rowHeight;
  return g.maxTopRow > 0 ? (row / g.maxTopRow) * g.maxScroll : 0;
}

export function virtualWindow(input: VirtualInput): VirtualWindow {
  const { count, rowHeight, viewport } = input;
  const overscan = input.overscan ?? 4;
  const maxPx = input.maxPx ?? MAX_SCROLL_PX;
  const g = geometry(count, rowHeight, viewport, maxPx);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), g.maxScroll);
  const topRow = topRowAt(count, rowHeight, viewport, scrollTop, maxPx);
  const visible = Math.ceil(viewport / rowHeight) + 1;
  const start = Math.max(0, Math.floor(topRow) - overscan);
  const end = Math.min(count, Math.floor(topRow) + visible + overscan);
  const top = g.scaled ? (row: number) => scrollTop + (row - topRow) * rowHeight : (row: number) => row * rowHeight;
  return { contentHeight: g.contentHeight, start, end, topRow, top };
}

/**
 * The top row after making `row` visible: unchanged when it already is (whole); otherwise the row goes to the
 * nearest edge, or to the middle when `center`.
 */
export function topRowToShow(row: number, topRow: number, viewport: number, rowHeight: number, center = false): number {
  const rows = Math.max(1, Math.floor(viewport / rowHeight));
  if (row >= topRow && row + 1 <= topRow + rows) return topRow;
  if (center) return Math.max(0, row - Math.floor(rows / 2));
  return row < topRow ? row : row - rows + 1;
}
