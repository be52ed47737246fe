import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { inspectArtifact } from '../../extension/artifact/inspect';
import { memorySource } from '../../extension/artifact/rangeReader';
import type { ExecutableFile } from '../../extension/bunExecutable/model';
import { extractSegments } from '../../extension/bunExecutable/extractPath';
import { sectionRegion, writeGraph, type TestGraph } from '../support/bunGraph';
import { Prng } from '../support/prng';

const SAMPLES = join(__dirname, '..', '..', 'samples', 'bun-artifacts');
const read = (path: string) => new Uint8Array(readFileSync(join(SAMPLES, path)));

async function executable(data: Uint8Array): Promise<ExecutableFile> {
  const { artifact } = await decodeArtifactFrom(memorySource(data));
  assert.equal(artifact.kind, 'executable', `expected an executable, got ${artifact.kind}`);
  return artifact as ExecutableFile;
}

/** The module names of the samples' apps, from the spec's sample table and the README of the samples. */
const REGIONS = [
  { file: 'graph-1.3.6-cjs.bin', graphLength: 3885, recordSize: 36, names: ['/$bunfs/root/app-cjs'], formats: ['cjs'], moduleInfo: false },
  {
    file: 'graph-1.3.9-esm.bin',
    graphLength: 10663,
    recordSize: 52,
    names: ['/$bunfs/root/app-esm', /^\/\$bunfs\/root\/entry-[a-z0-9]{8}\.js$/, /^\/\$bunfs\/root\/dyn-[a-z0-9]{8}\.js$/],
    formats: ['esm', 'esm', 'esm'],
    moduleInfo: true,
  },
  {
    file: 'graph-1.3.14-esm.bin',
    graphLength: 9863,
    recordSize: 52,
    names: ['/$bunfs/root/app-esm', '/$bunfs/root/entry-dstxaw65.js', '/$bunfs/root/dyn-g195nf8y.js'],
    formats: ['esm', 'esm', 'esm'],
    moduleInfo: true,
  },
  { file: 'graph-1.4.5-esm.bin', graphLength: 16176, recordSize: 52, names: ['/$bunfs/root/app-esm', '/$bunfs/root/dyn-6vdftshp.js'], formats: ['esm', 'esm'], moduleInfo: false },
] as const;

