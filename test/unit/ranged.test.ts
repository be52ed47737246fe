/**
 * The ranged decoder reads the header, the metadata and the start of the bytecode, never the bytecode
 * itself, and gives the same result as decoding the whole buffer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeBmes, decodeBmesFrom, encodeBmes, toDump, type BmesRecordInput, type RangeSource } from '../../extension/bmes';
import { CountingSource, REAL, RICH_RECORD, concat, withU32 } from '../support/bmes';

const MB = 1024 * 1024;

/** A compact-layout bytecode of `size` bytes: the real ES module's header and payload, then zeros. */
function bigCompactBytecode(size: number): Uint8Array {
  const bytecode = new Uint8Array(size);
  bytecode.set(REAL.esm());
  return withU32(bytecode, 12, size); // the payload size now covers the whole section
}

async function compare(data: Uint8Array) {
  const source = new CountingSource(data);
  const ranged = await decodeBmesFrom(source);
  const whole = decodeBmes(data);
  assert.deepEqual(ranged.file, whole, 'the ranged decode equals the in-memory decode');
  assert.deepEqual(toDump(ranged.file), toDump(whole));
  assert.equal(ranged.bytesRead, source.bytesRead, 'bytesRead counts what the source served');
  return { ranged, whole, source };
}

describe('decodeBmesFrom', () => {
  test('a v3 file with 20 MB of bytecode reads a tiny part of it', async () => {
    const data = encodeBmes(RICH_RECORD, bigCompactBytecode(20 * MB));
    const { ranged, whole, source } = await compare(data);
    assert.ok(data.length > 20 * MB);
    assert.ok(ranged.bytesRead < 300 * 1024, `read ${ranged.bytesRead} bytes of ${data.length}`);
    assert.ok(source.reads < 20, `${source.reads} reads`);
    assert.equal(whole.jsc?.layout, 'compact');
    assert.equal(whole.jsc?.tag?.value, 1);
    assert.equal(whole.verdict.level, 'full');
    assert.deepEqual(
      whole.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
      [],
    );
  });

  test('version 1 and version 2 with 20 MB of bytecode', async () => {
    for (const version of [1, 2] as const) {
      const data = encodeBmes(RICH_RECORD, bigCompactBytecode(20 * MB), { version });
      const { ranged } = await compare(data);
      assert.ok(ranged.bytesRead < 300 * 1024, `version ${version}: read ${ranged.bytesRead} bytes`);
    }
  });

  test('a large metadata section is read in growing chunks, about once', async () => {
    const exports = Array.from({ length: 30_000 }, (_, i) => ({
      type: 0,
      exportName: `export_${i}`,
      moduleName: '',
      importName: '',
      localName: `local_${i}`,
    }));
    const record: BmesRecordInput = {
      ...RICH_RECORD,
      exportEntries: exports,
      declaredVariables: exports.map((e) => ({ name: e.localName, bits: 0x14 })),
    };
    const data = encodeBmes(record, bigCompactBytecode(20 * MB));
    const metadataSize = data.length - 20 * MB;
    assert.ok(metadataSize > MB, `metadata is ${metadataSize} bytes`);
    const { ranged, source } = await compare(data);
    assert.ok(ranged.bytesRead < 2 * metadataSize + 256 * 1024, `read ${ranged.bytesRead} for ${metadataSize} bytes of metadata`);
    // About 28 pages of metadata: read ahead in doubling runs, that is a handful of reads, not one per page.
    const pages = Math.ceil(metadataSize / 65536);
    assert.ok(source.reads <= Math.ceil(Math.log2(pages)) + 4, `${source.reads} reads for ${pages} pages`);
  });

  test('the real payloads, bare and wrapped, and damaged files decode the same', async () => {
    const inputs = [
      REAL.classic(),
      REAL.compactCjsSidecar(),
      REAL.esm(),
      encodeBmes(RICH_RECORD, REAL.classic()),
      encodeBmes(RICH_RECORD, REAL.compactCjsSidecar()),
      withU32(encodeBmes(RICH_RECORD, REAL.esm()), 0x10, 0xffffffff),
      encodeBmes(RICH_RECORD, REAL.esm()).subarray(0, 100),
      concat(encodeBmes(RICH_RECORD, REAL.esm()), new Uint8Array(70_000)),
      new Uint8Array(0),
      new Uint8Array(3),
    ];
    for (const data of inputs) await compare(data);
  });

  test('a file whose size is a multiple of the page size', async () => {
    const head = encodeBmes(RICH_RECORD, new Uint8Array(0)).length;
    const data = encodeBmes(RICH_RECORD, new Uint8Array(2 * 65536 - head));
    assert.equal(data.length % 65536, 0);
    await compare(data);
    await compare(data.subarray(0, 65536));
  });

  test('a failing source rejects instead of returning a decode', async () => {
    const failing: RangeSource = {
      size: 1000,
      read: async () => {
        throw new Error('disk on fire');
      },
    };
    await assert.rejects(decodeBmesFrom(failing), /disk on fire/);
  });
});

