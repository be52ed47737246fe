/**
 * One test per diagnostic code: a minimal file that triggers it, with the code, severity, offset and length
 * the contract (issue 2, "Contract details") fixes, and a message that says what Bun will do. Offsets are
 * worked out by hand from spec §2; the comments give the arithmetic.
 *
 * Layout of a v3 file with an empty record (EMPTY): counts at 0x10 (requested), 0x14 (imports), 0x18
 * (exports), 0x1C (star), 0x20 (declared), 0x24 (lexical), codeFeatures 0x28, metadata end 0x2C, padding
 * 0x2C–0x2F, bytecode at 0x30.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  DIAGNOSTIC_CODES,
  EMPTY_RECORD,
  decodeBmes,
  encodeBmes,
  ROW_BYTES,
  sourceKeyOfFile,
  sourceKeyOfText,
  type BmesFile,
  type BmesRecordInput,
  type DecodeOptions,
  type DiagnosticCode,
  type Severity,
} from '../../extension/bmes';
import { Bytes, REAL, concat, opaqueBytecode, readU32, withU32 } from '../support/bmes';

const OPAQUE = opaqueBytecode(40);
const SAMPLE_DIR = join(__dirname, '../../samples');
const rec = (overrides: Partial<BmesRecordInput>): BmesRecordInput => ({ ...EMPTY_RECORD, ...overrides });
const v3 = (record: Partial<BmesRecordInput> = {}, bytecode = OPAQUE) => encodeBmes(rec(record), bytecode, { version: 3 });
/** Bun's loader behaviour must be named in every message. */
const SAYS_WHAT_BUN_DOES = /Bun|JavaScriptCore/;

interface Expect {
  severity: Severity;
  offset: number;
  length: number;
  /** Extra text the message must contain. */
  message?: RegExp;
  /**
   * Every other diagnostic the file has, as "code@offset" (decimal): the file has exactly these and the one
   * expected, so a fault that also produces a stray or a second diagnostic fails here.
   */
  also?: readonly string[];
}

/** Decodes, finds the diagnostic `code` at `offset`, and checks it against the contract. */
function expectDiagnostic(data: Uint8Array, code: DiagnosticCode, e: Expect, options: DecodeOptions = {}): BmesFile {
  const file = decodeBmes(data, options);
  const all = file.diagnostics.map((d) => `${d.severity} ${d.code} @${d.offset}+${d.length}`).join('; ');
  const found = file.diagnostics.filter((d) => d.code === code);
  assert.ok(found.length > 0, `expected ${code}; got ${all || 'no diagnostics'}`);
  const d = found.find((x) => x.offset === e.offset && x.length === e.length && x.severity === e.severity);
  assert.ok(d, `expected ${e.severity} ${code} @${e.offset}+${e.length}; got ${all}`);
  assert.ok(d.message.trim().length > 20, 'the message is not empty');
  assert.match(d.message, SAYS_WHAT_BUN_DOES, `the message says what Bun does: ${d.message}`);
  if (e.message) assert.match(d.message, e.message);
  assert.ok(!file.diagnostics.some((x) => (x.code as string) === 'internal-error'));
  // The opaque test payload is no JavaScriptCore layout: its note is in every file built on it.
  const others = file.diagnostics.filter((x) => x !== d && (x.code !== 'jsc-unrecognized-layout' || code === 'jsc-unrecognized-layout')).map((x) => `${x.code}@${x.offset}`);
  assert.deepEqual(others, [...(e.also ?? [])], `the other diagnostics of a file made to show ${code}; all: ${all}`);
  return file;
}

function expectNo(data: Uint8Array, code: DiagnosticCode, options: DecodeOptions = {}): BmesFile {
  const file = decodeBmes(data, options);
  const found = file.diagnostics.filter((d) => d.code === code);
  assert.deepEqual(found, [], `expected no ${code}`);
  return file;
}

function errorCodes(file: BmesFile): string[] {
  return file.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
}

/** Wraps a real payload in a v3 file with an empty record: the bytecode is at 0x30. */
const wrap = (payload: Uint8Array, record: Partial<BmesRecordInput> = {}) => v3(record, payload);
const AT = 0x30;

