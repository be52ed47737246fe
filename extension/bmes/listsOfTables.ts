/**
 * The object model of `model.ts` over record tables: each `RecordList` is a plain object whose `entries` are
 * made from the columns the first time they are read, so a decode that is only shown in the editor never makes
 * one object per record, and code written against the object model keeps working.
 */
import type { AttributePair, BmesFile, ExportEntry, ImportEntry, ListName, RecordList, RequestedModule, StarExport, StringField, U32Field, VariableEntry } from './model';
import { columnOf, type RecordColumn, type RecordTable, type RecordTables } from './recordTables';
import { attributePairs, shownRowCounts } from './shownRows';

export { MAX_OBJECT_RECORDS } from './shownRows';

type Lists = Pick<BmesFile, ListName>;

function u32Field(column: RecordColumn, row: number): U32Field {
  return { offset: column.offsets[row]!, length: column.lengths[row]!, value: column.values[row]! };
}

/** A BMES string: its span is the length field and the bytes. */
function stringField(tables: RecordTables, column: RecordColumn, row: number): StringField {
  const id = column.values[row]!;
  const offset = column.offsets[row]!;
  const length = column.lengths[row]!;
  return {
    offset,
    length,
    value: tables.strings.text(id),
    dataOffset: offset + 4,
    byteLength: Math.max(0, length - 4),
    validUtf8: tables.strings.invalidUtf8[id] !== 1,
  };
}

/** `shown`: how many rows the object model holds (`shownRowCounts`). */
function lazyList<T>(table: RecordTable | null, shown: number, make: (row: number) => T): RecordList<T> | null {
  if (!table) return null;
  let entries: readonly T[] | null = null;
  const count = table.count ?? { offset: table.offset, length: 0, value: table.rowCount };
  const list = {
    offset: table.offset,
    length: table.length,
    count: { offset: count.offset, length: count.length, value: count.value },
    complete: table.complete,
    omitted: table.omitted + table.rowCount - shown,
  };
  // An own enumerable accessor, so that spreading, JSON and deep comparisons see the entries like a plain field.
  Object.defineProperty(list, 'entries', {
    enumerable: true,
    get: () => (entries ??= Array.from({ length: shown }, (_, row) => make(row))),
  });
  return list as RecordList<T>;
}

function pairsByOwner(tables: RecordTables): (row: number) => AttributePair[] {
  const { table: pairs, first } = attributePairs(tables);
  if (!pairs) return () => [];
  const keys = columnOf(pairs, 'key');
  const values = columnOf(pairs, 'value');
  return (owner) => {
    const out: AttributePair[] = [];
    for (let row = first[owner] ?? 0, end = first[owner + 1] ?? 0; row < end; row++) {
      out.push({ offset: pairs.rowOffsets[row]!, length: pairs.rowLengths[row]!, key: stringField(tables, keys, row), value: stringField(tables, values, row) });
    }
    return out;
  };
}

/** The six lists of the object model, over the tables of a BMES decode. */
export function listsOfTables(tables: RecordTables): Lists {
  const span = (t: RecordTable, row: number) => ({ index: row, offset: t.rowOffsets[row]!, length: t.rowLengths[row]! });
  const requests = tables.requestedModules;
  const imports = tables.importEntries;
  const exports = tables.exportEntries;
  const stars = tables.starExports;
  let pairs: ((row: number) => AttributePair[]) | undefined;
  const pairsOf = (row: number) => (pairs ??= pairsByOwner(tables))(row);
  const shown = shownRowCounts(tables);
  const variables = (t: RecordTable | null, rows: number) =>
    lazyList<VariableEntry>(t, rows, (row) => ({ ...span(t!, row), name: stringField(tables, t!.columns[0]!, row), bits: u32Field(t!.columns[1]!, row) }));
  return {
    requestedModules: lazyList<RequestedModule>(requests, shown.requestedModules, (row) => {
      const c = requests!.columns;
      const hasCount = c[2]!.lengths[row]! > 0;
      return {
        ...span(requests!, row),
        specifier: stringField(tables, c[0]!, row),
        hasAttributes: u32Field(c[1]!, row),
        attributeCount: hasCount ? u32Field(c[2]!, row) : null,
        attributes: hasCount ? pairsOf(row) : [],
      };
    }),
    importEntries: lazyList<ImportEntry>(imports, shown.importEntries, (row) => {
      const c = imports!.columns;
      return {
        ...span(imports!, row),
        type: u32Field(c[0]!, row),
        moduleRequest: stringField(tables, c[1]!, row),
        importName: stringField(tables, c[2]!, row),
        localName: stringField(tables, c[3]!, row),
      };
    }),
    exportEntries: lazyList<ExportEntry>(exports, shown.exportEntries, (row) => {
      const c = exports!.columns;
      return {
        ...span(exports!, row),
        type: u32Field(c[0]!, row),
        exportName: stringField(tables, c[1]!, row),
        moduleName: stringField(tables, c[2]!, row),
        importName: stringField(tables, c[3]!, row),
        localName: stringField(tables, c[4]!, row),
      };
    }),
    starExports: lazyList<StarExport>(stars, shown.starExports, (row) => ({ ...span(stars!, row), moduleName: stringField(tables, stars!.columns[0]!, row) })),
    declaredVariables: variables(tables.declaredVariables, shown.declaredVariables),
    lexicalVariables: variables(tables.lexicalVariables, shown.lexicalVariables),
  };
}
