import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeBytecodeStringTable,
  decodeModuleInfo,
  decodeModuleInfoRecord,
  decodePrelinkedGraph,
  decodeSharedTables,
  decodeSlotTable,
  graphModuleRecord,
  wtfStringHash,
  type RecordDiagnostic,
} from '../../extension/bunRecord';
import { columnOf, stringAt, type RecordTable } from '../../extension/bmes';
import { contentsOf, layoutOf, loadSample, regionOf, type GraphLayout } from '../support/bunRecordLayout';
import { encodeModuleInfo, NONE } from './moduleInfoBytes';

const load = loadSample;
const region = regionOf;
const text = contentsOf;
const codes = (ds: readonly RecordDiagnostic[]) => ds.map((d) => d.code);

function shared(file: Uint8Array, layout: GraphLayout) {
  return decodeSharedTables({
    stringTable: layout.bytecodeStringTable && region(file, layout.bytecodeStringTable),
    slotTable: layout.slotTable && region(file, layout.slotTable),
    prelinkedGraph: region(file, layout.prelinkedGraph!),
    moduleOrder: { offset: layout.plmgModules!.offset, values: layout.plmgModules!.indices },
    tableModuleCount: layout.modules.length,
  });
}

test('the 24-bit string hash matches the values the spec read from 1.4.5 bytes', async () => {
  assert.equal(wtfStringHash('twice'), 0x075081);
  assert.equal(wtfStringHash('default'), 0x29db8c);
  assert.equal(wtfStringHash('PI2'), 0xc20a6e);
  assert.equal(wtfStringHash('answer'), 0xfdb99e);
});

test('every bytecode string table entry of the 1.4.5 sample carries the hash of its characters', async () => {
  const file = load('graph-1.4.5-esm.bin');
  const layout = await layoutOf(file);
  const table = decodeBytecodeStringTable(region(file, layout.bytecodeStringTable!).bytes, layout.bytecodeStringTable!.offset);
  assert.deepEqual(table.diagnostics, []);
  assert.equal(table.entries.length, 137);
  // Strings of every length class of the hash (≤ 3, 4–16, 17–48, > 48 bytes) are in the table.
  const lengths = new Set(table.entries.map((e) => Math.min(4, Math.ceil((e?.byteLength ?? 0) / 16))));
  assert.ok(lengths.size >= 4, `length classes ${[...lengths]}`);
  for (const entry of table.entries) {
    assert.ok(entry);
    assert.equal(wtfStringHash(entry.value), entry.hashField.value, entry.value);
  }
});

test("the 1.4.5 sample's per-module source hashes are the same hash of each module's contents", async () => {
  const file = load('graph-1.4.5-esm.bin');
  const layout = await layoutOf(file);
  assert.ok(layout.sourceHashes);
  assert.equal(layout.sourceHashes.length, layout.modules.length);
  layout.modules.forEach((m, i) => assert.equal(wtfStringHash(text(file, m.contents).text), layout.sourceHashes![i], m.name));
});

