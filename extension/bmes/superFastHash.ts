/**
 * WebKit's SuperFastHash over UTF-16 or Latin-1 code units, reduced to 24 bits the way JavaScriptCore's
 * StringHasher does (spec §5). All arithmetic is unsigned 32-bit.
 */
export function superFastHash(units: ArrayLike<number>): number {
  let h = 0x9e3779b9;
  const n = units.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    h = (h + units[i]!) >>> 0;
    h = ((h << 16) ^ ((units[i + 1]! << 11) ^ h)) >>> 0;
    h = (h + (h >>> 11)) >>> 0;
  }
  if (i < n) {
    h = (h + units[i]!) >>> 0;
    h = (h ^ (h << 11)) >>> 0;
    h = (h + (h >>> 17)) >>> 0;
  }
  h = (h ^ (h << 3)) >>> 0;
  h = (h + (h >>> 5)) >>> 0;
  h = (h ^ (h << 2)) >>> 0;
  h = (h + (h >>> 15)) >>> 0;
  h = (h ^ (h << 10)) >>> 0;
  h &= 0xffffff;
  return h === 0 ? 0x800000 : h;
}

/** What JavaScriptCore's source-code key records about a source text. */
export interface SourceKey {
  /** Length in code units. */
  readonly length: number;
  readonly hash: number;
  /** True when every character fits in 8 bits, so JavaScriptCore stores it as Latin-1. */
  readonly latin1: boolean;
  /**
   * The source's hash under the string hashes of other builds (`extension/artifact/sourceKey.ts` adds them); `hash`
   * is SuperFastHash's. A hash not given here is reported as not checked, never as a mismatch.
   */
  readonly hashes?: Readonly<Partial<Record<'webkitWyHash' | 'rapidHash', number>>>;
}

/**
 * The key of a source file's bytes as JavaScriptCore sees them: UTF-8 decoded, a leading BOM dropped, then
 * Latin-1 code units when every character fits in 8 bits, else UTF-16 code units. Either way the unit
 * values equal the string's char codes.
 */
export function sourceKeyOfFile(bytes: Uint8Array): SourceKey {
  // ignoreBOM keeps the BOM in the text, so exactly one leading BOM is dropped here (the default decoder
  // would already strip one, and the check below would then strip a second).
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return sourceKeyOfText(text);
}

export function sourceKeyOfText(text: string): SourceKey {
  const units = new Uint16Array(text.length);
  let latin1 = true;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    units[i] = unit;
    if (unit > 0xff) latin1 = false;
  }
  return { length: units.length, hash: superFastHash(units), latin1 };
}
