const lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

export interface DecodedText {
  readonly value: string;
  readonly valid: boolean;
}

/** Decodes UTF-8 exactly as stored: a leading BOM is kept, invalid sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  // Identifiers are short: decoded here when well-formed, which saves a decoder call per string.
  if (bytes.length <= SHORT) {
    const value = shortWellFormed(bytes);
    if (value !== null) return { value, valid: true };
  }
  // Validity is checked here, not by a fatal decoder: its error is an exception with a stack, microseconds each,
  // and a hostile 1 MB file holds 100,000 invalid strings. Valid or not, the lenient decoder's text is the one.
  const value = lenientDecoder.decode(bytes);
  // No U+FFFD in the text: nothing was replaced. A real U+FFFD (EF BF BD) needs the check.
  return { value, valid: !value.includes('\uFFFD') || firstInvalidUtf8(bytes) < 0 };
}

const SHORT = 64;

/** The text of well-formed UTF-8 (the rules of `firstInvalidUtf8`), or null at the first ill-formed byte. */
function shortWellFormed(bytes: Uint8Array): string | null {
  let value = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      value += String.fromCharCode(b);
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= bytes.length) return null;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < MIN_OF_LENGTH[need]! || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    value += String.fromCodePoint(cp);
    i += need + 1;
  }
  return value;
}

/** The least code point a sequence of 1 + n bytes may hold (less is an overlong form). */
const MIN_OF_LENGTH = [0, 0x80, 0x800, 0x10000];

/** Offset, within `bytes`, of the first byte that is not part of a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
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
      return i;
    }
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
