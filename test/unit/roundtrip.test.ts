/**
 * Round trip: random records → encodeBmes (v1, v2, v3) → decodeBmes → recordOf gives the record back, and
 * re-encoding gives the same bytes. The encoder is also checked against a reference writer built from the
 * spec, and against two files written out by hand.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeBmes, encodeBmes, recordOf, toDump, type BmesFile, type BmesRecordInput } from '../../extension/bmes';
import { Prng } from '../support/prng';
import { HAND_V3, HAND_V3_RECORD, RICH_RECORD, expectedRoundTrip, randomRecord, readU32, referenceEncode } from '../support/bmes';

const VERSIONS = [1, 2, 3] as const;
const RECORDS_PER_VERSION = 250;

function bytecodeOf(file: BmesFile, data: Uint8Array): Uint8Array {
  assert.ok(file.bytecode, 'the bytecode region was located');
  return data.slice(file.bytecode.offset, file.bytecode.offset + file.bytecode.length);
}

function errorsOf(file: BmesFile) {
  return file.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.offset}`);
}

describe('random records round-trip through every version', () => {
  for (const version of VERSIONS) {
    test(`version ${version}`, () => {
      const rng = new Prng(0x5eed0000 + version);
      for (let i = 0; i < RECORDS_PER_VERSION; i++) {
        const record = randomRecord(rng);
        const bytecode = rng.bytes(rng.int(0, 40));
        const where = `version ${version}, record #${i} (seed ${rng.seed})`;

        const bytes = encodeBmes(record, bytecode, { version });
        const reference = referenceEncode(record, bytecode, version);
        assert.deepEqual(bytes, reference.bytes, `${where}: encoder differs from the spec's layout`);

        const file = decodeBmes(bytes);
        assert.deepEqual(recordOf(file), expectedRoundTrip(record, version), `${where}: decoded record`);
        assert.deepEqual(bytecodeOf(file, bytes), bytecode, `${where}: bytecode`);
        assert.equal(file.metadataEnd, reference.metadataEnd, `${where}: metadata end`);
        assert.deepEqual(errorsOf(file), version === 1 ? ['legacy-version@4'] : [], `${where}: errors`);
        assert.equal(file.verdict.level, version === 3 ? 'full' : version === 2 ? 'bytecode-only' : 'none', where);
        if (version === 3) {
          assert.notEqual(file.declaredVariables, null);
          assert.notEqual(file.codeFeatures, null);
        } else {
          assert.equal(file.declaredVariables, null, `${where}: v1/v2 store no variables`);
          assert.equal(file.lexicalVariables, null);
          assert.equal(file.codeFeatures, null);
        }

        const again = encodeBmes(recordOf(file), bytecodeOf(file, bytes), { version });
        assert.deepEqual(again, bytes, `${where}: re-encoding changed the bytes`);

        if (version !== 1) {
          const offset = readU32(bytes, 8);
          assert.equal(offset % 8, 0, `${where}: bytecodeOffset ${offset} is not a multiple of 8`);
          assert.equal(readU32(bytes, 12), bytecode.length, `${where}: bytecodeSize`);
          assert.equal(offset + bytecode.length, bytes.length, `${where}: the file ends where the bytecode ends`);
          assert.ok(offset - reference.metadataEnd >= 0 && offset - reference.metadataEnd <= 7, `${where}: padding`);
          for (let p = reference.metadataEnd; p < offset; p++) assert.equal(bytes[p], 0, `${where}: padding byte ${p}`);
          assert.equal(file.gap, null, where);
        } else {
          assert.equal(readU32(bytes, bytes.length - bytecode.length - 4), bytecode.length, `${where}: v1 size field`);
        }
      }
    });
  }

  test('attribute pairs written by the test-only option come back', () => {
    const rng = new Prng(0xa77);
    for (let i = 0; i < 100; i++) {
      const record = randomRecord(rng);
      const bytecode = rng.bytes(rng.int(0, 16));
      for (const version of VERSIONS) {
        const bytes = encodeBmes(record, bytecode, { version, writeAttributePairs: true });
        assert.deepEqual(bytes, referenceEncode(record, bytecode, version, true).bytes);
        const file = decodeBmes(bytes);
        assert.deepEqual(recordOf(file), expectedRoundTrip(record, version, true), `record #${i}, version ${version}`);
        assert.deepEqual(encodeBmes(recordOf(file), bytecodeOf(file, bytes), { version, writeAttributePairs: true }), bytes);
      }
    }
  });

  test('attributes written the way Bun writes them come back as an empty list, not null', () => {
    const file = decodeBmes(encodeBmes(RICH_RECORD, new Uint8Array(8)));
    assert.deepEqual(
      recordOf(file).requestedModules.map((r) => r.attributes),
      [null, [], null, null],
    );
    assert.equal(file.requestedModules?.entries[1]?.attributeCount?.value, 0);
  });

  test('empty record and empty bytecode', () => {
    for (const version of VERSIONS) {
      const empty: BmesRecordInput = {
        requestedModules: [],
        importEntries: [],
        exportEntries: [],
        starExports: [],
        declaredVariables: [],
        lexicalVariables: [],
        codeFeatures: 0,
      };
      const bytes = encodeBmes(empty, new Uint8Array(0), { version });
      // v1: 8 header + 4 counts + size field; v2: 16 + 4 counts = 32 (aligned); v3: 16 + 6 counts + features = 44 → 48.
      assert.equal(bytes.length, { 1: 28, 2: 32, 3: 48 }[version]);
      const file = decodeBmes(bytes);
      assert.deepEqual(recordOf(file), empty);
      assert.deepEqual(file.bytecode && { offset: file.bytecode.offset, length: file.bytecode.length }, {
        offset: bytes.length,
        length: 0,
      });
      assert.equal(file.jsc, null, 'no jsc section for empty bytecode');
    }
  });
});

describe('hand-written layouts', () => {
  test('a small version-3 file matches the bytes written out by hand', () => {
    const bytecode = Uint8Array.from([0xaa, 0xbb, 0xcc]);
    assert.deepEqual(encodeBmes(HAND_V3_RECORD, bytecode, { version: 3 }), HAND_V3);

    const file = decodeBmes(HAND_V3);
    assert.deepEqual(recordOf(file), HAND_V3_RECORD);
    assert.deepEqual(file.header.bytecodeOffset, { offset: 8, length: 4, value: 0x68 });
    assert.deepEqual(file.header.bytecodeSize, { offset: 12, length: 4, value: 3 });
    // Spans read off the hand layout.
    assert.deepEqual(file.requestedModules?.count, { offset: 0x10, length: 4, value: 1 });
    const request = file.requestedModules!.entries[0]!;
    assert.deepEqual([request.offset, request.length], [0x14, 9]);
    assert.deepEqual([request.specifier.offset, request.specifier.length, request.specifier.dataOffset], [0x14, 5, 0x18]);
    assert.deepEqual([request.hasAttributes.offset, request.hasAttributes.value], [0x19, 0]);
    const imp = file.importEntries!.entries[0]!;
    assert.deepEqual([imp.offset, imp.length, imp.type.offset], [0x21, 19, 0x21]);
    assert.deepEqual([imp.localName.offset, imp.localName.length], [0x2f, 5]);
    const exp = file.exportEntries!.entries[0]!;
    assert.deepEqual([exp.offset, exp.length], [0x38, 22]);
    assert.deepEqual([exp.moduleName.offset, exp.moduleName.length, exp.moduleName.byteLength], [0x41, 4, 0]);
    assert.deepEqual([exp.localName.offset, exp.localName.dataOffset], [0x49, 0x4d]);
    assert.deepEqual([file.starExports?.offset, file.starExports?.length], [0x4e, 4]);
    assert.deepEqual([file.declaredVariables?.offset, file.declaredVariables?.length], [0x52, 4]);
    assert.deepEqual([file.lexicalVariables?.offset, file.lexicalVariables?.length], [0x56, 13]);
    assert.deepEqual(file.lexicalVariables?.entries[0]?.bits, { offset: 0x5f, length: 4, value: 0x0a });
    assert.deepEqual(file.codeFeatures, { offset: 0x63, length: 4, value: 0x1000 });
    assert.equal(file.metadataEnd, 0x67);
    assert.deepEqual(file.padding, { offset: 0x67, length: 1 });
    assert.equal(file.gap, null);
    assert.deepEqual(file.bytecode, { offset: 0x68, length: 3, source: 'header' });
    assert.equal(file.trailing, null);
  });

  test('a small version-1 file matches the bytes written out by hand', () => {
    const record: BmesRecordInput = {
      requestedModules: [{ specifier: 'm', attributes: [] }],
      importEntries: [],
      exportEntries: [{ type: 1, exportName: 'e', moduleName: 'm', importName: 'i', localName: '' }],
      starExports: ['m'],
      declaredVariables: [{ name: 'ignored in v1', bits: 4 }],
      lexicalVariables: [],
      codeFeatures: 0x3fff,
    };
    const expected = Uint8Array.from([
      /* 0x00 */ 0x53,
      0x45,
      0x4d,
      0x42, // magic
      /* 0x04 */ 0x01,
      0x00,
      0x00,
      0x00, // version 1: no offset/size in the header
      /* 0x08 */ 0x01,
      0x00,
      0x00,
      0x00, // 1 requested module
      /* 0x0C */ 0x01,
      0x00,
      0x00,
      0x00,
      0x6d, //   "m"
      /* 0x11 */ 0x01,
      0x00,
      0x00,
      0x00, //   hasAttributes 1
      /* 0x15 */ 0x00,
      0x00,
      0x00,
      0x00, //   attribute count 0 (Bun's writer)
      /* 0x19 */ 0x00,
      0x00,
      0x00,
      0x00, // 0 import entries
      /* 0x1D */ 0x01,
      0x00,
      0x00,
      0x00, // 1 export entry
      /* 0x21 */ 0x01,
      0x00,
      0x00,
      0x00, //   type 1 (indirect)
      /* 0x25 */ 0x01,
      0x00,
      0x00,
      0x00,
      0x65, //   exportName "e"
      /* 0x2A */ 0x01,
      0x00,
      0x00,
      0x00,
      0x6d, //   moduleName "m"
      /* 0x2F */ 0x01,
      0x00,
      0x00,
      0x00,
      0x69, //   importName "i"
      /* 0x34 */ 0x00,
      0x00,
      0x00,
      0x00, //   localName ""
      /* 0x38 */ 0x01,
      0x00,
      0x00,
      0x00, // 1 star export
      /* 0x3C */ 0x01,
      0x00,
      0x00,
      0x00,
      0x6d, //   "m"
      /* 0x41 */ 0x02,
      0x00,
      0x00,
      0x00, // bytecode size 2
      /* 0x45 */ 0x01,
      0x02, // bytecode, to the end of the file
    ]);
    const bytes = encodeBmes(record, Uint8Array.from([1, 2]), { version: 1 });
    assert.deepEqual(bytes, expected);

    const file = decodeBmes(expected);
    assert.deepEqual(recordOf(file), expectedRoundTrip(record, 1));
    assert.equal(file.header.bytecodeOffset, null);
    assert.deepEqual(file.header.bytecodeSize, { offset: 0x41, length: 4, value: 2 });
    assert.deepEqual(file.bytecode, { offset: 0x45, length: 2, source: 'v1-size-field' });
    assert.equal(file.metadataEnd, 0x41);
    assert.deepEqual(file.requestedModules?.entries[0]?.attributeCount, { offset: 0x15, length: 4, value: 0 });
    assert.deepEqual(file.exportEntries?.entries[0] && [file.exportEntries.entries[0].offset, file.exportEntries.entries[0].length], [0x21, 23]);
    // The JSON dump: v1's header has no offset or size fields; `bytecode` says where it was found.
    const dump = toDump(file);
    assert.deepEqual(dump.header, { magic: 0x424d4553, version: 1, bytecodeOffset: null, bytecodeSize: null });
    assert.deepEqual(dump.bytecode, { offset: 0x45, size: 2, sha256: null });
    assert.deepEqual(dump.requestedModules, [{ specifier: 'm', attributes: [] }]);
    assert.deepEqual(dump.exportEntries, [{ type: 'indirect', exportName: 'e', moduleName: 'm', importName: 'i', localName: '' }]);
    assert.equal(dump.declaredVariables, null);
    assert.equal(dump.lexicalVariables, null);
    assert.equal(dump.codeFeatures, null);
  });
});
