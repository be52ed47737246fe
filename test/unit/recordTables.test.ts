// The columnar record model: RecordTablesBuilder as another container's decoder uses it, the adapter from the
// object model, and the view model's tables taken from the columns.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  columnOf,
  decodeBmes,
  LIST_NAMES,
  RecordTablesBuilder,
  recordTablesOf,
  stringAt,
  TABLE_FIELDS,
  type BmesFile,
  type RecordTables,
  type StringField,
  type U32Field,
} from '../../extension/bmes';
import { buildViewModel } from '../../extension/viewModel/buildViewModel';
import { buildTableViews } from '../../extension/viewModel/tableViews';
import type { ViewTable } from '../../extension/viewModel/types';
import { cellString } from '../../extension/viewModel/viewTexts';

const columnTexts = (table: ViewTable, key: string): string[] =>
  Array.from({ length: table.rowCount }, (_, row) =>
    cellString(
      table,
      table.columns.find((c) => c.key === key)!,
      row,
    ),
  );

const samplesDir = join(__dirname, '../../samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.bmes'));
const decodeSample = (name: string) => decodeBmes(new Uint8Array(readFileSync(join(samplesDir, name))));

type Field = U32Field | StringField;

/** Every field of every record of the object model, with the table column it belongs in. */
function* objectFields(file: BmesFile): Generator<[list: keyof RecordTables, row: number, key: string, field: Field | null]> {
  for (const name of LIST_NAMES) {
    const list = file[name];
    for (const [row, entry] of (list?.entries ?? []).entries()) {
      for (const [key] of TABLE_FIELDS[name]) yield [name, row, key, (entry as unknown as Record<string, Field | null>)[key] ?? null];
    }
  }
  let row = 0;
  for (const request of file.requestedModules?.entries ?? []) {
    for (const pair of request.attributes) {
      yield ['attributes', row, 'key', pair.key];
      yield ['attributes', row, 'value', pair.value];
      row++;
    }
  }
}

test('the tables of every sample hold each field of the object model: value, offset and length', () => {
  for (const name of samples) {
    const file = decodeSample(name);
    const tables = recordTablesOf(file);
    let fields = 0;
    for (const [list, row, key, field] of objectFields(file)) {
      const table = tables[list as Exclude<keyof RecordTables, 'strings'>]!;
      const column = columnOf(table, key);
      if (field === null) {
        assert.equal(column.lengths[row], 0, `${name} ${list}[${row}].${key} is absent`);
        continue;
      }
      const value = column.kind === 'u32' ? column.values[row] : stringAt(tables, column, row);
      assert.deepEqual([value, column.offsets[row], column.lengths[row]], [field.value, field.offset, field.length], `${name} ${list}[${row}].${key}`);
      fields++;
    }
    for (const list of LIST_NAMES) {
      const objects = file[list];
      const table = tables[list];
      assert.equal(table === null, objects === null, `${name}: ${list} reached in both or neither`);
      if (!objects || !table) continue;
      assert.deepEqual(
        [table.count, table.offset, table.length, table.complete, table.omitted, table.rowCount],
        [
          { value: objects.count.value, offset: objects.count.offset, length: objects.count.length },
          objects.offset,
          objects.length,
          objects.complete,
          objects.omitted,
          objects.entries.length,
        ],
        `${name}: ${list}`,
      );
      assert.deepEqual(
        Array.from(table.rowOffsets),
        objects.entries.map((e) => e.offset),
        `${name}: ${list} row offsets`,
      );
      assert.deepEqual(
        Array.from(table.rowLengths),
        objects.entries.map((e) => e.length),
        `${name}: ${list} row lengths`,
      );
      assert.deepEqual(
        objects.entries.map((e) => e.index),
        objects.entries.map((_, row) => row),
        `${name}: ${list}: the index is the row`,
      );
    }
    if (file.exportEntries?.entries.length) assert.ok(fields > 0, name);
  }
});

test('equal strings share one id; invalid UTF-8 keeps its own', () => {
  const tables = recordTablesOf(decodeSample('corrupt-invalid-utf8.bmes'));
  const { invalidUtf8 } = tables.strings;
  const valid = Array.from({ length: tables.strings.count }, (_, id) => id)
    .filter((id) => invalidUtf8[id] === 0)
    .map((id) => tables.strings.text(id));
  assert.equal(new Set(valid).size, valid.length);
  assert.ok(
    invalidUtf8.some((flag) => flag === 1),
    'the sample has an invalid string',
  );
});

