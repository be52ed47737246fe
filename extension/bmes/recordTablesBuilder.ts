/**
 * Fills `RecordTables` record by record. Any container's decoder uses it: the high-level `add…` methods take
 * each field as a `{ value, offset, length }` triple (the span it was read from); the BMES decoder, which reads
 * hundreds of thousands of records, writes fields straight into the columns through `TableBuilder`.
 */
import type { ListName } from './model';
import { LIST_NAMES, TABLE_FIELDS, setCellSpans, type CellSpans, type CountField, type RecordColumn, type RecordTable, type RecordTables, type TableName } from './recordTables';
import { StringTableBuilder, type ByteSource } from './stringTable';
import { grown } from './typedArrays';

export { StringTableBuilder };

/** A field read from a file: its value and the bytes it came from. */
export interface FieldInput<V> {
  readonly value: V;
  readonly offset: number;
  readonly length: number;
}

export type U32Input = FieldInput<number>;

export interface StringInput extends FieldInput<string> {
  /** False when the bytes were not valid UTF-8 (the value holding U+FFFD replacements). Default true. */
  readonly validUtf8?: boolean;
}

/** The record's own span; when absent it runs from the first field's start to the last field's end. */
interface RecordSpan {
  readonly offset?: number;
  readonly length?: number;
}

export interface RequestedModuleFields extends RecordSpan {
  readonly specifier: StringInput;
  /** BMES stores a 0/1 field; containers without one leave it out (no span) and give `attributes` or not. */
  readonly hasAttributes?: U32Input;
  readonly attributeCount?: U32Input | null;
  readonly attributes?: readonly (RecordSpan & { readonly key: StringInput; readonly value: StringInput })[];
}

export interface ImportFields extends RecordSpan {
  /** 0 single, 1 single (TypeScript), 2 namespace. */
  readonly type: U32Input;
  readonly moduleRequest: StringInput;
  readonly importName: StringInput;
  readonly localName: StringInput;
}

export interface ExportFields extends RecordSpan {
  /** 0 local, 1 indirect, 2 namespace. Fields a type does not use may be left out. */
  readonly type: U32Input;
  readonly exportName?: StringInput;
  readonly moduleName?: StringInput;
  readonly importName?: StringInput;
  readonly localName?: StringInput;
}

export interface StarExportFields extends RecordSpan {
  readonly moduleName: StringInput;
}

export interface VariableFields extends RecordSpan {
  readonly name: StringInput;
  readonly bits: U32Input;
}

/** What a list knows beyond its rows. Unset: no count field, complete, spanning its records. */
export interface ListInput {
  readonly count?: CountField | null;
  readonly offset?: number;
  readonly length?: number;
  readonly complete?: boolean;
  readonly omitted?: number;
}

/**
 * The first `size` values: a view when the spare capacity is small (a list reserved for its count), else a
 * right-sized copy, so a table never holds much spare room.
 */
function take(array: Uint32Array, size: number): Uint32Array {
  if (size === array.length) return array;
  return array.length - size <= Math.max(64, array.length >>> 4) ? array.subarray(0, size) : array.slice(0, size);
}

/**
 * One table's columns. A row is written field by field between `beginRow` and `endRow`; a row that is never
 * ended (its record was cut short) is overwritten by the next one, so only whole records become rows. The arrays
 * are public so that a decoder reading hundreds of thousands of records writes them without a call per field.
 */
export class TableBuilder {
  rowCount = 0;
  /** Whether the list was reached (read, named or given rows); a table never reached builds as null. */
  reached = false;
  private capacity: number;
  rowOffsets: Uint32Array;
  rowLengths: Uint32Array;
  owners: Uint32Array | null;
  /** Per column (the order of `TABLE_FIELDS[name]`). */
  readonly offsets: Uint32Array[];
  readonly lengths: Uint32Array[];
  readonly values: Uint32Array[];
  info: ListInput = {};
  /** Whether column 0's offsets are the rows' offsets themselves (`firstFieldStartsRow`). */
  private firstAtRowStart = false;

