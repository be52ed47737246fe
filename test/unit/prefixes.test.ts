/**
 * Every prefix of a valid file: no throw, at least one error, and an error that points at the item the cut
 * broke (the count, string length field, string or record that needed bytes past the cut, or the header
 * bounds). Lists keep their whole records only, and lists never reached are null.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeBmes, encodeBmes, type BmesFile, type Diagnostic, type ListName, type RecordList, type Span } from '../../extension/bmes';
import { HAND_V3, RICH_RECORD, concat, opaqueBytecode, referenceEncode } from '../support/bmes';

const METADATA_CODES = new Set(['truncated-metadata', 'string-exceeds-data', 'count-exceeds-data']);
const LISTS: readonly ListName[] = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables'];

function describeDiagnostics(file: BmesFile): string {
  return file.diagnostics.map((d) => `${d.severity} ${d.code} @${d.offset}+${d.length}`).join('; ');
}

const straddles = (d: Span, cut: number) => d.offset <= cut && d.offset + d.length > cut;

interface Case {
  name: string;
  version: 1 | 2 | 3;
  bytes: Uint8Array;
  metadataEnd: number;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const version of [1, 2, 3] as const) {
    const ref = referenceEncode(RICH_RECORD, opaqueBytecode(24), version);
    out.push({ name: `version ${version}`, version, bytes: encodeBmes(RICH_RECORD, opaqueBytecode(24), { version }), metadataEnd: ref.metadataEnd });
    const withPairs = referenceEncode(RICH_RECORD, opaqueBytecode(24), version, true);
    out.push({
      name: `version ${version} with attribute pairs`,
      version,
      bytes: encodeBmes(RICH_RECORD, opaqueBytecode(24), { version, writeAttributePairs: true }),
      metadataEnd: withPairs.metadataEnd,
    });
  }
  return out;
}

describe('every prefix of a valid file', () => {
  for (const c of cases()) {
    test(c.name, () => {
      const full = decodeBmes(c.bytes);
      assert.equal(full.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'legacy-version').length, 0);
      for (const list of LISTS) {
        const l = full[list] as RecordList<Span> | null;
        if (c.version === 3 || (list !== 'declaredVariables' && list !== 'lexicalVariables')) {
          assert.ok(l && l.entries.length >= 2, `the base file has several ${list}`);
        }
      }
      const sizeFieldEnd = c.metadataEnd + 4; // v1: the bytecode size field follows the metadata

      for (let cut = 0; cut < c.bytes.length; cut++) {
        const where = `${c.name}, cut at ${cut} of ${c.bytes.length}`;
        let file: BmesFile;
        try {
          file = decodeBmes(c.bytes.subarray(0, cut));
        } catch (error) {
          assert.fail(`${where}: decodeBmes threw ${String(error)}`);
        }
        const errors = file.diagnostics.filter((d) => d.severity === 'error');
        assert.ok(errors.length > 0, `${where}: no error diagnostic`);
        assert.ok(!file.diagnostics.some((d) => (d.code as string) === 'internal-error'), where);
        const metadataErrors = errors.filter((d) => METADATA_CODES.has(d.code));
        const has = (pred: (d: Diagnostic) => boolean, what: string) => assert.ok(errors.some(pred), `${where}: expected ${what}; got ${describeDiagnostics(file)}`);

        if (cut < 4) {
          has((d) => d.code === 'truncated-header' && d.offset === 0 && d.length === 4, 'truncated-header at 0+4');
        } else if (cut < 8) {
          has((d) => d.code === 'truncated-header' && d.offset === 4 && d.length === 4, 'truncated-header at 4+4');
        } else if (c.version !== 1 && cut < 16) {
          has((d) => d.code === 'truncated-header' && d.offset === 8 && d.length === 8, 'truncated-header at 8+8');
        } else {
          const inMetadata = cut < (c.version === 1 ? sizeFieldEnd : c.metadataEnd);
          if (inMetadata) {
            // The reader stops at the first item that does not fit: exactly one read error, across the cut.
            const reads = metadataErrors.filter((d) => d.code !== 'count-exceeds-data');
            assert.equal(reads.length, 1, `${where}: ${describeDiagnostics(file)}`);
            assert.ok(straddles(reads[0]!, cut), `${where}: ${reads[0]!.code} @${reads[0]!.offset}+${reads[0]!.length} does not reach past the cut`);
            for (const d of metadataErrors) {
              if (d.code === 'count-exceeds-data') assert.ok(d.offset + 4 <= cut && d.length === 4, where);
            }
          } else {
            assert.deepEqual(metadataErrors, [], `${where}: the metadata is whole`);
          }
          if (c.version === 1) {
            if (!inMetadata) {
              has((d) => d.code === 'bytecode-out-of-bounds' && d.offset === c.metadataEnd && d.length === 4, 'bytecode-out-of-bounds at the v1 size field');
            }
          } else {
            has((d) => d.code === 'bytecode-out-of-bounds' && d.offset === 8 && d.length === 8, 'bytecode-out-of-bounds at 8+8');
          }
        }

        // Partial data: whole records only, lists never reached are null.
        for (const list of LISTS) {
          const whole = full[list] as RecordList<Span> | null;
          const part = file[list] as RecordList<Span> | null;
          if (!whole) {
            assert.equal(part, null, `${where}: ${list}`);
            continue;
          }
          if (cut < whole.count.offset + 4) {
            assert.equal(part, null, `${where}: ${list} was never reached`);
            continue;
          }
          assert.ok(part, `${where}: ${list} was reached`);
          const fitting = whole.entries.filter((e) => e.offset + e.length <= cut);
          assert.deepEqual(part.entries, fitting, `${where}: ${list} keeps exactly the whole records`);
          assert.equal(part.complete, fitting.length === whole.entries.length, `${where}: ${list}.complete`);
        }
        if (full.codeFeatures) {
          assert.deepEqual(file.codeFeatures, cut >= full.codeFeatures.offset + 4 ? full.codeFeatures : null, where);
        }
        assert.equal(file.metadataEnd, cut >= (c.version === 1 ? sizeFieldEnd : c.metadataEnd) ? full.metadataEnd : null, where);
        assert.equal(file.bytecode, null, `${where}: no bytecode region in a cut file`);
        assert.equal(file.verdict.level, 'none', `${where}: Bun gets nothing from a cut file`);
      }
    });
  }
});

/** The metadata diagnostics of HAND_V3 cut at `cut`, in order (offsets are in support/bmes.ts). */
function metadataDiagnosticsAt(bytes: Uint8Array, cut: number): [string, number, number][] {
  return decodeBmes(bytes.subarray(0, cut))
    .diagnostics.filter((d) => METADATA_CODES.has(d.code))
    .map((d) => [d.code, d.offset, d.length]);
}

