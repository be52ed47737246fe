/**
 * The 24-bit string hash that Bun's JavaScriptCore stores next to names (the bytecode string table, the hash columns
 * of the prelinked module graph, the per-module source hashes). Bun's WebKit fork computes `StringImpl::hash()` with
 * rapidhash (oven-sh/WebKit `Source/WTF/wtf/text/RapidHash.h`), not the SuperFastHash of upstream WebKit: checked on
 * the spec's values (`twice` 0x075081, `default` 0x29DB8C, `PI2` 0xC20A6E, `answer` 0xFDB99E) and on every entry of the
 * 1.4.5 sample's string table. A Latin-1 string is hashed one byte per character, any other as its UTF-16LE bytes.
 *
 */

import { mix, mum } from './mix64';

const SECRET0 = 0x2d358dccaa6c78a5n;
const SECRET1 = 0x8bb84b93962eacc9n;
const SECRET2 = 0x4b33a62ed433d4a3n;

/** Bits kept by `StringHasher::maskHash`: the top 8 bits are flags inside a StringImpl. */
const MASK24 = 0xffffff;
/** `StringHasher::avoidZero`: 0 means "not computed yet", so a zero hash becomes the flag-free high bit. */
const ZERO_HASH = 0x800000;

/** rapidhash with seed 0 over `bytes` (all 64 bits). */
export function rapidHash64(bytes: Uint8Array): bigint {
  const len = bytes.length;
  const length = BigInt(len);
  const read32 = (at: number): bigint => BigInt((bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0);
  const read64 = (at: number): bigint => read32(at) | (read32(at + 4) << 32n);
  let seed = mix(SECRET0, SECRET1) ^ length;
  let a: bigint;
  let b: bigint;
  if (len <= 16) {
    if (len >= 4) {
      const delta = len >= 8 ? 4 : 0;
      a = (read32(0) << 32n) | read32(len - 4);
      b = (read32(delta) << 32n) | read32(len - 4 - delta);
    } else if (len > 0) {
      a = (BigInt(bytes[0]!) << 56n) | (BigInt(bytes[len >> 1]!) << 32n) | BigInt(bytes[len - 1]!);
      b = 0n;
    } else {
      a = 0n;
      b = 0n;
    }
  } else {
    let left = len;
    let at = 0;
    if (left > 48) {
      let see1 = seed;
      let see2 = seed;
      do {
        seed = mix(read64(at) ^ SECRET0, read64(at + 8) ^ seed);
        see1 = mix(read64(at + 16) ^ SECRET1, read64(at + 24) ^ see1);
        see2 = mix(read64(at + 32) ^ SECRET2, read64(at + 40) ^ see2);
        at += 48;
        left -= 48;
      } while (left >= 48);
      seed ^= see1 ^ see2;
    }
    if (left > 16) {
      seed = mix(read64(at) ^ SECRET2, read64(at + 8) ^ seed ^ SECRET1);
      if (left > 32) seed = mix(read64(at + 16) ^ SECRET2, read64(at + 24) ^ seed);
    }
    a = read64(at + left - 16);
    b = read64(at + left - 8);
  }
  a ^= SECRET1;
  b ^= seed;
  const [low, high] = mum(a, b);
  return mix(low ^ SECRET0 ^ length, high ^ SECRET1);
}

/** The stored 24-bit hash of characters given as Latin-1 bytes (one byte per character). */
export function wtfStringHashOfLatin1(bytes: Uint8Array): number {
  return Number(rapidHash64(bytes) & BigInt(MASK24)) || ZERO_HASH;
}

/** The stored 24-bit hash of characters given as UTF-16 code units (hashed as Latin-1 when they all fit). */
export function wtfStringHashOfUnits(units: Uint16Array): number {
  let latin1 = true;
  for (let i = 0; i < units.length; i++) {
    if (units[i]! > 0xff) {
      latin1 = false;
      break;
    }
  }
  if (latin1) return wtfStringHashOfLatin1(Uint8Array.from(units));
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    bytes[2 * i] = units[i]! & 0xff;
    bytes[2 * i + 1] = units[i]! >>> 8;
  }
  return wtfStringHashOfLatin1(bytes);
}

/** The stored 24-bit hash of a JavaScript string, as JavaScriptCore hashes that string. */
export function wtfStringHash(text: string): number {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return wtfStringHashOfUnits(units);
}
