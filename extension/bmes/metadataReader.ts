import { u32At, type ByteWindow } from './byteWindow';
import { DiagnosticSink, hex, metadataConsequence, plural, type LoaderFate } from './diagnostics';
import type { RecordList, Span, StringField, U32Field } from './model';
import { decodeUtf8, firstInvalidUtf8 } from './utf8';

/** How many records (of all lists and attribute pairs together) a decode keeps. */
export const MAX_KEPT_RECORDS = 500_000;

/**
 * A forward cursor through the metadata. Every read is checked against the file size first, so a count or
 * length from the file can never make it read, allocate or loop past what the file holds. The first read
 * that does not fit records its diagnostic and stops the cursor: later lists are never reached.
 */
export class MetadataReader {
  failed = false;
  /** Records still to keep. Past it, records are read and checked but dropped, so memory stays bounded. */
  private keepBudget = MAX_KEPT_RECORDS;
  /** Reads ahead through the metadata are sequential: a ranged window fetches them in growing chunks. */
  private readonly sequential: ByteWindow;

  constructor(
    private readonly window: ByteWindow,
    public pos: number,
    private readonly sink: DiagnosticSink,
    private readonly fate: LoaderFate,
  ) {
    this.sequential = {
      size: window.size,
      bytes: (offset, length) => window.bytes(offset, length, true),
      u32: (offset) => window.u32(offset, true),
    };
  }

  get remaining(): number {
    return this.window.size - this.pos;
  }

  private consequence(): string {
    return metadataConsequence(this.fate);
  }

  private takeU32(): U32Field {
    const field = { offset: this.pos, length: 4, value: u32At(this.sequential, this.pos) };
    this.pos += 4;
    return field;
  }

  /** A u32 outside any record (the code-feature bits). */
  topLevelU32(what: string): U32Field | null {
    if (this.failed) return null;
    if (this.remaining < 4) {
      this.stop(
        { offset: this.pos, length: 4 },
        `The file ends inside ${what} at ${hex(this.pos)}: expected 4 bytes, found ${plural(this.remaining, 'byte')}.`,
      );
      return null;
    }
    return this.takeU32();
  }

  /**
   * A u32 inside a record. On a short read, the diagnostic spans the record from its start to the least it
   * needed (`minRest` more bytes after this field).
   */
  recordU32(what: string, recordStart: number, minRest = 0): U32Field | null {
    if (this.failed) return null;
    if (this.remaining < 4) {
      const needed = this.pos + 4 + minRest - recordStart;
      this.stop(
        { offset: recordStart, length: needed },
        `The file ends inside ${what} at ${hex(this.pos)}: the record starting at ${hex(recordStart)} needs at least ${plural(needed, 'byte')}, only ${plural(this.window.size - recordStart, 'byte')} remain.`,
      );
      return null;
    }
    return this.takeU32();
  }

  string(what: string): StringField | null {
    if (this.failed) return null;
    const start = this.pos;
    if (this.remaining < 4) {
      this.stop(
        { offset: start, length: 4 },
        `The file ends inside the length field of ${what} at ${hex(start)}: expected 4 bytes, found ${plural(this.remaining, 'byte')}.`,
      );
      return null;
    }
    const byteLength = u32At(this.sequential, start);
    const available = this.remaining - 4;
    if (byteLength > available) {
      this.failed = true;
      this.sink.add(
        'string-exceeds-data',
        { offset: start, length: 4 + byteLength },
        `${capitalize(what)} at ${hex(start)} declares ${plural(byteLength, 'byte')} of UTF-8, but only ${plural(available, 'byte')} remain in the file. ${this.consequence()} Bun's reader does not check this length and would read past the end of its buffer.`,
      );
      return null;
    }
    const dataOffset = start + 4;
    const bytes = byteLength === 0 ? new Uint8Array(0) : this.window.bytes(dataOffset, byteLength, true);
    const text = decodeUtf8(bytes);
    if (!text.valid) {
      const bad = dataOffset + Math.max(0, firstInvalidUtf8(bytes));
      this.sink.add(
        'invalid-utf8',
        { offset: dataOffset, length: byteLength },
        `The ${plural(byteLength, 'byte')} at ${hex(dataOffset)} of ${what} (length field at ${hex(start)}) are not valid UTF-8 (first bad byte at ${hex(bad)}: ${hex(bytes[bad - dataOffset] ?? 0, 2)}); expected well-formed UTF-8. JavaScriptCore's conversion fails on it, so the name Bun reconstructs will not match the source and linking can fail.`,
      );
    }
    this.pos = dataOffset + byteLength;
    return { offset: start, length: 4 + byteLength, value: text.value, dataOffset, byteLength, validUtf8: text.valid };
  }

  /**
   * Reads a counted list. `minRecord` is the smallest size one record can have, used to spot counts that
   * cannot fit; records are read one by one and only whole ones are kept, so memory follows the file.
   */
  list<T>(
    label: string,
    minRecord: number,
    readRecord: (index: number, start: number) => T | null,
  ): RecordList<T> | null {
    if (this.failed) return null;
    const start = this.pos;
    if (this.remaining < 4) {
      this.stop(
        { offset: start, length: 4 },
        `The file ends inside the ${label} count at ${hex(start)}: expected a 4-byte count, found ${plural(this.remaining, 'byte')}.`,
      );
      return null;
    }
    const count = this.takeU32();
    this.checkCount(count, label, minRecord);
    const entries: T[] = [];
    let complete = true;
    let omitted = 0;
    for (let i = 0; i < count.value; i++) {
      const recordStart = this.pos;
      const record = readRecord(i, recordStart);
      if (record === null) {
        complete = false;
        break;
      }
      if (this.keep(recordStart)) entries.push(record);
      else omitted++;
    }
    return { offset: start, length: this.pos - start, count, entries, complete, omitted };
  }

  /**
   * Whether to keep one more decoded record. A file of 50 MB can hold 12 million empty strings; decoded
   * objects are far larger than their bytes, so past the limit records are still read and checked, but not
   * kept.
   */
  keep(recordStart: number): boolean {
    if (this.keepBudget > 0) {
      this.keepBudget--;
      return true;
    }
    if (this.keepBudget === 0) {
      this.keepBudget = -1;
      this.sink.add(
        'record-limit',
        { offset: recordStart, length: 0 },
        `The file holds more than ${MAX_KEPT_RECORDS.toLocaleString('en-US')} records; from ${hex(recordStart)} on, records are still read and checked for damage but not listed. Real modules hold far fewer. Bun's reader reserves memory for every entry of each list up front.`,
      );
    }
    return false;
  }

  /** Reports a count (just read, so the cursor is after it) whose records cannot all fit in what remains. */
  checkCount(count: U32Field, label: string, minRecord: number): void {
    const needed = count.value * minRecord;
    if (needed > this.remaining) {
      this.sink.add(
        'count-exceeds-data',
        count,
        `The ${label} count at ${hex(count.offset)} is ${count.value}: expected at most ${Math.floor(this.remaining / minRecord)} (each entry takes at least ${plural(minRecord, 'byte')} and ${plural(this.remaining, 'byte')} remain), found a count that needs at least ${needed}. ${this.consequence()} Bun's reader reserves memory for all ${count.value} entries before reading any.`,
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
