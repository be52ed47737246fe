/**
 * The module record as columns: one table per list, each field a column of typed arrays (value, offset, length
 * per row), every string an id into one shared string table. This is the record model that every container's
 * decoder fills (BMES metadata, Bun's `module_info` bodies, the prelinked module graph) and that the view model,
 * the dump and the text view read: a 100,000-row list costs a few typed arrays, not 100,000 objects with span
 * objects, and the arrays can be handed to a webview as transferable buffers.
 *
 * Spans are whatever the decoder read the value from: for BMES a string's span is its length field and bytes, for
 * a string-table container it is the 4-byte id. A span of length 0 means the container has no such field.
 */
import type { ListName } from './model';
import type { StringTable } from './stringTable';

export type { StringTable };

/** Every table of the record: the six lists, and the attribute pairs of requested modules. */
export type TableName = ListName | 'attributes';

export type ColumnKind = 'u32' | 'string';

/** The fields of each table, in the order the BMES format stores them. */
export const TABLE_FIELDS = {
  requestedModules: [
    ['specifier', 'string'],
    ['hasAttributes', 'u32'],
    ['attributeCount', 'u32'],
  ],
  attributes: [
    ['key', 'string'],
    ['value', 'string'],
  ],
  importEntries: [
    ['type', 'u32'],
    ['moduleRequest', 'string'],
    ['importName', 'string'],
    ['localName', 'string'],
  ],
  exportEntries: [
    ['type', 'u32'],
    ['exportName', 'string'],
    ['moduleName', 'string'],
    ['importName', 'string'],
    ['localName', 'string'],
  ],
  starExports: [['moduleName', 'string']],
  declaredVariables: [
    ['name', 'string'],
    ['bits', 'u32'],
  ],
  lexicalVariables: [
    ['name', 'string'],
    ['bits', 'u32'],
  ],
} as const satisfies Record<TableName, readonly (readonly [string, ColumnKind])[]>;

export type FieldKey<T extends TableName> = (typeof TABLE_FIELDS)[T][number][0];

export interface RecordColumn {
  readonly key: string;
  readonly kind: ColumnKind;
  /**
   * Per row: the field's span. Length 0: the row has no such field (e.g. no attribute count). Where a field
   * always starts where the previous one ends (or ends where its record does, less the fixed fields after it),
   * the array is derived and made on first read (`cellSpan` reads one cell without making it).
   */
  readonly offsets: Uint32Array;
  readonly lengths: Uint32Array;
  /** Per row: the number (kind "u32") or the id in `RecordTables.strings` (kind "string"). */
  readonly values: Uint32Array;
}

export interface CountField {
  readonly value: number;
  readonly offset: number;
  readonly length: number;
}

export interface RecordTable {
  readonly name: TableName;
  /** The list's count field as read (it can exceed `rowCount` when the list was cut short); null when none. */
  readonly count: CountField | null;
  /** The list's span (count field and records). */
  readonly offset: number;
  readonly length: number;
  /** False when damage cut the list short: only whole records are rows. */
  readonly complete: boolean;
  /** Records read and checked but not kept, past the decoder's record limit. */
  readonly omitted: number;
  readonly rowCount: number;
  /** Per row: the record's span. A row's index in its list is the row (kept records are always a prefix). */
  readonly rowOffsets: Uint32Array;
  readonly rowLengths: Uint32Array;
  /** One per field of `TABLE_FIELDS[name]`, in that order. */
  readonly columns: readonly RecordColumn[];
  /** Attribute pairs only: the row of the requested module each pair belongs to (ascending). */
  readonly owners: Uint32Array | null;
}

export interface RecordTables {
  readonly strings: StringTable;
  readonly requestedModules: RecordTable | null;
  readonly attributes: RecordTable | null;
  readonly importEntries: RecordTable | null;
  readonly exportEntries: RecordTable | null;
  readonly starExports: RecordTable | null;
  readonly declaredVariables: RecordTable | null;
  readonly lexicalVariables: RecordTable | null;
}

export const LIST_NAMES: readonly ListName[] = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables'];

/** The column of `key` in a table (columns follow `TABLE_FIELDS`). */
export function columnOf<T extends TableName>(table: RecordTable & { readonly name: T }, key: FieldKey<T>): RecordColumn;
export function columnOf(table: RecordTable, key: string): RecordColumn;
export function columnOf(table: RecordTable, key: string): RecordColumn {
  const column = table.columns.find((c) => c.key === key);
  if (!column) throw new Error(`table ${table.name} has no column ${key}`);
  return column;
}

/** How a derived column's cells are worked out one at a time (recordTablesBuilder.ts). */
export interface CellSpans {
  offset(row: number): number;
  length(row: number): number;
}

const derivedCells = new WeakMap<RecordColumn, CellSpans>();

/** Marks `column` as derived: `cells` gives one cell's span without making the column's arrays. */
export function setCellSpans(column: RecordColumn, cells: CellSpans): void {
  derivedCells.set(column, cells);
}

/**
 * The span of one cell. Columns that repeat the record layout (a field starts where the previous one ends) are
 * derived, their arrays made only when read whole: this reads one cell of them without making them.
 */
export function cellSpan(column: RecordColumn, row: number): { offset: number; length: number } {
  const cells = derivedCells.get(column);
  return cells ? { offset: cells.offset(row), length: cells.length(row) } : { offset: column.offsets[row]!, length: column.lengths[row]! };
}

/** The text of a string cell. */
export function stringAt(tables: RecordTables, column: RecordColumn, row: number): string {
  return tables.strings.text(column.values[row]!);
}
