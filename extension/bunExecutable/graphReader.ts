import type { RangeReader } from '../artifact/rangeReader';
import type { GraphPointer } from './model';

/**
 * Reads inside one located graph: every pointer is resolved against the graph's data region (everything before the
 * Offsets record) and marked out of bounds rather than followed when it leaves it.
 */
export class GraphReader {
  constructor(
    readonly reader: RangeReader,
    /** Absolute offset of the graph's first byte. */
    readonly start: number,
    /** Bytes of data before the Offsets record (the record's `byte_count`). */
    readonly dataLength: number,
  ) {}

  /** The StringPointer whose 8 bytes are at absolute offset `at` (already read into `bytes` at `index`). */
  pointerAt(bytes: Uint8Array, index: number, at: number): GraphPointer {
    const relativeOffset = u32(bytes, index);
    const length = u32(bytes, index + 4);
    const present = length > 0;
    const inBounds = !present || relativeOffset + length <= this.dataLength;
    return { field: { offset: at, length: 8 }, relativeOffset, offset: this.start + relativeOffset, length, present, inBounds };
  }

  /** The bytes a pointer targets, at most `max` of them; empty when absent or out of bounds. */
  async target(pointer: GraphPointer, max = Number.MAX_SAFE_INTEGER): Promise<Uint8Array> {
    if (!pointer.present || !pointer.inBounds) return new Uint8Array(0);
    return this.reader.read(pointer.offset, Math.min(pointer.length, max));
  }

  /** Whether the byte after a Z-string is the NUL the writer puts there. */
  async hasNulAfter(pointer: GraphPointer): Promise<boolean> {
    if (!pointer.present || !pointer.inBounds) return true;
    const b = await this.reader.read(pointer.offset + pointer.length, 1);
    return b.length === 1 && b[0] === 0;
  }
}

export function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** Text of a name or path: Latin-1/UTF-8 bytes as UTF-8 with replacements, bounded by the caller. */
export function textOf(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