test('1.3.14 sample: every module_info body decodes to what the app sources say', async () => {
  const file = load('graph-1.3.14-esm.bin');
  const layout = await layoutOf(file);
  const [app, chunk, dyn] = layout.modules;
  assert.ok(app?.moduleInfo && chunk?.moduleInfo && dyn?.moduleInfo);
  const info = decodeModuleInfo(region(file, app.moduleInfo).bytes, app.moduleInfo.offset);
  assert.equal(info.accepted, true);
  assert.equal(info.records.length, 12);
  assert.equal(info.strings.length, 10);
  const p = info.parts;
  assert.deepEqual(
    p.exports?.entries.map((e) => [e.kind, e.exportName.value, e.localName?.value]),
    [
      ['local', 'twice', 'twice'],
      ['local', 'default', 'main'],
      ['local', 'answer', 'answer'],
      ['local', 'PI2', 'PI2'],
    ],
  );
  assert.deepEqual(
    p.requests?.entries.map((r) => [r.specifier.value, r.fetch]),
    [[chunk.name, 'none']],
  );
  assert.deepEqual(
    p.imports?.entries.map((e) => [e.kind, e.module.value, e.importName.value, e.localName.value]),
    [['single', chunk.name, '__require', '__require']],
  );
  assert.deepEqual(p.starExports?.entries, []);
  assert.deepEqual(
    p.declaredVariables?.entries.map((v) => v.name.value),
    ['answer', 'PI2', 'dyn'],
  );
  assert.deepEqual(
    p.lexicalVariables?.entries.map((v) => v.name.value),
    ['__require', 'greet', 'twice', 'main'],
  );
  assert.equal(p.flags?.hasTopLevelAwait, true);
  // Spans: each name spans its 4-byte id; its characters are in the string table at the end of the body.
  const twice = p.exports!.entries[0]!.exportName;
  assert.equal(twice.length, 4);
  assert.equal(new DataView(file.buffer, file.byteOffset).getUint32(twice.offset, true), twice.id);
  assert.equal(new TextDecoder().decode(file.subarray(twice.dataOffset, twice.dataOffset + twice.byteLength)), 'twice');
  // The bundler's placeholder is the only unused string, reported as info.
  assert.deepEqual(
    info.diagnostics.map((d) => [d.code, d.severity]),
    [['module-info-unused-string', 'info']],
  );
  const dynInfo = decodeModuleInfo(region(file, dyn.moduleInfo).bytes, dyn.moduleInfo.offset);
  assert.deepEqual(
    dynInfo.parts.exports?.entries.map((e) => e.exportName.value),
    ['late'],
  );
  assert.equal(dynInfo.parts.flags?.hasTopLevelAwait, false);
});

test('1.3.9 sample: same record, and 1.3.9 leaves has_tla unset for the same top-level await', async () => {
  const file = load('graph-1.3.9-esm.bin');
  const layout = await layoutOf(file);
  const app = layout.modules[0]!;
  const info = decodeModuleInfo(region(file, app.moduleInfo!).bytes, app.moduleInfo!.offset);
  assert.equal(info.accepted, true);
  assert.deepEqual(
    info.parts.exports?.entries.map((e) => e.exportName.value),
    ['twice', 'default', 'answer', 'PI2'],
  );
  assert.equal(info.parts.flags?.hasTopLevelAwait, false);
});

test('1.3.x samples against their contents: only the runtime omission of export * from "bun:ffi"', async () => {
  for (const name of ['graph-1.3.9-esm.bin', 'graph-1.3.14-esm.bin']) {
    const file = load(name);
    const layout = await layoutOf(file);
    const found = layout.modules.map((m) => decodeModuleInfoRecord(region(file, m.moduleInfo!), { ...text(file, m.contents), isEntry: m.isEntry }));
    const compared = found.map((r) => r.diagnostics.filter((d) => d.code.startsWith('record-')));
    assert.deepEqual(compared.map(codes), [['record-omits-star-export'], [], []], name);
    const omission = compared[0]![0]!;
    assert.equal(omission.severity, 'info', 'on the entry point, which nothing imports');
    assert.match(omission.message, /export \* from "bun:ffi"/);
    assert.equal(omission.source?.line, 19);
    const contents = text(file, layout.modules[0]!.contents).text;
    assert.equal(contents.split('\n')[18], 'export * from "bun:ffi";');
    assert.equal(omission.source?.fileOffset, layout.modules[0]!.contents.offset + contents.indexOf('export * from "bun:ffi"'));
  }
});

