import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  decodeBytecodeStringTable,
  decodeModuleInfo,
  decodeModuleInfoRecord,
  decodePrelinkedGraph,
  decodeSlotTable,
  type DecodedModuleInfo,
  type RecordDiagnostic,
} from '../../extension/bunRecord';
import { layoutOf, loadSample } from '../support/bunRecordLayout';
import { Prng } from '../support/prng';

const load = loadSample;

/** The next u32 of a seeded PRNG, so a failure can be replayed from its seed and iteration. */
function rng(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.u32();
}

const INTERESTING = [0, 1, 0xff, 0xffff, 0x7fffffff, 0xfffffffe, 0xffffffff, 0x10000];

/** Flips bytes or plants an extreme u32, 1–4 times. */
function mutate(bytes: Uint8Array, next: () => number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const n = 1 + (next() % 4);
  for (let k = 0; k < n && copy.length > 0; k++) {
    const at = next() % copy.length;
    if (next() % 2 === 0 || at + 4 > copy.length) copy[at] = next() & 0xff;
    else view.setUint32(at - (at % 4), INTERESTING[next() % INTERESTING.length]!, true);
  }
  return copy;
}

function assertInside(diagnostics: readonly RecordDiagnostic[], base: number, length: number, label: string): void {
  for (const d of diagnostics) {
    if (d.code.startsWith('record-')) continue; // source checks may point at the whole record or at contents
    assert.ok(d.offset >= base && d.offset + d.length <= base + length, `${label}: ${d.code} at ${d.offset}+${d.length} outside ${base}+${length}`);
    assert.ok(d.message.length > 0);
  }
}

interface Body {
  readonly label: string;
  readonly bytes: Uint8Array;
  readonly offset: number;
  readonly contents: { readonly text: string; readonly offset: number };
}

async function moduleInfoBodies(): Promise<Body[]> {
  const bodies: Body[] = [];
  for (const name of ['graph-1.3.9-esm.bin', 'graph-1.3.14-esm.bin']) {
    const file = load(name);
    for (const m of (await layoutOf(file)).modules) {
      const span = m.moduleInfo!;
      bodies.push({
        label: `${name} ${m.name}`,
        bytes: file.slice(span.offset, span.offset + span.length),
        offset: span.offset,
        contents: { text: new TextDecoder().decode(file.subarray(m.contents.offset, m.contents.offset + m.contents.length)), offset: m.contents.offset },
      });
    }
  }
  return bodies;
}

/**
 * Where a cut at `cut` must be reported: the first structural field (in reading order) whose guarded bytes run
 * past the cut — a count when its items do not fit, the field itself when it is cut, a string's length field.
 */
function expectedCutOffset(full: DecodedModuleInfo, base: number, cut: number): number {
  const parts: { at: number; end: number }[] = [];
  const kinds = full.kindCount!;
  const n = kinds.value;
  parts.push({ at: kinds.offset, end: kinds.offset + 4 + n });
  const padding = (4 - (n % 4)) % 4;
  parts.push({ at: kinds.offset + 4 + n, end: kinds.offset + 4 + n + padding });
  const data = full.recordDataCount!;
  parts.push({ at: data.offset, end: data.offset + 4 + 4 * data.value });
  const requests = full.requestCount!;
  parts.push({ at: requests.offset, end: requests.offset + 4 + 8 * requests.value });
  parts.push({ at: full.flags!.offset, end: full.flags!.offset + 4 });
  const strings = full.stringCount!;
  parts.push({ at: strings.offset, end: strings.offset + 4 + 4 * strings.value });
  for (const s of full.strings) parts.push({ at: s.lengthField.offset, end: s.offset + s.length });
  const part = parts.find((p) => p.end > base + cut);
  assert.ok(part, `cut ${cut} is past every part`);
  return part.at;
}