const CASES: Record<DiagnosticCode, () => void> = {
  'truncated-header': () => {
    expectDiagnostic(Uint8Array.from([0x53, 0x45, 0x4d]), 'truncated-header', { severity: 'error', offset: 0, length: 4 });
    expectDiagnostic(new Uint8Array(0), 'truncated-header', { severity: 'error', offset: 0, length: 4 });
    expectDiagnostic(v3().subarray(0, 6), 'truncated-header', { severity: 'error', offset: 4, length: 4 });
    expectDiagnostic(v3().subarray(0, 12), 'truncated-header', { severity: 'error', offset: 8, length: 8 });
    const v2 = encodeBmes(EMPTY_RECORD, OPAQUE, { version: 2 });
    expectDiagnostic(v2.subarray(0, 15), 'truncated-header', { severity: 'error', offset: 8, length: 8 });
  },
  'bad-magic': () => {
    const bad = v3();
    bad[3] = 0x41; // "SEMA"
    const file = expectDiagnostic(bad, 'bad-magic', { severity: 'error', offset: 0, length: 4, message: /53 45 4d 42/ });
    assert.equal(file.header.version, null, 'with a wrong magic the version is not read');
    assert.equal(file.requestedModules, null);
    assert.equal(file.jsc, null);
    // A bare JavaScriptCore cache (a .jsc file) is recognised and decoded from offset 0.
    const bare = REAL.classic();
    const jsc = expectDiagnostic(bare, 'bad-magic', { severity: 'error', offset: 0, length: 4, also: ['program-bytecode-in-module-cache@24'], message: /bare JavaScriptCore/ });
    assert.deepEqual(jsc.bytecode, { offset: 0, length: bare.length, source: 'bare-jsc' });
    assert.equal(jsc.jsc?.layout, 'classic');
    assert.equal(jsc.jsc?.offset, 0);
    const sidecar = expectDiagnostic(REAL.compactCjsSidecar(), 'bad-magic', {
      severity: 'error',
      offset: 0,
      length: 4,
      also: ['program-bytecode-in-module-cache@4'],
      message: /trailer/,
    });
    assert.equal(sidecar.jsc?.layout, 'compact');
    // A bare cache is not a BMES bytecode section: its payload size is not compared with a header.
    assert.ok(!sidecar.diagnostics.some((d) => d.code === 'jsc-size-mismatch'));
  },
  'unknown-version': () => {
    for (const version of [0, 4, 0xffffffff]) {
      const file = expectDiagnostic(withU32(v3(), 4, version), 'unknown-version', { severity: 'error', offset: 4, length: 4 });
      assert.equal(file.header.version?.value, version);
      assert.equal(file.header.bytecodeOffset, null, 'nothing past the version is decoded');
      assert.equal(file.requestedModules, null);
      assert.equal(file.bytecode, null);
      assert.equal(file.verdict.level, 'none');
    }
  },
  'legacy-version': () => {
    expectDiagnostic(encodeBmes(EMPTY_RECORD, OPAQUE, { version: 1 }), 'legacy-version', {
      severity: 'error',
      offset: 4,
      length: 4,
      message: /ignores the whole file/,
    });
    expectDiagnostic(encodeBmes(EMPTY_RECORD, OPAQUE, { version: 2 }), 'legacy-version', {
      severity: 'warning',
      offset: 4,
      length: 4,
      message: /inferred/,
    });
    expectNo(v3(), 'legacy-version');
  },
  'bytecode-out-of-bounds': () => {
    const base = v3();
    // Size one byte too large.
    expectDiagnostic(withU32(base, 12, OPAQUE.length + 1), 'bytecode-out-of-bounds', { severity: 'error', offset: 8, length: 8 });
    // Offset past the end.
    expectDiagnostic(withU32(base, 8, base.length + 8), 'bytecode-out-of-bounds', { severity: 'error', offset: 8, length: 8 });
    // 0x10 + 0xFFFFFFF8 wraps to 0x8 in 32 bits: a 32-bit check would accept it.
    const wrapped = withU32(withU32(base, 8, 0x10), 12, 0xfffffff8);
    const file = expectDiagnostic(wrapped, 'bytecode-out-of-bounds', { severity: 'error', offset: 8, length: 8, message: /2\^32/ });
    assert.equal(file.bytecode, null);
    assert.equal(file.jsc, null);
    assert.equal(file.verdict.level, 'none');
    // Version 1: the size field after the metadata (empty record: four counts at 8..0x17, size field at 0x18).
    const v1 = encodeBmes(EMPTY_RECORD, OPAQUE, { version: 1 });
    assert.equal(readU32(v1, 0x18), OPAQUE.length);
    expectDiagnostic(withU32(v1, 0x18, OPAQUE.length + 1), 'bytecode-out-of-bounds', { severity: 'error', offset: 0x18, length: 4, also: ['legacy-version@4'] });
    expectNo(base, 'bytecode-out-of-bounds');
  },
  'bytecode-misaligned': () => {
    // The empty record's metadata ends at 0x2C; put the bytecode right there, without padding.
    const file = new Bytes()
      .u32(0x424d4553)
      .u32(3)
      .u32(0x2c)
      .u32(OPAQUE.length)
      .zeros(6 * 4)
      .u32(0)
      .raw(OPAQUE)
      .build();
    const decoded = expectDiagnostic(file, 'bytecode-misaligned', { severity: 'warning', offset: 8, length: 4 });
    assert.equal(decoded.padding, null);
    assert.equal(decoded.gap, null);
    assert.deepEqual(errorCodes(decoded), []);
    assert.equal(decoded.verdict.level, 'full', 'Bun still uses a misaligned bytecode');
  },
  'truncated-metadata': () => {
    // Cut inside codeFeatures (0x28..0x2B).
    expectDiagnostic(v3().subarray(0, 0x2a), 'truncated-metadata', { severity: 'error', offset: 0x28, length: 4, also: ['bytecode-out-of-bounds@8'] });
    // A v3 file that ends two bytes into the requested-modules count at 0x10 (its header is in bounds: 2 bytes of bytecode at 0x10).
    expectDiagnostic(new Bytes().u32(0x424d4553).u32(3).u32(0x10).u32(2).raw([0, 0]).build(), 'truncated-metadata', {
      severity: 'error',
      offset: 0x10,
      length: 4,
    });
  },
  'count-exceeds-data': () => {
    const file = expectDiagnostic(withU32(v3(), 0x10, 0xffffffff), 'count-exceeds-data', {
      severity: 'error',
      offset: 0x10,
      // The reads after a count bomb: consequences, to be shown as such rather than as faults of their own (issue 12).
      length: 4,
      also: ['count-exceeds-data@52', 'string-exceeds-data@56'],
      message: /reserves memory/,
    });
    assert.ok((file.requestedModules?.entries.length ?? 0) * 8 <= file.size, 'memory follows the file, not the count');
    assert.equal(file.requestedModules?.complete, false);
    // An import count of 3 with 2 × 16 bytes left is already too much (imports at 0x14; 16 bytes per entry at least).
    const few = new Bytes().u32(0x424d4553).u32(3).u32(0x10).u32(0).u32(0).u32(3).zeros(32).build();
    expectDiagnostic(few, 'count-exceeds-data', {
      severity: 'error',
      offset: 0x14,
      length: 4,
      also: ['trailing-bytes@16', 'dangling-module-request@28', 'dangling-module-request@44', 'truncated-metadata@56'],
    });
    // An attribute count is a count too: requested "m" (0x14..0x18), hasAttributes 0x19, attribute count 0x1D.
    const pairs = encodeBmes(rec({ requestedModules: [{ specifier: 'm', attributes: [{ key: 'type', value: 'json' }] }] }), OPAQUE, {
      writeAttributePairs: true,
    });
    assert.equal(readU32(pairs, 0x1d), 1);
    const attrs = expectDiagnostic(withU32(pairs, 0x1d, 0x40000000), 'count-exceeds-data', { severity: 'error', offset: 0x1d, length: 4, also: ['string-exceeds-data@77'] });
    assert.ok(attrs.diagnostics.some((d) => d.code === 'string-exceeds-data' || d.code === 'truncated-metadata'));
    assert.deepEqual(attrs.requestedModules?.entries, []);
    expectNo(v3(), 'count-exceeds-data');
    expectNo(pairs, 'count-exceeds-data');
  },
  'string-exceeds-data': () => {
    // Specifier "abc": length field at 0x14.
    const base = v3({ requestedModules: [{ specifier: 'abc', attributes: null }] });
    const file = expectDiagnostic(withU32(base, 0x14, 1000), 'string-exceeds-data', {
      severity: 'error',
      offset: 0x14,
      length: 1004,
      message: /read past the end/,
    });
    assert.deepEqual(file.requestedModules?.entries, []);
    assert.equal(file.importEntries, null, 'later lists are never reached');
    expectDiagnostic(withU32(base, 0x14, 0xffffffff), 'string-exceeds-data', { severity: 'error', offset: 0x14, length: 4 + 0xffffffff });
  },
  'invalid-utf8': () => {
    // Specifier "abc": bytes at 0x18..0x1A; make the middle one a lone continuation byte.
    const data = v3({ requestedModules: [{ specifier: 'abc', attributes: null }] });
    data[0x19] = 0x80;
    const file = expectDiagnostic(data, 'invalid-utf8', { severity: 'error', offset: 0x18, length: 3, message: /0x19/ });
    assert.equal(file.requestedModules?.entries[0]?.specifier.validUtf8, false);
    assert.equal(file.requestedModules?.entries[0]?.specifier.value, 'a\uFFFDc');
    // A truncated multi-byte sequence and an overlong encoding.
    const overlong = v3({ requestedModules: [{ specifier: 'ab', attributes: null }] });
    overlong[0x18] = 0xc0;
    overlong[0x19] = 0xaf;
    expectDiagnostic(overlong, 'invalid-utf8', { severity: 'error', offset: 0x18, length: 2 });
    const star = v3({ starExports: ['xyz'] });
    // Star count at 0x1C, string length at 0x20, bytes at 0x24..0x26: a UTF-16 surrogate encoded in UTF-8.
    star.set([0xed, 0xa0, 0x80], 0x24);
    expectDiagnostic(star, 'invalid-utf8', { severity: 'error', offset: 0x24, length: 3, also: ['dangling-module-request@32'] });
  },
  'unknown-import-type': () => {
    // Requested "m" (0x14..0x18), hasAttributes 0x19, import count 0x1D, import type 0x21.
    const record = {
      requestedModules: [{ specifier: 'm', attributes: null }],
      importEntries: [{ type: 3, moduleRequest: 'm', importName: 'a', localName: 'a' }],
    };
    const file = expectDiagnostic(v3(record), 'unknown-import-type', { severity: 'error', offset: 0x21, length: 4 });
    assert.equal(file.importEntries?.entries[0]?.type.value, 3);
    for (const type of [0, 1, 2]) {
      expectNo(v3({ ...record, importEntries: [{ ...record.importEntries[0]!, type }] }), 'unknown-import-type');
    }
  },
  'unknown-export-type': () => {
    // Export count 0x18, export type 0x1C.
    const entry = { type: 7, exportName: 'x', moduleName: '', importName: '', localName: 'x' };
    const lexicalVariables = [{ name: 'x', bits: 0x0a }];
    expectDiagnostic(v3({ exportEntries: [entry], lexicalVariables }), 'unknown-export-type', { severity: 'error', offset: 0x1c, length: 4 });
    expectNo(v3({ exportEntries: [{ ...entry, type: 0 }], lexicalVariables }), 'unknown-export-type');
  },
  'unused-field-set': () => {
    // Export type 0x1C, exportName "x" 0x20..0x24, moduleName "zz" at 0x25 (4 + 2 bytes).
    const lexicalVariables = [{ name: 'x', bits: 0x0a }];
    const local = { type: 0, exportName: 'x', moduleName: 'zz', importName: '', localName: 'x' };
    expectDiagnostic(v3({ exportEntries: [local], lexicalVariables }), 'unused-field-set', {
      severity: 'warning',
      offset: 0x25,
      length: 6,
      message: /moduleName/,
    });
    // An indirect export does not use localName: exportName 0x20 (5), moduleName "m" 0x25 (5), importName
    // "i" 0x2A (5), localName "q" at 0x2F (5). The request list is empty, so it also dangles; that is fine.
    const indirect = { type: 1, exportName: 'x', moduleName: 'm', importName: 'i', localName: 'q' };
    expectDiagnostic(v3({ exportEntries: [indirect] }), 'unused-field-set', {
      severity: 'warning',
      offset: 0x2f,
      length: 5,
      also: ['dangling-module-request@37'],
      message: /localName/,
    });
    // A namespace export does not use importName: exportName 0x20 (5), moduleName 0x25 (5), importName at 0x2A.
    const namespace = { type: 2, exportName: 'x', moduleName: 'm', importName: 'i', localName: '' };
    expectDiagnostic(v3({ exportEntries: [namespace] }), 'unused-field-set', {
      severity: 'warning',
      offset: 0x2a,
      length: 5,
      also: ['dangling-module-request@37'],
      message: /importName/,
    });
    // Imports use all three strings; a clean local export uses exportName and localName only.
    expectNo(v3({ exportEntries: [{ ...local, moduleName: '' }], lexicalVariables }), 'unused-field-set');
    expectNo(
      v3({
        requestedModules: [{ specifier: 'm', attributes: null }],
        importEntries: [{ type: 0, moduleRequest: 'm', importName: 'a', localName: 'b' }],
      }),
      'unused-field-set',
    );
  },
  'unknown-variable-bits': () => {
    // Declared count 0x20, name "v" 0x24..0x28, bits at 0x29.
    const withBits = (bits: number) => v3({ declaredVariables: [{ name: 'v', bits }] });
    expectDiagnostic(withBits(0x10000), 'unknown-variable-bits', { severity: 'warning', offset: 0x29, length: 4, message: /16–31/ });
    expectDiagnostic(withBits(0x80000004), 'unknown-variable-bits', { severity: 'warning', offset: 0x29, length: 4 });
    expectDiagnostic(withBits(0x4000), 'unknown-variable-bits', { severity: 'info', offset: 0x29, length: 4, message: /drops/ });
    expectDiagnostic(withBits(0x8000), 'unknown-variable-bits', { severity: 'info', offset: 0x29, length: 4 });
    expectNo(withBits(0x3fff), 'unknown-variable-bits');
    // Lexical: count 0x24, name 0x28, bits 0x2D.
    expectDiagnostic(v3({ lexicalVariables: [{ name: 'v', bits: 0x20000 }] }), 'unknown-variable-bits', { severity: 'warning', offset: 0x2d, length: 4 });
    // Both kinds at once: one warning and one info.
    const both = decodeBmes(withBits(0x1c000)).diagnostics.filter((d) => d.code === 'unknown-variable-bits');
    assert.deepEqual(both.map((d) => d.severity).sort(), ['info', 'warning']);
  },
  'unknown-code-features': () => {
    expectDiagnostic(v3({ codeFeatures: 0x4000 }), 'unknown-code-features', { severity: 'warning', offset: 0x28, length: 4 });
    expectDiagnostic(v3({ codeFeatures: 0xffffffff }), 'unknown-code-features', { severity: 'warning', offset: 0x28, length: 4 });
    expectNo(v3({ codeFeatures: 0x3fff }), 'unknown-code-features');
  },
  'attributes-lost': () => {
    // Requested "m" 0x14..0x18, hasAttributes 0x19, count 0x1D: the span covers both (8 bytes).
    const data = v3({ requestedModules: [{ specifier: 'm', attributes: [{ key: 'type', value: 'json' }] }] });
    const file = expectDiagnostic(data, 'attributes-lost', { severity: 'info', offset: 0x19, length: 8 });
    assert.equal(file.verdict.level, 'full');
    expectNo(v3({ requestedModules: [{ specifier: 'm', attributes: null }] }), 'attributes-lost');
    const kept = encodeBmes(rec({ requestedModules: [{ specifier: 'm', attributes: [{ key: 'type', value: 'json' }] }] }), OPAQUE, {
      writeAttributePairs: true,
    });
    expectNo(kept, 'attributes-lost');
  },
  'nonzero-padding': () => {
    const data = v3();
    assert.deepEqual([...data.subarray(0x2c, 0x30)], [0, 0, 0, 0]);
    data[0x2e] = 0x99;
    const file = expectDiagnostic(data, 'nonzero-padding', { severity: 'warning', offset: 0x2c, length: 4, message: /0x2e/ });
    assert.deepEqual(file.padding, { offset: 0x2c, length: 4 });
    assert.deepEqual(errorCodes(file), []);
  },
  'metadata-overlaps-bytecode': () => {
    // Bytecode offset 0x28 (inside codeFeatures), size grown by 8 so it still ends at the end of the file.
    const data = withU32(withU32(v3(), 8, 0x28), 12, OPAQUE.length + 8);
    const file = expectDiagnostic(data, 'metadata-overlaps-bytecode', { severity: 'error', offset: 0x28, length: 4 });
    assert.equal(file.padding, null);
    assert.equal(file.gap, null);
    // Version 2: module lists end at 0x20; bytecode at 0x18.
    const v2 = encodeBmes(EMPTY_RECORD, OPAQUE, { version: 2 });
    expectDiagnostic(withU32(withU32(v2, 8, 0x18), 12, OPAQUE.length + 8), 'metadata-overlaps-bytecode', {
      severity: 'error',
      offset: 0x18,
      length: 8,
      also: ['legacy-version@4'],
    });
  },
  'gap-before-bytecode': () => {
    // Eight bytes inserted after the padding: the bytecode moves from 0x30 to 0x38.
    const base = v3();
    const data = withU32(concat(base.subarray(0, 0x30), new Uint8Array(8), base.subarray(0x30)), 8, 0x38);
    const file = expectDiagnostic(data, 'gap-before-bytecode', { severity: 'warning', offset: 0x30, length: 8 });
    assert.deepEqual(file.padding, { offset: 0x2c, length: 4 });
    assert.deepEqual(file.gap, { offset: 0x30, length: 8 });
    assert.equal(file.verdict.level, 'full');
    // Version 2: the lists end at 0x20 (already aligned), bytecode at 0x20; move it to 0x2C (misaligned, 12-byte gap).
    const v2 = encodeBmes(EMPTY_RECORD, OPAQUE, { version: 2 });
    const v2gap = withU32(concat(v2.subarray(0, 0x20), new Uint8Array(12), v2.subarray(0x20)), 8, 0x2c);
    expectDiagnostic(v2gap, 'gap-before-bytecode', { severity: 'warning', offset: 0x20, length: 12, also: ['legacy-version@4', 'bytecode-misaligned@8'], message: /version 2/ });
  },
  'trailing-bytes': () => {
    const data = concat(v3(), Uint8Array.from([1, 2, 3, 4, 5]));
    const file = expectDiagnostic(data, 'trailing-bytes', { severity: 'warning', offset: AT + OPAQUE.length, length: 5 });
    assert.deepEqual(file.trailing, { offset: AT + OPAQUE.length, length: 5 });
    assert.deepEqual(file.bytecode, { offset: AT, length: OPAQUE.length, source: 'header' });
    // Version 1: size field at 0x18, bytecode from 0x1C.
    const v1 = concat(encodeBmes(EMPTY_RECORD, OPAQUE, { version: 1 }), new Uint8Array(3));
    expectDiagnostic(v1, 'trailing-bytes', { severity: 'warning', offset: 0x1c + OPAQUE.length, length: 3, also: ['legacy-version@4'] });
  },
  'dangling-module-request': () => {
    // No requests; import count 0x14, type 0x18, moduleRequest "missing" at 0x1C (4 + 7 bytes).
    const imp = { type: 0, moduleRequest: 'missing', importName: 'a', localName: 'a' };
    expectDiagnostic(v3({ importEntries: [imp] }), 'dangling-module-request', { severity: 'warning', offset: 0x1c, length: 11, message: /missing/ });
    // Star export: count 0x1C, moduleName "gone" at 0x20 (4 + 4).
    expectDiagnostic(v3({ starExports: ['gone'] }), 'dangling-module-request', { severity: 'warning', offset: 0x20, length: 8 });
    // Indirect export: type 0x1C, exportName "x" 0x20 (5), moduleName "m" at 0x25 (5).
    const indirect = { type: 1, exportName: 'x', moduleName: 'm', importName: 'x', localName: '' };
    expectDiagnostic(v3({ exportEntries: [indirect] }), 'dangling-module-request', { severity: 'warning', offset: 0x25, length: 5 });
    expectNo(v3({ requestedModules: [{ specifier: 'm', attributes: null }], exportEntries: [indirect] }), 'dangling-module-request');
  },
  'duplicate-export': () => {
    // Export count 0x18; entry #0 at 0x1C: type, "x" (5), "" (4), "" (4), "x" (5) = 22 bytes; entry #1 at 0x32, exportName at 0x36.
    const entry = { type: 0, exportName: 'x', moduleName: '', importName: '', localName: 'x' };
    const lexicalVariables = [{ name: 'x', bits: 0x0a }];
    const file = expectDiagnostic(v3({ exportEntries: [entry, entry], lexicalVariables }), 'duplicate-export', {
      severity: 'warning',
      offset: 0x36,
      length: 5,
    });
    assert.equal(file.diagnostics.filter((d) => d.code === 'duplicate-export').length, 1);
    expectNo(v3({ exportEntries: [entry, { ...entry, exportName: 'y' }], lexicalVariables }), 'duplicate-export');
  },
  'undeclared-local': () => {
    // Export type 0x1C, exportName 0x20 (5), moduleName 0x25 (4), importName 0x29 (4), localName "y" at 0x2D (5).
    const entry = { type: 0, exportName: 'x', moduleName: '', importName: '', localName: 'y' };
    expectDiagnostic(v3({ exportEntries: [entry], lexicalVariables: [{ name: 'x', bits: 2 }] }), 'undeclared-local', {
      severity: 'warning',
      offset: 0x2d,
      length: 5,
    });
    // What it costs depends on what Bun does with the file: with a header Bun rejects, nothing is linked from it.
    const rejected = withU32(v3({ exportEntries: [entry] }), 12, 0xffff);
    const file = expectDiagnostic(rejected, 'undeclared-local', { severity: 'warning', offset: 0x2d, length: 5, also: ['bytecode-out-of-bounds@8'], message: /header/ });
    assert.doesNotMatch(file.diagnostics.find((d) => d.code === 'undeclared-local')!.message, /fails to link/);
    // Declared in either environment is fine, *default* included.
    expectNo(v3({ exportEntries: [entry], declaredVariables: [{ name: 'y', bits: 4 }] }), 'undeclared-local');
    expectNo(v3({ exportEntries: [entry], lexicalVariables: [{ name: 'y', bits: 2 }] }), 'undeclared-local');
    const dflt = { type: 0, exportName: 'default', moduleName: '', importName: '', localName: '*default*' };
    expectDiagnostic(v3({ exportEntries: [dflt] }), 'undeclared-local', { severity: 'warning', offset: 0x33, length: 13 });
    expectNo(v3({ exportEntries: [dflt], lexicalVariables: [{ name: '*default*', bits: 2 }] }), 'undeclared-local');
    // Indirect exports have no local.
    expectNo(v3({ requestedModules: [{ specifier: 'm', attributes: null }], exportEntries: [{ ...entry, type: 1, moduleName: 'm', localName: '' }] }), 'undeclared-local');
  },
  'program-bytecode-in-module-cache': () => {
    // Classic: tag at +24; compact: tag at +4.
    const file = expectDiagnostic(wrap(REAL.classic()), 'program-bytecode-in-module-cache', { severity: 'error', offset: AT + 24, length: 4 });
    assert.equal(file.verdict.level, 'record-only');
    expectDiagnostic(wrap(REAL.compactCjs()), 'program-bytecode-in-module-cache', { severity: 'error', offset: AT + 4, length: 4 });
    // Classic tag 2 (eval), compact tags 2 and 3 (3 = Bun internal builtin).
    expectDiagnostic(wrap(withU32(REAL.classic(), 24, 2)), 'program-bytecode-in-module-cache', { severity: 'error', offset: AT + 24, length: 4 });
    for (const tag of [0, 2, 3]) {
      expectDiagnostic(wrap(withU32(REAL.esm(), 4, tag)), 'program-bytecode-in-module-cache', { severity: 'error', offset: AT + 4, length: 4 });
    }
    expectNo(wrap(REAL.esm()), 'program-bytecode-in-module-cache');
    expectNo(wrap(withU32(REAL.classic(), 24, 1)), 'program-bytecode-in-module-cache');
  },
  'jsc-size-mismatch': () => {
    // The whole sidecar (552 payload bytes + 24-byte trailer) as bytecode: the payload size at +12 says 552.
    const file = expectDiagnostic(wrap(REAL.compactCjsSidecar()), 'jsc-size-mismatch', {
      severity: 'error',
      offset: AT + 12,
      length: 4,
      also: ['program-bytecode-in-module-cache@52'],
      message: /552/,
    });
    assert.equal(file.jsc?.payloadSize?.value, 552);
    expectDiagnostic(wrap(concat(REAL.esm(), new Uint8Array(8))), 'jsc-size-mismatch', { severity: 'error', offset: AT + 12, length: 4 });
    expectNo(wrap(REAL.compactCjs()), 'jsc-size-mismatch');
    expectNo(wrap(REAL.esm()), 'jsc-size-mismatch');
    // Cut short (spec correction): still the compact layout, and the payload size names the missing bytes.
    const esm = REAL.esm();
    for (const cut of [1, 100]) {
      const short = expectDiagnostic(wrap(esm.subarray(0, esm.length - cut)), 'jsc-size-mismatch', { severity: 'error', offset: AT + 12, length: 4, message: /cut short/ });
      assert.equal(short.jsc?.layout, 'compact');
      expectNo(wrap(esm.subarray(0, esm.length - cut)), 'jsc-unrecognized-layout');
    }
    // One byte off in each direction, in a BMES file and as a bare payload.
    for (const size of [esm.length + 1, esm.length - 1]) {
      expectDiagnostic(wrap(withU32(esm, 12, size)), 'jsc-size-mismatch', {
        severity: 'error',
        offset: AT + 12,
        length: 4,
        message: new RegExp(`is ${size} bytes: expected ${esm.length}`),
      });
    }
    expectDiagnostic(withU32(esm, 12, esm.length + 1), 'jsc-size-mismatch', { severity: 'error', offset: 12, length: 4, also: ['bad-magic@0'], message: /cut short/ });
    expectDiagnostic(withU32(esm, 12, esm.length - 1), 'jsc-size-mismatch', { severity: 'error', offset: 12, length: 4, also: ['bad-magic@0'], message: /appended/ });
    expectNo(esm, 'jsc-size-mismatch');
  },
  'jsc-unrecognized-layout': () => {
    const file = expectDiagnostic(v3(), 'jsc-unrecognized-layout', { severity: 'info', offset: AT, length: 4 });
    assert.equal(file.jsc?.layout, 'unknown');
    assert.equal(file.jsc?.tag, null);
    assert.deepEqual(errorCodes(file), []);
    // A BMES file nested as the bytecode.
    expectDiagnostic(wrap(v3()), 'jsc-unrecognized-layout', { severity: 'info', offset: AT, length: 4, message: /nested/ });
    // A broken fingerprint: the classic -1 at +72 changed.
    expectDiagnostic(wrap(withU32(REAL.classic(), 72, 0)), 'jsc-unrecognized-layout', { severity: 'info', offset: AT, length: 4 });
    expectNo(wrap(REAL.classic()), 'jsc-unrecognized-layout');
    expectNo(wrap(REAL.esm()), 'jsc-unrecognized-layout');
    // Fewer than 4 bytes of bytecode: no jsc section at all.
    assert.equal(decodeBmes(v3({}, new Uint8Array(3))).jsc, null);
  },
  'jsc-version-mismatch': () => {
    const esm = wrap(REAL.esm());
    const file = expectDiagnostic(
      esm,
      'jsc-version-mismatch',
      { severity: 'error', offset: AT, length: 4, message: /0x188ee0b9/i },
      {
        expectedJscVersion: 0x188ee0b9,
      },
    );
    assert.equal(file.verdict.level, 'record-only');
    expectNo(esm, 'jsc-version-mismatch', { expectedJscVersion: 0xf1f0ed26 });
    expectNo(esm, 'jsc-version-mismatch');
    expectDiagnostic(
      wrap(REAL.classic()),
      'jsc-version-mismatch',
      { severity: 'error', offset: AT, length: 4, also: ['program-bytecode-in-module-cache@72'] },
      { expectedJscVersion: 0xf1f0ed26 },
    );
  },
  'source-mismatch': () => {
    const classic = wrap(REAL.classic());
    const text = new TextDecoder().decode(REAL.classicSource());
    // The matching source, as text and as file bytes (with and without a BOM).
    expectNo(classic, 'source-mismatch', { source: sourceKeyOfText(text) });
    expectNo(classic, 'source-mismatch', { source: sourceKeyOfFile(REAL.classicSource()) });
    expectNo(classic, 'source-mismatch', { source: sourceKeyOfFile(concat(Uint8Array.from([0xef, 0xbb, 0xbf]), REAL.classicSource())) });
    // Same length, other text: the hash at +68 differs.
    const edited = text.slice(0, -2) + (text.endsWith('\n') ? '/\n' : '//');
    assert.equal(edited.length, text.length);
    expectDiagnostic(
      classic,
      'source-mismatch',
      { severity: 'error', offset: AT + 68, length: 4, also: ['program-bytecode-in-module-cache@72'] },
      { source: sourceKeyOfText(edited) },
    );
    // Other length: the end offset at +44.
    const file = expectDiagnostic(
      classic,
      'source-mismatch',
      { severity: 'error', offset: AT + 44, length: 4, also: ['program-bytecode-in-module-cache@72'], message: /224/ },
      {
        source: sourceKeyOfText(text + ' '),
      },
    );
    assert.equal(file.diagnostics.filter((d) => d.code === 'source-mismatch').length, 1, 'a length mismatch is reported once');
    // Compact: the length only, at +24.
    const esm = wrap(REAL.esm());
    const esmText = new TextDecoder().decode(REAL.esmSource());
    expectNo(esm, 'source-mismatch', { source: sourceKeyOfText(esmText) });
    expectNo(esm, 'source-mismatch', { source: sourceKeyOfText('x'.repeat(esmText.length)) });
    expectDiagnostic(esm, 'source-mismatch', { severity: 'error', offset: AT + 24, length: 4 }, { source: sourceKeyOfText(esmText.slice(1)) });
    expectNo(v3(), 'source-mismatch', { source: sourceKeyOfText('anything') });
    // A classic payload of a build whose hash is not SuperFastHash (1.3.14: 0x54467AD4): length only.
    const classic1314 = wrap(withU32(REAL.classic(), 0, 0x54467ad4));
    expectNo(classic1314, 'source-mismatch', { source: sourceKeyOfText(edited) });
    expectDiagnostic(
      classic1314,
      'source-mismatch',
      { severity: 'error', offset: AT + 44, length: 4, also: ['program-bytecode-in-module-cache@72'] },
      { source: sourceKeyOfText(text + ' ') },
    );
  },
  'source-hash-unchecked': () => {
    const text = new TextDecoder().decode(REAL.classicSource());
    const classic1314 = wrap(withU32(REAL.classic(), 0, 0x54467ad4));
    expectDiagnostic(
      classic1314,
      'source-hash-unchecked',
      { severity: 'info', offset: AT + 68, length: 4, also: ['program-bytecode-in-module-cache@72'], message: /Bun 1\.3\.14/ },
      { source: sourceKeyOfText(text) },
    );
    const esmText = new TextDecoder().decode(REAL.esmSource());
    expectDiagnostic(
      wrap(REAL.esm()),
      'source-hash-unchecked',
      { severity: 'info', offset: AT + 36, length: 4, message: /1\.4\.4 or 1\.4\.5/ },
      { source: sourceKeyOfText(esmText) },
    );
    // Checkable builds and length mismatches say nothing of the kind.
    expectNo(wrap(REAL.classic()), 'source-hash-unchecked', { source: sourceKeyOfText(text) });
    expectNo(classic1314, 'source-hash-unchecked', { source: sourceKeyOfText(text + ' ') });
    expectNo(classic1314, 'source-hash-unchecked');
  },
  'record-limit': () => {
    // 500,001 empty star exports (4 bytes each) under a table budget that holds the request and 499,999 of
    // them: the last two are read and checked but not kept.
    const requested = [{ specifier: '', attributes: null }];
    const bytes = v3({ requestedModules: requested, starExports: new Array<string>(500_001).fill('') });
    const maxTableBytes = ROW_BYTES.requestedModules + 499_999 * ROW_BYTES.starExports;
    const file = expectDiagnostic(
      bytes,
      'record-limit',
      {
        severity: 'info',
        // requested list: count 0x10, specifier 0x14 (len 0), hasAttributes 0x18; imports 0x1C; exports 0x20;
        // star count 0x24, records from 0x28, 4 bytes each, minus the request kept first.
        offset: 0x28 + 4 * 499_999,
        length: 0,
      },
      { maxTableBytes },
    );
    assert.equal(file.starExports?.entries.length, 499_999);
    assert.equal(file.starExports?.omitted, 2);
    assert.equal(file.starExports?.complete, true);
    // The default budget keeps them all in the tables (it holds every record of a 48 MB file); the object model
    // holds the first 500,000 records and counts the rest.
    const all = decodeBmes(bytes);
    assert.deepEqual([all.tables?.starExports?.rowCount, all.tables?.starExports?.omitted], [500_001, 0]);
    assert.deepEqual([all.starExports?.entries.length, all.starExports?.omitted], [499_999, 2]);
    expectNo(bytes, 'record-limit');
    assert.equal(file.verdict.level, 'full');
  },
};

