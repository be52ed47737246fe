/** The record lists of the BMES metadata, read in the format's order straight into the record tables. */
import { MIN_RECORD_SIZE, ROW_BYTES, type ColumnReader, type Describe } from './columnReader';
import type { ListName } from './model';
import { readPlainEntries, readPlainRequestedModules, readPlainStarExports, readPlainVariables } from './plainRecords';
import type { TableBuilder } from './recordTablesBuilder';

export { MIN_RECORD_SIZE };

// Column numbers, as in TABLE_FIELDS.
const SPECIFIER = 0;
const HAS_ATTRIBUTES = 1;
const ATTRIBUTE_COUNT = 2;

const field =
  (name: string, noun: string): Describe =>
  (index) =>
    `the ${name} of ${noun} #${index}`;

const SPECIFIER_OF = field('specifier', 'requested module');
const HAS_ATTRIBUTES_OF = (index: number) => `the hasAttributes field of requested module #${index}`;
const ATTRIBUTE_COUNT_OF = (index: number) => `the attribute count of requested module #${index}`;
const KEY_OF: Describe = (i, module) => `the key of attribute #${i} of requested module #${module}`;
const VALUE_OF: Describe = (i, module) => `the value of attribute #${i} of requested module #${module}`;

// Every list reads its plain records the fast way (plainRecords.ts); a requested module with attribute pairs is
// always read here, the careful way.
export function readRequestedModules(r: ColumnReader): void {
  const t = r.tables.table('requestedModules', 16);
  const pairs = r.tables.table('attributes', 4);
  const pairSize = MIN_RECORD_SIZE.attribute;
  const pairCost = ROW_BYTES.attributes;
  let pairsBefore = 0;
  pairs.reached = r.list(
    t,
    'requested modules',
    MIN_RECORD_SIZE.requestedModule,
    (index, start) => {
      pairsBefore = pairs.rowCount;
      if (!r.string(t, SPECIFIER, SPECIFIER_OF, index)) return false;
      if (!r.recordU32(t, HAS_ATTRIBUTES, start, 0, HAS_ATTRIBUTES_OF, index)) return false;
      if (t.values[HAS_ATTRIBUTES]![t.rowCount] === 0) {
        t.set(ATTRIBUTE_COUNT, 0, 0, 0);
        return true;
      }
      if (!r.recordU32(t, ATTRIBUTE_COUNT, start, 0, ATTRIBUTE_COUNT_OF, index)) return false;
      const row = t.rowCount;
      const count = t.values[ATTRIBUTE_COUNT]![row]!;
      if (count * pairSize > r.remaining) r.checkCount({ offset: t.offsets[ATTRIBUTE_COUNT]![row]!, length: 4, value: count }, `requested module #${index} attribute`, pairSize);
      // Each pair consumes at least 8 bytes or fails, so a huge count ends at the end of the file.
      for (let i = 0; i < count; i++) {
        const pairStart = r.pos;
        pairs.beginRow();
        if (!r.string(pairs, 0, KEY_OF, i, index) || !r.string(pairs, 1, VALUE_OF, i, index)) {
          pairs.truncate(pairsBefore);
          return false;
        }
        if (r.keep(pairStart, pairCost)) pairs.endRow(pairStart, r.pos - pairStart, row);
      }
      return true;
    },
    () => pairs.truncate(pairsBefore),
    readPlainRequestedModules,
  );
}

const IMPORT_FIELDS = [field('type', 'import entry'), field('moduleRequest', 'import entry'), field('importName', 'import entry'), field('localName', 'import entry')] as const;

export function readImportEntries(r: ColumnReader): void {
  const t = r.tables.table('importEntries', 16);
  r.list(
    t,
    'import entries',
    MIN_RECORD_SIZE.importEntry,
    (index, start) => {
      return (
        r.recordU32(t, 0, start, 12, IMPORT_FIELDS[0], index) &&
        r.string(t, 1, IMPORT_FIELDS[1], index) &&
        r.string(t, 2, IMPORT_FIELDS[2], index) &&
        r.string(t, 3, IMPORT_FIELDS[3], index)
      );
    },
    undefined,
    readPlainEntries,
  );
}

const EXPORT_FIELDS = ['type', 'exportName', 'moduleName', 'importName', 'localName'].map((name) => field(name, 'export entry'));

export function readExportEntries(r: ColumnReader): void {
  const t = r.tables.table('exportEntries', 16);
  r.list(
    t,
    'export entries',
    MIN_RECORD_SIZE.exportEntry,
    (index, start) => {
      return (
        r.recordU32(t, 0, start, 16, EXPORT_FIELDS[0]!, index) &&
        r.string(t, 1, EXPORT_FIELDS[1]!, index) &&
        r.string(t, 2, EXPORT_FIELDS[2]!, index) &&
        r.string(t, 3, EXPORT_FIELDS[3]!, index) &&
        r.string(t, 4, EXPORT_FIELDS[4]!, index)
      );
    },
    undefined,
    readPlainEntries,
  );
}

const STAR_MODULE_OF = field('moduleName', 'star export');

export function readStarExports(r: ColumnReader): void {
  const t = r.tables.table('starExports', 16);
  r.list(t, 'star exports', MIN_RECORD_SIZE.starExport, (index) => r.string(t, 0, STAR_MODULE_OF, index), undefined, readPlainStarExports);
}

export function readVariables(r: ColumnReader, name: Extract<ListName, 'declaredVariables' | 'lexicalVariables'>): void {
  const [label, noun] = name === 'declaredVariables' ? ['declared variables', 'declared variable'] : ['lexical variables', 'lexical variable'];
  const t: TableBuilder = r.tables.table(name, 16);
  const nameOf = field('name', noun);
  const bitsOf = field('bits', noun);
  r.list(t, label, MIN_RECORD_SIZE.variable, (index, start) => r.string(t, 0, nameOf, index) && r.recordU32(t, 1, start, 0, bitsOf, index), undefined, readPlainVariables);
}