test('every truncation of every real module_info body: rejected, never thrown, reported at the field that was cut', async () => {
  for (const body of await moduleInfoBodies()) {
    const full = decodeModuleInfo(body.bytes, body.offset);
    assert.equal(full.accepted, true, body.label);
    for (let cut = 0; cut < body.bytes.length; cut++) {
      const d = decodeModuleInfo(body.bytes.subarray(0, cut), body.offset);
      const label = `${body.label} cut at ${cut}`;
      assert.equal(d.accepted, false, label);
      assertInside(d.diagnostics, body.offset, cut, label);
      const errors = d.diagnostics.filter((x) => x.severity === 'error');
      assert.ok(errors.length > 0, label);
      const expected = expectedCutOffset(full, body.offset, cut);
      assert.ok(
        errors.some((e) => e.offset === expected),
        `${label}: expected an error at ${expected}, got ${errors.map((e) => `${e.code}@${e.offset}`).join(', ')}`,
      );
      assert.match(errors[0]!.message, /parses the module's `contents` from source/);
      // A body Bun drops is not compared with the source.
      assert.equal(
        decodeModuleInfoRecord({ bytes: body.bytes.subarray(0, cut), offset: body.offset }, body.contents).diagnostics.some((x) => x.code.startsWith('record-')),
        false,
      );
    }
  }
});

test('mutation fuzz of module_info bodies: no throw, diagnostics inside the body, memory bounded by its size', async () => {
  const next = rng(0x9e3779b9);
  const bodies = await moduleInfoBodies();
  for (let i = 0; i < 3000; i++) {
    const body = bodies[i % bodies.length]!;
    const bytes = mutate(body.bytes, next);
    const label = `${body.label} iteration ${i}`;
    const result = decodeModuleInfoRecord({ bytes, offset: body.offset }, body.contents);
    assertInside(result.diagnostics, body.offset, bytes.length, label);
    const info = result.moduleInfo!;
    assert.ok(info.records.length + info.strings.length + info.requests.length <= bytes.length, label);
    if (!info.accepted)
      assert.ok(
        info.diagnostics.some((d) => d.severity === 'error'),
        `${label}: rejected without an error`,
      );
  }
});

async function graphTables() {
  const file = load('graph-1.4.5-esm.bin');
  const layout = await layoutOf(file);
  const cut = (t: { offset: number; length: number }) => ({ bytes: file.slice(t.offset, t.offset + t.length), offset: t.offset });
  return {
    file,
    layout,
    strings: cut(layout.bytecodeStringTable!),
    slots: cut(layout.slotTable!),
    plmg: cut(layout.prelinkedGraph!),
  };
}

test('every truncation of the prelinked graph: each table cut short is reported at its count', async () => {
  const { strings, slots, plmg } = await graphTables();
  const slotTable = decodeSlotTable(slots.bytes, slots.offset, decodeBytecodeStringTable(strings.bytes, strings.offset));
  const view = new DataView(plmg.bytes.buffer);
  const tables = [
    { count: 12, offset: 32, size: 40 },
    { count: 16, offset: 36, size: 16 },
    { count: 20, offset: 40, size: 24 },
    { count: 24, offset: 44, size: 24 },
    { count: 28, offset: 48, size: 4 },
  ];
  for (let cut = 0; cut < plmg.bytes.length; cut++) {
    const g = decodePrelinkedGraph(plmg.bytes.subarray(0, cut), plmg.offset, slotTable, null);
    assertInside(g.diagnostics, plmg.offset, cut, `cut at ${cut}`);
    if (cut < 64) {
      assert.deepEqual(
        g.diagnostics.map((d) => [d.code, d.offset]),
        [['plmg-truncated', plmg.offset]],
        `cut at ${cut}`,
      );
      continue;
    }
    const expected = tables
      .filter((t) => view.getUint32(t.count, true) > 0 && view.getUint32(t.offset, true) + view.getUint32(t.count, true) * t.size > cut)
      .map((t) => plmg.offset + t.count);
    const found = g.diagnostics.filter((d) => d.code === 'plmg-table-exceeds-blob').map((d) => d.offset);
    assert.deepEqual(found, expected, `cut at ${cut}`);
  }
});

test('every truncation of the string and slot tables: no throw, reported inside the table', async () => {
  const { strings, slots } = await graphTables();
  const full = decodeBytecodeStringTable(strings.bytes, strings.offset);
  // Past the last entry's characters only its zero padding is cut, which nothing reads.
  const lastChars = Math.max(...full.entries.map((e) => e!.dataOffset + e!.byteLength)) - strings.offset;
  for (let cut = 0; cut < strings.bytes.length; cut += 1) {
    const t = decodeBytecodeStringTable(strings.bytes.subarray(0, cut), strings.offset);
    assertInside(t.diagnostics, strings.offset, cut, `strings cut at ${cut}`);
    assert.equal(
      t.diagnostics.some((d) => d.severity === 'error'),
      cut < lastChars,
      `strings cut at ${cut}`,
    );
  }
  for (let cut = 0; cut < slots.bytes.length; cut++) {
    const s = decodeSlotTable(slots.bytes.subarray(0, cut), slots.offset, full);
    assertInside(s.diagnostics, slots.offset, cut, `slots cut at ${cut}`);
    assert.ok(
      s.diagnostics.some((d) => d.code === 'slot-table-truncated'),
      `slots cut at ${cut}`,
    );
  }
});

test('mutation fuzz of the prelinked graph, slot table and string table: no throw, diagnostics inside each table', async () => {
  const { strings, slots, plmg, layout } = await graphTables();
  const next = rng(0x2545f491);
  const map = { offset: layout.plmgModules!.offset, indices: layout.plmgModules!.indices, tableModuleCount: layout.modules.length };
  for (let i = 0; i < 1500; i++) {
    const which = i % 3;
    const s = which === 0 ? mutate(strings.bytes, next) : strings.bytes;
    const l = which === 1 ? mutate(slots.bytes, next) : slots.bytes;
    const p = which === 2 ? mutate(plmg.bytes, next) : plmg.bytes;
    const label = `iteration ${i}`;
    const st = decodeBytecodeStringTable(s, strings.offset);
    assertInside(st.diagnostics, strings.offset, s.length, label);
    const sl = decodeSlotTable(l, slots.offset, st);
    assertInside(sl.diagnostics, slots.offset, l.length, label);
    const g = decodePrelinkedGraph(p, plmg.offset, sl, map);
    for (const d of g.diagnostics) {
      const inBlob = d.offset >= plmg.offset && d.offset + d.length <= plmg.offset + p.length;
      const inMap = d.code === 'plmg-module-map-mismatch';
      assert.ok(inBlob || inMap, `${label}: ${d.code} at ${d.offset}`);
    }
    const entries = g.modules.reduce((n, m) => n + (m.parts.exports?.entries.length ?? 0) + (m.parts.imports?.entries.length ?? 0), 0);
    assert.ok(g.modules.length + entries <= p.length, label);
  }
});
