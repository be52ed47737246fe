/**
 * The 24-bit string hash of the WebKit that Bun 1.3.14 ships (`WTF::StringHasher` with `WYHASH_STRING_HASHER`):
 * SuperFastHash up to 48 characters, WebKit's WYHash variant over UTF-16 code units above (upstream
 * `Source/WTF/wtf/text/WYHash.h`). Bun 1.4.x replaced it by rapidhash (`wtfStringHash`), Bun 1.3.6/1.3.9 use
 * SuperFastHash at every length. Checked on the source keys of 1.3.14 payloads: JavaScriptCore stores
 * `hash(source) ^ keyFlags` as the key hash.
 */
import { superFastHash } from '../bmes/superFastHash';
import { mix, mum } from './mix64';

const SECRET = [0xa0761d6478bd642fn, 0xe7037ed1a0b428dbn, 0x8ebc6af09c88c6e3n, 0x589965cc75374cc3n] as const;
/** `StringHasher::smallStringThreshold`: up to this many characters the hash is SuperFastHash. */
export const WYHASH_THRESHOLD = 48;

/**
 * WebKit's WYHash of UTF-16 code units (a Latin-1 string hashes as its zero-extended units), for strings longer
 * than 8 units: the string hasher uses it only above 48, so the short-input branches of WYHash are left out.
 */
export function webkitWyHash(units: ArrayLike<number>): number {
  const n = units.length;
  if (n <= 8) throw new RangeError('webkitWyHash: the string hasher uses WYHash only for more than 48 characters');
  const u = (i: number) => BigInt(units[i]! & 0xffff);
  const read4 = (i: number) => u(i) | (u(i + 1) << 16n);
  const read8 = (i: number) => read4(i) | (read4(i + 2) << 32n);
  const byteCount = BigInt(n) << 1n;
  let seed = mix(SECRET[0], SECRET[1]);
  let left = n;
  let at = 0;
  if (left > 24) {
    let see1 = seed;
    let see2 = seed;
    do {
      seed = mix(read8(at) ^ SECRET[1], read8(at + 4) ^ seed);
      see1 = mix(read8(at + 8) ^ SECRET[2], read8(at + 12) ^ see1);
      see2 = mix(read8(at + 16) ^ SECRET[3], read8(at + 20) ^ see2);
      at += 24;
      left -= 24;
    } while (left > 24);
    seed ^= see1 ^ see2;
  }
  while (left > 8) {
    seed = mix(read8(at) ^ SECRET[1], read8(at + 4) ^ seed);
    left -= 8;
    at += 8;
  }
  let a = read8(at + left - 8);
  let b = read8(at + left - 4);
  a ^= SECRET[1];
  b ^= seed;
  [a, b] = mum(a, b);
  return Number(mix(a ^ SECRET[0] ^ byteCount, b ^ SECRET[1]) & 0xffffffn) || 0x800000;
}

/** The stored 24-bit hash of a string in Bun 1.3.14's JavaScriptCore. */
export function wyStringHash(text: string): number {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units.length <= WYHASH_THRESHOLD ? superFastHash(units) : webkitWyHash(units);
}
