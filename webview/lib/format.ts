/** Number formatting and parsing shared by the views. Pure. */

/** One formatter for every count: `toLocaleString` sets up ICU's formatter again on each call (twice the time). */
const EN_US = new Intl.NumberFormat('en-US');

/** 1234567 → "1,234,567". */
export function fmtInt(n: number): string {
  return EN_US.format(n);
}

/** 0x-prefixed lower-case hex. */
export function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** Zero-padded upper-case hex of a byte. */
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0').toUpperCase());
export function byteHex(b: number): string {
  return BYTE_HEX[b & 0xff]!;
}

/** The hex offset column: at least 8 digits, more for files past 4 GiB. */
export function offsetDigits(size: number): number {
  return Math.max(8, Math.max(1, size - 1).toString(16).length);
}

export function padOffset(offset: number, digits: number): string {
  return offset.toString(16).toUpperCase().padStart(digits, '0');
}

/** "12 bytes", "1 byte", "2.0 MiB (2,097,152 bytes)". */
export function fmtBytes(n: number): string {
  if (n === 1) return '1 byte';
  if (n < 1024) return `${fmtInt(n)} bytes`;
  const unit = n >= 1024 * 1024 ? ([1024 * 1024, 'MiB'] as const) : ([1024, 'KiB'] as const);
  return `${(n / unit[0]).toFixed(1)} ${unit[1]} (${fmtInt(n)} bytes)`;
}

/**
 * An offset typed by the user: decimal ("4096", "4,096") or hex ("0x1000"). Returns null for anything else
 * or anything that is not a safe integer.
 */
export function parseOffset(text: string): number | null {
  const t = text.trim().replace(/[,_\s]/g, '');
  let n: number;
  if (/^0x[0-9a-f]+$/i.test(t)) n = parseInt(t.slice(2), 16);
  else if (/^[0-9]+$/.test(t)) n = parseInt(t, 10);
  else return null;
  return Number.isSafeInteger(n) ? n : null;
}

/** "0x10–0x1f (16 bytes)" for a span; "0x10 (1 byte)" for one byte. */
export function fmtSpan(offset: number, length: number): string {
  if (length <= 1) return `${hex(offset)} (${length === 1 ? '1 byte' : 'empty'})`;
  return `${hex(offset)}–${hex(offset + length - 1)} (${fmtInt(length)} bytes)`;
}

/** A printable ASCII character for the hex view, "." otherwise. */
export function asciiChar(b: number): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}
