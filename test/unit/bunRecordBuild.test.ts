import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeModuleInfoRecord, decodeSharedTables, graphModuleRecord, type ModuleRecordResult } from '../../extension/bunRecord';
import { bunSupported as supported, releasedBun } from '../support/bunBuild';
import { layoutOf } from '../support/bunRecordLayout';

// REAL released Buns from npm (test/support/bunBuild.ts installs them into the ignored .cache/bun/): 1.3.14 writes
// per-module module_info bodies, 1.4.5 the shared tables and the prelinked graph (spec §4, §5).

/** Several modules, a dynamic import, star re-exports (bundled and external), a namespace re-export, top-level await. */
const SOURCES: Readonly<Record<string, string>> = {
  'entry.js': [
    'import greet, { answer } from "./lib.js";',
    'import * as shapes from "./shapes.js";',
    'export * from "./util.js";',
    'export * from "bun:ffi";',
    'export { answer, shapes };',
    'export { area as surface } from "./shapes.js";',
    'export default function main() { return greet("bun"); }',
    'const dyn = await import("./dyn.js");',
    'console.log(main(), answer, shapes.area(2), dyn.late());',
  ].join('\n'),
  'lib.js': 'export const answer = 42;\nexport default function greet(who) { return "hello " + who; }\n',
  'util.js': 'export function twice(x) { return x * 2; }\nexport const PI2 = 6.28;\n',
  'shapes.js': 'export function area(r) { return 3 * r * r; }\n',
  // Importing lib.js from the dynamic module too makes lib.js a shared chunk: imports across graph modules.
  'dyn.js': 'import { answer } from "./lib.js";\nexport function late() { return answer === 42 ? "dynamic" : "wrong"; }\n',
};
const OUTPUT = 'hello bun 42 12 dynamic';

function build(bun: string, sources: Readonly<Record<string, string>> = SOURCES, output = OUTPUT): { folder: string; executable: string } {
  const folder = mkdtempSync(join(tmpdir(), 'bmes-bun-records-'));
  for (const [name, text] of Object.entries(sources)) writeFileSync(join(folder, name), text);
  const result = spawnSync(bun, ['build', '--compile', '--bytecode', '--format=esm', '--splitting', 'entry.js', '--outfile', 'app'], {
    cwd: folder,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `bun build failed:\n${result.stderr}`);
  const run = spawnSync(join(folder, 'app'), [], { cwd: folder, encoding: 'utf8' });
  assert.equal(run.stdout.trim(), output, run.stderr);
  return { folder, executable: join(folder, 'app') };
}

interface Found {
  readonly name: string;
  readonly record: ModuleRecordResult;
}

async function sharedOf(file: Uint8Array) {
  const layout = await layoutOf(file);
  const region = (t: { offset: number; length: number }) => ({ bytes: file.subarray(t.offset, t.offset + t.length), offset: t.offset });
  const shared = layout.prelinkedGraph
    ? decodeSharedTables({
        stringTable: layout.bytecodeStringTable && region(layout.bytecodeStringTable),
        slotTable: layout.slotTable && region(layout.slotTable),
        prelinkedGraph: region(layout.prelinkedGraph),
        moduleOrder: layout.plmgModules && { offset: layout.plmgModules.offset, values: layout.plmgModules.indices },
        tableModuleCount: layout.modules.length,
      })
    : null;
  return { layout, region, shared };
}

async function recordsOf(file: Uint8Array): Promise<Found[]> {
  const { layout, region, shared } = await sharedOf(file);
  if (shared) assert.deepEqual(shared.diagnostics, []);
  return layout.modules.map((m, i) => {
    assert.equal(m.format, 'esm', `${m.name} is an ES module`);
    const contents = { text: new TextDecoder().decode(file.subarray(m.contents.offset, m.contents.offset + m.contents.length)), offset: m.contents.offset, isEntry: m.isEntry };
    const record = m.moduleInfo ? decodeModuleInfoRecord(region(m.moduleInfo), contents) : shared ? graphModuleRecord(shared, i, contents, m.name) : null;
    assert.ok(record, `${m.name} has a record`);
    return { name: m.name, record };
  });
}

function exportNames(found: Found): string[] {
  return (found.record.parts.exports?.entries ?? []).map((e) => e.exportName.value).sort();
}

/** What the build was given, as the bundle exposes it: the entry's names (util.js inlined), dyn.js's `late`. */
function checkAgainstSources(found: Found[], store: 'module_info' | 'prelinked-graph'): void {
  for (const f of found) {
    assert.equal(f.record.store, store, f.name);
    assert.equal(f.record.accepted, true, f.name);
    const errors = f.record.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => `${d.code}: ${d.message}`),
      [],
      f.name,
    );
  }
  const entry = found.find((f) => f.name === '/$bunfs/root/app')!;
  assert.deepEqual(exportNames(entry), ['PI2', 'answer', 'default', 'shapes', 'surface', 'twice']);
  const dyn = found.find((f) => /\/dyn-[^/]+\.js$/.test(f.name))!;
  assert.deepEqual(exportNames(dyn), ['late']);
  // The entry's record has the top-level await (1.3.14 and 1.4.5 both set it).
  assert.equal(entry.record.parts.flags?.hasTopLevelAwait, true);
}

