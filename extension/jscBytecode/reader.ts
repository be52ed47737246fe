/**
 * Bounded reads over one payload. Positions are payload-relative; `base` turns them into file offsets for spans.
 * A read that does not fit throws `Malformed`, which the node decoders catch at the node they were reading, so
 * one bad record cuts one node and never escapes the library.
 */

/** The empty-pointer sentinel of the compact layout (INT32_MAX). */
export const NULL_POINTER = 0x7fffffff;

export class Malformed {
  constructor(
    /** Payload-relative position of the item that could not be read. */
    readonly at: number,
    readonly length: number,
    readonly expected: string,
    readonly code: 'tree-out-of-bounds' | 'tree-unrecognised-node' = 'tree-unrecognised-node',
  ) {}
}

/** Counts work; a decoder that runs out stops where it is instead of running on. */
export class StepBudget {
  constructor(private left: number) {}
  exhausted = false;
  take(n = 1): boolean {
    this.left -= n;
    if (this.left < 0) this.exhausted = true;
    return !this.exhausted;
  }
}

export class PayloadReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    /** The absolute file offset of bytes[0]. */
    readonly base: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get size(): number {
    return this.bytes.length;
  }

  /** Throws unless [at, at + length) is inside the payload. */
  need(at: number, length: number, what: string): void {
    if (!Number.isInteger(at) || at < 0 || length < 0 || at + length > this.bytes.length) {
      throw new Malformed(Math.max(0, Math.min(at, this.bytes.length)), length, `${what} inside the payload`, 'tree-out-of-bounds');
    }
  }

  u8(at: number, what = 'a byte'): number {
    this.need(at, 1, what);
    return this.bytes[at]!;
  }

  u32(at: number, what = 'a 4-byte field'): number {
    this.need(at, 4, what);
    return this.view.getUint32(at, true);
  }

  i32(at: number, what = 'a 4-byte field'): number {
    this.need(at, 4, what);
    return this.view.getInt32(at, true);
  }

  f64(at: number): number {
    this.need(at, 8, 'an 8-byte number');
    return this.view.getFloat64(at, true);
  }

  /** A self-relative 4-byte pointer at `at`: its target, or null for the sentinel. The target is bounds-checked. */
  pointer(at: number, what: string): number | null {
    const rel = this.i32(at, what);
    if (rel === NULL_POINTER) return null;
    const target = at + rel;
    if (target < 0 || target >= this.bytes.length) {
      throw new Malformed(at, 4, `${what} pointing inside the payload (it points to ${target})`, 'tree-out-of-bounds');
    }
    return target;
  }

  cursor(at: number): TailCursor {
    return new TailCursor(this, at);
  }
}

/** Forward reads through a record's varint tail. */
export class TailCursor {
  constructor(
    private readonly reader: PayloadReader,
    public pos: number,
  ) {}

  u8(what = 'a byte'): number {
    return this.reader.u8(this.pos++, what);
  }

  /** An unsigned LEB128 value of at most 32 bits. */
  varint(what = 'a varint'): number {
    const start = this.pos;
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.reader.u8(this.pos++, what);
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) {
        if (value > 0xffffffff) break;
        return value;
      }
    }
    throw new Malformed(start, this.pos - start, `${what}: a LEB128 varint of at most 32 bits`);
  }

  /** A zigzag-encoded signed value. */
  zigzag(what = 'a signed varint'): number {
    const v = this.varint(what);
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
}
