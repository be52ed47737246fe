import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeBmes,
  encodeBmes,
  EMPTY_RECORD,
  sourceKeyOfFile,
  type BmesRecordInput,
  type DecodeOptions,
  type DiagnosticCode,
} from '../../extension/bmes';
import { syntheticCompactBytecode, syntheticRecord } from './synthetic';

/** Every sample in `samples/`: how it is made, what it shows, and which diagnostics it must produce. */
export interface Sample {
  readonly name: string;
  readonly description: string;
  readonly bytes: Uint8Array;
  /** Codes the decoder must report for it (a valid sample lists none). */
  readonly expects: readonly DiagnosticCode[];
  /** The `bmes check` options the sample is meant for, e.g. a source file beside it. */
  readonly checkWith?: { readonly source?: string; readonly expectJscVersion?: string };
  /** Extra files written beside it (e.g. the source a cache is checked against). */
  readonly companions?: Readonly<Record<string, Uint8Array>>;
}

const FIXTURES = join(__dirname, '../../test/fixtures/jsc');
const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)));

/** The module record of `module.js` (the Bun 1.4.4 ESM sample), written by hand from its source. */
const VAR = 1 << 2;
const LET = 1 << 3;
const CONST = 1 << 1;
const CAPTURED = 1 << 0;
const EXPORTED = 1 << 4;
const IMPORTED = 1 << 5;
const FUNCTION = 1 << 7;
export const ESM_SAMPLE_RECORD: BmesRecordInput = {
  requestedModules: [{ specifier: 'path', attributes: null }],
  importEntries: [
    { type: 0, moduleRequest: 'path', importName: 'join', localName: 'join' },
    { type: 0, moduleRequest: 'path', importName: 'basename', localName: 'basename' },
  ],
  exportEntries: [{ type: 0, exportName: 'entryName', moduleName: '', importName: '', localName: 'entryName' }],
  starExports: [],
  declaredVariables: [
    { name: '__defProp', bits: VAR | CAPTURED },
    { name: '__returnValue', bits: VAR | CAPTURED },
    { name: '__exportSetter', bits: VAR | FUNCTION | CAPTURED },
    { name: '__export', bits: VAR },
    { name: 'exports_lib', bits: VAR },
    { name: 'VERSION', bits: VAR | CAPTURED },
    { name: 'greet', bits: VAR | FUNCTION | CAPTURED },
    { name: 'entryName', bits: VAR | EXPORTED },
  ],
  lexicalVariables: [
    { name: 'join', bits: CONST | IMPORTED },
    { name: 'basename', bits: CONST | IMPORTED },
    { name: 'Thing', bits: LET | CAPTURED },
  ],
  codeFeatures: (1 << 3) | (1 << 6),
};

