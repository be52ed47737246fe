import type { ByteWindow } from './byteWindow';
import { DiagnosticSink, hex, metadataConsequence, plural, type LoaderFate } from './diagnostics';
import type { Span, U32Field } from './model';
import type { PlainReader } from './plainRecords';
import type { RecordTablesBuilder, StringTableBuilder, TableBuilder } from './recordTablesBuilder';
import * as stringTable from './stringTable';
import { decodeUtf8, firstInvalidUtf8 } from './utf8';

/**
 * How many bytes of record tables a decode keeps (columns of all lists and attribute pairs together). A kept
 * record costs 8 bytes for its span and 12 per field (`ROW_BYTES`), so this is every record of a 48 MB hostile
 * file (12.6 million empty star exports take 252 MB) and bounds any file's tables to 288 MiB.
 */
export const MAX_TABLE_BYTES = 288 * 1024 * 1024;

/** What keeping one record of each table costs: its span, 12 bytes per field, and an owner per attribute pair. */
export const ROW_BYTES = {
  requestedModules: 8 + 3 * 12,
  attributes: 8 + 2 * 12 + 4,
  importEntries: 8 + 4 * 12,
  exportEntries: 8 + 5 * 12,
  starExports: 8 + 12,
  declaredVariables: 8 + 2 * 12,
  lexicalVariables: 8 + 2 * 12,
} as const;

/** Smallest possible size of each record: its fixed u32s plus a 4-byte length per string. */
export const MIN_RECORD_SIZE = {
  requestedModule: 8,
  attribute: 8,
  importEntry: 16,
  exportEntry: 20,
  starExport: 4,
  variable: 8,
} as const;

/** The most records the careful way reads in a row, after misses of the fast way, before trying it again. */
const MAX_CAREFUL_RUN = 64;

const EMPTY = new Uint8Array(0);
// Module-local copies: the hash loop runs once per string byte.
const FNV_OFFSET = stringTable.FNV_OFFSET;
const FNV_PRIME = stringTable.FNV_PRIME;

/** Names a field for a diagnostic, e.g. "the key of attribute #1 of requested module #3"; made once per list. */
export type Describe = (index: number, owner: number) => string;

/**
 * A forward cursor through the metadata that writes each record straight into the record tables. Every read is
 * checked against the file size first, so a count or length from the file can never make it read, allocate or
 * loop past what the file holds. The first read that does not fit records its diagnostic and stops the cursor:
 * later lists are never reached. Descriptions of fields ("the exportName of export entry #3") are only built
 * when a diagnostic needs them.
 */
export class ColumnReader {
  failed = false;
  /** Whether lists read their plain records the fast way (plainRecords.ts); tests turn it off to compare. */
  readsPlainRecords = true;
  /** Bytes of tables still to fill. Past it, records are read and checked but dropped, so memory stays bounded. */
  private keepBudget: number;
  private kept = 0;
  private limitReported = false;
  private readonly strings: StringTableBuilder;
  /** The bytes at hand around the cursor: `chunk[i]` is the file's byte `chunkStart + i`. */
  private chunk: Uint8Array = EMPTY;
  private chunkStart = 0;
  private chunkEnd = 0;

  constructor(
    private readonly window: ByteWindow,
    public pos: number,
    private readonly sink: DiagnosticSink,
    private readonly fate: LoaderFate,
    readonly tables: RecordTablesBuilder,
    private readonly tableBytes = MAX_TABLE_BYTES,
  ) {
    this.strings = tables.strings;
    this.keepBudget = tableBytes;
  }

  get remaining(): number {
    return this.window.size - this.pos;
  }

  private consequence(): string {
    return metadataConsequence(this.fate);
  }

  /** Makes `chunk` the bytes at hand around `offset`, if any. */
  private reach(offset: number): boolean {
    const found = this.window.chunk?.(offset) ?? null;
    if (!found) return false;
    this.chunk = found.bytes;
    this.chunkStart = found.start;
    this.chunkEnd = found.start + found.bytes.length;
    return true;
  }

  /** The u32 at `at` (callers checked it is inside the file). */
  private u32(at: number): number {
    if (at < this.chunkStart || at + 4 > this.chunkEnd) {
      if (!this.reach(at) || at + 4 > this.chunkEnd) return this.window.u32(at, true);
    }
    const b = this.chunk;
    const i = at - this.chunkStart;
    return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
  }

  /** A u32 outside any record (the code-feature bits, the v1 size field). */
  topLevelU32(what: string): U32Field | null {
    if (this.failed) return null;
    if (this.remaining < 4) {
      this.stop({ offset: this.pos, length: 4 }, `The file ends inside ${what} at ${hex(this.pos)}: expected 4 bytes, found ${plural(this.remaining, 'byte')}.`);
      return null;
    }
    const field = { offset: this.pos, length: 4, value: this.u32(this.pos) };
    this.pos += 4;
    return field;
  }

