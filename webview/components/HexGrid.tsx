import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type MouseEvent } from 'react';
import type { ViewRegion } from '../../extension/viewModel/types';
import { useElementHeight } from '../hooks/useElementHeight';
import { useLatest } from '../hooks/useLatest';
import type { ByteStore } from '../lib/byteStore';
import { byteHex, offsetDigits } from '../lib/format';
import { hexCaretTarget } from '../lib/keys';
import { regionStarts } from '../lib/regions';
import { isScaled, scrollTopFor, topRowAt, topRowToShow, virtualWindow } from '../lib/virtual';
import { selectionRange, type ByteSelection } from '../state';
import { HexRow } from './HexRow';

export const HEX_ROW_HEIGHT = 20;
const HEADER_HEIGHT = 22;
const COLUMNS = Array.from({ length: 16 }, (_, i) => i);
const OVERSCAN = 4;

export interface HexGridProps {
  readonly size: number;
  readonly generation: number;
  readonly regions: readonly ViewRegion[];
  readonly store: ByteStore;
  readonly selection: ByteSelection | null;
  readonly initialTopRow: number;
  /** Changes when the selection must be scrolled into view. */
  readonly revealSeq: number;
  readonly onSelection: (selection: ByteSelection) => void;
  readonly onTopRow: (row: number) => void;
  readonly onCopy: () => void;
  /** The grid's natural width in pixels (every column, scrollbar and border): measured, as fonts differ. */
  readonly onNaturalWidth: (width: number) => void;
}

/**
 * The whole file, 16 bytes a row: a virtualized ARIA grid whose bytes come from the page store. Click selects a
 * byte, shift-click or drag extends; arrows, Page Up/Down, Home/End move the caret (with Shift: extend).
 */
