import { COMPACT_FIELDS, type BmesRecordInput } from '../../extension/bmes';

/** A small deterministic PRNG (xorshift32), so generated samples and benchmarks are byte-for-byte repeatable. */
export function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

export interface ModuleShape {
  readonly requests: number;
  readonly imports: number;
  readonly exports: number;
  readonly declared: number;
  readonly lexical: number;
}

/** The shape of a bundled module of `sourceBytes` bytes of source (rough proportions of real bundles). */
export function shapeForSource(sourceBytes: number): ModuleShape {
  return {
    requests: Math.max(1, Math.round(sourceBytes / 20_000)),
    imports: Math.max(1, Math.round(sourceBytes / 4_000)),
    exports: Math.max(1, Math.round(sourceBytes / 2_000)),
    declared: Math.max(1, Math.round(sourceBytes / 1_000)),
    lexical: Math.max(1, Math.round(sourceBytes / 500)),
  };
}

/** A consistent module record: every import/export names a requested module, every local export is declared. */
export function syntheticRecord(shape: ModuleShape): BmesRecordInput {
  const specifier = (i: number) => (i % 3 === 0 ? `node:mod${i}` : `./lib/module-${i}.js`);
  const requestedModules = Array.from({ length: shape.requests }, (_, i) => ({
    specifier: specifier(i),
    attributes: i % 7 === 6 ? [{ key: 'type', value: 'json' }] : null,
  }));
  const importEntries = Array.from({ length: shape.imports }, (_, i) => ({
    type: i % 11 === 10 ? 2 : 0,
    moduleRequest: specifier(i % shape.requests),
    importName: i % 11 === 10 ? '*namespace*' : `imported${i}`,
    localName: `imported${i}`,
  }));
  const exportEntries = Array.from({ length: shape.exports }, (_, i) =>
    i % 13 === 12
      ? { type: 1, exportName: `reexported${i}`, moduleName: specifier(i % shape.requests), importName: `original${i}`, localName: '' }
      : { type: 0, exportName: i === 0 ? 'default' : `export${i}`, moduleName: '', importName: '', localName: i === 0 ? '*default*' : `declared${i}` },
  );
  const declaredVariables = Array.from({ length: shape.declared }, (_, i) => ({
    name: `declared${i}`,
    bits: 0b100 | (i % 5 === 0 ? 0b10000 : 0) | (i % 4 === 0 ? 0b1 : 0) | (i % 9 === 0 ? 0x80 : 0),
  }));
  const lexicalVariables = [
    { name: '*default*', bits: 0b10010 },
    ...Array.from({ length: shape.lexical }, (_, i) => ({ name: `lexical${i}`, bits: i % 2 ? 0b1000 : 0b10 })),
  ];
  return { requestedModules, importEntries, exportEntries, starExports: [specifier(0)], declaredVariables, lexicalVariables, codeFeatures: 0x1048 };
}

/**
 * Bytecode of a given size that fingerprints as the compact layout: the header of a real Bun 1.4.4 module
 * payload, its payload size set to `size`, then deterministic filler standing in for the code blocks.
 */
export function syntheticCompactBytecode(template: Uint8Array, size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(Math.max(size, 64));
  const next = prng(seed);
  for (let i = 0; i < out.length; i += 4) {
    const v = next();
    out[i] = v;
    out[i + 1] = v >>> 8;
    out[i + 2] = v >>> 16;
    out[i + 3] = v >>> 24;
  }
  out.set(template.subarray(0, 64));
  new DataView(out.buffer).setUint32(COMPACT_FIELDS.payloadSize, out.length, true);
  return out;
}

/** A generated file to benchmark: its module shape and bytecode size. */
export interface BenchCase {
  readonly name: string;
  readonly shape: ModuleShape;
  readonly bytecodeSize: number;
}

const KB = 1024;
const MB = 1024 * KB;

/** The seeds' six sizes: source 12 KB … 20 MB, bytecode about 2.5× the source (so up to ~49 MB). */
export const SEED_CASES: readonly BenchCase[] = (
  [
    ['tiny', 12 * KB],
    ['small', 28 * KB],
    ['medium', 212 * KB],
    ['large', 2 * MB],
    ['xlarge', 10 * MB],
    ['huge', 20 * MB],
  ] as const
).map(([name, source]) => ({ name, shape: shapeForSource(source), bytecodeSize: Math.round(source * 2.5) }));

/** A module with 100,000 exports (and as many declared variables), for table and decode scaling. */
export const MANY_EXPORTS_CASE: BenchCase = {
  name: '100k-exports',
  shape: { requests: 50, imports: 100, exports: 100_000, declared: 100_000, lexical: 10 },
  bytecodeSize: 2 * MB,
};
