import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeModuleInfoRecord, decodeSharedTables, graphModuleRecord, sourceRecordOf } from '../../extension/bunRecord';
import { contentsOf, layoutOf, loadSample, regionOf } from '../support/bunRecordLayout';
import { encodeModuleInfo, NONE } from './moduleInfoBytes';

const load = loadSample;
const region = regionOf;
const text = contentsOf;

test('the source record follows JavaScriptCore: requests in order, re-exported imports are indirect', async () => {
  const result = sourceRecordOf(
    [
      'import a, { b as c } from "./x.js";',
      'import * as ns from "./y.js";',
      'export { c, ns as space, d as e };',
      'export { f as "g h" } from "./z.js";',
      'export * from "./x.js";',
      'export * as all from "./w.js";',
      'export const [p, { q }] = [1, { q: 2 }];',
      'export default function main() {}',
      'var d = await import("./dynamic.js");',
    ].join('\n'),
  );
  assert.ok(result.ok);
  const r = result.record;
  assert.deepEqual(
    r.requests.map((q) => [q.specifier, q.onlyStarExports]),
    [
      ['./x.js', false],
      ['./y.js', false],
      ['./z.js', false],
      ['./w.js', false],
    ],
  );
  assert.deepEqual(
    r.imports.map((i) => [i.kind, i.module, i.importName, i.localName]),
    [
      ['single', './x.js', 'default', 'a'],
      ['single', './x.js', 'b', 'c'],
      ['namespace', './y.js', '*namespace*', 'ns'],
    ],
  );
  assert.deepEqual(
    r.exports.map((e) => [e.exportName, e.kind, e.localName ?? e.importName, e.module]),
    [
      ['c', 'indirect', 'b', './x.js'],
      ['space', 'namespace', null, './y.js'],
      ['e', 'local', 'd', null],
      ['g h', 'indirect', 'f', './z.js'],
      ['all', 'namespace', null, './w.js'],
      ['p', 'local', 'p', null],
      ['q', 'local', 'q', null],
      ['default', 'local', 'main', null],
    ],
  );
  assert.deepEqual(
    r.starExports.map((s) => s.module),
    ['./x.js'],
  );
  const anonymous = sourceRecordOf('export default 42;');
  assert.ok(anonymous.ok);
  assert.equal(anonymous.record.exports[0]!.localName, '*default*');
});

test('a module_info whose export was renamed (bytes patched) is caught with the binding named', async () => {
  const file = load('graph-1.3.14-esm.bin').slice();
  const layout = await layoutOf(file);
  const dyn = layout.modules[2]!;
  const body = region(file, dyn.moduleInfo!);
  const at = body.bytes.length - new TextEncoder().encode('late/$bunfs/root/entry-dstxaw65.js').length;
  assert.equal(new TextDecoder().decode(body.bytes.subarray(at, at + 4)), 'late');
  body.bytes[at + 1] = 'b'.charCodeAt(0);
  const contents = text(file, dyn.contents);
  const result = decodeModuleInfoRecord(body, contents);
  assert.equal(result.accepted, true, 'the body still parses: Bun would trust it');
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => d.code),
    ['record-renamed-export'],
  );
  const renamed = errors[0]!;
  assert.match(renamed.message, /`late` is exported under another name/);
  assert.match(renamed.message, /`lbte`/);
  assert.match(renamed.message, /TypeError/);
  // The record's bytes: the export name's StringID, the first id of the export_info_local record.
  const exportName = result.parts.exports!.entries[0]!.exportName;
  assert.equal(renamed.offset, exportName.offset);
  assert.equal(renamed.length, 4);
  // The source position: the `late` of the export clause.
  const lines = contents.text.split('\n');
  assert.equal(lines[renamed.source!.line - 1]!.slice(renamed.source!.column).startsWith('late'), true);
  assert.equal(renamed.source!.fileOffset, dyn.contents.offset + contents.text.lastIndexOf('late'));
});

