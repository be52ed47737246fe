/**
 * Shared helpers for the BMES tests: the real JavaScriptCore payloads (copied into test/fixtures so a clean
 * clone has them), a little-endian byte builder that is independent of the library's encoder, random and
 * hand-made module records, and a byte-counting RangeSource for the ranged decoder.
 */
import { readFileSync } from 'node:fs';
import type { BmesRecordInput, RangeSource } from '../../extension/bmes';
import { Prng } from './prng';

const FIXTURE_DIR = new URL('../fixtures/jsc/', import.meta.url);

export function fixture(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(relativePath, FIXTURE_DIR)));
}

export function fixtureText(relativePath: string): string {
  return readFileSync(new URL(relativePath, FIXTURE_DIR), 'utf8');
}

/** The real payloads, as written by released Bun builds (see test/fixtures/jsc/README.md). */
export const REAL = {
  /** Bun 1.3.6, classic layout, CommonJS sidecar without trailer. */
  classic: () => fixture('bun-1.3.6-cjs/mod.js.jsc'),
  classicSource: () => fixture('bun-1.3.6-cjs/mod.js'),
  /** Bun 1.4.4, compact layout, CommonJS sidecar: 552 payload bytes + 24-byte trailer. */
  compactCjsSidecar: () => fixture('bun-1.4.4-cjs/x.js.jsc'),
  /** The 552 payload bytes of the sidecar, without the trailer. */
  compactCjs: () => fixture('bun-1.4.4-cjs/x.js.jsc').slice(0, 552),
  compactCjsSource: () => fixture('bun-1.4.4-cjs/x.js'),
  /** Bun 1.4.4, compact layout, an ES module's bytecode (tag 1). */
  esm: () => fixture('bun-1.4.4-esm/module.bytecode'),
  esmSource: () => fixture('bun-1.4.4-esm/module.js'),
} as const;

/** Writes little-endian u32s, length-prefixed UTF-8 strings and raw bytes: a second, independent writer. */
export class Bytes {
  private readonly parts: number[] = [];

  get length(): number {
    return this.parts.length;
  }

  u32(value: number): this {
    const v = value >>> 0;
    this.parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
    return this;
  }

  str(text: string): this {
    const bytes = new TextEncoder().encode(text);
    this.u32(bytes.length);
    return this.raw(bytes);
  }

  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.parts.push(bytes[i]! & 0xff);
    return this;
  }

  zeros(n: number): this {
    for (let i = 0; i < n; i++) this.parts.push(0);
    return this;
  }

  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function readU32(data: Uint8Array, offset: number): number {
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(offset, true);
}

/** A copy of `data` with the u32 at `offset` replaced. */
export function withU32(data: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = data.slice();
  new DataView(copy.buffer).setUint32(offset, value >>> 0, true);
  return copy;
}

export function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** A record with several entries in every list, attributes included; every reference resolves. */
export const RICH_RECORD: BmesRecordInput = {
  requestedModules: [
    { specifier: './a.js', attributes: null },
    { specifier: './data.json', attributes: [{ key: 'type', value: 'json' }] },
    { specifier: 'node:fs', attributes: null },
    { specifier: './ü-star.js', attributes: null },
  ],
  importEntries: [
    { type: 0, moduleRequest: './a.js', importName: 'alpha', localName: 'alpha' },
    { type: 1, moduleRequest: './data.json', importName: 'default', localName: 'data' },
    { type: 2, moduleRequest: 'node:fs', importName: '*', localName: 'fs' },
  ],
  exportEntries: [
    { type: 0, exportName: 'main', moduleName: '', importName: '', localName: 'main' },
    { type: 0, exportName: 'default', moduleName: '', importName: '', localName: '*default*' },
    { type: 1, exportName: 'beta', moduleName: './a.js', importName: 'beta', localName: '' },
    { type: 2, exportName: 'ns', moduleName: 'node:fs', importName: '', localName: '' },
  ],
  starExports: ['./ü-star.js', './a.js'],
  declaredVariables: [
    { name: 'main', bits: 0x0094 },
    { name: 'counter', bits: 0x0004 },
  ],
  lexicalVariables: [
    { name: '*default*', bits: 0x0012 },
    { name: 'alpha', bits: 0x0020 },
    { name: 'data', bits: 0x0020 },
    { name: 'fs', bits: 0x0060 },
  ],
  codeFeatures: 0x1088,
};

/** An arbitrary bytecode blob that matches no JavaScriptCore layout. */
export function opaqueBytecode(n = 40, seed = 7): Uint8Array {
  return new Prng(seed).bytes(n);
}