  constructor(
    readonly name: TableName,
    capacity = 16,
  ) {
    const fields = TABLE_FIELDS[name];
    this.capacity = Math.max(1, capacity);
    const make = () => new Uint32Array(this.capacity);
    this.rowOffsets = make();
    this.rowLengths = make();
    this.owners = name === 'attributes' ? make() : null;
    this.offsets = fields.map(make);
    this.lengths = fields.map(make);
    this.values = fields.map(make);
  }

  /**
   * For a writer that writes each row's first field where the row starts (a BMES record begins with its first
   * field): column 0's offsets become the rows' offsets, one array written once, not two equal ones.
   */
  firstFieldStartsRow(): void {
    this.firstAtRowStart = true;
    this.offsets[0] = this.rowOffsets;
  }

  /** How many more rows fit without growing the columns. */
  get room(): number {
    return this.capacity - this.rowCount;
  }

  /** Makes room for the row after the last whole one. Its cells hold whatever was written there before. */
  beginRow(): void {
    if (this.rowCount < this.capacity) return;
    this.reserve(this.capacity * 2);
  }

  /** Makes room for `capacity` rows in all. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    this.capacity = capacity;
    this.rowOffsets = grown(this.rowOffsets, capacity);
    this.rowLengths = grown(this.rowLengths, capacity);
    if (this.owners) this.owners = grown(this.owners, capacity);
    for (let c = 0; c < this.values.length; c++) {
      this.offsets[c] = c === 0 && this.firstAtRowStart ? this.rowOffsets : grown(this.offsets[c]!, capacity);
      this.lengths[c] = grown(this.lengths[c]!, capacity);
      this.values[c] = grown(this.values[c]!, capacity);
    }
  }

  /** Writes field `column` (its index in `TABLE_FIELDS`) of the current row. */
  set(column: number, value: number, offset: number, length: number): void {
    const row = this.rowCount;
    this.values[column]![row] = value;
    this.offsets[column]![row] = offset;
    this.lengths[column]![row] = length;
  }

  /** Makes the current row whole. `owner`: for attribute pairs, the requested module's row. */
  endRow(offset: number, length: number, owner = 0): void {
    const row = this.rowCount;
    this.rowOffsets[row] = offset;
    this.rowLengths[row] = length;
    if (this.owners) this.owners[row] = owner;
    this.rowCount++;
  }

  /** Drops the rows from `rows` on (attribute pairs of a record that turned out cut short). */
  truncate(rows: number): void {
    this.rowCount = Math.min(this.rowCount, rows);
  }

  /**
   * The columns, each stored, shared with another array, or derived from the record layout: a field that starts
   * where the previous field ends is not stored (in BMES every field but the first of a record), nor the length of
   * the last variable-length field when the record ends just after it and its fixed-size fields. Each is checked
   * over every row first, so whatever the container, a derived column reads exactly what was written.
   */
  private buildColumns(n: number, rowOffsets: Uint32Array, rowLengths: Uint32Array, shared: SharedColumns): RecordColumn[] {
    const fields = TABLE_FIELDS[this.name];
    const offsets = this.offsets;
    const lengths = this.lengths;
    const follows = fields.map((_, c) => c > 0 && startsAfter(offsets[c]!, offsets[c - 1]!, lengths[c - 1]!, n));
    // The last field whose lengths vary, with only 4-byte fields that follow it after it: its length is what the
    // record has left.
    let tail = fields.length - 1;
    while (tail >= 0 && allFours(lengths[tail]!, n)) tail--;
    let after = 0;
    for (let c = tail + 1; c < fields.length; c++) if (follows[c]) after += 4;
    const tailDerived = tail >= 0 && after === 4 * (fields.length - 1 - tail) && endsRecord(offsets[tail]!, lengths[tail]!, rowOffsets, rowLengths, after, n);
    const columns: RecordColumn[] = [];
    const cells: CellSpans[] = [];
    fields.forEach(([key, kind], c) => {
      const storedOffsets = follows[c] ? null : shared.same(take(offsets[c]!, n), rowOffsets);
      const storedLengths = c === tail && tailDerived ? null : shared.fours(shared.same(take(lengths[c]!, n), rowLengths));
      const cell = cellSpans(storedOffsets, storedLengths, c > 0 ? cells[c - 1]! : null, rowOffsets, rowLengths, after);
      cells.push(cell);
      columns.push(
        derivableColumn(key, kind, take(this.values[c]!, n), storedOffsets, storedLengths, cell, { n, previous: columns[c - 1] ?? null, rowOffsets, rowLengths, after }),
      );
    });
    return columns;
  }

