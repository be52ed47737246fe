/**
 * The shared string table of the record tables. Equal valid strings get one id, so the checks compare ids, not
 * text. A string the decoder read as ASCII bytes is kept as where those bytes are (the file's bytes, already in
 * memory) and becomes a JavaScript string only when something asks for its text: a decode that is only checked
 * and shown makes no string per field, and strings never cost more than their bytes until they are shown.
 */
import type { ByteChunk } from './byteWindow';
import { grown } from './typedArrays';
import { decodeUtf8 } from './utf8';

/** Where the bytes of file offsets are: all of an in-memory file, or the runs a ranged read fetched. */
export interface ByteSource {
  chunk?(offset: number): ByteChunk | null;
}

/** Strings by id. Equal valid strings share one id, so comparing ids compares strings. */
export interface StringTable {
  /** How many ids there are. Id 0 is "". */
  readonly count: number;
  /** The text of `id`. */
  text(id: number): string;
  /** Per id: 1 when the bytes were not valid UTF-8 (the text then holds U+FFFD replacements). */
  readonly invalidUtf8: Uint8Array;
  /**
   * The ASCII bytes of `id` while its text is still held as the file's bytes (`bytes[at … at + length)`); null
   * once it is a string, or when it never was bytes. Lets a consumer copy the bytes without making the string.
   */
  asciiBytes(id: number): { readonly bytes: Uint8Array; readonly at: number; readonly length: number } | null;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
export { FNV_OFFSET, FNV_PRIME };

/** FNV-1a over UTF-16 code units; for ASCII this equals FNV-1a over the bytes, as decoders compute it. */
function hashOf(value: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function asciiEquals(value: string, bytes: Uint8Array, start: number, length: number): boolean {
  if (value.length !== length) return false;
  for (let i = 0; i < length; i++) if (value.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

function bytesEqual(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/** Short ASCII strings are built from their codes at once: cheaper than a decoder call per identifier. */
const asciiDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const codes: number[] = [];
function asciiString(bytes: Uint8Array, start: number, length: number): string {
  if (length > 64) return asciiDecoder.decode(bytes.subarray(start, start + length));
  codes.length = length;
  for (let i = 0; i < length; i++) codes[i] = bytes[start + i]!;
  return String.fromCharCode.apply(null, codes);
}

/** Lengths from this one on are kept in `Strings.longLengths` (the column holds this marker). */
const LONG = 0xffff;

/**
 * The ids' texts: each held as a string (`texts`), or as ASCII (or invalid UTF-8) bytes at a file offset
 * (`starts`, length) until its text is first asked for. Ten bytes an id at most, seven for the usual identifier: a decode of 200,000 records
 * has about as many strings, so these arrays are a fifth of what it keeps.
 */
class Strings {
  starts = new Uint32Array(64);
  /** Byte lengths of ids held in the file; LONG and the length in `longLengths` from 65,535 bytes on. */
  lengths = new Uint16Array(64);
  readonly longLengths = new Map<number, number>();
  invalid = new Uint8Array(64);
  /** Per id: its text, once known; always for ids not held in the file (decoded or given as strings). */
  texts: (string | undefined)[] = [];
  count = 0;

  constructor(readonly source: ByteSource | null) {}

  private chunkStart = 0;
  private chunkEnd = 0;
  private chunk: Uint8Array | null = null;

  /** The bytes at hand holding [offset, offset + length), with `at` the index of `offset` in them. */
  bytesAt(offset: number, length: number): { bytes: Uint8Array; at: number } | null {
    if (!this.chunk || offset < this.chunkStart || offset + length > this.chunkEnd) {
      const found = this.source?.chunk?.(offset) ?? null;
      if (!found || offset + length > found.start + found.bytes.length) return null;
      this.chunk = found.bytes;
      this.chunkStart = found.start;
      this.chunkEnd = found.start + found.bytes.length;
    }
    return { bytes: this.chunk, at: offset - this.chunkStart };
  }

  asciiBytes(id: number): { bytes: Uint8Array; at: number; length: number } | null {
    if (this.texts[id] !== undefined || id >= this.count || this.invalid[id] === 1) return null;
    const length = this.lengthOf(id);
    const found = this.bytesAt(this.starts[id]!, length);
    return found && { bytes: found.bytes, at: found.at, length };
  }

  lengthOf(id: number): number {
    const length = this.lengths[id]!;
    return length === LONG ? this.longLengths.get(id)! : length;
  }

  setLength(id: number, length: number): void {
    if (length >= LONG) this.longLengths.set(id, length);
    this.lengths[id] = Math.min(length, LONG);
  }

  text(id: number): string {
    const held = this.texts[id];
    if (held !== undefined) return held;
    if (id >= this.count) throw new RangeError(`no string ${id}`);
    const length = this.lengthOf(id);
    const found = this.bytesAt(this.starts[id]!, length);
    // The decoder keeps a string as bytes only where they lie in one chunk, which stays at hand.
    if (!found) throw new Error(`the bytes of string ${id} are no longer at hand`);
    const text = this.invalid[id] === 1 ? decodeUtf8(found.bytes, found.at, found.at + length).value : asciiString(found.bytes, found.at, length);
    this.texts[id] = text;
    return text;
  }

  /** Drops the spare capacity once no more ids come. */
  trim(): void {
    this.starts = this.starts.slice(0, this.count);
    this.lengths = this.lengths.slice(0, this.count);
    this.invalid = this.invalid.slice(0, this.count);
  }

  grow(): void {
    const capacity = this.invalid.length * 2;
    this.starts = grown(this.starts, capacity);
    this.lengths = grown(this.lengths, capacity);
    this.invalid = grown(this.invalid, capacity);
  }
}

/** The built table: the ids' texts, made on first use. Only `count` and the validity flags are enumerable. */
class BuiltStringTable implements StringTable {
  declare private readonly strings: Strings;
  constructor(
    readonly count: number,
    readonly invalidUtf8: Uint8Array,
    strings: Strings,
  ) {
    // Not enumerable: two decodes of the same bytes compare equal whatever memory their bytes are in.
    Object.defineProperty(this, 'strings', { value: strings, enumerable: false });
  }

  text(id: number): string {
    return this.strings.text(id);
  }

  asciiBytes(id: number): { bytes: Uint8Array; at: number; length: number } | null {
    return this.strings.asciiBytes(id);
  }
}

/**
 * Interns strings: equal valid strings get one id. Invalid UTF-8 always gets its own id (its text is lossy).
 * An open-addressing table of ids keyed by FNV-1a, so that a decoder looks up ASCII bytes without making a
 * string.
 */
export class StringTableBuilder {
  private readonly s: Strings;
  private hashes = new Uint32Array(64);
  private slots = new Int32Array(4096).fill(-1);
  /** The id of "" (always 0). */
  readonly empty: number;

  /** `source`: where a decoder's byte offsets can be read back later (the window it decodes from). */
  constructor(source: ByteSource | null = null) {
    this.s = new Strings(source);
    this.empty = this.intern('');
  }

  get count(): number {
    return this.s.count;
  }

  /** The text of an id interned so far. */
  text(id: number): string {
    return this.s.text(id);
  }

  intern(value: string, validUtf8 = true): number {
    const hash = hashOf(value);
    if (!validUtf8) return this.add(hash, false, -1, value, 0, 0);
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id < 0) return this.add(hash, true, slot, value, 0, 0);
      if (this.hashes[id] === hash && this.s.invalid[id] === 0 && this.s.text(id) === value) return id;
    }
  }

  /**
   * Adds the bytes at file offset `offset`, which are not valid UTF-8 and lie in the source's bytes at hand: an id
   * of their own, held as those bytes (their text, with U+FFFD replacements, is made when first asked for), so that
   * a hostile file of 100,000 such names keeps no string for them.
   */
  addInvalidAt(offset: number, length: number): number {
    return this.add(0, false, -1, undefined, offset, length);
  }

  /**
   * Interns the ASCII bytes `bytes[at … at + length)`, which are the file's bytes at `offset`, whose FNV-1a hash
   * the caller computed while checking them. `inSource`: whether `bytes` is the source's own chunk (so the text
   * can be read back later), not a copy.
   */
  internAscii(bytes: Uint8Array, at: number, length: number, hash: number, offset: number, inSource: boolean): number {
    const s = this.s;
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!;
      if (id < 0) return inSource ? this.add(hash, true, slot, undefined, offset, length) : this.add(hash, true, slot, asciiString(bytes, at, length), 0, 0);
      if (this.hashes[id] !== hash || s.invalid[id] !== 0) continue;
      const known = s.texts[id];
      if (known !== undefined) {
        if (asciiEquals(known, bytes, at, length)) return id;
      } else if (s.lengthOf(id) === length) {
        // Usually the known string lies in the same bytes at hand: compared there, without looking them up.
        const from = s.starts[id]! - offset + at;
        if (inSource && from >= 0 && from + length <= bytes.length) {
          if (bytesEqual(bytes, from, bytes, at, length)) return id;
          continue;
        }
        const known = s.bytesAt(s.starts[id]!, length);
        if (known && bytesEqual(known.bytes, known.at, bytes, at, length)) return id;
      }
    }
  }

  private add(hash: number, valid: boolean, slot: number, text: string | undefined, offset: number, length: number): number {
    const s = this.s;
    const id = s.count;
    if (id >= s.invalid.length) {
      s.grow();
      this.hashes = grown(this.hashes, s.invalid.length);
    }
    s.count++;
    this.hashes[id] = hash;
    s.invalid[id] = valid ? 0 : 1;
    if (text === undefined) {
      s.starts[id] = offset;
      s.setLength(id, length);
    } else {
      s.texts[id] = text;
    }
    if (!valid) return id;
    this.slots[slot] = id;
    // Kept at most half full, so probes stay short.
    if (id * 2 >= this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.s.count; id++) {
      if (this.s.invalid[id]) continue;
      let slot = this.hashes[id]! & mask;
      while (slots[slot]! >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }

  build(): StringTable {
    this.s.trim();
    return new BuiltStringTable(this.s.count, this.s.invalid, this.s);
  }
}
