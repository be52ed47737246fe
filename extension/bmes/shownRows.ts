/**
 * What the object model, the dump, its JSON and the text view show of the record tables: the same rows, read
 * from the columns. The object model keeps at most `MAX_OBJECT_RECORDS` records (all lists together, in file
 * order) and counts the rest as omitted; the dump shows exactly what the object model holds, so its output does
 * not depend on which of the two a reader walks.
 */
import type { BmesFile, ListName } from './model';
import { LIST_NAMES, type RecordTable, type RecordTables } from './recordTables';
import { recordTablesOf } from './recordTablesOfFile';

/**
 * How many records (of all lists together) the object model holds. The tables keep far more (every record of a
 * 48 MB hostile file); objects cost some 200 bytes a record, so code that walks them stays bounded as it always
 * was, and counts the rest in `omitted`. The dump shows as many: a text of millions of rows would not fit in a
 * string.
 */
export const MAX_OBJECT_RECORDS = 500_000;

/** Per list, how many of its rows (a prefix) are shown; 0 for a list not reached. */
export function shownRowCounts(tables: RecordTables): Record<ListName, number> {
  // In file order (LIST_NAMES), the order in which the lists take their share.
  let left = MAX_OBJECT_RECORDS;
  const counts = {} as Record<ListName, number>;
  for (const name of LIST_NAMES) {
    const shown = Math.min(tables[name]?.rowCount ?? 0, left);
    left -= shown;
    counts[name] = shown;
  }
  return counts;
}

/** The record tables of a decoded file: the decoder's, else made from its record lists. */
export function tablesOfFile(file: BmesFile): RecordTables {
  return file.tables ?? recordTablesOf(file);
}

/** A list as shown: its table and how many rows are shown, with the count the list's title gives. */
export interface ShownList {
  readonly table: RecordTable;
  readonly rows: number;
  /** The count field's value, else the rows read. */
  readonly count: number;
}

/** Every list of the file as shown; null for a list not reached. */
export function shownLists(tables: RecordTables): Record<ListName, ShownList | null> {
  const counts = shownRowCounts(tables);
  const out = {} as Record<ListName, ShownList | null>;
  for (const name of LIST_NAMES) {
    const table = tables[name];
    out[name] = table ? { table, rows: counts[name], count: table.count?.value ?? table.rowCount } : null;
  }
  return out;
}

/**
 * The attribute pairs of requested modules by owner: pairs `first[row]` to `first[row + 1]` belong to `row`
 * (owners ascend), in one typed array rather than a list per module. A module has pairs only when its
 * attribute count was read (a cell of length > 0).
 */
export interface AttributePairs {
  readonly table: RecordTable | null;
  readonly first: Uint32Array;
}

export function attributePairs(tables: RecordTables): AttributePairs {
  const modules = tables.requestedModules?.rowCount ?? 0;
  const pairs = tables.attributes;
  const first = new Uint32Array(modules + 1);
  const owners = pairs?.owners;
  let at = 0;
  for (let row = 0; row <= modules; row++) {
    while (owners && at < pairs.rowCount && owners[at]! < row) at++;
    first[row] = at;
  }
  return { table: pairs && owners ? pairs : null, first };
}