  build(shared: SharedColumns = new SharedColumns()): RecordTable {
    const n = this.rowCount;
    const rowOffsets = take(this.rowOffsets, n);
    const rowLengths = take(this.rowLengths, n);
    const first = n > 0 ? rowOffsets[0]! : 0;
    const end = n > 0 ? rowOffsets[n - 1]! + rowLengths[n - 1]! : 0;
    const count = this.info.count ?? null;
    const offset = this.info.offset ?? (count ? Math.min(count.offset, first) : first);
    const columns = this.buildColumns(n, rowOffsets, rowLengths, shared);
    return {
      name: this.name,
      count,
      offset,
      length: this.info.length ?? Math.max(end, count ? count.offset + count.length : 0) - offset,
      complete: this.info.complete ?? true,
      omitted: this.info.omitted ?? 0,
      rowCount: n,
      rowOffsets,
      rowLengths,
      columns,
      owners: this.owners ? take(this.owners, n) : null,
    };
  }
}

/** Whether every row's field starts where the previous field (`offsets`, `lengths`) ends. */
function startsAfter(column: Uint32Array, offsets: Uint32Array, lengths: Uint32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (column[i] !== offsets[i]! + lengths[i]!) return false;
  return true;
}

function allFours(lengths: Uint32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (lengths[i] !== 4) return false;
  return true;
}

/** Whether every row's field ends `after` bytes before its record does. */
function endsRecord(offsets: Uint32Array, lengths: Uint32Array, rowOffsets: Uint32Array, rowLengths: Uint32Array, after: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (offsets[i]! + lengths[i]! + after !== rowOffsets[i]! + rowLengths[i]!) return false;
  return true;
}

// The two functions below are top level so that their closures hold only what they name, never the builder's
// arrays (a closure made inside a method keeps the method's whole scope alive).

/** One column's cells: stored, or the previous field's end, or what the record has left after `after` bytes. */
function cellSpans(
  offsets: Uint32Array | null,
  lengths: Uint32Array | null,
  previous: CellSpans | null,
  rowOffsets: Uint32Array,
  rowLengths: Uint32Array,
  after: number,
): CellSpans {
  const cell: CellSpans = {
    offset: offsets ? (row) => offsets[row]! : (row) => previous!.offset(row) + previous!.length(row),
    length: lengths ? (row) => lengths[row]! : (row) => rowOffsets[row]! + rowLengths[row]! - after - cell.offset(row),
  };
  return cell;
}

function derivableColumn(
  key: string,
  kind: RecordColumn['kind'],
  values: Uint32Array,
  offsets: Uint32Array | null,
  lengths: Uint32Array | null,
  cell: CellSpans,
  layout: RowLayout,
): RecordColumn {
  const column = new BuiltColumn(key, kind, values, { offsets, lengths }, cell, layout);
  if (!offsets || !lengths) setCellSpans(column, cell);
  return column;
}

/** What a derived column's arrays follow from: the column before it, and the records' spans. */
interface RowLayout {
  readonly n: number;
  readonly previous: RecordColumn | null;
  readonly rowOffsets: Uint32Array;
  readonly rowLengths: Uint32Array;
  /** Bytes of fixed-size fields after the last variable-length one. */
  readonly after: number;
}