function patchU32(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint32(at, value >>> 0, true);
  return copy;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

export function buildSamples(): Sample[] {
  const esmPayload = fixture('bun-1.4.4-esm/module.bytecode');
  const esmSource = fixture('bun-1.4.4-esm/module.js');
  const cjsClassic = fixture('bun-1.3.6-cjs/mod.js.jsc');
  // The 1.4.4 sidecar ends with a 24-byte trailer that is not part of the JavaScriptCore payload.
  const cjsCompact = fixture('bun-1.4.4-cjs/x.js.jsc').subarray(0, 552);
  const esm = encodeBmes(ESM_SAMPLE_RECORD, esmPayload);
  const decoded = decodeBmes(esm);
  const exports = decoded.exportEntries!;
  const imports = decoded.importEntries!;
  const requests = decoded.requestedModules!;
  const bytecodeAt = decoded.bytecode!.offset;
  const withRecord = (changes: Partial<BmesRecordInput>) => encodeBmes({ ...ESM_SAMPLE_RECORD, ...changes }, esmPayload);
  const sizes = (name: string, shape: Parameters<typeof syntheticRecord>[0], bytecodeSize: number, version: 1 | 2 | 3, seed: number) => ({
    name,
    bytes: encodeBmes(syntheticRecord(shape), syntheticCompactBytecode(esmPayload, bytecodeSize, seed), { version }),
  });
  const tinyShape = { requests: 2, imports: 3, exports: 4, declared: 5, lexical: 4 };
  const smallShape = { requests: 8, imports: 40, exports: 60, declared: 120, lexical: 200 };
  const mediumShape = { requests: 40, imports: 400, exports: 1000, declared: 2000, lexical: 3000 };

  const valid: Sample[] = [
    {
      name: 'v3-bun-1.4.4-esm.bmes',
      description: "Version 3 wrapping the real Bun 1.4.4 module bytecode of module.js (compact layout), with module.js's record written by hand; module.js beside it matches the cache's key.",
      bytes: esm,
      // The compact layout's key hash function is not known: the source length is compared, the hash cannot be.
      expects: ['source-hash-unchecked'],
      checkWith: { source: 'v3-bun-1.4.4-esm.js', expectJscVersion: 'f1f0ed26' },
      companions: { 'v3-bun-1.4.4-esm.js': esmSource },
    },
    { ...sizes('v3-tiny.bmes', tinyShape, 16 * 1024, 3, 1), description: 'Version 3, a few entries in every list, 16 KiB of synthetic compact-layout bytecode.', expects: [] },
    { ...sizes('v3-small.bmes', smallShape, 54 * 1024, 3, 2), description: 'Version 3, tens to hundreds of entries, 54 KiB of bytecode.', expects: ['attributes-lost'] },
    { ...sizes('v3-medium.bmes', mediumShape, 128 * 1024, 3, 3), description: 'Version 3, thousands of entries, 128 KiB of bytecode.', expects: ['attributes-lost'] },
    { ...sizes('v2-small.bmes', smallShape, 54 * 1024, 2, 4), description: 'Version 2 (inferred layout): Bun uses the bytecode, ignores the metadata.', expects: ['legacy-version', 'attributes-lost'] },
    { ...sizes('v1-small.bmes', smallShape, 54 * 1024, 1, 5), description: 'Version 1: Bun ignores the whole file.', expects: ['legacy-version', 'attributes-lost'] },
    { name: 'v2-bun-1.4.4-esm.bmes', description: 'Version 2 wrapping the real ESM payload.', bytes: encodeBmes(ESM_SAMPLE_RECORD, esmPayload, { version: 2 }), expects: ['legacy-version'] },
    { name: 'v1-bun-1.4.4-esm.bmes', description: 'Version 1 wrapping the real ESM payload.', bytes: encodeBmes(ESM_SAMPLE_RECORD, esmPayload, { version: 1 }), expects: ['legacy-version'] },
    {
      name: 'v3-bun-1.3.6-classic-cjs.bmes',
      description: 'Version 3 wrapping the real Bun 1.3.6 CommonJS bytecode (classic layout, with its source origin and embedded source): program bytecode where a module is expected.',
      bytes: encodeBmes(EMPTY_RECORD, cjsClassic),
      expects: ['program-bytecode-in-module-cache'],
      checkWith: { source: 'v3-bun-1.3.6-classic-cjs.js' },
      companions: { 'v3-bun-1.3.6-classic-cjs.js': fixture('bun-1.3.6-cjs/mod.js') },
    },
    {
      name: 'v3-bun-1.4.4-compact-cjs.bmes',
      description: 'Version 3 wrapping the real Bun 1.4.4 CommonJS bytecode (compact layout, trailer removed): program bytecode where a module is expected.',
      bytes: encodeBmes(EMPTY_RECORD, cjsCompact),
      expects: ['program-bytecode-in-module-cache'],
    },
    {
      name: 'bare-jsc-module.bmes',
      description: 'Not a BMES container: the bare Bun 1.4.4 module bytecode, as a loader would see a cache written without the BMES header.',
      bytes: esmPayload,
      expects: ['bad-magic'],
    },
  ];

  const corrupt = (code: DiagnosticCode, description: string, bytes: Uint8Array, extra: Partial<Sample> = {}): Sample => ({
    name: `corrupt-${code}.bmes`,
    description,
    bytes,
    expects: [code],
    ...extra,
  });
  const paddingRecord = { ...ESM_SAMPLE_RECORD, starExports: ['path'] };
  const padded = encodeBmes(paddingRecord, esmPayload);
  const paddedDecoded = decodeBmes(padded);
  const stalePayload = patchU32(esmPayload, 0, 0x188ee0b9);
  const editedSource = new TextEncoder().encode(new TextDecoder().decode(esmSource).replace('"1.2.3"', '"1.2.4-beta"'));

  const corruptions: Sample[] = [
    corrupt('truncated-header', 'Only the first 6 bytes of a valid file.', esm.subarray(0, 6)),
    corrupt('bad-magic', 'The magic written big-endian (bytes "BMES" instead of "SEMB").', patchU32(esm, 0, 0x53454d42)),
    corrupt('unknown-version', 'Version 4, which no Bun writes.', patchU32(esm, 4, 4)),
    corrupt('legacy-version', 'Version 1 (the first layout): Bun ignores it.', encodeBmes(ESM_SAMPLE_RECORD, esmPayload, { version: 1 })),
    corrupt('bytecode-out-of-bounds', 'Offset 0x10 and size 0xFFFFFFF8: the range wraps past 2^32, which a 32-bit check would accept.', patchU32(patchU32(esm, 8, 0x10), 12, 0xfffffff8)),
    corrupt('bytecode-misaligned', 'The bytecode offset moved 4 bytes on (size shortened to match): not a multiple of 8.', patchU32(patchU32(esm, 8, bytecodeAt + 4), 12, esmPayload.length - 4), {
      expects: ['bytecode-misaligned', 'gap-before-bytecode', 'jsc-unrecognized-layout'],
    }),
    corrupt('truncated-metadata', 'The file cut 2 bytes into the first export entry: the header points past the end and the metadata stops.', esm.subarray(0, exports.entries[0]!.offset + 2), {
      // The export count no longer fits in what is left, so it is also reported (a consequence of the cut).
      expects: ['truncated-metadata', 'bytecode-out-of-bounds', 'count-exceeds-data'],
    }),
    corrupt('count-exceeds-data', 'The export count set to 0xFFFFFFFF.', patchU32(esm, exports.count.offset, 0xffffffff), {
      // The read after the count bomb: a consequence, reported as a fault of its own today.
      expects: ['count-exceeds-data', 'string-exceeds-data'],
    }),
    corrupt('string-exceeds-data', "The first specifier's length set to 0x7FFFFFFF.", patchU32(esm, requests.entries[0]!.specifier.offset, 0x7fffffff)),
    corrupt('invalid-utf8', 'A byte of an export name replaced by 0xFF.', (() => {
      const b = esm.slice();
      b[exports.entries[0]!.exportName.dataOffset + 2] = 0xff;
      return b;
    })()),
    corrupt('unknown-import-type', 'An import entry of type 7.', patchU32(esm, imports.entries[1]!.type.offset, 7)),
    corrupt('unknown-export-type', 'An export entry of type 9.', patchU32(esm, exports.entries[0]!.type.offset, 9)),
    corrupt('unused-field-set', 'A local export whose moduleName is set.', withRecord({
      exportEntries: [{ type: 0, exportName: 'entryName', moduleName: 'path', importName: '', localName: 'entryName' }],
    })),
    corrupt('unknown-variable-bits', 'One variable with bit 20 set (warning) and one with bit 14, function declaration (info).', withRecord({
      declaredVariables: [{ name: 'entryName', bits: VAR | EXPORTED | (1 << 20) }, { name: 'greet', bits: VAR | FUNCTION | (1 << 14) }],
    })),
    corrupt('unknown-code-features', 'Code features with bit 14 set, beyond the 14 known bits.', withRecord({ codeFeatures: 0x4048 })),
    corrupt('attributes-lost', 'A request with import attributes: Bun writes hasAttributes = 1 and count 0, losing them.', withRecord({
      requestedModules: [{ specifier: 'path', attributes: [{ key: 'type', value: 'json' }] }],
    })),
    corrupt('nonzero-padding', 'An alignment byte after the code features set to 0xAA.', (() => {
      const b = padded.slice();
      b[paddedDecoded.padding!.offset] = 0xaa;
      return b;
    })()),
    corrupt('metadata-overlaps-bytecode', 'The bytecode offset moved 8 bytes back, into the code features (size grown to match).', patchU32(patchU32(esm, 8, bytecodeAt - 8), 12, esmPayload.length + 8), {
      expects: ['metadata-overlaps-bytecode', 'jsc-unrecognized-layout'],
    }),
    corrupt('gap-before-bytecode', '16 zero bytes inserted before the bytecode, with the offset moved to match.', patchU32(splice(esm, bytecodeAt, 0, new Uint8Array(16)), 8, bytecodeAt + 16)),
    corrupt('trailing-bytes', '32 bytes appended after the bytecode.', splice(esm, esm.length, 0, new Uint8Array(32).fill(0x5a))),
    corrupt('dangling-module-request', 'An import from "./missing.js", which is not a requested module.', withRecord({
      importEntries: [...ESM_SAMPLE_RECORD.importEntries, { type: 0, moduleRequest: './missing.js', importName: 'x', localName: 'x' }],
    })),
    corrupt('duplicate-export', 'Two exports named "entryName".', withRecord({
      exportEntries: [...ESM_SAMPLE_RECORD.exportEntries, { type: 0, exportName: 'entryName', moduleName: '', importName: '', localName: 'VERSION' }],
    })),
    corrupt('undeclared-local', 'A local export of "ghost", declared in neither environment.', withRecord({
      exportEntries: [...ESM_SAMPLE_RECORD.exportEntries, { type: 0, exportName: 'ghost', moduleName: '', importName: '', localName: 'ghost' }],
    })),
    corrupt('program-bytecode-in-module-cache', 'Real CommonJS (program) bytecode from Bun 1.4.4 in a module cache.', encodeBmes(EMPTY_RECORD, cjsCompact)),
    corrupt('jsc-size-mismatch', "The compact layout's payload size says 2000 where the header says 2216.", patchU32(esm, bytecodeAt + 12, 2000)),
    corrupt('jsc-unrecognized-layout', 'Bytecode that matches no known JavaScriptCore layout (random bytes).', encodeBmes(ESM_SAMPLE_RECORD, syntheticCompactBytecode(new Uint8Array(64), 4096, 9))),
    corrupt('jsc-version-mismatch', "The bytecode's cache version is Bun 1.3.6's (0x188EE0B9); check with --expect-jsc-version f1f0ed26 (Bun 1.4.4).", encodeBmes(ESM_SAMPLE_RECORD, stalePayload), {
      checkWith: { expectJscVersion: 'f1f0ed26' },
    }),
    corrupt('source-mismatch', 'The valid ESM cache checked against an edited module.js (a version string changed): the key length differs.', esm, {
      checkWith: { source: 'corrupt-source-mismatch.js' },
      companions: { 'corrupt-source-mismatch.js': editedSource },
    }),
  ];
  return [...valid, ...corruptions];
}

/** The decode options a sample's `checkWith` stands for, given the folder its companions are in. */
export function checkOptions(sample: Sample, companions: Readonly<Record<string, Uint8Array>>): DecodeOptions {
  const source = sample.checkWith?.source;
  const expected = sample.checkWith?.expectJscVersion;
  return {
    ...(source ? { source: sourceKeyOfFile(companions[source]!) } : {}),
    ...(expected ? { expectedJscVersion: parseInt(expected, 16) } : {}),
  };
}