describe('module-graph regions cut out of real executables', () => {
  for (const r of REGIONS) {
    test(r.file, async () => {
      const data = read(r.file);
      const exe = await executable(data);
      assert.equal(exe.container.kind, 'trailer-search');
      assert.equal(exe.graph.length, r.graphLength);
      assert.equal(exe.recordSize, r.recordSize);
      assert.equal(exe.modules.length, r.names.length);
      exe.modules.forEach((m, i) => {
        const want = r.names[i]!;
        if (typeof want === 'string') assert.equal(m.nameText, want);
        else assert.match(m.nameText, want);
        assert.equal(m.format.name, r.formats[i]);
        assert.equal(m.loader.name, 'js');
        assert.ok(m.bytecode.present && m.bytecode.inBounds, `module ${i} has bytecode`);
        assert.equal(m.moduleInfo?.present ?? false, r.moduleInfo && m.format.name === 'esm');
      });
      assert.equal(exe.modules.filter((m) => m.isEntry).length, 1);
      assert.deepEqual(
        exe.diagnostics.filter((d) => d.severity !== 'info'),
        [],
      );
      // Each module's contents are the bundled source Bun marks with its pragma.
      const inspection = await inspectArtifact(memorySource(data));
      // Bun 1.3.x leaves `export * from "bun:ffi"` out of the entry's module_info (spec §4): info, since nothing
      // imports the entry point.
      assert.deepEqual(
        inspection.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
        [],
      );
      assert.equal(inspection.diagnostics.filter((d) => d.code === 'record-omits-star-export').length, r.moduleInfo ? 1 : 0);
      for (const m of exe.modules) {
        const contents = new TextDecoder().decode(data.subarray(m.contents.offset, m.contents.offset + m.contents.length));
        assert.match(contents, /^\/\/ @bun/, `${m.nameText} contents`);
        assert.equal(inspection.modules[m.index]?.jsc?.sourceLength, m.contents.length, 'the bytecode was compiled from these contents');
      }
    });
  }
  test('1.4.5: the optional tables end where the argv string starts, and name the PLMG module order', async () => {
    const exe = await executable(read('graph-1.4.5-esm.bin'));
    const t = exe.optional!;
    assert.deepEqual(exe.offsets.flags.names.includes('has_prelinked_module_graph'), true);
    assert.equal(t.sourceHashes?.values.length, 2);
    assert.equal(t.builtinBytecode?.entries.length, 1);
    assert.equal(t.builtinBytecode?.entries[0]?.internalId.value, 1);
    assert.equal(t.builtinBytecode?.entries[0]?.bytecode.length, 9888);
    assert.equal(t.prelinkedGraph?.length, 284);
    assert.deepEqual(t.prelinkedModuleOrder?.values, [0, 1]);
    assert.equal(t.moduleInfoSlotTable?.length, 4 + 9 * 4);
    assert.ok(!exe.diagnostics.some((d) => d.code === 'optional-tables-mismatch'));
  });
  test("1.4.5: the source hash table holds each module's contents hash; a changed contents byte is caught", async () => {
    const data = read('graph-1.4.5-esm.bin');
    assert.ok(!(await inspectArtifact(memorySource(data))).diagnostics.some((d) => d.code === 'source-hash-table-mismatch'));
    const exe = await executable(data);
    const changed = data.slice();
    changed[exe.modules[1]!.contents.offset + 20] ^= 0x20;
    const d = (await inspectArtifact(memorySource(changed))).diagnostics.filter((x) => x.code === 'source-hash-table-mismatch');
    assert.equal(d.length, 1);
    assert.equal(d[0]!.offset, exe.optional!.sourceHashes!.offset + 4);
  });
});

const APP: TestGraph = {
  modules: [
    { name: '/$bunfs/root/app', contents: '// @bun\nexport const a = 1;\n', bytecode: new Uint8Array(64).fill(7) },
    { name: '/$bunfs/root/chunk.js', contents: '// @bun\nexport const b = 2;\n', bytecode: new Uint8Array(32).fill(9) },
  ],
};

function patched(graph: TestGraph, patch: (view: DataView, layout: { tableOffset: number; offsetsAt: number }) => void): Uint8Array {
  const written = writeGraph(graph);
  const region = sectionRegion(written.graph);
  patch(new DataView(region.buffer, 8), written);
  return region;
}

