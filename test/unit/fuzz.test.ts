/**
 * Mutation fuzzing with a fixed seed: valid v1/v2/v3 files and the real payloads, damaged by bit flips,
 * extreme u32s (especially counts, lengths and header fields), truncation, insertion, deletion and splicing.
 * The decoder must never throw, never report an internal error, keep every diagnostic within the contract,
 * keep memory bounded by the file, and finish each input quickly. A subset also goes through the ranged
 * decoder, which must agree with the in-memory one.
 *
 * BMES_FUZZ_MUTANTS sets the number of mutants (default 20,000); BMES_FUZZ_SEED the seed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIAGNOSTIC_CODES, decodeBmes, decodeBmesFrom, encodeBmes, sourceKeyOfFile, type BmesFile, type DecodeOptions, type Span } from '../../extension/bmes';
import { Prng } from '../support/prng';
import { CountingSource, HAND_V3, REAL, RICH_RECORD, opaqueBytecode, randomRecord } from '../support/bmes';

const MUTANTS = Number(process.env.BMES_FUZZ_MUTANTS ?? 20_000);
const SEED = Number(process.env.BMES_FUZZ_SEED ?? 0xb3e5f022);
const RANGED_EVERY = 16;
/**
 * Hang detection without a clock (speed is `npm run bench`'s business): a ranged decode may make at most this many
 * reads, and read each byte of the file at most about twice, plus a page for the read-ahead.
 */
const MAX_READS = 64;
const readBudget = (size: number) => 2 * size + 2 * 64 * 1024;
const OPTIONS: DecodeOptions = { expectedJscVersion: 0xf1f0ed26, source: sourceKeyOfFile(REAL.classicSource()) };
const SEVERITIES = new Set(['error', 'warning', 'info']);
const VERDICTS = new Set(['full', 'bytecode-only', 'record-only', 'none']);
/** Codes whose severity depends on the case (contract): all others must use their table severity. */
const TWO_SEVERITIES: Record<string, readonly string[]> = {
  'legacy-version': ['error', 'warning'],
  'unknown-variable-bits': ['warning', 'info'],
};

function baseInputs(): { name: string; bytes: Uint8Array }[] {
  const rng = new Prng(SEED ^ 0x1234);
  const bases: { name: string; bytes: Uint8Array }[] = [];
  for (const version of [1, 2, 3] as const) {
    bases.push({ name: `rich v${version}`, bytes: encodeBmes(RICH_RECORD, opaqueBytecode(48), { version }) });
    bases.push({ name: `rich v${version} + pairs`, bytes: encodeBmes(RICH_RECORD, opaqueBytecode(16), { version, writeAttributePairs: true }) });
    bases.push({ name: `random v${version}`, bytes: encodeBmes(randomRecord(rng, 4), rng.bytes(24), { version }) });
  }
  bases.push({ name: 'hand v3', bytes: HAND_V3 });
  bases.push({ name: 'v3 classic', bytes: encodeBmes(RICH_RECORD, REAL.classic()) });
  bases.push({ name: 'v3 compact cjs', bytes: encodeBmes(RICH_RECORD, REAL.compactCjs()) });
  bases.push({ name: 'v3 sidecar', bytes: encodeBmes(RICH_RECORD, REAL.compactCjsSidecar()) });
  bases.push({ name: 'v3 esm', bytes: encodeBmes(RICH_RECORD, REAL.esm()) });
  bases.push({ name: 'v2 esm', bytes: encodeBmes(RICH_RECORD, REAL.esm(), { version: 2 }) });
  bases.push({ name: 'v1 classic', bytes: encodeBmes(RICH_RECORD, REAL.classic(), { version: 1 }) });
  // Larger than the ranged decoder's 64 KB page, in the metadata and in the bytecode.
  const many = Array.from({ length: 2500 }, (_, i) => ({
    type: i % 3,
    exportName: `e${i}`,
    moduleName: i % 3 ? './a.js' : '',
    importName: i % 3 === 1 ? `i${i}` : '',
    localName: i % 3 ? '' : `l${i}`,
  }));
  const bigBytecode = new Uint8Array(70_000);
  bigBytecode.set(REAL.esm());
  bases.push({
    name: 'v3 large',
    bytes: encodeBmes({ ...RICH_RECORD, exportEntries: many, declaredVariables: many.map((e) => ({ name: e.localName, bits: 4 })) }, bigBytecode),
  });
  bases.push({ name: 'bare classic', bytes: REAL.classic() });
  bases.push({ name: 'bare sidecar', bytes: REAL.compactCjsSidecar() });
  bases.push({ name: 'bare esm', bytes: REAL.esm() });
  return bases;
}

