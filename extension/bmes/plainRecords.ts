/**
 * The fast path of the record lists. Most records of a real (or a dense) file are plain: they lie whole in the
 * bytes at hand and their strings are well-formed UTF-8. Such a record cannot raise a diagnostic, so it is read
 * here in one tight loop straight into the columns, without the careful path's per-field calls, closures and
 * bound checks against the file. A loop stops before the first record that is not plain (it runs past the bytes
 * at hand or the file, or holds a string that is not well-formed UTF-8); the careful path (`ColumnReader`) then
 * reads that one and reports what is wrong with it, so the result is the same as if every record were read the
 * careful way.
 *
 * Each reader reads plain records from file offset `pos` into rows `t.rowCount …` of `t`, at most `max` of them
 * (the caller bounds it by the rows reserved and the records it may keep), ends their rows and returns the offset
 * after the last whole one. A record cut short leaves cells in the row after the last ended one, which the next
 * row overwrites; its strings may already be interned, which the careful path's reading of the same record does
 * again with the same result (equal valid strings get one id).
 *
 * The smallest records (requested modules, star exports, variables) each have a loop of their own, whose columns
 * are locals: a loop over a list of fields measured ~4 ns a record slower, a third of a million-record file's
 * decode.
 */
import type { StringTableBuilder, TableBuilder } from './recordTablesBuilder';
import * as stringTable from './stringTable';
import * as utf8 from './utf8';

// Module-local copies: an imported binding can compile to a getter call (tsx's CommonJS output, under which the
// bench and tests run), and these are used once per byte or per string.
const FNV_OFFSET = stringTable.FNV_OFFSET;
const FNV_PRIME = stringTable.FNV_PRIME;
const decodeUtf8 = utf8.decodeUtf8;
const firstInvalidUtf8 = utf8.firstInvalidUtf8;

/**
 * Reads from `bytes`, the bytes at hand, where `bytes[i]` is the file's byte `base + i` (up to, not including,
 * `bytes.length`).
 */
export type PlainReader = (bytes: Uint8Array, base: number, pos: number, t: TableBuilder, max: number, strings: StringTableBuilder) => number;