  /**
   * A u32 inside a record, into column `column` of the current row. On a short read, the diagnostic spans the
   * record from its start to the least it needed (`minRest` more bytes after this field).
   */
  recordU32(t: TableBuilder, column: number, recordStart: number, minRest: number, describe: Describe, index: number, owner = 0): boolean {
    if (this.failed) return false;
    const at = this.pos;
    if (this.window.size - at < 4) {
      const needed = at + 4 + minRest - recordStart;
      this.stop(
        { offset: recordStart, length: needed },
        `The file ends inside ${describe(index, owner)} at ${hex(at)}: the record starting at ${hex(recordStart)} needs at least ${plural(needed, 'byte')}, only ${plural(this.window.size - recordStart, 'byte')} remain.`,
      );
      return false;
    }
    const row = t.rowCount;
    t.values[column]![row] = this.u32(at);
    t.offsets[column]![row] = at;
    t.lengths[column]![row] = 4;
    this.pos = at + 4;
    return true;
  }

  /** A length-prefixed UTF-8 string, interned, into column `column` of the current row. */
  string(t: TableBuilder, column: number, describe: Describe, index: number, owner = 0): boolean {
    if (this.failed) return false;
    const start = this.pos;
    const size = this.window.size;
    if (size - start < 4) {
      this.stop(
        { offset: start, length: 4 },
        `The file ends inside the length field of ${describe(index, owner)} at ${hex(start)}: expected 4 bytes, found ${plural(size - start, 'byte')}.`,
      );
      return false;
    }
    const byteLength = this.u32(start);
    const available = size - start - 4;
    if (byteLength > available) {
      this.failed = true;
      this.sink.add(
        'string-exceeds-data',
        { offset: start, length: 4 + byteLength },
        `${capitalize(describe(index, owner))} at ${hex(start)} declares ${plural(byteLength, 'byte')} of UTF-8, but only ${plural(available, 'byte')} remain in the file. ${this.consequence()} Bun's reader does not check this length and would read past the end of its buffer.`,
      );
      return false;
    }
    const dataOffset = start + 4;
    const id = byteLength === 0 ? this.strings.empty : this.internAt(dataOffset, byteLength, start, describe, index, owner);
    const row = t.rowCount;
    t.values[column]![row] = id;
    t.offsets[column]![row] = start;
    t.lengths[column]![row] = 4 + byteLength;
    this.pos = dataOffset + byteLength;
    return true;
  }

  /** Interns the string bytes at `offset`: ASCII straight from the bytes at hand, anything else decoded. */
  private internAt(offset: number, length: number, start: number, describe: Describe, index: number, owner: number): number {
    let bytes: Uint8Array;
    let i: number;
    const inChunk = (offset >= this.chunkStart && offset + length <= this.chunkEnd) || (this.reach(offset) && offset + length <= this.chunkEnd);
    if (inChunk) {
      bytes = this.chunk;
      i = offset - this.chunkStart;
    } else {
      bytes = this.window.bytes(offset, length, true);
      i = 0;
    }
    let hash = FNV_OFFSET;
    let ascii = true;
    for (let k = i, end = i + length; k < end; k++) {
      const b = bytes[k]!;
      if (b >= 0x80) {
        ascii = false;
        break;
      }
      hash = Math.imul(hash ^ b, FNV_PRIME);
    }
    if (ascii) return this.strings.internAscii(bytes, i, length, hash >>> 0, offset, inChunk);
    const invalidAt = firstInvalidUtf8(bytes, i, i + length);
    if (invalidAt >= 0 && !this.sink.countedInSummary('invalid-utf8')) {
      this.sink.addLazy('invalid-utf8', { offset, length }, () => {
        const bad = offset + invalidAt;
        return `The ${plural(length, 'byte')} at ${hex(offset)} of ${describe(index, owner)} (length field at ${hex(start)}) are not valid UTF-8 (first bad byte at ${hex(bad)}: ${hex(bytes[i + invalidAt] ?? 0, 2)}); expected well-formed UTF-8. JavaScriptCore's conversion fails on it, so the name Bun reconstructs will not match the source and linking can fail.`;
      });
    }
    // Held as its bytes where they stay at hand: no text is made for a bad name until it is shown.
    if (invalidAt >= 0 && inChunk) return this.strings.addInvalidAt(offset, length);
    const text = decodeUtf8(bytes, i, i + length);
    return this.strings.intern(text.value, text.valid);
  }