/** Offsets of every u32 field and string length field the decoder found: the values worth corrupting. */
function fieldOffsets(file: BmesFile): number[] {
  const offsets = new Set<number>([4, 8, 12, 16]);
  const seen = new Set<object>();
  const walk = (value: unknown) => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const v = value as Record<string, unknown>;
    if (typeof v.offset === 'number' && v.length === 4 && typeof v.value === 'number') offsets.add(v.offset);
    if (typeof v.offset === 'number' && typeof v.dataOffset === 'number') offsets.add(v.offset);
    if (typeof v.offset === 'number' && 'count' in v) offsets.add(v.offset);
    for (const child of Object.values(v)) walk(child);
  };
  const { diagnostics: _d, verdict: _v, ...fields } = file;
  walk(fields);
  return [...offsets].sort((a, b) => a - b);
}

class Mutator {
  constructor(
    private readonly rng: Prng,
    private readonly bases: readonly { bytes: Uint8Array; fields: number[] }[],
  ) {}

  mutate(input: Uint8Array, fields: number[]): Uint8Array {
    let data: Uint8Array = input.slice();
    const steps = this.rng.int(1, 4);
    for (let s = 0; s < steps; s++) data = this.step(data, fields);
    return data;
  }

  private interestingU32(data: Uint8Array, at: number): number {
    const r = this.rng;
    const size = data.length;
    const current = at + 4 <= size ? new DataView(data.buffer, data.byteOffset).getUint32(at, true) : 0;
    return (
      r.pick([
        0,
        0xffffffff,
        r.u32(),
        size,
        size - at,
        size - at - 4,
        size - at - 8,
        size + 1,
        0x7fffffff,
        0x80000000,
        0xfffffff8,
        0x10,
        r.int(0, 16),
        current + 1,
        current - 1,
        current * 2,
        r.int(0, size),
      ]) >>> 0
    );
  }

  private step(data: Uint8Array, fields: number[]): Uint8Array {
    const r = this.rng;
    const size = data.length;
    const pos = () => r.int(0, Math.max(0, size - 1));
    switch (r.int(0, 9)) {
      case 0: // flip bits
      case 1: {
        if (size === 0) return data;
        for (let n = r.int(1, 8); n > 0; n--) data[pos()]! ^= 1 << r.int(0, 7);
        return data;
      }
      case 2: // an extreme or near-size u32 in a field the decoder reads (or anywhere)
      case 3:
      case 4: {
        const candidates = fields.filter((f) => f + 4 <= size);
        const at = candidates.length > 0 && r.bool(0.8) ? r.pick(candidates) : r.int(0, Math.max(0, size - 4));
        if (at + 4 > size) return data;
        new DataView(data.buffer, data.byteOffset).setUint32(at, this.interestingU32(data, at), true);
        return data;
      }
      case 5: // truncate
        return data.slice(0, r.int(0, size));
      case 6: {
        // insert random bytes
        const at = r.int(0, size);
        const chunk = r.bool(0.5) ? r.bytes(r.int(1, 32)) : new Uint8Array(r.int(1, 16)).fill(r.pick([0, 0xff]));
        return concatBytes(data.subarray(0, at), chunk, data.subarray(at));
      }
      case 7: {
        // delete a range
        const at = r.int(0, size);
        return concatBytes(data.subarray(0, at), data.subarray(Math.min(size, at + r.int(1, 32))));
      }
      case 8: {
        // splice: our head, another input's tail (or a chunk of it)
        const other = r.pick(this.bases).bytes;
        const at = r.int(0, size);
        const from = r.int(0, other.length);
        const tail = r.bool(0.5) ? other.subarray(from) : other.subarray(from, from + r.int(1, 64));
        return concatBytes(data.subarray(0, at), tail, r.bool(0.5) ? data.subarray(at) : new Uint8Array(0));
      }
      default: {
        // set single bytes to boundary values
        if (size === 0) return data;
        for (let n = r.int(1, 4); n > 0; n--) data[pos()] = r.pick([0x00, 0xff, 0x80, 0x7f, 0xc0, 0xed]);
        return data;
      }
    }
  }
}