test('past 500 diagnostics of one code, the rest are summed up in one', () => {
  const file = decodeBmes(v3({ starExports: Array.from({ length: 600 }, (_, i) => `./m${i}.js`) }));
  const dangling = file.diagnostics.filter((d) => d.code === 'dangling-module-request');
  assert.equal(dangling.length, 501);
  assert.match(dangling[500]!.message, /^100 more dangling-module-request diagnostics/);
  assert.equal(dangling[500]!.offset, dangling[499]!.offset + 4 + './m499.js'.length);
});

describe('one test per diagnostic code', () => {
  test('every code in DIAGNOSTIC_CODES has a case, and no case is for an unknown code', () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.keys(DIAGNOSTIC_CODES).sort());
  });

  test('the table of severities follows the contract', () => {
    const errors = [
      'truncated-header',
      'bad-magic',
      'unknown-version',
      'legacy-version',
      'bytecode-out-of-bounds',
      'truncated-metadata',
      'count-exceeds-data',
      'string-exceeds-data',
      'invalid-utf8',
      'unknown-import-type',
      'unknown-export-type',
      'metadata-overlaps-bytecode',
      'program-bytecode-in-module-cache',
      'jsc-size-mismatch',
      'jsc-version-mismatch',
      'source-mismatch',
    ];
    const warnings = [
      'bytecode-misaligned',
      'nonzero-padding',
      'gap-before-bytecode',
      'trailing-bytes',
      'unused-field-set',
      'unknown-variable-bits',
      'unknown-code-features',
      'dangling-module-request',
      'duplicate-export',
      'undeclared-local',
    ];
    const infos = ['attributes-lost', 'jsc-unrecognized-layout', 'record-limit', 'source-hash-unchecked'];
    const expected: Record<string, string> = {};
    for (const c of errors) expected[c] = 'error';
    for (const c of warnings) expected[c] = 'warning';
    for (const c of infos) expected[c] = 'info';
    assert.deepEqual({ ...DIAGNOSTIC_CODES }, expected);
  });

  for (const code of Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[]) {
    test(code, () => CASES[code]());
  }
});