/**
 * A built column: `offsets` and `lengths` are the stored arrays, or for a derived one arrays made on first read.
 * One class for every column, so that code reading columns in a loop sees one shape. Deep comparisons see what is
 * stored (`stored`): a derived array follows from the table's row spans and the columns before it.
 */
class BuiltColumn implements RecordColumn {
  declare private readonly made: { offsets: Uint32Array | null; lengths: Uint32Array | null };
  declare private readonly cell: CellSpans;
  declare private readonly layout: RowLayout;

  constructor(
    readonly key: string,
    readonly kind: RecordColumn['kind'],
    readonly values: Uint32Array,
    /** The arrays kept; null where derived. */
    readonly stored: { readonly offsets: Uint32Array | null; readonly lengths: Uint32Array | null },
    cell: CellSpans,
    layout: RowLayout,
  ) {
    // Not enumerable: not part of what the column is, only how it makes what it derives.
    Object.defineProperty(this, 'made', { value: { offsets: stored.offsets, lengths: stored.lengths } });
    Object.defineProperty(this, 'cell', { value: cell });
    Object.defineProperty(this, 'layout', { value: layout });
  }

  // Whole arrays are made from the previous column's arrays in one pass (made once, then shared), not cell by
  // cell through the chain of fields before it.
  get offsets(): Uint32Array {
    if (this.made.offsets) return this.made.offsets;
    const { n, previous } = this.layout;
    const out = new Uint32Array(n);
    if (previous) {
      const offsets = previous.offsets;
      const lengths = previous.lengths;
      for (let row = 0; row < n; row++) out[row] = offsets[row]! + lengths[row]!;
    } else {
      for (let row = 0; row < n; row++) out[row] = this.cell.offset(row);
    }
    return (this.made.offsets = out);
  }

  get lengths(): Uint32Array {
    if (this.made.lengths) return this.made.lengths;
    const { n, rowOffsets, rowLengths, after } = this.layout;
    const offsets = this.offsets;
    const out = new Uint32Array(n);
    for (let row = 0; row < n; row++) out[row] = rowOffsets[row]! + rowLengths[row]! - after - offsets[row]!;
    return (this.made.lengths = out);
  }
}

/**
 * Columns that repeat another array are stored once: a record's first field starts where the record does (BMES),
 * a star export's one field is the whole record, and a u32 field is 4 bytes long in every row. That is a quarter
 * of a BMES decode's columns.
 */
export class SharedColumns {
  private allFours: Uint32Array = new Uint32Array(0);

  /** `column` unless it holds what `other` does, then `other` itself. */
  same(column: Uint32Array, other: Uint32Array): Uint32Array {
    if (column.length !== other.length) return column;
    if (column.buffer === other.buffer && column.byteOffset === other.byteOffset) return other;
    for (let i = 0; i < column.length; i++) if (column[i] !== other[i]) return column;
    return other;
  }

  /**
   * A view of one shared array of 4s when every row is 4 (the lengths of a u32 column), else `column`. The
   * longest such column is that array itself, so no array of 4s is made for it (a million-row list saves 4 MB).
   */
  fours(column: Uint32Array): Uint32Array {
    if (column.buffer === this.allFours.buffer) return column;
    for (let i = 0; i < column.length; i++) if (column[i] !== 4) return column;
    if (this.allFours.length < column.length) this.allFours = column;
    return this.allFours.subarray(0, column.length);
  }
}

const NO_STRING: StringInput = { value: '', offset: 0, length: 0 };
const NO_U32: U32Input = { value: 0, offset: 0, length: 0 };

/**
 * Builds the record tables of one module. Lists that are never touched stay null ("never reached"); a list that
 * is named through `list()` exists even with no rows.
 *
 * ```ts
 * const b = new RecordTablesBuilder();
 * b.addExport({ type: { value: 0, offset: 96, length: 4 }, exportName: { value: 'x', offset: 100, length: 4 }, localName: { value: 'x', offset: 104, length: 4 } });
 * const tables = b.build();
 * ```
 */