test('1.4.5 sample: the prelinked graph decodes through the slot and string tables, each module matches its contents', async () => {
  const file = load('graph-1.4.5-esm.bin');
  const layout = await layoutOf(file);
  const tables = shared(file, layout);
  assert.deepEqual(tables.diagnostics, []);
  assert.equal(tables.graph.version?.value, 2);
  assert.deepEqual(
    tables.slots?.slots.map((s) => s.value),
    ['bun:ffi', 'PI2', 'answer', 'default', 'main', 'twice', 'late', '/$bunfs/root/app-esm', '/$bunfs/root/dyn-6vdftshp.js'],
  );
  const app = graphModuleRecord(tables, 0, text(file, layout.modules[0]!.contents));
  const dyn = graphModuleRecord(tables, 1, text(file, layout.modules[1]!.contents));
  assert.ok(app && dyn);
  assert.equal(app.graphModule?.key.value, '/$bunfs/root/app-esm');
  // Sorted by name hash: twice 0x075081 < default 0x29DB8C < PI2 0xC20A6E < answer 0xFDB99E.
  assert.deepEqual(
    app.parts.exports?.entries.map((e) => e.exportName.value),
    ['twice', 'default', 'PI2', 'answer'],
  );
  assert.deepEqual(
    app.parts.starExports?.entries.map((s) => s.module.value),
    ['bun:ffi'],
  );
  assert.deepEqual(
    app.parts.requests?.entries.map((r) => [r.specifier.value, r.moduleIndex]),
    [['bun:ffi', null]],
  );
  assert.equal(app.parts.flags?.hasTopLevelAwait, true);
  assert.equal(app.record.declaredVariables, null, 'the graph stores no variables');
  assert.deepEqual(app.diagnostics, []);
  assert.deepEqual(
    dyn.parts.exports?.entries.map((e) => e.exportName.value),
    ['late'],
  );
  assert.deepEqual(dyn.diagnostics, []);
  // The record model of the views: the export name's span is its sid word.
  const exportName = columnOf(dyn.record.exportEntries!, 'exportName');
  assert.equal(stringAt(dyn.record, exportName, 0), 'late');
  assert.equal(exportName.lengths[0], 4);
  assert.equal(new DataView(file.buffer, file.byteOffset).getUint32(exportName.offsets[0]!, true), 6);
});

test('record model: module_info lists keep their spans and BMES numbering', async () => {
  const body = encodeModuleInfo({
    records: [
      { kind: 0, ids: [0] },
      { kind: 2, ids: [1, 2, 3] },
      { kind: 4, ids: [1, 0xfffffffe, 4] },
      { kind: 5, ids: [5, 2, 1] },
      { kind: 7, ids: [4, 1] },
      { kind: 8, ids: [1] },
    ],
    requests: [{ specifier: 1, fetch: 0xfffffffc }],
    flags: 0,
    strings: ['v', './m.js', 'x', 'y', 'ns', 'z'],
  });
  const result = decodeModuleInfoRecord({ bytes: body, offset: 1000 }, null);
  assert.deepEqual(result.diagnostics, []);
  const r = result.record;
  const rows = (table: RecordTable | null, keys: string[]) =>
    Array.from({ length: table?.rowCount ?? 0 }, (_, row) =>
      keys.map((key) => {
        const column = columnOf(table!, key);
        return column.kind === 'string' ? stringAt(r, column, row) : column.values[row];
      }),
    );
  assert.deepEqual(rows(r.importEntries, ['type', 'moduleRequest', 'importName', 'localName']), [
    [0, './m.js', 'x', 'y'],
    [2, './m.js', '*namespace*', 'ns'],
  ]);
  assert.deepEqual(rows(r.exportEntries, ['type', 'exportName', 'moduleName', 'importName']), [
    [1, 'z', './m.js', 'x'],
    [2, 'ns', './m.js', ''],
  ]);
  assert.deepEqual(rows(r.starExports, ['moduleName']), [['./m.js']]);
  assert.deepEqual(rows(r.requestedModules, ['specifier', 'hasAttributes']), [['./m.js', 1]]);
  assert.deepEqual(rows(r.attributes, ['key', 'value']), [['type', 'json']]);
  assert.deepEqual(rows(r.declaredVariables, ['name', 'bits']), [['v', 4]]);
  assert.equal(r.lexicalVariables?.rowCount, 0, 'an empty list the store has is empty, not null');
  // The import's module name spans its id, 4 bytes, inside the record data (after the 8-byte kinds part).
  const moduleRequest = columnOf(r.importEntries!, 'moduleRequest');
  assert.equal(moduleRequest.offsets[0], 1000 + 4 + 8 + 4 + 4);
  assert.equal(moduleRequest.lengths[0], 4);
  // An absent field (a local export's module name) has no span.
  assert.equal(columnOf(r.exportEntries!, 'localName').lengths[0], 0);
});