describe('real payloads in a valid v3 file', () => {
  const payloads: [string, () => Uint8Array, string[]][] = [
    ['Bun 1.3.6 CommonJS (classic)', REAL.classic, ['program-bytecode-in-module-cache']],
    ['Bun 1.4.4 CommonJS (compact, payload only)', REAL.compactCjs, ['program-bytecode-in-module-cache']],
    ['Bun 1.4.4 ES module (compact)', REAL.esm, []],
  ];
  const record = rec({
    requestedModules: [{ specifier: './dep.js', attributes: null }],
    importEntries: [{ type: 0, moduleRequest: './dep.js', importName: 'f', localName: 'f' }],
    exportEntries: [{ type: 0, exportName: 'default', moduleName: '', importName: '', localName: '*default*' }],
    lexicalVariables: [
      { name: '*default*', bits: 0x0a },
      { name: 'f', bits: 0x20 },
    ],
  });
  for (const [name, payload, expectedErrors] of payloads) {
    test(name, () => {
      const bytes = payload();
      const file = decodeBmes(encodeBmes(record, bytes));
      assert.deepEqual(errorCodes(file), expectedErrors);
      assert.deepEqual(
        file.diagnostics.filter((d) => d.severity !== 'error'),
        [],
        'no warnings or infos for a well-formed file around a recognised payload',
      );
      assert.equal(file.verdict.level, expectedErrors.length ? 'record-only' : 'full');
      assert.notEqual(file.jsc?.layout, 'unknown');
    });
  }
});

