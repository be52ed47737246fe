import type { TableId, ViewModel, ViewRegion } from './types';

export interface ByteLocation {
  readonly region: ViewRegion;
  readonly table?: TableId;
  /** The row whose record holds the byte; absent when the byte is the list's count. */
  readonly row?: number;
  readonly column?: string;
  /** e.g. "Export entries › #12 › exportName". */
  readonly path: string;
}

/** Binary search: the last index whose start is ≤ offset, or -1. */
export function lastStartAtOrBefore(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Names the structure a byte belongs to: its region, and within a list its record and field. O(log n). */
export function locateByte(model: Pick<ViewModel, 'size' | 'tables' | 'regions'>, offset: number): ByteLocation | null {
  if (offset < 0 || offset >= model.size) return null;
  const regionIndex = lastStartAtOrBefore(
    model.regions.map((r) => r.offset),
    offset,
  );
  const region = model.regions[regionIndex];
  if (!region || offset >= region.offset + region.length) return null;
  const table = model.tables.find((t) => t.id === region.kind);
  if (!table) return { region, path: region.label };
  if (offset < table.count.offset + table.count.length) return { region, table: table.id, path: `${table.title} › count` };
  const row = lastStartAtOrBefore(table.rowOffsets, offset);
  if (row < 0 || offset >= table.rowOffsets[row]! + table.rowLengths[row]!) return { region, table: table.id, path: table.title };
  for (const column of table.columns) {
    if (!column.offsets || !column.lengths) continue;
    const start = column.offsets[row]!;
    if (offset >= start && offset < start + column.lengths[row]!) {
      const part = column.kind === 'string' ? (offset < start + 4 ? ' (length)' : ' (text)') : '';
      return { region, table: table.id, row, column: column.key, path: `${table.title} › #${row} › ${column.key}${part}` };
    }
  }
  return { region, table: table.id, row, path: `${table.title} › #${row}` };
}
