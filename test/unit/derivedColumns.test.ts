// Columns derived from the record layout (recordTablesBuilder.ts): a field that starts where the previous one ends,
// and the last variable-length field's length, are not stored. Derived or stored, a column reads what was written,
// one cell (cellSpan) or whole; a container whose fields do not follow each other keeps its arrays; a BMES decode
// stores neither the string offsets of its exports nor the bits offsets of its variables.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cellSpan, columnOf, decodeBmes, LIST_NAMES, RecordTablesBuilder, type RecordColumn, type RecordTable } from '../../extension/bmes';
import { syntheticRecord } from '../../scripts/samples/synthetic';
import { encodeBmes } from '../../extension/bmes';
import { REAL } from '../support/bmes';

const samplesDir = join(__dirname, '../../samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.bmes'));

/** Built columns say what they keep (`stored`); null: derived, made when read. */
const isDerived = (column: RecordColumn, key: 'offsets' | 'lengths') => (column as RecordColumn & { stored?: Record<string, Uint32Array | null> }).stored?.[key] === null;

function tablesOf(name: string): RecordTable[] {
  const file = decodeBmes(new Uint8Array(readFileSync(join(samplesDir, name))));
  const t = file.tables;
  if (!t) return [];
  return [...LIST_NAMES.map((n) => t[n]), t.attributes].filter((x): x is RecordTable => x !== null);
}

test('every cell of every sample reads the same one at a time and whole; fields follow each other inside a record', () => {
  let derived = 0;
  for (const name of samples) {
    for (const table of tablesOf(name)) {
      const spans = table.columns.map((c) => Array.from({ length: table.rowCount }, (_, row) => cellSpan(c, row)));
      for (const [c, column] of table.columns.entries()) {
        if (isDerived(column, 'offsets') || isDerived(column, 'lengths')) derived++;
        for (let row = 0; row < table.rowCount; row++) {
          assert.deepEqual(spans[c]![row], { offset: column.offsets[row], length: column.lengths[row] }, `${name} ${table.name}.${column.key} #${row}`);
          // Within the record's span, wherever the field is stored or derived.
          if (column.lengths[row]! > 0) {
            assert.ok(column.offsets[row]! >= table.rowOffsets[row]!, `${name} ${table.name}.${column.key} #${row} starts in its record`);
            assert.ok(column.offsets[row]! + column.lengths[row]! <= table.rowOffsets[row]! + table.rowLengths[row]!, `${name} ${table.name}.${column.key} #${row} ends in it`);
          }
        }
      }
    }
  }
  assert.ok(derived > 0, 'some columns are derived');
});

test('a container whose fields do not follow each other keeps every array as written', () => {
  const b = new RecordTablesBuilder();
  // Spans of 4-byte string ids in a string-table container: not one after the other.
  b.addExport({ type: { value: 0, offset: 100, length: 4 }, exportName: { value: 'x', offset: 200, length: 4 }, localName: { value: 'y', offset: 300, length: 4 } });
  b.addExport({ type: { value: 0, offset: 104, length: 4 }, exportName: { value: 'z', offset: 208, length: 4 }, localName: { value: 'y', offset: 308, length: 4 } });
  const exports = b.build().exportEntries!;
  for (const key of ['exportName', 'localName'] as const) assert.ok(!isDerived(columnOf(exports, key), 'offsets'), key);
  // The fields it leaves out (no span) read as none, derived or not.
  assert.deepEqual([...columnOf(exports, 'importName').offsets, ...columnOf(exports, 'importName').lengths], [0, 0, 0, 0]);
  assert.deepEqual([...columnOf(exports, 'exportName').offsets], [200, 208]);
  assert.deepEqual([...columnOf(exports, 'localName').offsets], [300, 308]);
  assert.deepEqual(cellSpan(columnOf(exports, 'localName'), 1), { offset: 308, length: 4 });
});

test('fields written one after the other are derived, and read back as written', () => {
  const b = new RecordTablesBuilder();
  // name (a BMES string: length field and bytes) then 4 bytes of bits, at 40 and at 53.
  b.addDeclaredVariable({ offset: 40, length: 13, name: { value: 'hello', offset: 40, length: 9 }, bits: { value: 2, offset: 49, length: 4 } });
  b.addDeclaredVariable({ offset: 53, length: 8, name: { value: '', offset: 53, length: 4 }, bits: { value: 8, offset: 57, length: 4 } });
  const declared = b.build().declaredVariables!;
  const [name, bits] = declared.columns as [RecordColumn, RecordColumn];
  assert.ok(isDerived(bits, 'offsets') && isDerived(name, 'lengths'));
  assert.deepEqual(cellSpan(bits, 1), { offset: 57, length: 4 });
  assert.deepEqual(cellSpan(name, 0), { offset: 40, length: 9 });
  assert.deepEqual([...bits.offsets], [49, 57]);
  assert.deepEqual([...name.lengths], [9, 4]);
  assert.ok(!isDerived(name, 'offsets') && !isDerived(bits, 'lengths'), "the name's start (the record's) and the bits' 4 bytes are shared arrays");
});

test('a BMES decode stores neither the string offsets of its exports nor the bits offsets of its variables', () => {
  const bytes = encodeBmes(syntheticRecord({ requests: 3, imports: 10, exports: 1000, declared: 1000, lexical: 10 }), REAL.esm());
  const t = decodeBmes(bytes).tables!;
  for (const key of ['exportName', 'moduleName', 'importName', 'localName'] as const) assert.ok(isDerived(columnOf(t.exportEntries!, key), 'offsets'), key);
  assert.ok(isDerived(columnOf(t.exportEntries!, 'localName'), 'lengths'));
  assert.ok(isDerived(columnOf(t.declaredVariables!, 'bits'), 'offsets'));
  assert.ok(isDerived(columnOf(t.declaredVariables!, 'name'), 'lengths'));
});
