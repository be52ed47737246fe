import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ViewColumn, ViewDiagnostic, ViewTable } from '../../extension/viewModel/types';
import { useElementHeight } from '../hooks/useElementHeight';
import { useLatest } from '../hooks/useLatest';
import { gridTarget } from '../lib/keys';
import { cellText, gridColumns, type SortSpec } from '../lib/tableData';
import { scrollTopFor, topRowToShow, virtualWindow } from '../lib/virtual';
import { RecordRow } from './RecordRow';

export const ROW_HEIGHT = 22;
const OVERSCAN = 6;
const HEADER_HEIGHT = 26;

/** Room for a header's sort arrow and padding, in ch. */
const HEADER_EXTRA = 5;

/** Rows sampled for a column's width: the first ones (a table is file-ordered; enough to see its kind of text). */
const SAMPLED_ROWS = 200;

/** The longest shown text of the column's first rows, in characters (at most 200: a cell shows ≤ 512 anyway). */
function sampledWidth(table: ViewTable, column: ViewColumn): number {
  let longest = 0;
  for (let row = 0, n = Math.min(table.rowCount, SAMPLED_ROWS); row < n; row++) longest = Math.max(longest, cellText(table, column, row).length);
  // A number column: also its largest value, wherever it is (the widest number is the longest).
  const numbers = column.kind === 'u32' ? column.numbers : undefined;
  if (numbers && table.rowCount > SAMPLED_ROWS) {
    let top = 0;
    for (let row = 1; row < table.rowCount; row++) if (numbers[row]! > numbers[top]!) top = row;
    longest = Math.max(longest, cellText(table, column, top).length);
  }
  return Math.min(longest, 200);
}

/**
 * Column widths: numbers and short texts (a loader, an export type, flag bits) as wide as their longest value in
 * the first rows, longer texts flexible, sharing the room by how long they run; never narrower than the column's
 * title, so no header is cut (the grid scrolls sideways instead).
 */
function columnTemplate(table: ViewTable, columns: readonly ViewColumn[]): { template: string; minWidth: string } {
  const parts: [string, number][] = [[`${String(table.rowCount).length + 4}ch`, String(table.rowCount).length + 4]];
  const lastOffset = table.rowCount > 0 ? table.rowOffsets[table.rowCount - 1]! : 0;
  for (const c of columns) {
    const title = c.title.length + HEADER_EXTRA;
    const fixed = (ch: number) => parts.push([`${Math.max(ch, title)}ch`, Math.max(ch, title)]);
    const flexible = (ch: number, fr: number) => parts.push([`minmax(${Math.max(ch, title)}ch, ${fr}fr)`, Math.max(ch, title)]);
    if (c.key === 'offset') {
      fixed(lastOffset.toString(16).length + 4);
      continue;
    }
    if (c.key === 'flags') {
      flexible(20, 1.3);
      continue;
    }
    const longest = sampledWidth(table, c) + 2;
    if (c.kind === 'u32' || longest <= 18) fixed(longest);
    else flexible(14, Math.min(4, longest / 16));
  }
  const min = parts.reduce((n, [, w]) => n + w + 2, 0);
  return { template: parts.map(([t]) => t).join(' '), minWidth: `${min}ch` };
}

export interface RecordGridProps {
  readonly table: ViewTable;
  /** Rows in display order (sorted and filtered). */
  readonly rows: Uint32Array;
  /** Display position of each table row, −1 when filtered out. */
  readonly positions: Int32Array;
  readonly sort: SortSpec | null;
  readonly activeRow: number;
  readonly activeColumn: number;
  readonly initialScrollTop: number;
  /** Scroll the active row into view once it is shown, then call onRevealed. */
  readonly reveal: boolean;
  readonly onRevealed: () => void;
  readonly marks: ReadonlyMap<number, readonly ViewDiagnostic[]> | undefined;
  readonly onSort: (column: string) => void;
  readonly onActive: (row: number, column: number) => void;
  /** Click or Enter: select the row's (column 0) or the cell's bytes. */
  readonly onChoose: (row: number, column: number) => void;
  readonly onCopyRow: (row: number) => void;
  /** Double-click: the table's row action (open a module). */
  readonly onOpenRow?: (row: number) => void;
  readonly onScroll: (scrollTop: number) => void;
}

/**
 * A virtualized ARIA grid: fixed row height, only the rows in view (plus a few) in the DOM, whatever the
 * row count. Focus moves with the active row (roving tabindex); the active row is always rendered.
 */
