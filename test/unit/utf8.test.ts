// The decoder's UTF-8 (extension/bmes/utf8.ts) against the platform's TextDecoder: the same text as a lenient
// decoder, and valid exactly when a fatal decoder accepts the bytes, for byte strings built to hit UTF-8's edges
// (overlongs, surrogates, past U+10FFFF, cut sequences, stray continuations, real U+FFFD, BOMs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeUtf8, firstInvalidUtf8 } from '../../extension/bmes/utf8';
import { Prng } from '../support/prng';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

function fatalAccepts(bytes: Uint8Array): boolean {
  try {
    fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes near UTF-8's boundaries, and whole sequences of each length. */
const EDGE_BYTES = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];
const SEQUENCES = [
  [0xc3, 0xa9],
  [0xef, 0xbf, 0xbd],
  [0xef, 0xbb, 0xbf],
  [0xed, 0x9f, 0xbf],
  [0xed, 0xa0, 0x80],
  [0xf0, 0x9f, 0x98, 0x80],
  [0xf4, 0x8f, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe0, 0x80, 0x80],
];

test('decodeUtf8 reads as the lenient TextDecoder and is valid exactly when the fatal one accepts', () => {
  const rng = new Prng(0x07f8);
  let valid = 0;
  let invalid = 0;
  for (let n = 0; n < 20_000; n++) {
    const parts: number[] = [];
    const length = rng.int(0, rng.bool(0.05) ? 200 : 8);
    while (parts.length < length) {
      if (rng.bool(0.4)) parts.push(...rng.pick(SEQUENCES));
      else parts.push(rng.bool(0.5) ? rng.pick(EDGE_BYTES) : rng.int(0, 255));
    }
    const bytes = Uint8Array.from(parts);
    const decoded = decodeUtf8(bytes);
    const accepted = fatalAccepts(bytes);
    assert.equal(decoded.value, lenient.decode(bytes), `text of ${Array.from(bytes).join(',')}`);
    assert.equal(decoded.valid, accepted, `validity of ${Array.from(bytes).join(',')}`);
    assert.equal(firstInvalidUtf8(bytes) < 0, accepted, `first invalid byte of ${Array.from(bytes).join(',')}`);
    // The same bytes as a range of a larger array, as the decoder reads names in place.
    const padded = Uint8Array.from([0xe2, 0x82, ...parts, 0x80]);
    assert.deepEqual(decodeUtf8(padded, 2, 2 + bytes.length), decoded, `the range of ${Array.from(bytes).join(',')}`);
    assert.equal(firstInvalidUtf8(padded, 2, 2 + bytes.length), firstInvalidUtf8(bytes), `first invalid byte in the range of ${Array.from(bytes).join(',')}`);
    if (accepted) valid++;
    else invalid++;
  }
  assert.ok(valid > 2000 && invalid > 2000, `both kinds drawn (${valid} valid, ${invalid} invalid)`);
});
