// The files of issue 13's decode figures: the two record-heavy files measured against the Kaitai peer, and
// dense metadata-only inputs of at most 1 MB (the 10 ms budget). Deterministic, so runs compare.
import { EMPTY_RECORD, encodeBmes, type BmesRecordInput } from '../../extension/bmes';
import { MANY_EXPORTS_CASE, syntheticCompactBytecode, syntheticRecord } from '../../scripts/samples/synthetic';

export interface PeerCase {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const MB = 1024 * 1024;
/** The least bytecode that still fingerprints as the compact layout: these inputs are all metadata. */
const TINY_BYTECODE = 64;

/** 60,000 local exports whose locals are 60,000 lexical variables (about 3.2 MB). */
function exportsAndLexical(): BmesRecordInput {
  const base = syntheticRecord({ requests: 50, imports: 100, exports: 60_000, declared: 1, lexical: 0 });
  const exportEntries = base.exportEntries.map((e, i) => (e.type === 0 ? { ...e, localName: `lexical${i}` } : e));
  const lexicalVariables = exportEntries.map((_, i) => ({ name: `lexical${i}`, bits: i % 2 ? 0b1000 : 0b10 }));
  return { ...base, exportEntries, lexicalVariables };
}

/** As many records of `minSize` bytes as fit in `budget` bytes of metadata. */
const fit = (budget: number, minSize: number) => Math.floor(budget / minSize);

export function peerCases(template: Uint8Array): { compared: PeerCase[]; dense: PeerCase[] } {
  const encode = (record: BmesRecordInput, bytecodeSize: number) => encodeBmes(record, syntheticCompactBytecode(template, bytecodeSize, 7));
  const compared = [
    { name: '60k exports + 60k lexical', bytes: encode(exportsAndLexical(), TINY_BYTECODE) },
    { name: '100k exports', bytes: encode(syntheticRecord(MANY_EXPORTS_CASE.shape), MANY_EXPORTS_CASE.bytecodeSize) },
  ];
  const metadata = MB - 16 - 32 - TINY_BYTECODE;
  const dense = [
    // A bundle-like record mix, scaled to fill 1 MB.
    { name: 'dense mix, 1 MB', bytes: encode(syntheticRecord({ requests: 40, imports: 2_000, exports: 9_000, declared: 9_000, lexical: 18_000 }), TINY_BYTECODE) },
    // The smallest records there are: variables with empty names (8 bytes) and empty star exports (4 bytes).
    {
      name: 'empty variables, 1 MB',
      bytes: encode({ ...EMPTY_RECORD, lexicalVariables: Array.from({ length: fit(metadata, 8) }, () => ({ name: '', bits: 2 })) }, TINY_BYTECODE),
    },
    {
      name: 'empty star exports, 1 MB',
      bytes: encode({ ...EMPTY_RECORD, starExports: Array.from({ length: fit(metadata, 4) }, () => '') }, TINY_BYTECODE),
    },
  ];
  return { compared, dense };
}

/** `bytes` with every `from` sequence in its first `end` bytes replaced by `to` (the same length). */
function replaced(bytes: Uint8Array, end: number, from: readonly number[], to: readonly number[]): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i + from.length <= end; i++) {
    if (from.every((b, k) => out[i + k] === b)) {
      out.set(to, i);
      i += from.length - 1;
    }
  }
  return out;
}

/**
 * More dense inputs of at most 1 MB, for the budget alone (Kaitai's table keeps the three above): the shapes that
 * take the decoder's slower ways — names that are not UTF-8 (each a diagnostic), non-ASCII names, requested modules
 * with attributes, attribute pairs, and lists of one repeated string.
 */
export function budgetCases(template: Uint8Array): PeerCase[] {
  const encode = (record: BmesRecordInput, options: { writeAttributePairs?: boolean } = {}) => encodeBmes(record, syntheticCompactBytecode(template, TINY_BYTECODE, 7), options);
  const metadata = MB - 16 - 32 - TINY_BYTECODE;
  const variables = (count: number, name: string) => Array.from({ length: count }, () => ({ name, bits: 2 }));
  // "ÿ" is written as C3 BF; turned into FF FE, never valid UTF-8, at the same length.
  const valid = encode({ ...EMPTY_RECORD, lexicalVariables: variables(fit(metadata, 10), 'ÿ') });
  const invalid = replaced(valid, valid.length - TINY_BYTECODE, [0xc3, 0xbf], [0xff, 0xfe]);
  return [
    { name: 'names not UTF-8, 1 MB', bytes: invalid },
    { name: 'non-ASCII names, 1 MB', bytes: encode({ ...EMPTY_RECORD, lexicalVariables: variables(fit(metadata, 10), 'é') }) },
    {
      name: 'requests with attributes, 1 MB',
      bytes: encode({ ...EMPTY_RECORD, requestedModules: Array.from({ length: fit(metadata, 12) }, () => ({ specifier: '', attributes: [] })) }),
    },
    {
      name: 'attribute pairs, 1 MB',
      bytes: encode(
        { ...EMPTY_RECORD, requestedModules: [{ specifier: 'a', attributes: Array.from({ length: fit(metadata - 20, 8) }, () => ({ key: '', value: '' })) }] },
        { writeAttributePairs: true },
      ),
    },
    { name: 'one repeated star export, 1 MB', bytes: encode({ ...EMPTY_RECORD, starExports: Array.from({ length: fit(metadata, 5) }, () => 'a') }) },
  ];
}

/**
 * A hostile file of `size` bytes: a v3 header, then one star-export count and that many empty star exports (4
 * zero bytes each, the smallest record there is), the other lists empty, and 64 bytes of bytecode.
 */
export function hostileStarExports(template: Uint8Array, size: number): PeerCase {
  const bytecode = syntheticCompactBytecode(template, TINY_BYTECODE, 7);
  const records = Math.floor((size - 16 - 7 * 4 - 8 - bytecode.length) / 4);
  const metadataEnd = 16 + 7 * 4 + 4 * records;
  const bytecodeOffset = Math.ceil(metadataEnd / 8) * 8;
  const bytes = new Uint8Array(bytecodeOffset + bytecode.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x424d4553, true);
  view.setUint32(4, 3, true);
  view.setUint32(8, bytecodeOffset, true);
  view.setUint32(12, bytecode.length, true);
  view.setUint32(16 + 3 * 4, records, true); // after the empty requested, import and export lists
  bytes.set(bytecode, bytecodeOffset);
  return { name: `${records.toLocaleString('en-US')} empty star exports, ${(bytes.length / MB).toFixed(0)} MB`, bytes };
}
