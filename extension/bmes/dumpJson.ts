import { CODE_FEATURE_FLAGS, VARIABLE_FLAGS, exportTypeName, flagNames, importTypeName } from './flags';
import type { BmesFile, ListName, Severity } from './model';
import { cellSpan, columnOf, stringAt, type RecordColumn, type RecordTables } from './recordTables';
import { attributePairs, shownLists, tablesOfFile, type ShownList } from './shownRows';

/** The stable JSON shape of `bmes dump --json`, documented in the README. */
export interface BmesDump {
  size: number;
  header: { magic: number | null; version: number | null; bytecodeOffset: number | null; bytecodeSize: number | null };
  requestedModules: { specifier: string; attributes: { key: string; value: string }[] | null }[] | null;
  importEntries: { type: string | number; moduleRequest: string; importName: string; localName: string }[] | null;
  exportEntries: { type: string | number; exportName: string; moduleName: string; importName: string; localName: string }[] | null;
  starExports: string[] | null;
  declaredVariables: DumpVariable[] | null;
  lexicalVariables: DumpVariable[] | null;
  codeFeatures: { bits: number; flags: string[] } | null;
  bytecode: { offset: number; size: number; sha256: string | null } | null;
  jsc: {
    layout: 'classic' | 'compact' | 'unknown';
    cacheVersion: number;
    tag: number | null;
    payloadSize: number | null;
    sourceLength: number | null;
    keyFlags: number | null;
    keyHash: number | null;
    sourceOrigin: string | null;
    hasEmbeddedSource: boolean | null;
  } | null;
  diagnostics: { code: string; severity: Severity; offset: number; length: number; message: string }[];
}

export interface DumpVariable {
  name: string;
  bits: number;
  flags: string[];
}

type Pairs = { key: string; value: string }[];
type FieldValue = string | number | string[] | Pairs | null;

/**
 * One field of a list's records: its JSON key, how a row's value is read from the columns, and whether rows
 * share their values (then an array value is one object for many rows, and its text is written once).
 */
type Field = readonly [key: string, value: (row: number) => FieldValue, shared?: boolean];

/** The fields of each list's records, in the order of `BmesDump`, read from the tables. */
function listFields(tables: RecordTables): Record<ListName, readonly Field[]> {
  const text = (column: RecordColumn) => (row: number) => stringAt(tables, column, row);
  const str = (name: ListName, key: string) => {
    const table = tables[name];
    return table ? text(columnOf(table, key)) : () => '';
  };
  const u32 = (name: ListName, key: string) => {
    const table = tables[name];
    const values = table ? columnOf(table, key).values : new Uint32Array(0);
    return (row: number) => values[row]!;
  };
  const requests = tables.requestedModules;
  const pairs = attributePairs(tables);
  const hasAttributes = u32('requestedModules', 'hasAttributes');
  const countColumn = requests ? columnOf(requests, 'attributeCount') : null;
  const attributes = (row: number): Pairs | null => {
    if (hasAttributes(row) === 0) return null;
    if (!pairs.table || !countColumn || cellSpan(countColumn, row).length === 0) return [];
    const keys = columnOf(pairs.table, 'key');
    const values = columnOf(pairs.table, 'value');
    const out: Pairs = [];
    for (let at = pairs.first[row]!; at < pairs.first[row + 1]!; at++) out.push({ key: stringAt(tables, keys, at), value: stringAt(tables, values, at) });
    return out;
  };
  const importType = u32('importEntries', 'type');
  const exportType = u32('exportEntries', 'type');
  // Few distinct bit sets occur: one array of names for each, shared by its rows (toDump copies it).
  const flags = new Map<number, string[]>();
  const flagsOf = (bits: number) => flags.get(bits) ?? flags.set(bits, flagNames(VARIABLE_FLAGS, bits)).get(bits)!;
  const variable = (name: ListName): Field[] => {
    const bits = u32(name, 'bits');
    return [
      ['name', str(name, 'name')],
      ['bits', bits],
      ['flags', (row) => flagsOf(bits(row)), true],
    ];
  };
  return {
    requestedModules: [
      ['specifier', str('requestedModules', 'specifier')],
      ['attributes', attributes],
    ],
    importEntries: [
      ['type', (row) => importTypeName(importType(row))],
      ['moduleRequest', str('importEntries', 'moduleRequest')],
      ['importName', str('importEntries', 'importName')],
      ['localName', str('importEntries', 'localName')],
    ],
    exportEntries: [
      ['type', (row) => exportTypeName(exportType(row))],
      ['exportName', str('exportEntries', 'exportName')],
      ['moduleName', str('exportEntries', 'moduleName')],
      ['importName', str('exportEntries', 'importName')],
      ['localName', str('exportEntries', 'localName')],
    ],
    // A star export is its module name alone (a field with no key).
    starExports: [['', str('starExports', 'moduleName')]],
    declaredVariables: variable('declaredVariables'),
    lexicalVariables: variable('lexicalVariables'),
  };
}

const LISTS: readonly ListName[] = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables'];