export function HexGrid(props: HexGridProps) {
  const { size, regions, store, selection, onSelection } = props;
  const version = useSyncExternalStore(store.subscribe, store.getVersion);
  const scroller = useRef<HTMLDivElement>(null);
  const height = useElementHeight(scroller);
  const viewport = Math.max(HEX_ROW_HEIGHT, height - HEADER_HEIGHT);
  const rowCount = Math.ceil(size / 16);
  const [scrollTop, setScrollTop] = useState(0);
  const starts = useMemo(() => regionStarts(regions), [regions]);
  const digits = offsetDigits(size);
  const dragging = useRef(false);
  const pendingFocus = useRef(false);
  const measure = useRef<HTMLSpanElement>(null);
  const [contentWidth, setContentWidth] = useState(0);

  // The width comes from a hidden row laid out with the rows' own classes, so the editor font and size VS Code
  // sets (often not the UI's) decide it; a ch estimate in another font clipped the ASCII column.
  const { onNaturalWidth } = props;
  useLayoutEffect(() => {
    const row = measure.current;
    const el = scroller.current;
    if (!row || !el) return;
    const report = () => {
      const width = Math.ceil(row.getBoundingClientRect().width);
      // A hidden pane measures 0: keep the last width.
      if (width <= 0) return;
      setContentWidth(width);
      onNaturalWidth(width + el.offsetWidth - el.clientWidth);
    };
    report();
    const observer = new ResizeObserver(report);
    observer.observe(row);
    return () => observer.disconnect();
  }, [onNaturalWidth, digits]);

  const win = virtualWindow({ count: rowCount, rowHeight: HEX_ROW_HEIGHT, viewport, scrollTop, overscan: OVERSCAN });
  // Rows are keyed by slot, not by row: a row scrolled out hands its elements to the row scrolled in, so fast
  // scrolling updates text in place instead of creating and destroying thousands of elements a frame.
  const slots = Math.ceil(viewport / HEX_ROW_HEIGHT) + 2 + 2 * OVERSCAN;
  const range = selection ? selectionRange(selection) : null;
  const caret = selection?.caret ?? -1;

  const setTopRow = (row: number) => {
    const el = scroller.current;
    if (!el) return;
    const vp = Math.max(HEX_ROW_HEIGHT, el.clientHeight - HEADER_HEIGHT);
    el.scrollTop = scrollTopFor(rowCount, HEX_ROW_HEIGHT, vp, row);
    setScrollTop(el.scrollTop);
  };

  // Only on mount: afterwards the user scrolls.
  const mount = useLatest({ row: props.initialTopRow, setTopRow });
  useLayoutEffect(() => {
    mount.current.setTopRow(mount.current.row);
  }, [mount]);

  /** Scrolls as little as needed to show bytes [start, end]; a range too tall for the view shows its start. */
  const ensureVisible = (start: number, end: number, center: boolean) => {
    const el = scroller.current;
    if (!el) return;
    const vp = Math.max(HEX_ROW_HEIGHT, el.clientHeight - HEADER_HEIGHT);
    const rowsInView = Math.max(1, Math.floor(vp / HEX_ROW_HEIGHT));
    const top = topRowAt(rowCount, HEX_ROW_HEIGHT, vp, el.scrollTop);
    const first = Math.floor(start / 16);
    const last = Math.floor(end / 16);
    if (first >= top && last + 1 <= top + rowsInView) return;
    const span = last - first + 1;
    if (!center) setTopRow(topRowToShow(first, top, vp, HEX_ROW_HEIGHT, false));
    else if (span <= rowsInView) setTopRow(Math.max(0, first - Math.floor((rowsInView - span) / 2)));
    else setTopRow(Math.max(0, first - 1));
  };

  // Only when a reveal is asked for, not whenever the selection changes.
  const reveal = useLatest({ range, ensureVisible });
  useLayoutEffect(() => {
    const { range: shown, ensureVisible: show } = reveal.current;
    if (props.revealSeq > 0 && shown) show(shown.start, shown.end - 1, true);
  }, [props.revealSeq, reveal]);

  useEffect(() => {
    store.want(win.start * 16, win.end * 16);
  }, [store, win.start, win.end, props.generation]);

  const { onTopRow } = props;
  useEffect(() => onTopRow(Math.floor(win.topRow)), [onTopRow, win.topRow]);

  useLayoutEffect(() => {
    if (!pendingFocus.current) return;
    pendingFocus.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-offset="${caret}"]`)?.focus({ preventScroll: true });
  });

  // The wheel scrolls by rows even when the scroll range is scaled (a 50 MB file), as it would natively.
  useEffect(() => {
    const el = scroller.current;
    if (!el || !isScaled(rowCount, HEX_ROW_HEIGHT)) return;
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey || event.deltaY === 0) return;
      event.preventDefault();
      const vp = Math.max(HEX_ROW_HEIGHT, el.clientHeight - HEADER_HEIGHT);
      const px = event.deltaMode === 1 ? event.deltaY * HEX_ROW_HEIGHT : event.deltaMode === 2 ? event.deltaY * vp : event.deltaY;
      const top = topRowAt(rowCount, HEX_ROW_HEIGHT, vp, el.scrollTop);
      el.scrollTop = scrollTopFor(rowCount, HEX_ROW_HEIGHT, vp, top + px / HEX_ROW_HEIGHT);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [rowCount]);

  useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  /** The byte under the pointer: a hex cell names its offset; an ASCII run is hit-tested by character. */
  const offsetFrom = (event: MouseEvent<HTMLElement>): number | null => {
    const el = (event.target as HTMLElement).closest<HTMLElement>('[data-offset],[data-a]');
    if (!el) return null;
    if (el.dataset['offset'] !== undefined) return Number(el.dataset['offset']);
    const n = el.textContent?.length ?? 0;
    const rect = el.getBoundingClientRect();
    const i = Math.min(n - 1, Math.max(0, Math.floor(((event.clientX - rect.left) / Math.max(1, rect.width)) * n)));
    return Number(el.dataset['a']) + i;
  };

  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    const at = offsetFrom(event);
    if (at === null || event.button !== 0) return;
    event.preventDefault();
    dragging.current = true;
    onSelection(event.shiftKey && selection ? { anchor: selection.anchor, caret: at } : { anchor: at, caret: at });
    pendingFocus.current = true;
  };
  const onMouseOver = (event: MouseEvent<HTMLDivElement>) => {
    if (!dragging.current || !selection || (event.buttons & 1) === 0) return;
    const at = offsetFrom(event);
    if (at !== null && at !== selection.caret) onSelection({ anchor: selection.anchor, caret: at });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (size === 0) return;
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && (event.key === 'c' || event.key === 'C')) {
      event.preventDefault();
      props.onCopy();
      return;
    }
    const pageBytes = Math.max(1, Math.floor(viewport / HEX_ROW_HEIGHT) - 1) * 16;
    const to = hexCaretTarget(event.key, ctrl, caret >= 0 ? caret : win.start * 16, size, pageBytes);
    if (to === null) return;
    event.preventDefault();
    onSelection(event.shiftKey && selection ? { anchor: selection.anchor, caret: to } : { anchor: to, caret: to });
    pendingFocus.current = true;
    ensureVisible(to, to, false);
  };

  const rows: number[] = [];
  for (let r = win.start; r < win.end; r++) rows.push(r);
  const tabbable = caret >= 0 && caret < size ? caret : win.start * 16;

  return (
    <div
      className="hex"
      role="grid"
      aria-label="Hex view of the whole file"
      aria-rowcount={rowCount + 1}
      aria-colcount={17}
      aria-multiselectable="true"
      tabIndex={-1}
      ref={scroller}
      data-cached-pages={store.cachedPages}
      data-version={version}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="hex-head" style={{ minWidth: contentWidth }}>
        <div role="row" aria-rowindex={1} className="hex-row">
          <span role="columnheader" className="hex-off">
            {'Offset'.padEnd(digits)}
          </span>
          {'  '}
          {COLUMNS.map((c) => [
            <span role="columnheader" key={c}>
              {byteHex(c)}
            </span>,
            c === 7 ? '  ' : ' ',
          ])}
          <span className="hex-ascii" aria-hidden="true">
            {'ASCII'.padEnd(16)}
          </span>
        </div>
        <span className="hex-row hex-measure" aria-hidden="true" ref={measure}>
          <span className="hex-off">{'0'.repeat(digits)}</span>
          {'  '}
          {COLUMNS.map((c) => (c === 7 ? '00  ' : '00 ')).join('')}
          <span className="hex-ascii">{'.'.repeat(16)}</span>
        </span>
      </div>
      <div role="rowgroup" className="hex-body" style={{ height: win.contentHeight, minWidth: contentWidth }} onMouseDown={onMouseDown} onMouseOver={onMouseOver}>
        <div className="hex-window" style={{ transform: `translateY(${win.top(win.start)}px)` }}>
          {rows.map((r) => {
            const start = r * 16;
            const end = Math.min(size, start + 16);
            const inSel = range !== null && range.start < end && range.end > start;
            const page = store.pageAt(start);
            return (
              <HexRow
                key={r % slots}
                row={r}
                start={start}
                end={end}
                digits={digits}
                page={page}
                failed={page ? false : store.isFailed(start)}
                selStart={inSel ? range.start : -1}
                selEnd={inSel ? range.end : -1}
                caret={caret >= start && caret < end ? caret : -1}
                tabbable={tabbable >= start && tabbable < end ? tabbable : -1}
                regions={regions}
                starts={starts}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