const STRING_POOLS: readonly (readonly [number, number])[] = [
  [0x20, 0x7e], // ASCII
  [0x00, 0x1f], // controls, NUL included
  [0xa0, 0xff], // Latin-1
  [0x100, 0xd7ff], // BMP below the surrogates
  [0xe000, 0xfffd], // BMP above the surrogates (BOM U+FEFF included)
  [0x10000, 0x10ffff], // astral
];

/** A random string of valid Unicode scalar values (no lone surrogates: UTF-8 cannot carry them). */
export function randomString(rng: Prng, maxLength = 12): string {
  if (rng.bool(0.2)) return '';
  const n = rng.int(1, maxLength);
  let text = '';
  for (let i = 0; i < n; i++) {
    if (rng.bool(0.03)) {
      text += '\uFEFF';
      continue;
    }
    const [lo, hi] = rng.pick(STRING_POOLS);
    text += String.fromCodePoint(rng.int(lo, hi));
  }
  return text;
}

export function randomRecord(rng: Prng, maxCount = 5): BmesRecordInput {
  const count = () => (rng.bool(0.25) ? 0 : rng.int(1, maxCount));
  const list = <T>(make: () => T): T[] => Array.from({ length: count() }, make);
  return {
    requestedModules: list(() => ({
      specifier: randomString(rng),
      attributes: rng.bool(0.5) ? null : list(() => ({ key: randomString(rng), value: randomString(rng) })),
    })),
    importEntries: list(() => ({
      type: rng.int(0, 2),
      moduleRequest: randomString(rng),
      importName: randomString(rng),
      localName: randomString(rng),
    })),
    exportEntries: list(() => ({
      type: rng.int(0, 2),
      exportName: randomString(rng),
      moduleName: randomString(rng),
      importName: randomString(rng),
      localName: randomString(rng),
    })),
    starExports: list(() => randomString(rng)),
    declaredVariables: list(() => ({ name: randomString(rng), bits: rng.int(0, 0x3fff) })),
    lexicalVariables: list(() => ({ name: randomString(rng), bits: rng.int(0, 0x3fff) })),
    codeFeatures: rng.int(0, 0x3fff),
  };
}

/** What a decoder can give back for `record` written as `version` without attribute pairs. */
export function expectedRoundTrip(record: BmesRecordInput, version: 1 | 2 | 3, pairsWritten = false): BmesRecordInput {
  return {
    ...record,
    requestedModules: record.requestedModules.map((r) => ({
      specifier: r.specifier,
      attributes: r.attributes === null ? null : pairsWritten ? r.attributes : [],
    })),
    declaredVariables: version === 3 ? record.declaredVariables : [],
    lexicalVariables: version === 3 ? record.lexicalVariables : [],
    codeFeatures: version === 3 ? record.codeFeatures : 0,
  };
}

/** A RangeSource over a buffer that counts the bytes and calls it serves, and refuses to serve forever. */
export class CountingSource implements RangeSource {
  bytesRead = 0;
  reads = 0;

  constructor(
    private readonly data: Uint8Array,
    private readonly maxReads = 10_000,
  ) {}

  get size(): number {
    return this.data.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (++this.reads > this.maxReads) throw new Error(`more than ${this.maxReads} reads: the ranged decoder is looping`);
    if (offset < 0 || length < 0 || offset + length > this.data.length) {
      throw new Error(`read out of range: ${offset}+${length} of ${this.data.length}`);
    }
    this.bytesRead += length;
    return this.data.slice(offset, offset + length);
  }
}

/**
 * A reference writer built straight from spec §2 with the independent `Bytes` builder, used to check the
 * library's encoder byte for byte. `metadataEnd` is where the metadata ends (before padding or, for v1, at
 * the size field).
 */
export function referenceEncode(
  record: BmesRecordInput,
  bytecode: Uint8Array,
  version: 1 | 2 | 3,
  writePairs = false,
): { bytes: Uint8Array; metadataEnd: number; bytecodeOffset: number } {
  const b = new Bytes().u32(0x424d4553).u32(version);
  if (version !== 1) b.u32(0).u32(bytecode.length);
  b.u32(record.requestedModules.length);
  for (const r of record.requestedModules) {
    b.str(r.specifier);
    if (r.attributes === null) {
      b.u32(0);
    } else {
      const pairs = writePairs ? r.attributes : [];
      b.u32(1).u32(pairs.length);
      for (const p of pairs) b.str(p.key).str(p.value);
    }
  }
  b.u32(record.importEntries.length);
  for (const e of record.importEntries) b.u32(e.type).str(e.moduleRequest).str(e.importName).str(e.localName);
  b.u32(record.exportEntries.length);
  for (const e of record.exportEntries) b.u32(e.type).str(e.exportName).str(e.moduleName).str(e.importName).str(e.localName);
  b.u32(record.starExports.length);
  for (const s of record.starExports) b.str(s);
  if (version === 3) {
    for (const list of [record.declaredVariables, record.lexicalVariables]) {
      b.u32(list.length);
      for (const v of list) b.str(v.name).u32(v.bits);
    }
    b.u32(record.codeFeatures);
  }
  const metadataEnd = b.length;
  if (version === 1) {
    b.u32(bytecode.length).raw(bytecode);
    return { bytes: b.build(), metadataEnd, bytecodeOffset: metadataEnd + 4 };
  }
  while (b.length % 8 !== 0) b.zeros(1);
  const bytecodeOffset = b.length;
  b.raw(bytecode);
  const bytes = b.build();
  new DataView(bytes.buffer).setUint32(8, bytecodeOffset, true);
  return { bytes, metadataEnd, bytecodeOffset };
}

