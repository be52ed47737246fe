/**
 * The data inspector's readings of the bytes at the selection start: integers and floats in either byte order,
 * the first byte in binary, and LEB128 varints (the compact JavaScriptCore payloads are full of them). Works on
 * any bytes, not only BMES. Pure.
 */
export interface Reading {
  readonly label: string;
  /** What the reading is, for its tooltip. */
  readonly description: string;
  /** Null when fewer bytes than the type needs remain. */
  readonly value: string | null;
}

/** A 64-bit varint takes at most 10 bytes. */
export const MAX_LEB128_BYTES = 10;
/** How many bytes the readings look at (the longest is a LEB128 varint). */
export const READING_BYTES = MAX_LEB128_BYTES;

/** `bytes` starts at the selection start and holds up to READING_BYTES bytes (fewer at the end of the file). */
export function readingsOf(bytes: Uint8Array, littleEndian: boolean): Reading[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = littleEndian;
  const need = (n: number, read: () => string): string | null => (bytes.length >= n ? read() : null);
  const order = le ? 'little-endian' : 'big-endian';
  return [
    { label: 'binary', description: 'the first byte, most significant bit first', value: need(1, () => view.getUint8(0).toString(2).padStart(8, '0')) },
    { label: 'u8', description: 'unsigned 8-bit integer', value: need(1, () => String(view.getUint8(0))) },
    { label: 'i8', description: 'signed 8-bit integer', value: need(1, () => String(view.getInt8(0))) },
    { label: 'u16', description: `unsigned 16-bit integer, ${order}`, value: need(2, () => withHex(view.getUint16(0, le))) },
    { label: 'i16', description: `signed 16-bit integer, ${order}`, value: need(2, () => String(view.getInt16(0, le))) },
    { label: 'u32', description: `unsigned 32-bit integer, ${order}`, value: need(4, () => withHex(view.getUint32(0, le))) },
    { label: 'i32', description: `signed 32-bit integer, ${order}`, value: need(4, () => String(view.getInt32(0, le))) },
    { label: 'u64', description: `unsigned 64-bit integer, ${order}`, value: need(8, () => view.getBigUint64(0, le).toString()) },
    { label: 'i64', description: `signed 64-bit integer, ${order}`, value: need(8, () => view.getBigInt64(0, le).toString()) },
    { label: 'f16', description: `IEEE 754 half-precision float, ${order}`, value: need(2, () => formatFloat(float16(view.getUint16(0, le)))) },
    { label: 'f32', description: `IEEE 754 single-precision float, ${order}`, value: need(4, () => formatFloat(view.getFloat32(0, le))) },
    { label: 'f64', description: `IEEE 754 double-precision float, ${order}`, value: need(8, () => formatFloat(view.getFloat64(0, le))) },
    { label: 'ULEB128', description: 'unsigned LEB128 varint (7 bits a byte, least significant first)', value: need(1, () => leb128Text(bytes, false)) },
    { label: 'SLEB128', description: 'signed LEB128 varint (7 bits a byte, least significant first, sign-extended)', value: need(1, () => leb128Text(bytes, true)) },
  ];
}

function withHex(v: number): string {
  return `${v} (0x${v.toString(16)})`;
}

/** A half-precision float from its 16 bits (DataView.getFloat16 is too new to rely on). */
export function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

export interface Leb128 {
  readonly value: bigint;
  /** Bytes the varint took. */
  readonly length: number;
}

/**
 * The LEB128 varint at the start of `bytes`, or null when no byte within MAX_LEB128_BYTES (or the bytes given)
 * ends it (a byte without the high bit).
 */
export function leb128(bytes: Uint8Array, signed: boolean): Leb128 | null {
  let value = 0n;
  let shift = 0n;
  const limit = Math.min(bytes.length, MAX_LEB128_BYTES);
  for (let i = 0; i < limit; i++) {
    const b = bytes[i]!;
    value |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) {
      if (signed && b & 0x40) value -= 1n << shift;
      return { value, length: i + 1 };
    }
  }
  return null;
}

function leb128Text(bytes: Uint8Array, signed: boolean): string {
  const v = leb128(bytes, signed);
  if (!v) return `no end within ${Math.min(bytes.length, MAX_LEB128_BYTES)} bytes`;
  return `${v.value} (${v.length} ${v.length === 1 ? 'byte' : 'bytes'})`;
}

function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const abs = Math.abs(v);
  return abs >= 1e-6 && abs < 1e21 ? String(v) : v.toExponential();
}