test('Bun 1.3.14 build: every module_info matches its contents, only export * from "bun:ffi" left out (the runtime)', { skip: !supported }, async () => {
  const { folder, executable } = build(releasedBun('1.3.14'));
  try {
    const found = await recordsOf(new Uint8Array(readFileSync(executable)));
    checkAgainstSources(found, 'module_info');
    assert.deepEqual(
      found.flatMap((f) => f.record.diagnostics.filter((d) => d.severity === 'warning')),
      [],
    );
    // The omission is on the entry point, which nothing imports: info, saying so.
    const omitted = found.flatMap((f) => f.record.diagnostics.filter((d) => d.code === 'record-omits-star-export'));
    assert.deepEqual(
      omitted.map((d) => d.severity),
      ['info'],
    );
    assert.match(omitted[0]!.message, /"bun:ffi".*entry point/);
    const entry = found.find((f) => f.name === '/$bunfs/root/app')!;
    assert.deepEqual(entry.record.parts.starExports?.entries, []);
    assert.ok((entry.record.record.declaredVariables?.rowCount ?? 0) > 0, 'module_info has variables');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('Bun 1.4.5 build: the prelinked graph holds every module, each matches its contents, export * from "bun:ffi" kept', { skip: !supported }, async () => {
  const { folder, executable } = build(releasedBun('1.4.5'));
  try {
    const found = await recordsOf(new Uint8Array(readFileSync(executable)));
    checkAgainstSources(found, 'prelinked-graph');
    assert.deepEqual(
      found.flatMap((f) => f.record.diagnostics),
      [],
    );
    const entry = found.find((f) => f.name === '/$bunfs/root/app')!;
    assert.deepEqual(
      entry.record.parts.starExports?.entries.map((s) => s.module.value),
      ['bun:ffi'],
    );
    assert.equal(entry.record.record.declaredVariables, null, 'the graph stores no variables');
    // lib.js became a shared chunk: the dynamic module imports `answer` from it, pre-resolved by the bundler.
    const file = new Uint8Array(readFileSync(executable));
    const { shared } = await sharedOf(file);
    const graph = shared!.graph;
    const importer = graph.modules.find((m) => (m.parts.imports?.entries.length ?? 0) > 0 && /dyn-/.test(m.key.value));
    assert.ok(importer, 'the dynamic module imports across chunks');
    assert.equal(importer.importResolutions[0]!.kind, 'binding');
    // Point that binding at another local (sid 0): the graph check catches what JavaScriptCore would use silently.
    const resolvedLocal = importer.importResolutions[0]!.local;
    const patched = file.slice();
    const other = resolvedLocal.id === 0 ? 1 : 0;
    new DataView(patched.buffer).setUint32(resolvedLocal.offset, other, true);
    const wrong = (await sharedOf(patched)).shared!;
    assert.deepEqual(
      wrong.diagnostics.map((d) => [d.code, d.offset]),
      [['plmg-resolution-mismatch', resolvedLocal.offset - 4]],
    );
    assert.match(wrong.diagnostics[0]!.message, /reads the wrong variable/);
    // Point a request at the wrong graph module.
    const request = importer.parts.requests!.entries[0]!;
    const moved = file.slice();
    new DataView(moved.buffer).setUint32(request.offset + 4, importer.index, true);
    const misrouted = (await sharedOf(moved)).shared!;
    assert.ok(misrouted.diagnostics.some((d) => d.code === 'plmg-request-target-mismatch' && d.offset === request.offset + 4));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('Bun 1.3.14 drops export * from "bun:ffi" of a dynamically imported module: the program sees it, so does the check', { skip: !supported }, async () => {
  const sources = {
    'entry.js': 'const dyn = await import("./dyn.js");\nconsole.log(typeof dyn.dlopen, typeof dyn.late);\n',
    'dyn.js': 'export * from "bun:ffi";\nexport function late() { return 1; }\n',
  };
  // From source the namespace has dlopen; the 1.3.14 executable's does not, because its module_info lacks the star export.
  const { folder, executable } = build(releasedBun('1.3.14'), sources, 'undefined function');
  try {
    const found = await recordsOf(new Uint8Array(readFileSync(executable)));
    const dyn = found.find((f) => /\/dyn-[^/]+\.js$/.test(f.name))!;
    const omission = dyn.record.diagnostics.filter((d) => d.code === 'record-omits-star-export');
    assert.equal(omission.length, 1);
    assert.equal(omission[0]!.severity, 'warning', 'not the entry point: its importers lose the names');
    assert.match(omission[0]!.message, /"bun:ffi"/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
