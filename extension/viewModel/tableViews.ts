/**
 * The webview's tables, taken from the decoder's record tables: spans and numbers are the decoder's own typed
 * arrays (no copy); each table's texts are packed once per distinct string, its string cells are ids into them.
 */
import { VARIABLE_FLAGS, flagNames } from '../bmes/flags';
import { attributePairs } from '../bmes/shownRows';
import type { ListName } from '../bmes/model';
import { LIST_NAMES, columnOf, stringAt, type RecordColumn, type RecordTable, type RecordTables, type StringTable } from '../bmes/recordTables';
import type { TableId, ViewColumn, ViewTable } from './types';
import { ViewTextsBuilder } from './viewTexts';

export const TABLE_TITLES: Readonly<Record<TableId, string>> = {
  requestedModules: 'Requested modules',
  importEntries: 'Import entries',
  exportEntries: 'Export entries',
  starExports: 'Star exports',
  declaredVariables: 'Declared variables (var)',
  lexicalVariables: 'Lexical variables (let/const)',
  modules: 'Modules',
  bytecodeStrings: 'Bytecode string table',
  slots: 'Module-info slots',
  prelinkedModules: 'Prelinked graph modules',
};

/** The fields each table shows, with their titles (the attribute count is shown through the attributes). */
const SHOWN: Readonly<Record<ListName, readonly (readonly [key: string, title: string])[]>> = {
  requestedModules: [
    ['specifier', 'Specifier'],
    ['hasAttributes', 'Has attributes'],
  ],
  importEntries: [
    ['type', 'Type'],
    ['moduleRequest', 'Module request'],
    ['importName', 'Import name'],
    ['localName', 'Local name'],
  ],
  exportEntries: [
    ['type', 'Type'],
    ['exportName', 'Export name'],
    ['moduleName', 'Module name'],
    ['importName', 'Import name'],
    ['localName', 'Local name'],
  ],
  starExports: [['moduleName', 'Module name']],
  declaredVariables: [
    ['name', 'Name'],
    ['bits', 'Bits'],
  ],
  lexicalVariables: [
    ['name', 'Name'],
    ['bits', 'Bits'],
  ],
};

/**
 * The most rows a table sends to the webview. The decoder keeps every record of even a hostile 48 MB file (12
 * million), but cell texts cost far more than columns; no real module comes near this.
 */
export const MAX_VIEW_ROWS = 1_000_000;

/** The first `rows` values: the array itself when that is all of it (the decoder's own column, no copy). */
const prefix = (array: Uint32Array, rows: number): Uint32Array => (rows === array.length ? array : array.subarray(0, rows));

/**
 * One table's texts: the record strings its cells name, each copied once (as the file's bytes while the decoder
 * still holds it so), and the derived texts.
 */
class TableTexts {
  readonly builder = new ViewTextsBuilder();
  /** Per record string id: its id here, -1 until a cell names it. */
  private readonly local: Int32Array;

  constructor(private readonly strings: StringTable) {
    this.local = new Int32Array(strings.count).fill(-1);
  }

  of(id: number): number {
    const known = this.local[id]!;
    if (known >= 0) return known;
    const held = this.strings.asciiBytes(id);
    const local = held ? this.builder.asciiBytes(held.bytes, held.at, held.length) : this.builder.text(this.strings.text(id));
    this.local[id] = local;
    return local;
  }
}

function viewColumn(texts: TableTexts, column: RecordColumn, title: string, rows: number): ViewColumn {
  const key = column.key;
  const offsets = prefix(column.offsets, rows);
  const lengths = prefix(column.lengths, rows);
  if (column.kind === 'u32') return { key, title, kind: 'u32', offsets, lengths, numbers: prefix(column.values, rows) };
  const textIds = new Uint32Array(rows);
  const values = column.values;
  for (let row = 0; row < rows; row++) textIds[row] = texts.of(values[row]!);
  return { key, title, kind: 'string', offsets, lengths, textIds };
}

function derived(texts: TableTexts, key: string, title: string, cells: ArrayLike<string>): ViewColumn {
  const textIds = new Uint32Array(cells.length);
  for (let row = 0; row < cells.length; row++) textIds[row] = texts.builder.text(cells[row]!);
  return { key, title, kind: 'derived', textIds };
}