function wordAt(bytes: Uint8Array, i: number): number {
  return (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
}

/**
 * The id of the string of `length` bytes at `bytes[from]` (the caller checked they are at hand), or -1 when they
 * are not well-formed UTF-8 (the careful path reports it). Empty strings never come here: the loops give them the
 * empty id inline, so that a list of them costs no call per record.
 */
function plainString(bytes: Uint8Array, from: number, length: number, base: number, strings: StringTableBuilder): number {
  const id = asciiString(bytes, from, length, base, strings);
  return id >= 0 ? id : wellFormedString(bytes, from, from + length, strings);
}

/**
 * The id of an ASCII string, or -1 when a byte is not ASCII. Apart from `wellFormedString`: with that call inside
 * its loop, an ASCII-only file decoded ~40 % slower (measured on the 60k-export file), a loop with a call in it
 * compiling worse.
 */
function asciiString(bytes: Uint8Array, from: number, length: number, base: number, strings: StringTableBuilder): number {
  let hash = FNV_OFFSET;
  for (let k = from, stop = from + length; k < stop; k++) {
    const b = bytes[k]!;
    if (b >= 0x80) return -1;
    hash = Math.imul(hash ^ b, FNV_PRIME);
  }
  return strings.internAscii(bytes, from, length, hash >>> 0, base + from, true);
}

/** A string that is not ASCII is interned by its text, as the careful path does; -1 when it is not valid UTF-8. */
function wellFormedString(bytes: Uint8Array, from: number, stop: number, strings: StringTableBuilder): number {
  // Checked before it is decoded: a file of bad names makes no text here for the careful path to make again.
  if (firstInvalidUtf8(bytes, from, stop) >= 0) return -1;
  return strings.intern(decodeUtf8(bytes, from, stop).value);
}

/**
 * Requested modules without attribute pairs: a specifier, the hasAttributes field and, when that is set, an
 * attribute count of 0 (what Bun writes for a module imported with attributes). A count above 0 is read by the
 * careful path, with its pairs.
 */
export const readPlainRequestedModules: PlainReader = (bytes, base, pos, t, max, strings) => {
  const end = bytes.length;
  const empty = strings.empty;
  const [specifiers, has, counts] = t.values as [Uint32Array, Uint32Array, Uint32Array];
  const [specifierOffsets, hasOffsets, countOffsets] = t.offsets as [Uint32Array, Uint32Array, Uint32Array];
  const [specifierLengths, hasLengths, countLengths] = t.lengths as [Uint32Array, Uint32Array, Uint32Array];
  const { rowOffsets, rowLengths } = t;
  const lastRow = t.rowCount + max;
  let row = t.rowCount;
  let i = pos - base;
  while (row < lastRow && i + 4 <= end) {
    const length = wordAt(bytes, i);
    const at = i + 4 + length;
    if (at + 4 > end) break;
    const hasAttributes = wordAt(bytes, at);
    const next = hasAttributes === 0 ? at + 4 : at + 8;
    if (next > end || (hasAttributes !== 0 && wordAt(bytes, at + 4) !== 0)) break;
    const id = length === 0 ? empty : plainString(bytes, i + 4, length, base, strings);
    if (id < 0) break;
    specifiers[row] = id;
    specifierOffsets[row] = rowOffsets[row] = base + i;
    specifierLengths[row] = 4 + length;
    has[row] = hasAttributes;
    hasOffsets[row] = base + at;
    hasLengths[row] = 4;
    // No count field when hasAttributes is 0: the cell is empty, as the careful path leaves it.
    counts[row] = 0;
    countOffsets[row] = hasAttributes === 0 ? 0 : base + at + 4;
    countLengths[row] = hasAttributes === 0 ? 0 : 4;
    rowLengths[row] = next - i;
    i = next;
    row++;
  }
  t.rowCount = row;
  return base + i;
};

/** Star exports: a module name. */
export const readPlainStarExports: PlainReader = (bytes, base, pos, t, max, strings) => {
  const end = bytes.length;
  const empty = strings.empty;
  const [names] = t.values as [Uint32Array];
  const [offsets] = t.offsets as [Uint32Array];
  const [lengths] = t.lengths as [Uint32Array];
  const { rowOffsets, rowLengths } = t;
  const lastRow = t.rowCount + max;
  let row = t.rowCount;
  let i = pos - base;
  while (row < lastRow && i + 4 <= end) {
    const length = wordAt(bytes, i);
    if (length > end - i - 4) break;
    const id = length === 0 ? empty : plainString(bytes, i + 4, length, base, strings);
    if (id < 0) break;
    names[row] = id;
    offsets[row] = rowOffsets[row] = base + i;
    lengths[row] = rowLengths[row] = 4 + length;
    i += 4 + length;
    row++;
  }
  t.rowCount = row;
  return base + i;
};

/** Declared and lexical variables: a name and its bits. */
export const readPlainVariables: PlainReader = (bytes, base, pos, t, max, strings) => {
  const end = bytes.length;
  const empty = strings.empty;
  const [names, bits] = t.values as [Uint32Array, Uint32Array];
  const [nameOffsets, bitsOffsets] = t.offsets as [Uint32Array, Uint32Array];
  const [nameLengths, bitsLengths] = t.lengths as [Uint32Array, Uint32Array];
  const { rowOffsets, rowLengths } = t;
  const lastRow = t.rowCount + max;
  let row = t.rowCount;
  let i = pos - base;
  while (row < lastRow && i + 4 <= end) {
    const length = wordAt(bytes, i);
    const at = i + 4 + length;
    if (at + 4 > end) break;
    const id = length === 0 ? empty : plainString(bytes, i + 4, length, base, strings);
    if (id < 0) break;
    names[row] = id;
    nameOffsets[row] = rowOffsets[row] = base + i;
    nameLengths[row] = 4 + length;
    bits[row] = wordAt(bytes, at);
    bitsOffsets[row] = base + at;
    bitsLengths[row] = 4;
    rowLengths[row] = at + 4 - i;
    i = at + 4;
    row++;
  }
  t.rowCount = row;
  return base + i;
};

/** Import and export entries: a type, then strings. */
export const readPlainEntries: PlainReader = (bytes, base, pos, t, max, strings) => {
  const end = bytes.length;
  const empty = strings.empty;
  const { values, offsets, lengths, rowOffsets, rowLengths } = t;
  const [types] = values as [Uint32Array];
  const [typeOffsets] = offsets as [Uint32Array];
  const [typeLengths] = lengths as [Uint32Array];
  const fields = values.length;
  const lastRow = t.rowCount + max;
  let row = t.rowCount;
  // The end of the last whole record: where the careful path goes on.
  let whole = pos - base;
  records: while (row < lastRow && whole + 4 <= end) {
    const start = whole;
    types[row] = wordAt(bytes, start);
    typeOffsets[row] = base + start;
    typeLengths[row] = 4;
    let i = start + 4;
    for (let c = 1; c < fields; c++) {
      if (i + 4 > end) break records;
      const length = wordAt(bytes, i);
      if (length > end - i - 4) break records;
      const id = length === 0 ? empty : plainString(bytes, i + 4, length, base, strings);
      if (id < 0) break records;
      values[c]![row] = id;
      offsets[c]![row] = base + i;
      lengths[c]![row] = 4 + length;
      i += 4 + length;
    }
    rowOffsets[row] = base + start;
    rowLengths[row] = i - start;
    row++;
    whole = i;
  }
  t.rowCount = row;
  return base + whole;
};