export class RecordTablesBuilder {
  readonly strings: StringTableBuilder;
  private readonly tables = new Map<TableName, TableBuilder>();

  /** `source`: for a decoder that interns strings by file offset, where those bytes can be read back. */
  constructor(source: ByteSource | null = null) {
    this.strings = new StringTableBuilder(source);
  }

  /** The low-level builder of one table (created on first use). */
  table(name: TableName, capacity?: number): TableBuilder {
    let table = this.tables.get(name);
    if (!table) {
      table = new TableBuilder(name, capacity);
      this.tables.set(name, table);
    }
    return table;
  }

  /** Sets what a list knows beyond its rows: its count field, span, completeness, omitted records. */
  list(name: ListName, info: ListInput): this {
    const t = this.table(name);
    t.info = info;
    t.reached = true;
    if (name === 'requestedModules') this.table('attributes').reached = true;
    return this;
  }

  addRequestedModule(input: RequestedModuleFields): this {
    const t = this.table('requestedModules');
    const row = t.rowCount;
    const attributes = input.attributes ?? [];
    const hasAttributes = input.hasAttributes ?? { ...NO_U32, value: attributes.length > 0 ? 1 : 0 };
    const count = input.attributeCount ?? (input.hasAttributes ? null : { ...NO_U32, value: attributes.length });
    const pairs = this.table('attributes');
    pairs.reached = true;
    for (const pair of attributes) {
      this.addRow(pairs, [pair.key, pair.value], pair, row);
    }
    return this.addRow(t, [input.specifier, hasAttributes, count ?? NO_U32], input);
  }

  addImport(input: ImportFields): this {
    const t = this.table('importEntries');
    return this.addRow(t, [input.type, input.moduleRequest, input.importName, input.localName], input);
  }

  addExport(input: ExportFields): this {
    const t = this.table('exportEntries');
    const fields = [input.type, input.exportName ?? NO_STRING, input.moduleName ?? NO_STRING, input.importName ?? NO_STRING, input.localName ?? NO_STRING];
    return this.addRow(t, fields, input);
  }

  addStarExport(input: StarExportFields): this {
    const t = this.table('starExports');
    return this.addRow(t, [input.moduleName], input);
  }

  addDeclaredVariable(input: VariableFields): this {
    const t = this.table('declaredVariables');
    return this.addRow(t, [input.name, input.bits], input);
  }

  addLexicalVariable(input: VariableFields): this {
    const t = this.table('lexicalVariables');
    return this.addRow(t, [input.name, input.bits], input);
  }

  private addRow(t: TableBuilder, fields: readonly (U32Input | StringInput)[], span: RecordSpan, owner = 0): this {
    t.reached = true;
    t.beginRow();
    let start = Infinity;
    let end = 0;
    fields.forEach((f, c) => {
      const value = typeof f.value === 'number' ? f.value >>> 0 : this.strings.intern(f.value, (f as StringInput).validUtf8 ?? true);
      t.set(c, value, f.offset, f.length);
      if (f.length > 0) {
        start = Math.min(start, f.offset);
        end = Math.max(end, f.offset + f.length);
      }
    });
    const offset = span.offset ?? (start === Infinity ? 0 : start);
    t.endRow(offset, span.length ?? Math.max(0, end - offset), owner);
    return this;
  }

  build(): RecordTables {
    const shared = new SharedColumns();
    const built = (name: TableName) => {
      const t = this.tables.get(name);
      return t?.reached ? t.build(shared) : null;
    };
    const lists = Object.fromEntries(LIST_NAMES.map((name) => [name, built(name)])) as Record<ListName, RecordTable | null>;
    return { strings: this.strings.build(), ...lists, attributes: built('attributes') };
  }
}