test('another container fills the builder with string-table ids as spans, leaving unused fields out', () => {
  // As a module_info body would: each string is a 4-byte id into the container's string table.
  const id = (value: string, offset: number) => ({ value, offset, length: 4 });
  const b = new RecordTablesBuilder();
  b.addRequestedModule({ specifier: id('./dep.js', 100) });
  b.addRequestedModule({ specifier: id('./data.json', 104), attributes: [{ key: id('type', 108), value: id('json', 112) }] });
  b.addExport({ type: { value: 0, offset: 116, length: 4 }, exportName: id('x', 120), localName: id('x', 124) });
  b.addExport({ type: { value: 1, offset: 128, length: 4 }, exportName: id('y', 132), moduleName: id('./dep.js', 136), importName: id('z', 140) });
  b.addLexicalVariable({ name: id('x', 144), bits: { value: 0b10, offset: 148, length: 4 } });
  const tables = b.build();

  assert.equal(tables.importEntries, null, 'a list never filled is null');
  assert.equal(tables.declaredVariables, null);
  const requests = tables.requestedModules!;
  assert.deepEqual(Array.from(columnOf(requests, 'hasAttributes').values), [0, 1]);
  assert.deepEqual(Array.from(columnOf(requests, 'attributeCount').values), [0, 1]);
  assert.deepEqual(Array.from(columnOf(requests, 'hasAttributes').lengths), [0, 0], 'no hasAttributes field in this container');
  assert.deepEqual(Array.from(tables.attributes!.owners!), [1]);

  const exports = tables.exportEntries!;
  assert.equal(exports.count, null);
  assert.deepEqual([exports.offset, exports.length], [116, 28]);
  assert.deepEqual(
    [Array.from(exports.rowOffsets), Array.from(exports.rowLengths)],
    [
      [116, 128],
      [12, 16],
    ],
    'record spans run over their fields',
  );
  const local = columnOf(exports, 'localName');
  assert.deepEqual([stringAt(tables, local, 0), local.offsets[0], local.lengths[0]], ['x', 124, 4]);
  assert.equal(columnOf(exports, 'moduleName').lengths[0], 0, 'a local export has no module name field');
  const names = columnOf(exports, 'exportName').values;
  assert.equal(names[0], columnOf(tables.lexicalVariables!, 'name').values[0], 'one id for "x" everywhere');

  const views = buildTableViews(tables);
  assert.deepEqual(
    views.map((t) => t.id),
    ['requestedModules', 'exportEntries', 'lexicalVariables'],
  );
  const requestView = views[0]!;
  assert.deepEqual(columnTexts(requestView, 'attributes'), ['', 'type: json']);
  assert.deepEqual(columnTexts(requestView, 'references'), ['1', '0'], 'the indirect export uses ./dep.js');
  assert.equal(views[1]!.columns.find((c) => c.key === 'exportName')!.offsets, columnOf(exports, 'exportName').offsets, 'spans are the columns, not copies');
});

test('the view model takes the decoder tables when the file carries them', () => {
  const file = decodeSample('v3-medium.bmes');
  const fromObjects = buildViewModel(file);
  const fromTables = buildViewModel({ ...file, tables: recordTablesOf(file) });
  assert.deepEqual(fromTables.tables, fromObjects.tables);
  const exports = fromObjects.tables.find((t) => t.id === 'exportEntries')!;
  const first = file.exportEntries!.entries[0]!;
  assert.deepEqual([exports.rowOffsets[0], cellString(exports, exports.columns[1]!, 0)], [first.offset, first.exportName.value]);
});

test("decodeBmes builds the tables itself, and they show exactly as its lists' objects do", () => {
  for (const name of samples) {
    const file = decodeSample(name);
    if (!file.tables) continue;
    assert.deepEqual(buildTableViews(file.tables), buildTableViews(recordTablesOf(file)), name);
  }
  const exports = decodeSample('v3-medium.bmes').tables?.exportEntries;
  assert.ok(exports && exports.rowCount > 1, 'a v3 decode carries its export table');
});