export function RecordGrid(props: RecordGridProps) {
  const { table, rows, positions, activeRow, activeColumn, marks, onActive, onChoose } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const height = useElementHeight(scroller);
  const viewport = Math.max(ROW_HEIGHT, height - HEADER_HEIGHT);
  const [scrollTop, setScrollTop] = useState(props.initialScrollTop);
  const pendingFocus = useRef(false);
  const columns = useMemo<(ViewColumn | null)[]>(() => [null, ...gridColumns(table)], [table]);
  const { template, minWidth } = useMemo(() => columnTemplate(table, gridColumns(table)), [table]);

  const win = virtualWindow({ count: rows.length, rowHeight: ROW_HEIGHT, viewport, scrollTop, overscan: OVERSCAN });
  // Rows are keyed by slot: a row scrolled out hands its elements to the row scrolled in (see HexGrid).
  const slots = Math.ceil(viewport / ROW_HEIGHT) + 2 + 2 * OVERSCAN;
  const activePos = activeRow >= 0 && activeRow < positions.length ? positions[activeRow]! : -1;

  // Only on mount: later positions come from the user's scrolling.
  const initialScrollTop = useLatest(props.initialScrollTop);
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = initialScrollTop.current;
  }, [initialScrollTop]);

  const scrollToPos = useCallback(
    (pos: number, center: boolean) => {
      const el = scroller.current;
      if (!el || pos < 0) return;
      const current = virtualWindow({ count: rows.length, rowHeight: ROW_HEIGHT, viewport, scrollTop: el.scrollTop }).topRow;
      const top = topRowToShow(pos, current, viewport, ROW_HEIGHT, center);
      if (top === current) return;
      const next = scrollTopFor(rows.length, ROW_HEIGHT, viewport, top);
      el.scrollTop = next;
      setScrollTop(el.scrollTop);
    },
    [rows.length, viewport],
  );

  const { reveal, onRevealed } = props;
  useLayoutEffect(() => {
    if (!reveal || activePos < 0) return;
    scrollToPos(activePos, true);
    onRevealed();
  }, [reveal, activePos, scrollToPos, onRevealed]);

  // After a keyboard move, focus follows the active row or cell once it is rendered.
  useLayoutEffect(() => {
    if (!pendingFocus.current) return;
    pendingFocus.current = false;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-pos="${activePos}"]`);
    const target = activeColumn > 0 ? row?.querySelector<HTMLElement>(`[data-col="${activeColumn}"]`) : row;
    target?.focus({ preventScroll: true });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('[role="columnheader"]') || rows.length === 0) return;
    const pos = activePos < 0 ? 0 : activePos;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onChoose(rows[pos]!, activeColumn);
      return;
    }
    if ((event.ctrlKey || event.metaKey) && (event.key === 'c' || event.key === 'C')) {
      event.preventDefault();
      props.onCopyRow(rows[pos]!);
      return;
    }
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const next = gridTarget(event.key, activePos, activeColumn, rows.length, columns.length, page);
    if (!next) return;
    event.preventDefault();
    pendingFocus.current = true;
    onActive(rows[next.pos]!, next.column);
    scrollToPos(next.pos, false);
  };

  const cellFrom = (event: MouseEvent<HTMLDivElement>): { row: number; col: number } | null => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-col]');
    const row = cell?.closest<HTMLElement>('[data-row]');
    if (!cell || !row) return null;
    return { row: Number(row.dataset['row']), col: Number(cell.dataset['col']) };
  };
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const at = cellFrom(event);
    if (!at) return;
    onActive(at.row, at.col);
    onChoose(at.row, at.col);
  };

  const rendered: number[] = [];
  for (let pos = win.start; pos < win.end; pos++) rendered.push(pos);
  const extraTop = activePos >= 0 && (activePos < win.start || activePos >= win.end) ? win.top(activePos) : null;
  const showExtra = extraTop !== null && extraTop >= 0 && extraTop <= win.contentHeight - ROW_HEIGHT;
  const tabbablePos = activePos >= 0 ? activePos : win.start;

  const rowView = (pos: number, style?: { position: 'absolute'; top: number }) => {
    const row = rows[pos]!;
    return (
      <RecordRow
        key={style ? 'active' : pos % slots}
        table={table}
        columns={columns}
        row={row}
        pos={pos}
        active={pos === activePos}
        activeColumn={pos === activePos ? activeColumn : -1}
        tabbable={pos === tabbablePos}
        marks={marks?.get(row)}
        style={style}
      />
    );
  };

  return (
    <div
      className="vgrid"
      role="grid"
      aria-label={table.title}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      ref={scroller}
      tabIndex={-1}
      style={{ ['--cols' as string]: template, ['--minw' as string]: minWidth }}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        setScrollTop(top);
        props.onScroll(top);
      }}
      onKeyDown={onKeyDown}
      onDoubleClick={(event) => {
        const at = cellFrom(event);
        if (at && props.onOpenRow) props.onOpenRow(at.row);
      }}
    >
      <div role="rowgroup" className="vgrid-head">
        <div role="row" aria-rowindex={1} className="vgrid-row">
          {columns.map((c, i) => {
            const key = c?.key ?? '#';
            const sorted = props.sort?.column === key ? (props.sort.descending ? 'descending' : 'ascending') : 'none';
            return (
              <div role="columnheader" key={key} aria-colindex={i + 1} aria-sort={sorted}>
                <button type="button" className="sort" onClick={() => props.onSort(key)} title={`Sort by ${c?.title ?? 'index'}`}>
                  {c?.title ?? '#'}
                  <span className={`codicon ${sorted === 'ascending' ? 'codicon-arrow-up' : sorted === 'descending' ? 'codicon-arrow-down' : ''}`} aria-hidden="true" />
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="vgrid-body" style={{ height: win.contentHeight }} onClick={onClick}>
        <div className="vgrid-window" style={{ transform: `translateY(${win.top(win.start)}px)` }}>
          {rendered.map((pos) => rowView(pos))}
        </div>
        {showExtra && rowView(activePos, { position: 'absolute', top: extraTop })}
      </div>
      {rows.length === 0 && <div className="vgrid-empty">{table.rowCount === 0 ? 'No records in this list.' : 'No rows match.'}</div>}
    </div>
  );
}
