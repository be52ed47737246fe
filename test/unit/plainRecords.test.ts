// The record lists' fast path (extension/bmes/plainRecords.ts) against the careful path it stands in for: the
// same metadata read by the real list readers with the fast path on and off must give the same tables, strings,
// diagnostics and cursor, whatever the damage (cuts, lying counts and lengths, non-ASCII and invalid UTF-8
// strings, the record limit) and however the bytes at hand are cut into chunks (a ranged read's runs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeBmes, type ByteWindow, type RecordTables } from '../../extension/bmes';
import { ColumnReader } from '../../extension/bmes/columnReader';
import { readExportEntries, readImportEntries, readRequestedModules, readStarExports, readVariables } from '../../extension/bmes/decodeRecords';
import { DiagnosticSink } from '../../extension/bmes/diagnostics';
import { readPlainStarExports, readPlainVariables } from '../../extension/bmes/plainRecords';
import { RecordTablesBuilder } from '../../extension/bmes/recordTablesBuilder';
import { Prng } from '../support/prng';
import { randomRecord } from '../support/bmes';

const SEED = 0x51a7e;
const CASES = 1500;

/** A window whose bytes at hand come in runs of `run` bytes, as a ranged read's fetched runs do. */
function chunkedWindow(data: Uint8Array, run: number): ByteWindow {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return {
    size: data.length,
    bytes: (offset, length) => data.subarray(offset, offset + length),
    u32: (offset) => view.getUint32(offset, true),
    chunk: (offset) => {
      if (offset >= data.length) return null;
      const start = offset - (offset % run);
      return { start, bytes: data.subarray(start, Math.min(data.length, start + run)) };
    },
  };
}

function readLists(window: ByteWindow, plain: boolean, maxTableBytes: number) {
  const sink = new DiagnosticSink();
  const reader = new ColumnReader(window, 16, sink, 'v3', new RecordTablesBuilder(window), maxTableBytes);
  reader.readsPlainRecords = plain;
  readRequestedModules(reader);
  readImportEntries(reader);
  readExportEntries(reader);
  readStarExports(reader);
  readVariables(reader, 'declaredVariables');
  readVariables(reader, 'lexicalVariables');
  const tables = reader.tables.build();
  return { tables, diagnostics: sink.sorted(), pos: reader.pos, failed: reader.failed };
}

function textsOf(tables: RecordTables): string[] {
  return Array.from({ length: tables.strings.count }, (_, id) => tables.strings.text(id));
}

/** Damage of the kinds a real file shows: a cut, a u32 overwritten (a count or length that lies), a byte ≥ 0x80. */
function damaged(rng: Prng, bytes: Uint8Array): Uint8Array {
  const out = bytes.slice(0, rng.bool(0.3) ? rng.int(16, bytes.length) : bytes.length);
  const edits = rng.int(0, 2);
  for (let e = 0; e < edits && out.length > 20; e++) {
    const at = rng.int(16, out.length - 4);
    if (rng.bool(0.5)) new DataView(out.buffer).setUint32(at, rng.pick([0, 1, 3, 0x7f, 0x100, 0xffffffff, rng.u32()]), true);
    else out[at] = rng.pick([0x80, 0xc3, 0xff, 0x41]);
  }
  return out;
}

test('the fast path reads every list exactly as the careful path does, damaged or not, in any chunks', () => {
  const rng = new Prng(SEED);
  let plainRows = 0;
  for (let n = 0; n < CASES; n++) {
    const bytes = damaged(rng, encodeBmes(randomRecord(rng, rng.pick([3, 8, 40])), rng.bytes(8), { writeAttributePairs: rng.bool(0.5) }));
    const run = rng.pick([bytes.length, 7, 16, 33, 64]);
    // Small table budgets hit the record limit part-way through a list.
    const maxTableBytes = rng.pick([288 * 1024 * 1024, rng.int(0, 2000)]);
    const window = chunkedWindow(bytes, run);
    const careful = readLists(window, false, maxTableBytes);
    const fast = readLists(window, true, maxTableBytes);
    const where = `case ${n} (seed ${SEED}, ${bytes.length} bytes, runs of ${run}, budget ${maxTableBytes})`;
    assert.deepEqual(fast.diagnostics, careful.diagnostics, `${where}: diagnostics`);
    assert.deepEqual(textsOf(fast.tables), textsOf(careful.tables), `${where}: strings`);
    assert.deepEqual(fast.tables, careful.tables, `${where}: tables`);
    assert.equal(fast.pos, careful.pos, `${where}: cursor`);
    assert.equal(fast.failed, careful.failed, `${where}: failed`);
    plainRows += (fast.tables.starExports?.rowCount ?? 0) + (fast.tables.lexicalVariables?.rowCount ?? 0);
  }
  assert.ok(plainRows > 1000, 'the cases hold records for the fast path to read');
});

/** Star exports (u32 length + bytes each) from offset 0 of a window over `bytes`. */
function starBytes(names: readonly (string | Uint8Array)[]): Uint8Array {
  const parts = names.map((name) => (typeof name === 'string' ? new TextEncoder().encode(name) : name));
  const out = new Uint8Array(parts.reduce((n, p) => n + 4 + p.length, 0));
  let at = 0;
  for (const p of parts) {
    new DataView(out.buffer).setUint32(at, p.length, true);
    out.set(p, at + 4);
    at += 4 + p.length;
  }
  return out;
}