test('module_info diagnostics: each fault at its offset, with what Bun does', async () => {
  const good = { records: [{ kind: 6, ids: [0, 0, NONE] }], requests: [], flags: 0, strings: ['a'] };
  const at = (body: Uint8Array) => decodeModuleInfo(body, 5000);
  // A StringID past the table.
  let d = at(encodeModuleInfo({ ...good, records: [{ kind: 6, ids: [0, 7, NONE] }] }));
  assert.deepEqual(codes(d.diagnostics), ['module-info-string-id-out-of-range']);
  assert.equal(d.diagnostics[0]!.offset, 5000 + 8 + 4 + 4);
  // Reserved ids are names, not faults.
  d = at(encodeModuleInfo({ ...good, records: [{ kind: 6, ids: [NONE, 0, NONE] }] }));
  assert.deepEqual(codes(d.diagnostics), []);
  // Unknown kind: Bun drops the body.
  d = at(encodeModuleInfo({ ...good, records: [{ kind: 11, ids: [0, 0, NONE] }] }));
  assert.equal(d.accepted, false);
  assert.equal(d.diagnostics[0]!.code, 'module-info-unknown-kind');
  assert.equal(d.diagnostics[0]!.offset, 5004);
  assert.match(d.diagnostics[0]!.message, /parses the module's `contents` from source/);
  // Non-zero padding after the kinds, and after the flags.
  let body = encodeModuleInfo(good);
  body[5] = 9;
  d = at(body);
  assert.deepEqual(codes(d.diagnostics), ['module-info-nonzero-padding']);
  assert.equal(d.accepted, true);
  body = encodeModuleInfo(good);
  const flagsAt = 4 + 4 + 4 + 12 + 4;
  body[flagsAt + 2] = 1;
  body[flagsAt] = 0x80;
  d = at(body);
  assert.deepEqual(codes(d.diagnostics), ['module-info-unknown-flags', 'module-info-nonzero-padding']);
  // Kinds that need more ids than the record data holds: dropped.
  body = encodeModuleInfo({ ...good, records: [{ kind: 2, ids: [0, 0] }] });
  d = at(body);
  assert.deepEqual(codes(d.diagnostics), ['module-info-records-exceed-data']);
  assert.equal(d.accepted, false);
  assert.equal(d.diagnostics[0]!.offset, 5008);
  // String lengths past the body: dropped; short of the body: trailing bytes.
  body = encodeModuleInfo(good);
  d = at(body.subarray(0, body.length - 1));
  assert.deepEqual(codes(d.diagnostics), ['module-info-strings-exceed-body']);
  assert.equal(d.accepted, false);
  d = at(Uint8Array.from([...body, 0x20, 0x20]));
  assert.deepEqual(codes(d.diagnostics), ['module-info-trailing-bytes']);
  assert.equal(d.diagnostics[0]!.offset, 5000 + body.length);
  // A count that cannot fit is reported at the count, and nothing is allocated by it.
  body = encodeModuleInfo(good);
  new DataView(body.buffer).setUint32(0, 0xffffff, true);
  d = at(body);
  assert.deepEqual(codes(d.diagnostics), ['module-info-count-exceeds-body']);
  assert.equal(d.diagnostics[0]!.offset, 5000);
  assert.equal(d.records.length, 0);
});

test('unused record data is a warning, the record is still used', async () => {
  const body = encodeModuleInfo({ records: [{ kind: 1, ids: [0] }], requests: [], flags: 0, strings: ['a'] });
  // Claim two ids in the record data: insert one more id.
  const bytes = Uint8Array.from([...body.subarray(0, 8), 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...body.subarray(16)]);
  const d = decodeModuleInfo(bytes, 0);
  assert.equal(d.accepted, true);
  assert.deepEqual(codes(d.diagnostics), ['module-info-unused-record-data']);
  assert.equal(d.diagnostics[0]!.offset, 16);
});

test('PLMG: a version other than 2 is said plainly and not decoded; a bad magic likewise', async () => {
  const file = load('graph-1.4.5-esm.bin');
  const layout = await layoutOf(file);
  const blob = region(file, layout.prelinkedGraph!).bytes.slice();
  new DataView(blob.buffer).setUint32(4, 3, true);
  let g = decodePrelinkedGraph(blob, 100, null, null);
  assert.deepEqual(codes(g.diagnostics), ['plmg-unsupported-version']);
  assert.match(g.diagnostics[0]!.message, /version 3; this inspector reads version 2/);
  assert.equal(g.diagnostics[0]!.offset, 104);
  assert.equal(g.modules.length, 0);
  blob[0] = 0;
  g = decodePrelinkedGraph(blob, 100, null, null);
  assert.deepEqual(codes(g.diagnostics), ['plmg-bad-magic']);
});

test('PLMG: exports out of hash order, a wrong hash, a sid past the slots, a table past the blob, overlapping tables', async () => {
  const file = load('graph-1.4.5-esm.bin');
  const layout = await layoutOf(file);
  const base = layout.prelinkedGraph!.offset;
  const bst = decodeBytecodeStringTable(region(file, layout.bytecodeStringTable!).bytes, layout.bytecodeStringTable!.offset);
  const slots = decodeSlotTable(region(file, layout.slotTable!).bytes, layout.slotTable!.offset, bst);
  const fresh = () => region(file, layout.prelinkedGraph!).bytes.slice();
  const view = (b: Uint8Array) => new DataView(b.buffer);
  const exportsAt = (b: Uint8Array) => view(b).getUint32(44, true);
  // Swap the first two exports of module 0 (twice, default): out of order.
  let blob = fresh();
  const e = exportsAt(blob);
  const first = blob.slice(e, e + 24);
  blob.copyWithin(e, e + 24, e + 48);
  blob.set(first, e + 24);
  let g = decodePrelinkedGraph(blob, base, slots, null);
  assert.deepEqual(codes(g.diagnostics), ['plmg-not-sorted']);
  assert.equal(g.diagnostics[0]!.offset, base + e + 24 + 12);
  // A stored hash that is not the name's.
  blob = fresh();
  view(blob).setUint32(e + 12, 0x075082, true);
  g = decodePrelinkedGraph(blob, base, slots, null);
  assert.deepEqual(codes(g.diagnostics), ['plmg-hash-mismatch']);
  // A sid past the slot table.
  blob = fresh();
  view(blob).setUint32(e, 9, true);
  g = decodePrelinkedGraph(blob, base, slots, null);
  assert.ok(codes(g.diagnostics).includes('plmg-sid-out-of-range'));
  assert.equal(g.diagnostics.find((d) => d.code === 'plmg-sid-out-of-range')!.offset, base + e);
  // An export count past the blob.
  blob = fresh();
  view(blob).setUint32(24, 1000, true);
  g = decodePrelinkedGraph(blob, base, slots, null);
  assert.ok(codes(g.diagnostics).includes('plmg-table-exceeds-blob'));
  assert.equal(g.diagnostics.find((d) => d.code === 'plmg-table-exceeds-blob')!.offset, base + 24);
  // The import table moved into the module table.
  blob = fresh();
  view(blob).setUint32(20, 1, true);
  view(blob).setUint32(40, 64, true);
  g = decodePrelinkedGraph(blob, base, slots, null);
  assert.ok(codes(g.diagnostics).includes('plmg-tables-overlap'), codes(g.diagnostics).join());
});

test('PLMG module map: wrong length, index past the table, duplicates', async () => {
  const file = load('graph-1.4.5-esm.bin');
  const layout = await layoutOf(file);
  const slots = decodeSlotTable(region(file, layout.slotTable!).bytes, layout.slotTable!.offset, null);
  const blob = region(file, layout.prelinkedGraph!).bytes;
  const g = decodePrelinkedGraph(blob, 0, slots, { offset: 900, indices: [1, 1, 7], tableModuleCount: 2 });
  const map = g.diagnostics.filter((d) => d.code === 'plmg-module-map-mismatch');
  assert.deepEqual(
    map.map((d) => d.offset),
    [900, 900 + 8, 900 + 12],
  );
});