describe('exact diagnostics for hand-picked cuts of the hand-written v3 file', () => {
  const cuts: [string, number, [string, number, number][]][] = [
    ['inside the requested-modules count', 0x12, [['truncated-metadata', 0x10, 4]]],
    // A count of 1 with 2 bytes left cannot fit a module (8 bytes at least), then its length field is cut.
    [
      'inside the specifier length field',
      0x16,
      [
        ['count-exceeds-data', 0x10, 4],
        ['truncated-metadata', 0x14, 4],
      ],
    ],
    [
      'right after the specifier length field',
      0x18,
      [
        ['count-exceeds-data', 0x10, 4],
        ['string-exceeds-data', 0x14, 5],
      ],
    ],
    // 7 bytes after the count are fewer than a module's 8-byte minimum, so the count is flagged too.
    [
      'inside hasAttributes',
      0x1b,
      [
        ['count-exceeds-data', 0x10, 4],
        ['truncated-metadata', 0x14, 9],
      ],
    ],
    ['inside the import count', 0x1f, [['truncated-metadata', 0x1d, 4]]],
    [
      'inside the import type',
      0x23,
      [
        ['count-exceeds-data', 0x1d, 4],
        ['truncated-metadata', 0x21, 16],
      ],
    ],
    ['inside the import localName bytes', 0x33, [['string-exceeds-data', 0x2f, 5]]],
    // 11 bytes after the export count: fewer than an export's 20-byte minimum.
    [
      'inside the export moduleName length',
      0x43,
      [
        ['count-exceeds-data', 0x34, 4],
        ['truncated-metadata', 0x41, 4],
      ],
    ],
    [
      'inside the lexical name bytes',
      0x5e,
      [
        ['count-exceeds-data', 0x56, 4],
        ['string-exceeds-data', 0x5a, 5],
      ],
    ],
    [
      'inside the variable bits',
      0x61,
      [
        ['count-exceeds-data', 0x56, 4],
        ['truncated-metadata', 0x5a, 9],
      ],
    ],
    ['inside codeFeatures', 0x65, [['truncated-metadata', 0x63, 4]]],
  ];
  for (const [name, cut, expected] of cuts) {
    test(`${name} (cut at 0x${cut.toString(16)})`, () => {
      assert.deepEqual(metadataDiagnosticsAt(HAND_V3, cut), expected);
    });
  }

  test('the cut just after the metadata leaves only the header bounds error', () => {
    const file = decodeBmes(HAND_V3.subarray(0, 0x67));
    assert.deepEqual(
      file.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.offset, d.length]),
      [['bytecode-out-of-bounds', 8, 8]],
    );
    assert.equal(file.metadataEnd, 0x67);
  });

  test('a v1 file cut inside its size field reports the size field', () => {
    const v1 = encodeBmes(RICH_RECORD, opaqueBytecode(24), { version: 1 });
    const sizeAt = v1.length - 24 - 4;
    const cut = concat(v1.subarray(0, sizeAt + 2));
    assert.deepEqual(metadataDiagnosticsAt(cut, cut.length), [['truncated-metadata', sizeAt, 4]]);
  });
});