/**
 * A small v3 file written out by hand from spec §2, byte by byte (see roundtrip.test.ts for the record it
 * holds). Offsets: requested-modules count 0x10; specifier "a" length field 0x14, byte 0x18; hasAttributes
 * 0x19; import count 0x1D; import type 0x21; export count 0x34; export type 0x38; star count 0x4E;
 * declared count 0x52; lexical count 0x56; lexical name length field 0x5A; bits 0x5F; codeFeatures 0x63;
 * metadata end 0x67; one padding byte; bytecode at 0x68.
 */
export const HAND_V3 = Uint8Array.from([
  /* 0x00 */ 0x53,
  0x45,
  0x4d,
  0x42, // magic "SEMB"
  /* 0x04 */ 0x03,
  0x00,
  0x00,
  0x00, // version 3
  /* 0x08 */ 0x68,
  0x00,
  0x00,
  0x00, // bytecodeOffset 104
  /* 0x0C */ 0x03,
  0x00,
  0x00,
  0x00, // bytecodeSize 3
  /* 0x10 */ 0x01,
  0x00,
  0x00,
  0x00, // 1 requested module
  /* 0x14 */ 0x01,
  0x00,
  0x00,
  0x00,
  0x61, //   specifier "a"
  /* 0x19 */ 0x00,
  0x00,
  0x00,
  0x00, //   hasAttributes 0
  /* 0x1D */ 0x01,
  0x00,
  0x00,
  0x00, // 1 import entry
  /* 0x21 */ 0x02,
  0x00,
  0x00,
  0x00, //   type 2 (namespace)
  /* 0x25 */ 0x01,
  0x00,
  0x00,
  0x00,
  0x61, //   moduleRequest "a"
  /* 0x2A */ 0x01,
  0x00,
  0x00,
  0x00,
  0x2a, //   importName "*"
  /* 0x2F */ 0x01,
  0x00,
  0x00,
  0x00,
  0x6e, //   localName "n"
  /* 0x34 */ 0x01,
  0x00,
  0x00,
  0x00, // 1 export entry
  /* 0x38 */ 0x00,
  0x00,
  0x00,
  0x00, //   type 0 (local)
  /* 0x3C */ 0x01,
  0x00,
  0x00,
  0x00,
  0x78, //   exportName "x"
  /* 0x41 */ 0x00,
  0x00,
  0x00,
  0x00, //   moduleName ""
  /* 0x45 */ 0x00,
  0x00,
  0x00,
  0x00, //   importName ""
  /* 0x49 */ 0x01,
  0x00,
  0x00,
  0x00,
  0x78, //   localName "x"
  /* 0x4E */ 0x00,
  0x00,
  0x00,
  0x00, // 0 star exports
  /* 0x52 */ 0x00,
  0x00,
  0x00,
  0x00, // 0 declared variables
  /* 0x56 */ 0x01,
  0x00,
  0x00,
  0x00, // 1 lexical variable
  /* 0x5A */ 0x01,
  0x00,
  0x00,
  0x00,
  0x78, //   name "x"
  /* 0x5F */ 0x0a,
  0x00,
  0x00,
  0x00, //   bits 0x0A (const | let)
  /* 0x63 */ 0x00,
  0x10,
  0x00,
  0x00, // codeFeatures 0x1000 (import.meta)
  /* 0x67 */ 0x00, // padding to 0x68
  /* 0x68 */ 0xaa,
  0xbb,
  0xcc, // bytecode
]);

export const HAND_V3_RECORD: BmesRecordInput = {
  requestedModules: [{ specifier: 'a', attributes: null }],
  importEntries: [{ type: 2, moduleRequest: 'a', importName: '*', localName: 'n' }],
  exportEntries: [{ type: 0, exportName: 'x', moduleName: '', importName: '', localName: 'x' }],
  starExports: [],
  declaredVariables: [],
  lexicalVariables: [{ name: 'x', bits: 0x0a }],
  codeFeatures: 0x1000,
};