function concatBytes(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function checkInvariants(file: BmesFile, size: number, where: string): void {
  assert.equal(file.size, size, where);
  for (const d of file.diagnostics) {
    const what = `${where}: ${d.code} @${d.offset}+${d.length}`;
    assert.notEqual(d.code, 'internal-error', `${where}: ${d.message}`);
    assert.ok(Object.hasOwn(DIAGNOSTIC_CODES, d.code), `${what}: unknown code`);
    assert.ok(SEVERITIES.has(d.severity), `${what}: severity ${d.severity}`);
    const allowed = TWO_SEVERITIES[d.code] ?? [DIAGNOSTIC_CODES[d.code as keyof typeof DIAGNOSTIC_CODES]];
    assert.ok(allowed.includes(d.severity), `${what}: severity ${d.severity}, expected ${allowed.join(' or ')}`);
    assert.ok(Number.isInteger(d.offset) && d.offset >= 0, `${what}: offset`);
    assert.ok(Number.isInteger(d.length) && d.length >= 0, `${what}: length`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `${what}: message`);
  }
  assert.ok(VERDICTS.has(file.verdict.level), `${where}: verdict ${file.verdict.level}`);

  const within = (span: Span | null | undefined, what: string) => {
    if (!span) return;
    assert.ok(span.offset >= 0 && span.length >= 0 && span.offset + span.length <= size, `${where}: ${what} ${span.offset}+${span.length} outside ${size}`);
  };
  const lists = [file.requestedModules, file.importEntries, file.exportEntries, file.starExports, file.declaredVariables, file.lexicalVariables];
  for (const list of lists) {
    if (!list) continue;
    assert.ok(list.entries.length <= size / 4, `${where}: ${list.entries.length} entries in a ${size}-byte file`);
    within(list, 'list');
    for (const entry of list.entries) within(entry, 'entry');
  }
  for (const request of file.requestedModules?.entries ?? []) {
    assert.ok(request.attributes.length <= size / 4, `${where}: ${request.attributes.length} attributes`);
  }
  within(file.bytecode, 'bytecode');
  within(file.padding, 'padding');
  within(file.gap, 'gap');
  within(file.trailing, 'trailing');
  if (file.jsc) {
    within({ offset: file.jsc.offset, length: 4 }, 'jsc');
    within(file.jsc.embeddedSource, 'embedded source');
    within(file.jsc.sourceOrigin, 'source origin');
  }
}

test(`mutation fuzz: ${MUTANTS} mutants, seed ${SEED}`, async (t) => {
  const bases = baseInputs().map((b) => ({ ...b, fields: fieldOffsets(decodeBmes(b.bytes)) }));
  const rng = new Prng(SEED);
  const mutator = new Mutator(rng, bases);
  let mostReads = 0;
  let ranged = 0;
  const codesSeen = new Set<string>();

  for (let i = 0; i < MUTANTS; i++) {
    const base = rng.pick(bases);
    const mutant = mutator.mutate(base.bytes, base.fields);
    const where = `mutant #${i} of "${base.name}" (seed ${SEED}, ${mutant.length} bytes)`;
    // Every third mutant is also checked against an expected cache version and a source file.
    const options = i % 3 === 0 ? OPTIONS : {};
    let file: BmesFile;
    try {
      file = decodeBmes(mutant, options);
    } catch (error) {
      assert.fail(`${where}: decodeBmes threw ${error instanceof Error ? error.stack : String(error)}`);
    }
    checkInvariants(file, mutant.length, where);
    for (const d of file.diagnostics) codesSeen.add(d.code);

    if (i % RANGED_EVERY === 0) {
      ranged++;
      const source = new CountingSource(mutant, MAX_READS);
      const result = await decodeBmesFrom(source, options);
      // Every value and its span, not only what the JSON dump shows.
      assert.deepEqual(result.file, file, `${where}: ranged decode differs`);
      assert.ok(source.bytesRead <= readBudget(mutant.length), `${where}: read ${source.bytesRead} bytes of ${mutant.length}`);
      mostReads = Math.max(mostReads, source.reads);
    }
  }
  t.diagnostic(`${ranged} ranged decodes, at most ${mostReads} reads each; ${codesSeen.size} codes seen`);
  // The mutations must reach the decoder's error paths, or the fuzzer proves little.
  for (const code of [
    'truncated-metadata',
    'jsc-version-mismatch',
    'source-mismatch',
    'count-exceeds-data',
    'string-exceeds-data',
    'invalid-utf8',
    'bytecode-out-of-bounds',
    'bad-magic',
  ]) {
    if (MUTANTS >= 2000) assert.ok(codesSeen.has(code), `the fuzzer never produced ${code}`);
  }
});