test('a fast reader stops before the first record that is not plain and says where it stopped', () => {
  const bytes = starBytes(['', 'a', 'bc', 'é', Uint8Array.of(0x41, 0xff), 'd']);
  // The strings are read back from where they lie: here, the file's bytes 100 on.
  const builder = new RecordTablesBuilder({ chunk: () => ({ start: 100, bytes }) });
  const t = builder.table('starExports', 8);
  const end = readPlainStarExports(bytes, 100, 100, t, 8, builder.strings);
  assert.equal(t.rowCount, 4, 'the empty string, two ASCII ones and "é"; "A\\xff" is not UTF-8');
  assert.equal(end, 100 + 4 + 5 + 6 + 6, 'the offset of the length field of "A\\xff"');
  assert.deepEqual(Array.from(t.rowOffsets.subarray(0, 4)), [100, 104, 109, 115]);
  assert.deepEqual(Array.from(t.rowLengths.subarray(0, 4)), [4, 5, 6, 6]);
  assert.deepEqual(
    Array.from(t.values[0]!.subarray(0, 4), (id) => builder.strings.text(id)),
    ['', 'a', 'bc', 'é'],
  );
  // At most `max` records, and none whose string runs past the bytes at hand.
  const capped = new RecordTablesBuilder().table('starExports', 8);
  assert.equal(readPlainStarExports(bytes, 0, 0, capped, 2, new RecordTablesBuilder().strings), 9);
  const cut = new RecordTablesBuilder().table('starExports', 8);
  assert.equal(readPlainStarExports(bytes.subarray(0, 14), 0, 0, cut, 8, new RecordTablesBuilder().strings), 9, '"bc" ends at 15');
  assert.equal(cut.rowCount, 2);
});

test('a variable is plain only when its bits are at hand too', () => {
  const bytes = new Uint8Array([1, 0, 0, 0, 0x78, 2, 0, 0, 0, 0, 0, 0, 0]);
  const builder = new RecordTablesBuilder({ chunk: () => ({ start: 16, bytes }) });
  const t = builder.table('lexicalVariables', 4);
  assert.equal(readPlainVariables(bytes, 16, 16, t, 4, builder.strings), 16 + 9);
  assert.equal(t.rowCount, 1);
  assert.equal(builder.strings.text(t.values[0]![0]!), 'x');
  assert.equal(t.values[1]![0], 2);
  assert.equal(readPlainVariables(bytes, 16, 16 + 9, t, 4, builder.strings), 16 + 9, 'an empty name without its bits');
  assert.equal(t.rowCount, 1);
});

test('equal strings get one id and unequal ones their own, wherever in the bytes at hand each lies', () => {
  const rng = new Prng(SEED ^ 0xd0b1e);
  const pool = ['a', 'ab', 'ba', 'abc', 'x'.repeat(40), 'é', ''];
  for (let n = 0; n < 50; n++) {
    const names = Array.from({ length: 60 }, () => rng.pick(pool));
    const bytes = encodeBmes({ ...randomRecord(rng, 0), requestedModules: [], importEntries: [], exportEntries: [], starExports: names }, rng.bytes(8));
    const { tables } = readLists(chunkedWindow(bytes, rng.pick([bytes.length, 9, 24, 50])), true, 288 * 1024 * 1024);
    const ids = Array.from(tables.starExports!.columns[0]!.values);
    assert.deepEqual(
      ids.map((id) => tables.strings.text(id)),
      names,
    );
    for (let i = 0; i < names.length; i++) for (let j = 0; j < i; j++) assert.equal(ids[i] === ids[j], names[i] === names[j], `case ${n}: #${j} and #${i}`);
  }
});

test('a name that is not valid UTF-8 keeps its own id, its diagnostic and its text, read in place or copied', () => {
  // Three variables named with the bytes 41 ff, read in memory and in runs of 9 bytes (where the last is cut).
  const bytes = encodeBmes(
    {
      ...randomRecord(new Prng(1), 0),
      requestedModules: [],
      importEntries: [],
      exportEntries: [],
      starExports: [],
      declaredVariables: [],
      lexicalVariables: [
        { name: 'A?', bits: 2 },
        { name: 'A?', bits: 2 },
        { name: 'A?', bits: 2 },
      ],
    },
    new Uint8Array(8),
  );
  for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0x41 && bytes[i + 1] === 0x3f) bytes[i + 1] = 0xff;
  for (const run of [bytes.length, 9]) {
    const { tables, diagnostics } = readLists(chunkedWindow(bytes, run), true, 288 * 1024 * 1024);
    const ids = Array.from(tables.lexicalVariables!.columns[0]!.values);
    assert.equal(new Set(ids).size, 3, `runs of ${run}: an id each`);
    // Before any text is made: a held text is no longer bytes.
    assert.deepEqual(
      ids.map((id) => tables.strings.asciiBytes(id)),
      [null, null, null],
      'never handed out as ASCII bytes',
    );
    assert.deepEqual(
      ids.map((id) => tables.strings.text(id)),
      ['A\uFFFD', 'A\uFFFD', 'A\uFFFD'],
    );
    assert.deepEqual(
      ids.map((id) => tables.strings.invalidUtf8[id]),
      [1, 1, 1],
    );
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['invalid-utf8', 'invalid-utf8', 'invalid-utf8'],
    );
  }
});