const PAGE = 64 * 1024;

/**
 * Walks two decodes side by side and compares them value by value, naming the path of the first difference; every
 * value with a span (offset and length) is compared with its span. Returns the spans seen, for the caller to check
 * what straddled a page edge.
 */
function compareFields(ranged: unknown, memory: unknown, path: string, spans: { path: string; offset: number; length: number; kind: string }[]): void {
  if (typeof memory !== 'object' || memory === null) {
    assert.deepEqual(ranged, memory, path);
    return;
  }
  assert.equal(typeof ranged, 'object', path);
  if (ArrayBuffer.isView(memory)) {
    assert.deepEqual(ranged, memory, path);
    return;
  }
  const m = memory as Record<string, unknown>;
  const r = ranged as Record<string, unknown>;
  assert.deepEqual(Object.keys(r).sort(), Object.keys(m).sort(), `${path}: keys`);
  if (typeof m['offset'] === 'number' && typeof m['length'] === 'number') {
    assert.equal(r['offset'], m['offset'], `${path}.offset`);
    assert.equal(r['length'], m['length'], `${path}.length`);
    const kind = 'dataOffset' in m ? 'string' : 'index' in m ? 'record' : 'value' in m && m['length'] === 4 ? 'u32' : 'span';
    spans.push({ path, offset: m['offset'], length: m['length'], kind });
  }
  for (const key of Object.keys(m)) compareFields(r[key], m[key], `${path}.${key}`, spans);
}

describe('the ranged reader at 64 KiB page edges', () => {
  // A filler specifier shifts everything after it one byte at a time across the edge, so that a count (u32), a
  // string and a record each straddle it in some file; every field of each is compared with the in-memory decode.
  for (const edge of [PAGE, 2 * PAGE]) {
    test(`the fields around offset ${edge}: u32, string and record straddling the edge, spans included`, async () => {
      const straddled = new Set<string>();
      for (let shift = 0; shift < 48; shift++) {
        const filler = 'f'.repeat(edge - 0x40 + shift);
        const record: BmesRecordInput = {
          ...RICH_RECORD,
          requestedModules: [{ specifier: filler, attributes: null }, ...RICH_RECORD.requestedModules],
        };
        const data = encodeBmes(record, REAL.esm());
        const source = new CountingSource(data);
        const ranged = await decodeBmesFrom(source);
        const memory = decodeBmes(data);
        const spans: { path: string; offset: number; length: number; kind: string }[] = [];
        compareFields(ranged.file, memory, `shift ${shift}: file`, spans);
        for (const s of spans) if (s.offset < edge && s.offset + s.length > edge && s.length < 4096) straddled.add(s.kind);
        assert.ok(source.reads >= 2, 'the metadata spans more than one page');
      }
      assert.deepEqual([...straddled].filter((k) => k !== 'span').sort(), ['record', 'string', 'u32']);
    });
  }
});