/** Everything of the dump but the lists. */
function dumpParts(file: BmesFile, bytecodeSha256: string | null) {
  const h = file.header;
  const isV1 = h.version?.value === 1;
  const jsc = file.jsc;
  return {
    size: file.size,
    header: {
      magic: h.magic?.value ?? null,
      version: h.version?.value ?? null,
      bytecodeOffset: isV1 ? null : (h.bytecodeOffset?.value ?? null),
      bytecodeSize: isV1 ? null : (h.bytecodeSize?.value ?? null),
    },
    codeFeatures: file.codeFeatures ? { bits: file.codeFeatures.value, flags: flagNames(CODE_FEATURE_FLAGS, file.codeFeatures.value) } : null,
    bytecode: file.bytecode ? { offset: file.bytecode.offset, size: file.bytecode.length, sha256: bytecodeSha256 } : null,
    jsc: jsc
      ? {
          layout: jsc.layout,
          cacheVersion: jsc.cacheVersion.value,
          tag: jsc.tag?.value ?? null,
          payloadSize: jsc.payloadSize?.value ?? null,
          sourceLength: jsc.sourceLength,
          keyFlags: jsc.keyFlags?.value ?? null,
          keyHash: jsc.keyHash?.value ?? null,
          sourceOrigin: jsc.sourceOrigin?.value ?? null,
          hasEmbeddedSource: jsc.hasEmbeddedSource,
        }
      : null,
    diagnostics: file.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      offset: d.offset,
      length: d.length,
      message: d.message,
    })),
  };
}

/** `bytecodeSha256` is computed by the caller, which owns reading the bytecode (the library never scans it). */
export function toDump(file: BmesFile, bytecodeSha256: string | null = null): BmesDump {
  const tables = tablesOfFile(file);
  const shown = shownLists(tables);
  const fields = listFields(tables);
  const list = (name: ListName): unknown[] | null => {
    const l = shown[name];
    if (!l) return null;
    const f = fields[name];
    // A field with no key is the record itself.
    const value = (field: Field, row: number) => {
      const v = field[1](row);
      return Array.isArray(v) ? [...v] : v;
    };
    return Array.from({ length: l.rows }, (_, row) =>
      f.length === 1 && f[0]![0] === '' ? value(f[0]!, row) : Object.fromEntries(f.map((field) => [field[0], value(field, row)])),
    );
  };
  const { size, header, ...rest } = dumpParts(file, bytecodeSha256);
  return { size, header, ...(Object.fromEntries(LISTS.map((name) => [name, list(name)])) as Pick<BmesDump, ListName>), ...rest };
}

/**
 * The text of `bmes dump --json`: exactly `JSON.stringify(toDump(file, bytecodeSha256), null, 2)` and a newline,
 * written row by row from the columns, so that a list of 100,000 records makes no object per record.
 */
export function dumpJsonText(file: BmesFile, bytecodeSha256: string | null = null): string {
  const tables = tablesOfFile(file);
  const shown = shownLists(tables);
  const fields = listFields(tables);
  const { size, header, ...rest } = dumpParts(file, bytecodeSha256);
  const out: string[] = [];
  out.push(`{\n  "size": ${nested(size, 1)},\n  "header": ${nested(header, 1)},\n`);
  for (const name of LISTS) out.push(`  ${JSON.stringify(name)}: `, listText(shown[name], fields[name]), ',\n');
  const tail = Object.entries(rest);
  tail.forEach(([key, value], i) => out.push(`  ${JSON.stringify(key)}: ${nested(value, 1)}${i < tail.length - 1 ? ',' : ''}\n`));
  out.push('}\n');
  return out.join('');
}

/** A value as `JSON.stringify(value, null, 2)` writes it `depth` levels deep (strings hold no raw newlines). */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return typeof value !== 'object' || value === null ? text : text.replaceAll('\n', '\n' + '  '.repeat(depth));
}

/** A list two levels deep (root object, the list), its records three. */
function listText(list: ShownList | null, fields: readonly Field[]): string {
  if (!list) return 'null';
  if (list.rows === 0) return '[]';
  const bare = fields.length === 1 && fields[0]![0] === '';
  const keys = fields.map(([key]) => `      ${JSON.stringify(key)}: `);
  // Values shared by rows (the flag names of a bit set) are written once.
  const written = new Map<FieldValue, string>();
  const valueText = ([, read, shared]: Field, row: number) => {
    const value = read(row);
    if (!shared || !Array.isArray(value)) return nested(value, 3);
    const known = written.get(value);
    if (known !== undefined) return known;
    const text = nested(value, 3);
    written.set(value, text);
    return text;
  };
  // Rows are joined in chunks of 4,096, so that no more row strings than that are alive at once.
  const chunks: string[] = [];
  let rows: string[] = [];
  for (let row = 0; row < list.rows; row++) {
    let record: string;
    if (bare) record = `    ${nested(fields[0]![1](row), 2)}`;
    else {
      record = '    {\n';
      for (let f = 0; f < fields.length; f++) record += `${keys[f]}${valueText(fields[f]!, row)}${f < fields.length - 1 ? ',\n' : '\n'}`;
      record += '    }';
    }
    rows.push(record);
    if (rows.length === 4096) {
      chunks.push(rows.join(',\n'));
      rows = [];
    }
  }
  if (rows.length) chunks.push(rows.join(',\n'));
  return `[\n${chunks.join(',\n')}\n  ]`;
}