/** How many imports and exports name each requested module's string id. */
function referenceCounts(tables: RecordTables): Uint32Array {
  const counts = new Uint32Array(tables.strings.count);
  const imports = tables.importEntries;
  if (imports) for (const id of columnOf(imports, 'moduleRequest').values) counts[id]!++;
  const exports = tables.exportEntries;
  if (exports) {
    const types = columnOf(exports, 'type').values;
    const names = columnOf(exports, 'moduleName').values;
    for (let row = 0; row < exports.rowCount; row++) if (types[row] === 1 || types[row] === 2) counts[names[row]!]!++;
  }
  const stars = tables.starExports;
  if (stars) for (const id of columnOf(stars, 'moduleName').values) counts[id]!++;
  return counts;
}

function attributesText(tables: RecordTables, requests: RecordTable): string[] {
  const has = columnOf(requests, 'hasAttributes').values;
  const pairs = attributePairs(tables);
  const keys = pairs.table && columnOf(pairs.table, 'key');
  const values = pairs.table && columnOf(pairs.table, 'value');
  return Array.from({ length: requests.rowCount }, (_, row): string => {
    if (has[row] === 0) return '';
    const first = pairs.first[row]!;
    const end = pairs.first[row + 1]!;
    if (!keys || !values || first === end) return 'lost (count 0)';
    const list: string[] = [];
    for (let at = first; at < end; at++) list.push(`${stringAt(tables, keys, at)}: ${stringAt(tables, values, at)}`);
    return list.join(', ');
  });
}

/** The flag names of each row's bits, worked out once per distinct bits value. */
function flagsColumn(texts: TableTexts, bits: Uint32Array): ViewColumn {
  const byBits = new Map<number, number>();
  const textIds = new Uint32Array(bits.length);
  for (let row = 0; row < bits.length; row++) {
    const value = bits[row]!;
    let id = byBits.get(value);
    if (id === undefined) {
      id = texts.builder.text(flagNames(VARIABLE_FLAGS, value).join(' '));
      byBits.set(value, id);
    }
    textIds[row] = id;
  }
  return { key: 'flags', title: 'Flags', kind: 'derived', textIds };
}

function extraColumns(tables: RecordTables, texts: TableTexts, table: RecordTable, rows: number, partial: boolean): ViewColumn[] {
  if (table.name === 'requestedModules') {
    // Of a part of the record, the uses are not all known: blank, not a count that is too low.
    const counts = partial ? null : referenceCounts(tables);
    const specifiers = prefix(columnOf(table, 'specifier').values, rows);
    return [
      derived(texts, 'attributes', 'Attributes', attributesText(tables, table).slice(0, rows)),
      derived(
        texts,
        'references',
        'Used by',
        Array.from(specifiers, (id) => (counts ? String(counts[id] ?? 0) : '')),
      ),
    ];
  }
  if (table.name === 'declaredVariables' || table.name === 'lexicalVariables') return [flagsColumn(texts, prefix(columnOf(table, 'bits').values, rows))];
  return [];
}

/**
 * The tables the webview shows, in list order; lists never reached are absent. `partial`: the tables are of the
 * first bytes of a file only (a preview), so nothing that counts across lists is shown.
 */
export function buildTableViews(tables: RecordTables, partial = false): ViewTable[] {
  const out: ViewTable[] = [];
  for (const id of LIST_NAMES) {
    const table = tables[id];
    if (!table) continue;
    const rows = Math.min(table.rowCount, MAX_VIEW_ROWS);
    const texts = new TableTexts(tables.strings);
    const columns = SHOWN[id].map(([key, title]) => viewColumn(texts, columnOf(table, key), title, rows));
    out.push({
      id,
      title: TABLE_TITLES[id],
      count: table.count ?? { offset: table.offset, length: 0, value: table.rowCount },
      offset: table.offset,
      length: table.length,
      complete: table.complete && rows === table.rowCount,
      rowCount: rows,
      rowOffsets: prefix(table.rowOffsets, rows),
      rowLengths: prefix(table.rowLengths, rows),
      columns: [...columns, ...extraColumns(tables, texts, table, rows, partial)],
      texts: texts.builder.build(),
    });
  }
  return out;
}
