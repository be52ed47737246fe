/**
 * The shared bytecode string table of a Bun 1.4.x executable (Offsets flag bit 7, spec §5.1; JavaScriptCore's
 * `EncoderStringTable::serialize`): `u32 count`, `count × u32 offset` from the table start, then entries of
 * `u32 length | 0x80000000 (8-bit)`, `u32 hash` (24-bit string hash), the characters (Latin-1, or UTF-16LE when bit 31
 * is clear), zero-padded to 4. Entries are decoded once, here; nothing is allocated by a count not checked first.
 */
import type { Span, U32Field } from '../bmes/model';
import { RecordDiagnostics, hex, plural, type RecordDiagnostic } from './diagnostics';
import { wtfStringHashOfLatin1, wtfStringHashOfUnits } from './wtfStringHash';

export interface StringTableEntry extends Span {
  readonly index: number;
  /** The offset word in the index. */
  readonly offsetField: U32Field;
  readonly lengthField: U32Field;
  readonly hashField: U32Field;
  readonly latin1: boolean;
  /** Where the characters are, and how many bytes they take. */
  readonly dataOffset: number;
  readonly byteLength: number;
  readonly value: string;
}

export interface DecodedStringTable extends Span {
  readonly count: U32Field | null;
  /** Index i holds entry i, or null when its offset or bytes fall outside the table. */
  readonly entries: readonly (StringTableEntry | null)[];
  readonly diagnostics: readonly RecordDiagnostic[];
}

const EIGHT_BIT = 0x80000000;
/** What a broken table costs: JavaScriptCore reads the table when it decodes the bytecode (inferred, spec §5.1). */
const TABLE_BROKEN =
  'The bytecode and the prelinked graph name their strings by index into this table, so JavaScriptCore cannot decode those names (inferred: the bytecode is rejected and the module compiled from source, or a wrong name is used).';

export function decodeBytecodeStringTable(bytes: Uint8Array, baseOffset: number): DecodedStringTable {
  const sink = new RecordDiagnostics();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): U32Field => ({ offset: baseOffset + at, length: 4, value: view.getUint32(at, true) });
  const span = { offset: baseOffset, length: bytes.length };
  if (bytes.length < 4) {
    sink.add('string-table-truncated', span, `The bytecode string table is ${plural(bytes.length, 'byte')} long: expected at least its 4-byte count. ${TABLE_BROKEN}`);
    return { ...span, count: null, entries: [], diagnostics: sink.items() };
  }
  const count = u32(0);
  if (4 + 4 * count.value > bytes.length) {
    sink.add(
      'string-table-truncated',
      count,
      `The bytecode string table's count is ${count.value.toLocaleString('en-US')}: its offsets alone need ${plural(4 * count.value, 'byte')}, but the table has ${plural(bytes.length - 4, 'byte')} after the count. ${TABLE_BROKEN}`,
    );
    return { ...span, count, entries: [], diagnostics: sink.items() };
  }
  const entries: (StringTableEntry | null)[] = [];
  for (let i = 0; i < count.value; i++) {
    const offsetField = u32(4 + 4 * i);
    const at = offsetField.value;
    if (at < 4 + 4 * count.value || at + 8 > bytes.length) {
      sink.add(
        'string-table-entry-out-of-range',
        offsetField,
        `Entry #${i} of the bytecode string table is at ${hex(at)} from the table's start: expected after the index (${hex(4 + 4 * count.value)}) with its 8-byte header before the table's end (${hex(bytes.length)}). ${TABLE_BROKEN}`,
      );
      entries.push(null);
      continue;
    }
    const lengthField = u32(at);
    const hashField = u32(at + 4);
    const latin1 = (lengthField.value & EIGHT_BIT) !== 0;
    const units = lengthField.value & ~EIGHT_BIT;
    const byteLength = latin1 ? units : 2 * units;
    if (at + 8 + byteLength > bytes.length) {
      sink.add(
        'string-table-entry-out-of-range',
        lengthField,
        `Entry #${i} of the bytecode string table holds ${plural(units, latin1 ? 'Latin-1 character' : 'UTF-16 unit')} (${plural(byteLength, 'byte')}) from ${hex(baseOffset + at + 8)}, past the table's end at ${hex(baseOffset + bytes.length)}. ${TABLE_BROKEN}`,
      );
      entries.push(null);
      continue;
    }
    const chars = bytes.subarray(at + 8, at + 8 + byteLength);
    let value: string;
    let hash: number;
    if (latin1) {
      value = unitsText(chars);
      hash = wtfStringHashOfLatin1(chars);
    } else {
      const codeUnits = new Uint16Array(units);
      for (let k = 0; k < units; k++) codeUnits[k] = chars[2 * k]! | (chars[2 * k + 1]! << 8);
      value = unitsText(codeUnits);
      hash = wtfStringHashOfUnits(codeUnits);
    }
    if (hash !== (hashField.value & 0xffffff)) {
      sink.add(
        'string-table-hash-mismatch',
        hashField,
        `Entry #${i} ("${value.slice(0, 60)}") stores hash ${hex(hashField.value, 6)}, but its characters hash to ${hex(hash, 6)} (Bun's 24-bit string hash). The entry was altered after Bun wrote it; JavaScriptCore uses the stored hash for lookups (inferred: the name may not be found).`,
      );
    }
    entries.push({
      index: i,
      offset: baseOffset + at,
      length: 8 + byteLength,
      offsetField,
      lengthField,
      hashField,
      latin1,
      dataOffset: baseOffset + at + 8,
      byteLength,
      value,
    });
  }
  return { ...span, count, entries, diagnostics: sink.items() };
}

/** Characters from code units, in chunks (spreading a long array into one call would overflow the stack). */
function unitsText(units: Uint8Array | Uint16Array): string {
  let text = '';
  for (let i = 0; i < units.length; i += 8192) text += String.fromCharCode(...units.subarray(i, i + 8192));
  return text;
}