  /**
   * Reads a counted list into table `t`. `minRecord` is the smallest size one record can have, used to spot
   * counts that cannot fit; records are read one by one and only whole ones are kept, so memory follows the
   * file. `readRecord` fills the current row and says whether the record was read whole; `dropped` undoes what
   * it added elsewhere when the record is not kept; `plain` reads runs of plain records the fast way, between
   * which `readRecord` reads any other. Returns false when the list was never reached.
   */
  list(t: TableBuilder, label: string, minRecord: number, readRecord: (index: number, start: number) => boolean, dropped?: () => void, plain?: PlainReader): boolean {
    if (this.failed) return false;
    const start = this.pos;
    if (this.remaining < 4) {
      this.stop({ offset: start, length: 4 }, `The file ends inside the ${label} count at ${hex(start)}: expected a 4-byte count, found ${plural(this.remaining, 'byte')}.`);
      return false;
    }
    const count: U32Field = { offset: start, length: 4, value: this.u32(start) };
    this.pos = start + 4;
    this.checkCount(count, label, minRecord);
    // Every record's first field is read where the record starts.
    t.firstFieldStartsRow();
    // Room for every record the count claims that can fit: exact for a real file, bounded by the bytes left.
    t.reserve(Math.min(count.value, Math.floor(this.remaining / minRecord), Math.floor(this.keepBudget / ROW_BYTES[t.name])) + 1);
    let complete = true;
    let omitted = 0;
    // After a record the fast way could not read, the careful way reads the next `careful` before it is tried again,
    // doubling while it reads none (a file of bad names would otherwise have each record tried both ways).
    let careful = 0;
    let fastFrom = 0;
    for (let i = 0; i < count.value; i++) {
      if (plain && this.readsPlainRecords && i >= fastFrom) {
        const read = this.plainRecords(t, plain, count.value - i);
        i += read;
        if (i === count.value) break;
        careful = read > 0 ? 0 : Math.min(MAX_CAREFUL_RUN, careful * 2 || 1);
        fastFrom = i + 1 + careful;
      }
      const recordStart = this.pos;
      t.beginRow();
      if (!readRecord(i, recordStart)) {
        complete = false;
        break;
      }
      if (this.keep(recordStart, ROW_BYTES[t.name])) t.endRow(recordStart, this.pos - recordStart);
      else {
        omitted++;
        dropped?.();
      }
    }
    t.reached = true;
    t.info = { count, offset: start, length: this.pos - start, complete, omitted };
    return true;
  }

  /**
   * Reads and keeps up to `max` records with `readPlain` the fast way (plainRecords.ts): as many as lie whole in the
   * bytes at hand, hold only well-formed UTF-8, fit the rows reserved and the keep budget. Returns how many.
   */
  private plainRecords(t: TableBuilder, readPlain: PlainReader, max: number): number {
    const cost = ROW_BYTES[t.name];
    if (this.limitReported || t.owners !== null) return 0;
    if ((this.pos < this.chunkStart || this.pos >= this.chunkEnd) && !this.reach(this.pos)) return 0;
    const rows = Math.min(max, t.room, Math.floor(this.keepBudget / cost));
    if (rows <= 0) return 0;
    const before = t.rowCount;
    this.pos = readPlain(this.chunk, this.chunkStart, this.pos, t, rows, this.strings);
    const read = t.rowCount - before;
    this.keepBudget -= read * cost;
    this.kept += read;
    return read;
  }

  /**
   * Whether to keep one more decoded record, which costs `cost` bytes of tables. A file of 50 MB can hold 12
   * million empty strings; past the budget records are still read and checked, but not kept.
   */
  keep(recordStart: number, cost: number): boolean {
    if (!this.limitReported && cost <= this.keepBudget) {
      this.keepBudget -= cost;
      this.kept++;
      return true;
    }
    if (!this.limitReported) {
      this.limitReported = true;
      const mb = (this.tableBytes / 1024 / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 });
      this.sink.add(
        'record-limit',
        { offset: recordStart, length: 0 },
        `The file holds more records than the inspector keeps (${mb} MiB of record tables, here ${this.kept.toLocaleString('en-US')} records); from ${hex(recordStart)} on, records are still read and checked for damage but not listed. Real modules hold far fewer. Bun's reader reserves memory for every entry of each list up front.`,
      );
    }
    return false;
  }

  /** Reports a count (just read, so the cursor is after it) whose records cannot all fit in what remains. */
  checkCount(count: U32Field, label: string, minRecord: number): void {
    const needed = count.value * minRecord;
    if (needed > this.remaining) {
      const remaining = this.remaining;
      this.sink.addLazy(
        'count-exceeds-data',
        count,
        () =>
          `The ${label} count at ${hex(count.offset)} is ${count.value}: expected at most ${Math.floor(remaining / minRecord)} (each entry takes at least ${plural(minRecord, 'byte')} and ${plural(remaining, 'byte')} remain), found a count that needs at least ${needed}. ${this.consequence()} Bun's reader reserves memory for ${count.value === 1 ? 'the entry' : `all ${count.value} entries`} before reading any.`,
      );
    }
  }

  private stop(span: Span, what: string): void {
    this.failed = true;
    this.sink.add('truncated-metadata', span, `${what} ${this.consequence()}`);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