test('a prelinked graph whose export sid was changed is caught the same way', async () => {
  const file = load('graph-1.4.5-esm.bin').slice();
  const layout = await layoutOf(file);
  const blob = region(file, layout.prelinkedGraph!).bytes;
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const exportsAt = view.getUint32(44, true);
  const lastExport = exportsAt + 4 * 24;
  assert.equal(view.getUint32(lastExport, true), 6, 'sid of `late`');
  view.setUint32(lastExport, 5, true); // `twice`, as the spec's experiment did
  const tables = decodeSharedTables({
    stringTable: region(file, layout.bytecodeStringTable!),
    slotTable: region(file, layout.slotTable!),
    prelinkedGraph: region(file, layout.prelinkedGraph!),
    moduleOrder: { offset: layout.plmgModules!.offset, values: layout.plmgModules!.indices },
    tableModuleCount: layout.modules.length,
  });
  // The stored hash is still late's, which the graph check sees.
  assert.deepEqual(
    tables.diagnostics.map((d) => d.code),
    ['plmg-hash-mismatch'],
  );
  const dyn = graphModuleRecord(tables, 1, text(file, layout.modules[1]!.contents));
  assert.deepEqual(
    dyn?.diagnostics.map((d) => d.code),
    ['record-renamed-export'],
  );
  assert.match(dyn!.diagnostics[0]!.message, /`late` is exported under another name/);
  assert.equal(dyn!.diagnostics[0]!.offset, layout.prelinkedGraph!.offset + lastExport);
});

test('requests, imports and star exports that disagree with contents are errors naming the binding', async () => {
  const contents = {
    text: 'import { x as y } from "./m.js";\nexport * from "./s.js";\nexport { y };\n',
    offset: 2000,
  };
  // The record: x imported from the wrong module, an extra request, no star export of ./s.js.
  const body = encodeModuleInfo({
    records: [
      { kind: 2, ids: [3, 0, 1] },
      { kind: 5, ids: [1, 0, 2] },
    ],
    requests: [
      { specifier: 2, fetch: NONE },
      { specifier: 3, fetch: NONE },
    ],
    flags: 0,
    strings: ['x', 'y', './m.js', './other.js'],
  });
  const result = decodeModuleInfoRecord({ bytes: body, offset: 0 }, contents);
  const byCode = new Map(result.diagnostics.map((d) => [d.code, d]));
  assert.ok(byCode.get('record-import-mismatch')?.message.includes('`y`'));
  assert.equal(byCode.get('record-import-mismatch')?.source?.line, 1);
  assert.ok(byCode.get('record-extra-request')?.message.includes('"./other.js"'));
  // `export { y }` of the imported y is the indirect export the record has.
  assert.equal(byCode.has('record-export-mismatch'), false);
  // module_info is 1.3.x: the star export's absence is the runtime's known omission, a warning.
  assert.equal(byCode.get('record-omits-star-export')?.severity, 'warning');
  assert.equal(byCode.get('record-omits-star-export')?.source?.line, 2);
  assert.equal(byCode.get('record-omits-star-export')?.source?.fileOffset, 2000 + contents.text.indexOf('export *'));
});

test('contents that do not parse: the comparison is skipped and says so', async () => {
  const body = encodeModuleInfo({ records: [], requests: [], flags: 0, strings: [] });
  const result = decodeModuleInfoRecord({ bytes: body, offset: 0 }, { text: 'export {', offset: 10 });
  assert.deepEqual(
    result.diagnostics.map((d) => d.code),
    ['record-source-unparsable'],
  );
  // At the token the parser stopped on, the `{` or the end right after it.
  const at = result.diagnostics[0]!.source!.fileOffset;
  assert.ok(at >= 10 + 7 && at <= 10 + 8, String(at));
});

test('source positions count UTF-8 bytes for the file offset and characters for the column', async () => {
  const contents = { text: '// é ☃ 😀\nexport const late = 1;\n', offset: 0 };
  const body = encodeModuleInfo({ records: [], requests: [], flags: 0, strings: [] });
  const result = decodeModuleInfoRecord({ bytes: body, offset: 0 }, contents);
  const missing = result.diagnostics.find((d) => d.code === 'record-missing-export')!;
  const bytes = new TextEncoder().encode(contents.text);
  assert.equal(new TextDecoder().decode(bytes.subarray(missing.source!.offset, missing.source!.offset + 6)), 'export');
  assert.equal(missing.source!.line, 2);
  assert.equal(missing.source!.column, 0);
});