describe('verdicts', () => {
  const cases: [string, () => Uint8Array, string, boolean, boolean][] = [
    ['version 1', () => encodeBmes(EMPTY_RECORD, OPAQUE, { version: 1 }), 'none', false, false],
    ['version 2', () => encodeBmes(EMPTY_RECORD, OPAQUE, { version: 2 }), 'bytecode-only', true, false],
    ['version 3', () => v3(), 'full', true, true],
    ['version 3 with unreadable metadata', () => withU32(v3(), 0x14, 0x7fffffff), 'bytecode-only', true, false],
    ['bad magic', () => withU32(v3(), 0, 0x424d4554), 'none', false, false],
    ['bytecode out of bounds', () => withU32(v3(), 12, 0xffff), 'none', false, false],
    ['version 2 out of bounds', () => withU32(encodeBmes(EMPTY_RECORD, OPAQUE, { version: 2 }), 8, 0x1000), 'none', false, false],
    ['unknown version', () => withU32(v3(), 4, 9), 'none', false, false],
    ['too short', () => new Uint8Array(2), 'none', false, false],
    ['bare ES module cache', REAL.esm, 'bytecode-only', true, false],
    ['bare CommonJS cache', REAL.compactCjs, 'none', false, false],
    ['v3 with another cache version', () => wrap(withU32(REAL.esm(), 0, 0x12345678)), 'full', true, true],
  ];
  for (const [name, make, level, bytecodeUsed, recordFromFile] of cases) {
    test(name, () => {
      const verdict = decodeBmes(make()).verdict;
      assert.equal(verdict.level, level);
      assert.equal(verdict.bytecodeUsed, bytecodeUsed);
      assert.equal(verdict.moduleRecordFromFile, recordFromFile);
      assert.ok(verdict.summary.length > 0 && verdict.reason.length > 0);
    });
  }
  test('the expected cache version turns a full verdict into record-only', () => {
    const verdict = decodeBmes(wrap(REAL.esm()), { expectedJscVersion: 0x12345678 }).verdict;
    assert.equal(verdict.level, 'record-only');
    assert.match(verdict.reason, /jsc-version-mismatch/);
  });
});

