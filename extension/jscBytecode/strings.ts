import type { JscStringRef, Span, StringTableResolver } from './model';
import { Malformed, NULL_POINTER, type PayloadReader } from './reader';

/**
 * String slots of the compact layout (spec jsc-bytecode §2): 4 bytes that are either a 1–3 character Latin-1
 * string inline (low bits 01), an ordinal into the embedder's shared string table (low bits 10, `bun --compile`),
 * the null sentinel, or a self-relative pointer to a string record (4-aligned, so low bits 00).
 */

const RECORD_HEADER = 12;
const LENGTH_MASK = (1 << 27) - 1;
const IS_8BIT = 1 << 27;
const IS_SYMBOL = 1 << 28;
/** Longer strings are shown cut: a name or constant is read for display, not for round-tripping. */
const MAX_TEXT_UNITS = 1 << 16;

interface DecodedRecord {
  readonly text: string;
  readonly ordinal: number | null;
  readonly span: Span;
  readonly symbol: boolean;
}

export class StringDecoder {
  /** Records and inline slots decoded so far: a name used by a thousand code blocks is decoded once. */
  private readonly records = new Map<number, DecodedRecord>();
  private readonly inline = new Map<number, string>();

  constructor(
    private readonly reader: PayloadReader,
    private readonly resolve: StringTableResolver | undefined,
  ) {}

  /** The string in the slot at payload position `at`. Throws `Malformed` for a slot that is none of the forms. */
  slot(at: number): JscStringRef {
    const r = this.reader;
    const value = r.u32(at, 'a string slot');
    const slot = { offset: r.base + at, length: 4 };
    if (value === NULL_POINTER) return { form: 'null', text: null, ordinal: null, slot, record: null, symbol: false };
    switch (value & 3) {
      case 1: {
        let text = this.inline.get(value);
        if (text === undefined) {
          const length = (value >>> 2) & 0x3f;
          if (length < 1 || length > 3) throw new Malformed(at, 4, 'an inline string of 1 to 3 characters');
          text = '';
          for (let i = 1; i <= length; i++) text += String.fromCharCode((value >>> (8 * i)) & 0xff);
          this.inline.set(value, text);
        }
        return { form: 'inline', text, ordinal: null, slot, record: null, symbol: false };
      }
      case 2: {
        const ordinal = value >>> 2;
        return { form: 'table', text: this.resolve?.(ordinal) ?? null, ordinal, slot, record: null, symbol: false };
      }
      case 0: {
        const target = r.pointer(at, 'a string pointer')!;
        const record = this.record(target);
        return {
          form: 'record',
          text: record.text,
          ordinal: record.ordinal,
          slot,
          record: record.span,
          symbol: record.symbol,
        };
      }
      default:
        throw new Malformed(at, 4, 'a string slot (inline, table ordinal, pointer or null)');
    }
  }

  private record(at: number): DecodedRecord {
    const cached = this.records.get(at);
    if (cached) return cached;
    const r = this.reader;
    if (at % 4 !== 0) throw new Malformed(at, 4, 'a 4-aligned string record');
    const header = r.u32(at, 'a string record header');
    const units = header & LENGTH_MASK;
    const latin1 = (header & IS_8BIT) !== 0;
    const byteLength = latin1 ? units : units * 2;
    r.need(at + RECORD_HEADER, byteLength, `the ${units} characters of a string record`);
    const ordinalField = r.u32(at + 8);
    const shown = Math.min(units, MAX_TEXT_UNITS);
    const chars = r.bytes.subarray(at + RECORD_HEADER, at + RECORD_HEADER + (latin1 ? shown : shown * 2));
    const decoded: DecodedRecord = {
      text: decodeUnits(chars, latin1),
      ordinal: ordinalField === 0xffffffff ? null : ordinalField,
      span: { offset: r.base + at, length: RECORD_HEADER + byteLength },
      symbol: (header & IS_SYMBOL) !== 0,
    };
    this.records.set(at, decoded);
    return decoded;
  }
}

const UTF16 = new TextDecoder('utf-16le');

/** JavaScriptCore 8-bit strings are ISO-8859-1 (TextDecoder's "latin1" is windows-1252, so not that). */
function decodeUnits(bytes: Uint8Array, latin1: boolean): string {
  if (!latin1) return UTF16.decode(bytes);
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  return text;
}
