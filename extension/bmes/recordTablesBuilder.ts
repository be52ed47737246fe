/**
 * Fills `RecordTables` record by record. Any container's decoder uses it: the high-level `add…` methods take
 * each field as a `{ value, offset, length }` triple (the span it was read from); the BMES decoder, which reads
 * hundreds of thousands of records, writes fields straight into the columns through `TableBuilder`.
 */
import type { ListName } from './model';
import {
  LIST_NAMES,
  TABLE_FIELDS,
  type CountField,
  type RecordColumn,
  type RecordTable,
  type RecordTables,
  type TableName,
} from './recordTables';

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
  /** The record's index in its list; default: its row. */
  readonly index?: number;
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

class GrowableU32 {
  array: Uint32Array;
  constructor(capacity: number) {
    this.array = new Uint32Array(Math.max(4, capacity));
  }
  ensure(size: number): void {
    if (size <= this.array.length) return;
    const next = new Uint32Array(Math.max(size, this.array.length * 2));
    next.set(this.array);
    this.array = next;
  }
  /** A right-sized copy, so a table never holds the spare capacity. */
  take(size: number): Uint32Array {
    return this.array.slice(0, size);
  }
}

/** Interns strings: equal valid strings get one id. Invalid UTF-8 always gets its own id (its value is lossy). */
export class StringTableBuilder {
  readonly values: string[] = [];
  private invalid = new Uint8Array(64);
  private readonly ids = new Map<string, number>();

  intern(value: string, validUtf8 = true): number {
    if (validUtf8) {
      const known = this.ids.get(value);
      if (known !== undefined) return known;
    }
    const id = this.values.length;
    this.values.push(value);
    if (validUtf8) this.ids.set(value, id);
    else {
      if (id >= this.invalid.length) {
        const next = new Uint8Array(Math.max(id + 1, this.invalid.length * 2));
        next.set(this.invalid);
        this.invalid = next;
      }
      this.invalid[id] = 1;
    }
    return id;
  }

  build(): { values: readonly string[]; invalidUtf8: Uint8Array } {
    const invalidUtf8 = new Uint8Array(this.values.length);
    invalidUtf8.set(this.invalid.subarray(0, Math.min(this.invalid.length, this.values.length)));
    return { values: this.values, invalidUtf8 };
  }
}

/**
 * One table's columns. A row is written field by field between `beginRow` and `endRow`; a row that is never
 * ended (its record was cut short) is overwritten by the next one, so only whole records become rows.
 */
export class TableBuilder {
  rowCount = 0;
  private readonly rowOffsets: GrowableU32;
  private readonly rowLengths: GrowableU32;
  private readonly indices: GrowableU32;
  private readonly owners: GrowableU32 | null;
  private readonly offsets: GrowableU32[];
  private readonly lengths: GrowableU32[];
  private readonly values: GrowableU32[];
  info: ListInput = {};

  constructor(
    readonly name: TableName,
    capacity = 16,
  ) {
    const fields = TABLE_FIELDS[name];
    const grow = () => new GrowableU32(capacity);
    this.rowOffsets = grow();
    this.rowLengths = grow();
    this.indices = grow();
    this.owners = name === 'attributes' ? grow() : null;
    this.offsets = fields.map(grow);
    this.lengths = fields.map(grow);
    this.values = fields.map(grow);
  }

  /** Starts (or restarts) the row after the last whole one. */
  beginRow(): void {
    const size = this.rowCount + 1;
    this.rowOffsets.ensure(size);
    this.rowLengths.ensure(size);
    this.indices.ensure(size);
    this.owners?.ensure(size);
    for (let c = 0; c < this.values.length; c++) {
      this.offsets[c]!.ensure(size);
      this.lengths[c]!.ensure(size);
      this.values[c]!.ensure(size);
    }
    for (let c = 0; c < this.values.length; c++) {
      this.offsets[c]!.array[this.rowCount] = 0;
      this.lengths[c]!.array[this.rowCount] = 0;
      this.values[c]!.array[this.rowCount] = 0;
    }
  }

  /** Writes field `column` (its index in `TABLE_FIELDS`) of the current row. */
  set(column: number, value: number, offset: number, length: number): void {
    const row = this.rowCount;
    this.values[column]!.array[row] = value;
    this.offsets[column]!.array[row] = offset;
    this.lengths[column]!.array[row] = length;
  }

  /** Makes the current row whole. `owner`: for attribute pairs, the requested module's row. */
  endRow(offset: number, length: number, index: number, owner = 0): void {
    const row = this.rowCount;
    this.rowOffsets.array[row] = offset;
    this.rowLengths.array[row] = length;
    this.indices.array[row] = index;
    if (this.owners) this.owners.array[row] = owner;
    this.rowCount++;
  }

  build(): RecordTable {
    const n = this.rowCount;
    const rowOffsets = this.rowOffsets.take(n);
    const rowLengths = this.rowLengths.take(n);
    const first = n > 0 ? rowOffsets[0]! : 0;
    const end = n > 0 ? rowOffsets[n - 1]! + rowLengths[n - 1]! : 0;
    const count = this.info.count ?? null;
    const offset = this.info.offset ?? (count ? Math.min(count.offset, first) : first);
    const columns: RecordColumn[] = TABLE_FIELDS[this.name].map(([key, kind], c) => ({
      key,
      kind,
      offsets: this.offsets[c]!.take(n),
      lengths: this.lengths[c]!.take(n),
      values: this.values[c]!.take(n),
    }));
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
      indices: this.indices.take(n),
      columns,
      owners: this.owners ? this.owners.take(n) : null,
    };
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
  readonly strings = new StringTableBuilder();
  private readonly tables = new Map<TableName, TableBuilder>();

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
    this.table(name).info = info;
    return this;
  }

  addRequestedModule(input: RequestedModuleFields): this {
    const t = this.table('requestedModules');
    const row = t.rowCount;
    const attributes = input.attributes ?? [];
    const hasAttributes = input.hasAttributes ?? { ...NO_U32, value: attributes.length > 0 ? 1 : 0 };
    const count = input.attributeCount ?? (input.hasAttributes ? null : { ...NO_U32, value: attributes.length });
    const pairs = this.table('attributes');
    for (const [i, pair] of attributes.entries()) {
      this.addRow(pairs, [pair.key, pair.value], { index: i, ...pair }, row);
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
    t.endRow(offset, span.length ?? Math.max(0, end - offset), span.index ?? t.rowCount, owner);
    return this;
  }

  build(): RecordTables {
    const built = (name: TableName) => this.tables.get(name)?.build() ?? null;
    const lists = Object.fromEntries(LIST_NAMES.map((name) => [name, built(name)])) as Record<ListName, RecordTable | null>;
    return { strings: this.strings.build(), ...lists, attributes: built('attributes') };
  }
}