describe('hostile graphs: every pointer is checked, nothing is trusted', () => {
  test('a synthetic graph decodes clean', async () => {
    const exe = await executable(sectionRegion(writeGraph(APP).graph));
    assert.deepEqual(
      exe.modules.map((m) => m.nameText),
      ['/$bunfs/root/app', '/$bunfs/root/chunk.js'],
    );
    assert.deepEqual(exe.diagnostics, []);
  });
  test('entry_point_id == count: accepted by 1.3.x, wrong', async () => {
    const exe = await executable(patched(APP, (v, l) => v.setUint32(l.offsetsAt + 16, 2, true)));
    const d = exe.diagnostics.find((x) => x.code === 'entry-point-out-of-range');
    assert.equal(d?.offset, 8 + writeGraph(APP).offsetsAt + 16);
    assert.match(d!.message, /Module not found ''/);
  });
  test('a contents pointer past the graph', async () => {
    const exe = await executable(patched(APP, (v, l) => v.setUint32(l.tableOffset + 52 + 8, 0x7fff0000, true)));
    const d = exe.diagnostics.find((x) => x.code === 'pointer-out-of-bounds');
    assert.equal(d?.offset, 8 + writeGraph(APP).tableOffset + 52 + 8);
    assert.match(d!.message, /does not range-check/);
  });
  test('two modules sharing bytes', async () => {
    const exe = await executable(
      patched(APP, (v, l) => {
        v.setUint32(l.tableOffset + 52 + 24, v.getUint32(l.tableOffset + 24, true), true);
      }),
    );
    assert.ok(exe.diagnostics.some((d) => d.code === 'pointer-overlap'));
  });
  test('bytecode not at 120 mod 128', async () => {
    const exe = await executable(patched(APP, (v, l) => v.setUint32(l.tableOffset + 24, v.getUint32(l.tableOffset + 24, true) + 1, true)));
    assert.ok(exe.diagnostics.some((d) => d.code === 'graph-bytecode-misaligned'));
  });
  test('a module table of no whole record size', async () => {
    const exe = await executable(patched(APP, (v, l) => v.setUint32(l.offsetsAt + 12, 100, true)));
    assert.ok(exe.diagnostics.some((d) => d.code === 'module-table-size'));
    assert.equal(exe.modules.length, 0);
  });
  test('a JavaScript module without bytecode', async () => {
    const exe = await executable(sectionRegion(writeGraph({ modules: [APP.modules[0]!, { name: '/$bunfs/root/x.js', contents: 'x' }] }).graph));
    assert.deepEqual(
      exe.diagnostics.map((d) => d.code),
      ['module-without-bytecode'],
    );
  });
  test('a name that climbs out of the extract folder stays inside it', () => {
    assert.deepEqual(extractSegments('/$bunfs/root/../../etc/passwd', 0), ['_dotdot_', '_dotdot_', 'etc', 'passwd']);
    assert.deepEqual(extractSegments('/$bunfs/root/a/./b\u0000c', 3), ['a', '_dot_', 'b_c']);
    assert.deepEqual(extractSegments('B:/~BUN/root/C:\\x\\y.js', 1), ['C_', 'x', 'y.js']);
    assert.deepEqual(extractSegments('', 4), ['module-4']);
    assert.deepEqual(extractSegments('/abs/olute', 0), ['abs', 'olute']);
  });
  test('every truncation of every cut region: no throw, and no module past the cut', async () => {
    for (const r of REGIONS) {
      const data = read(r.file);
      for (let n = 0; n <= data.length; n += n < 256 || data.length - n < 256 ? 1 : 97) {
        const { artifact } = await decodeArtifactFrom(memorySource(data.subarray(0, n)));
        if (artifact.kind === 'executable') {
          for (const m of artifact.modules) assert.ok(m.offset + m.length <= n, `${r.file} prefix ${n}`);
        }
      }
    }
  });
  test('mutation fuzz of the graph tail (Offsets record, module table, tables): no throw, bounded, diagnostics in the file', async () => {
    const rng = new Prng(0x9e37);
    const mutants = Number(process.env.BMES_FUZZ_MUTANTS ?? 2000) / 4;
    for (const r of REGIONS) {
      const data = read(r.file);
      const good = await executable(data);
      const hot = [good.offsets.offset, good.offsets.modules.offset, good.optional?.offset ?? good.offsets.offset].map((o) => Math.max(0, o - 64));
      for (let i = 0; i < mutants; i++) {
        const m = data.slice();
        for (let k = rng.int(1, 4); k > 0; k--) {
          const at = rng.bool(0.8) ? rng.pick(hot) + rng.int(0, 255) : rng.int(0, m.length - 1);
          if (at < m.length) m[at] = rng.bool(0.5) ? rng.int(0, 255) : m[at]! ^ (1 << rng.int(0, 7));
        }
        const inspection = await inspectArtifact(memorySource(m));
        for (const d of inspection.diagnostics) assert.ok(d.offset >= 0 && d.offset <= m.length, `${r.file} mutant ${i}: ${d.code} at ${d.offset}`);
        if (inspection.artifact.kind === 'executable') assert.ok(inspection.artifact.modules.length <= 100_000);
      }
    }
  });
});