describe('diagnostic order', () => {
  // The decoder emits diagnostics as its checks run (trailing bytes before the JavaScriptCore checks, the record
  // checks after the lists); the sink promises them in offset order, emission order within one offset.
  test('diagnostics come out in offset order, whatever order the checks ran in', () => {
    const record = rec({
      requestedModules: [{ specifier: 'a', attributes: [] }],
      importEntries: [{ type: 7, moduleRequest: 'missing', importName: 'x', localName: 'x' }],
      exportEntries: [{ type: 0, exportName: 'e', moduleName: '', importName: '', localName: 'undeclared' }],
    });
    const bytes = concat(encodeBmes(record, REAL.esm()), new Uint8Array(5));
    const file = decodeBmes(bytes, { expectedJscVersion: 0x12345678, source: sourceKeyOfText('x') });
    const offsets = file.diagnostics.map((d) => d.offset);
    assert.ok(file.diagnostics.length >= 6, file.diagnostics.map((d) => d.code).join());
    assert.deepEqual(
      offsets,
      [...offsets].sort((a, b) => a - b),
    );
    // Emitted out of offset order: trailing bytes (the end of the file) before the cache version (the bytecode).
    const trailing = file.diagnostics.findIndex((d) => d.code === 'trailing-bytes');
    const version = file.diagnostics.findIndex((d) => d.code === 'jsc-version-mismatch');
    assert.ok(version < trailing);
  });

  test('on every sample the diagnostics are in offset order', () => {
    for (const name of readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.bmes'))) {
      const offsets = decodeBmes(new Uint8Array(readFileSync(join(SAMPLE_DIR, name))), { expectedJscVersion: 0x12345678 }).diagnostics.map((d) => d.offset);
      assert.deepEqual(
        offsets,
        [...offsets].sort((a, b) => a - b),
        name,
      );
    }
  });
});
