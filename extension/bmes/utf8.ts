const lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

export interface DecodedText {
  readonly value: string;
  readonly valid: boolean;
}

/**
 * Decodes the UTF-8 `bytes[start … end)` exactly as stored: a leading BOM is kept, invalid sequences become
 * U+FFFD. A range rather than a subarray, so that a decoder reading 100,000 names makes no view per name.
 */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): DecodedText {
  // Identifiers are short: decoded here, which saves a decoder call per string.
  if (end - start <= SHORT) return decodeShort(bytes, start, end);
  // Validity is checked here, not by a fatal decoder: its error is an exception with a stack, microseconds each.
  const data = bytes.subarray(start, end);
  const value = lenientDecoder.decode(data);
  // No U+FFFD in the text: nothing was replaced. A real U+FFFD (EF BF BD) needs the check.
  return { value, valid: !value.includes('\uFFFD') || firstInvalidUtf8(data) < 0 };
}

const SHORT = 64;

/**
 * The WHATWG Encoding Standard's UTF-8 decoder (what TextDecoder runs), replacing each ill-formed part with one
 * U+FFFD: a lead byte sets the range its next byte must be in (which rules out overlongs, surrogates and code
 * points past U+10FFFF), and a byte out of range ends the sequence and is read again as a new one.
 */
function decodeShort(bytes: Uint8Array, start: number, end: number): DecodedText {
  let value = '';
  let valid = true;
  let needed = 0;
  let seen = 0;
  let cp = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (needed === 0) {
      if (b < 0x80) value += String.fromCharCode(b);
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x07;
      } else {
        value += '\uFFFD';
        valid = false;
      }
      continue;
    }
    if (b < lower || b > upper) {
      needed = seen = cp = 0;
      lower = 0x80;
      upper = 0xbf;
      value += '\uFFFD';
      valid = false;
      i--; // read again as the start of a sequence
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      value += String.fromCodePoint(cp);
      needed = seen = cp = 0;
    }
  }
  if (needed !== 0) return { value: value + '\uFFFD', valid: false };
  return { value, valid };
}

/**
 * Offset, from `start`, of the first byte of `bytes[start … end)` that is not part of a well-formed UTF-8
 * sequence; -1 when there is none. Makes nothing, so a reader can tell a bad name from a good one for free.
 */
export function firstInvalidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i - start;
    }
    if (i + need >= end) return i - start;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i - start;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i - start;
    i += need + 1;
  }
  return -1;
}

export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
