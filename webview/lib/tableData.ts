/**
 * What a table view shows: cell text, filtering, sorting and the copy formats, over the view model's columns.
 * Pure, and cheap enough for 100,000 rows: sorting works on index arrays, filtering on per-row haystacks that
 * are built once per table.
 */
import { VARIABLE_FLAGS } from '../../extension/bmes/flags';
import { formatNumberCell } from '../../extension/viewModel/buildViewModel';
import type { ViewColumn, ViewTable } from '../../extension/viewModel/types';
import { cellString } from '../../extension/viewModel/viewTexts';
import { visibleControls } from './text';

export interface SortSpec {
  readonly column: string;
  readonly descending: boolean;
}

/** Columns whose text is a number, sorted numerically. */
const NUMERIC_DERIVED = new Set(['references']);

export function isNumericColumn(column: ViewColumn): boolean {
  return (column.kind === 'u32' && column.key !== 'type') || NUMERIC_DERIVED.has(column.key);
}

const withOffset = new WeakMap<ViewTable, readonly ViewColumn[]>();

/**
 * The columns a table view shows: the record's start (Offset, as `bmes dump` prints it; its span is the whole
 * record) and then the model's own. The grid, sorting and navigation index into this list (0 is "#").
 */
export function gridColumns(table: ViewTable): readonly ViewColumn[] {
  let columns = withOffset.get(table);
  if (!columns) {
    const offset: ViewColumn = { key: 'offset', title: 'Offset', kind: 'u32', numbers: table.rowOffsets, offsets: table.rowOffsets, lengths: table.rowLengths };
    columns = [offset, ...table.columns];
    withOffset.set(table, columns);
  }
  return columns;
}

/** The text of a cell as shown (control characters escaped). */
export function cellText(table: ViewTable, column: ViewColumn, row: number): string {
  if (column.kind === 'u32') return formatNumberCell(table.id, column.key, column.numbers![row]!);
  return visibleControls(cellString(table, column, row));
}

/** The cell's byte span, when the cell holds file bytes. */
export function cellSpan(column: ViewColumn, row: number): { offset: number; length: number } | null {
  if (!column.offsets || !column.lengths) return null;
  return { offset: column.offsets[row]!, length: column.lengths[row]! };
}

export function rowSpan(table: ViewTable, row: number): { offset: number; length: number } {
  return { offset: table.rowOffsets[row]!, length: table.rowLengths[row]! };
}

/** Variable tables carry flag bits. */
export function bitsColumn(table: ViewTable): ViewColumn | undefined {
  return table.columns.find((c) => c.key === 'bits' && c.kind === 'u32');
}

export function flagMask(names: readonly string[]): number {
  let mask = 0;
  for (const name of names) {
    const flag = VARIABLE_FLAGS.find((f) => f.name === name);
    if (flag) mask |= 1 << flag.bit;
  }
  return mask >>> 0;
}

/** How many rows carry each variable flag. */
export function flagCounts(table: ViewTable): Map<string, number> {
  const counts = new Map<string, number>();
  const bits = bitsColumn(table)?.numbers;
  if (!bits) return counts;
  const perBit = new Array<number>(32).fill(0);
  for (let row = 0; row < table.rowCount; row++) {
    let b = bits[row]!;
    for (let bit = 0; b !== 0; bit++, b >>>= 1) if (b & 1) perBit[bit]!++;
  }
  for (const flag of VARIABLE_FLAGS) if (perBit[flag.bit]! > 0) counts.set(flag.name, perBit[flag.bit]!);
  return counts;
}

/** Rows in display order for a sort; without one, file order. */
export function sortedRows(table: ViewTable, sort: SortSpec | null): Uint32Array {
  const order = new Uint32Array(table.rowCount);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const column = sort ? gridColumns(table).find((c) => c.key === sort.column) : undefined;
  if (!sort || (!column && sort.column !== '#')) return order;
  const dir = sort.descending ? -1 : 1;
  if (!column) {
    if (sort.descending) order.reverse();
    return order;
  }
  if (isNumericColumn(column)) {
    const keys = new Float64Array(table.rowCount);
    for (let r = 0; r < keys.length; r++) keys[r] = column.kind === 'u32' ? column.numbers![r]! : Number(cellString(table, column, r));
    order.sort((a, b) => (keys[a]! - keys[b]!) * dir || a - b);
  } else {
    const keys: string[] = new Array<string>(table.rowCount);
    for (let r = 0; r < keys.length; r++) keys[r] = cellText(table, column, r);
    order.sort((a, b) => {
      const x = keys[a]!;
      const y = keys[b]!;
      return (x < y ? -1 : x > y ? 1 : 0) * dir || a - b;
    });
  }
  return order;
}

/** Lower-cased text of every row (all cells joined), built once per table for filtering. */
export function rowHaystacks(table: ViewTable): string[] {
  const out = new Array<string>(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    let s = '';
    for (const column of gridColumns(table)) s += cellText(table, column, r) + '\u0000';
    out[r] = s.toLowerCase();
  }
  return out;
}

/** The rows of `order` that contain `filter` (case-insensitive) and carry every flag of `mask`. */
export function filterRows(table: ViewTable, order: Uint32Array, filter: string, mask: number, haystacks: () => readonly string[]): Uint32Array {
  const needle = filter.trim().toLowerCase();
  const bits = mask !== 0 ? bitsColumn(table)?.numbers : undefined;
  if (!needle && !bits) return order;
  const hay = needle ? haystacks() : null;
  const out = new Uint32Array(order.length);
  let n = 0;
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    if (bits && (bits[row]! & mask) >>> 0 !== mask) continue;
    if (hay && !hay[row]!.includes(needle)) continue;
    out[n++] = row;
  }
  return out.subarray(0, n);
}

/** A row as a plain object: the record's span, then one property per column with its natural JSON type. */
export function rowObject(table: ViewTable, row: number): Record<string, unknown> {
  const out: Record<string, unknown> = { index: row, offset: table.rowOffsets[row], length: table.rowLengths[row] };
  for (const column of table.columns) {
    if (column.kind === 'u32') {
      const value = column.numbers![row]!;
      out[column.key] = column.key === 'type' ? formatNumberCell(table.id, column.key, value) : value;
    } else if (column.key === 'flags') {
      const text = cellString(table, column, row);
      out[column.key] = text ? text.split(' ') : [];
    } else if (NUMERIC_DERIVED.has(column.key)) {
      const text = cellString(table, column, row);
      out[column.key] = text === '' ? null : Number(text); // blank: not counted (a preview)
    } else {
      out[column.key] = cellString(table, column, row);
    }
  }
  return out;
}

export type CopyFormat = 'json' | 'text';

/** Rows as JSON (an array, one object per line) or as tab-separated text with a header line. */
export function formatRows(table: ViewTable, rows: ArrayLike<number>, format: CopyFormat): string {
  const parts: string[] = [];
  if (format === 'json') {
    for (let i = 0; i < rows.length; i++) parts.push(JSON.stringify(rowObject(table, rows[i]!)));
    return rows.length === 1 ? JSON.stringify(rowObject(table, rows[0]!), null, 2) : `[\n${parts.join(',\n')}\n]`;
  }
  const tsv = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  parts.push(['#', 'Offset', ...table.columns.map((c) => c.title)].join('\t'));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const cells = [String(row), '0x' + table.rowOffsets[row]!.toString(16)];
    for (const column of table.columns) cells.push(tsv(column.kind === 'u32' ? cellText(table, column, row) : cellString(table, column, row)));
    parts.push(cells.join('\t'));
  }
  return parts.join('\n');
}
