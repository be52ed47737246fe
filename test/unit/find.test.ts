// The hex view's find (extension/find): hex patterns with ?? and text patterns parse or say what is wrong; the
// chunked search over positioned reads finds exactly the matches a brute-force scan of the whole buffer finds,
// across chunk boundaries, within its limits, and stops when asked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHexPattern, parseQuery, parseTextPattern, searchFile, type FindPattern } from '../../extension/find';
import { firstAtOrAfter, stepMatch } from '../../webview/lib/findSteps';
import { Prng } from '../support/prng';

const reader =
  (data: Uint8Array, log: number[] = []) =>
  async (offset: number, length: number) => {
    log.push(length);
    return data.subarray(offset, Math.min(data.length, offset + length));
  };

/** The reference: every offset where the pattern matches, position by position. */
function bruteForce(data: Uint8Array, p: FindPattern): number[] {
  const out: number[] = [];
  for (let i = 0; i + p.length <= data.length; i++) {
    let ok = true;
    for (let j = 0; j < p.length && ok; j++) ok = p.wild[j] === 1 || data[i + j] === p.a[j] || data[i + j] === p.b[j];
    if (ok) out.push(i);
  }
  return out;
}

const hexOk = (text: string) => {
  const r = parseHexPattern(text);
  assert.ok(r.ok, text);
  return r.pattern;
};

test('hex patterns: pairs of digits, ?? for any byte, spaces, commas and 0x allowed; mistakes explained', () => {
  const p = hexOk('53 45 ?? 0x42');
  assert.deepEqual([...p.a], [0x53, 0x45, 0, 0x42]);
  assert.deepEqual([...p.wild], [0, 0, 1, 0]);
  assert.deepEqual([...hexOk('5345,4d42').a], [0x53, 0x45, 0x4d, 0x42]);
  for (const [text, message] of [
    ['', /Type hex bytes/],
    ['534', /two digits/],
    ['53 zz', /Only hex digits/],
    ['?? ??', /only \?\?/],
    ['00'.repeat(257), /At most 256/],
  ] as const) {
    const r = parseHexPattern(text);
    assert.equal(r.ok, false, text);
    assert.match(r.ok ? '' : r.message, message, text);
  }
});

test('text patterns are UTF-8; without case sensitivity only ASCII letters take both cases', () => {
  const r = parseTextPattern('Aé1', false);
  assert.ok(r.ok);
  assert.deepEqual([...r.pattern.a], [0x41, 0xc3, 0xa9, 0x31]);
  assert.deepEqual([...r.pattern.b], [0x61, 0xc3, 0xa9, 0x31]);
  const exact = parseTextPattern('Aé1', true);
  assert.ok(exact.ok);
  assert.deepEqual([...exact.pattern.b], [...exact.pattern.a]);
  assert.equal(parseTextPattern('', true).ok, false);
  assert.equal(parseQuery({ mode: 'text', text: 'x'.repeat(300), caseSensitive: true }).ok, false);
});

test('the chunked search equals a brute-force scan on random data, for random patterns and chunk sizes', async () => {
  const rng = new Prng(0x5eed);
  for (let round = 0; round < 300; round++) {
    // A small alphabet so that matches (and overlapping ones) are common.
    const data = Uint8Array.from({ length: rng.int(0, 400) }, () => rng.int(0, 3));
    const length = rng.int(1, 6);
    const text = Array.from({ length }, () => (rng.int(0, 4) === 0 ? '??' : `0${rng.int(0, 3)}`)).join(' ');
    const parsed = parseHexPattern(text);
    if (!parsed.ok) continue;
    const chunk = rng.int(1, 64);
    const result = await searchFile(reader(data), data.length, parsed.pattern, { maxOffsets: 1e9, maxCount: 1e9, chunk });
    assert.deepEqual(result.offsets, bruteForce(data, parsed.pattern), `seed 0x5eed round ${round}: ${text}, chunk ${chunk}`);
    assert.equal(result.count, result.offsets.length);
    assert.equal(result.countCapped, false);
  }
});

test('a match straddling a chunk boundary is found once; case-insensitive text matches both cases', async () => {
  const data = new TextEncoder().encode('xxBMESxxbmesxxBmEs');
  const r = parseTextPattern('bmes', false);
  assert.ok(r.ok);
  for (const chunk of [1, 3, 4, 5, 1024]) {
    assert.deepEqual((await searchFile(reader(data), data.length, r.pattern, { maxOffsets: 100, maxCount: 100, chunk })).offsets, [2, 8, 14], `chunk ${chunk}`);
  }
});

test('limits: offsets kept and matches counted are bounded; reads are bounded chunks; a stop is honoured', async () => {
  const data = new Uint8Array(10_000);
  const zero = hexOk('00');
  const kept = await searchFile(reader(data), data.length, zero, { maxOffsets: 10, maxCount: 1_000_000, chunk: 1000 });
  assert.deepEqual(kept.offsets, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal(kept.count, 10_000);
  const capped = await searchFile(reader(data), data.length, zero, { maxOffsets: 10, maxCount: 2500, chunk: 1000 });
  assert.deepEqual([capped.count, capped.countCapped], [2500, true]);
  const log: number[] = [];
  await searchFile(reader(data, log), data.length, hexOk('01 02'), { maxOffsets: 10, maxCount: 10, chunk: 1000 });
  assert.ok(
    log.every((n) => n <= 1001),
    `reads of ${Math.max(...log)} bytes`,
  );
  assert.equal(log.reduce((x, y) => x + y, 0) >= data.length, true);
  let reads = 0;
  const stopped = await searchFile(
    async (o, l) => (reads++, data.subarray(o, o + l)),
    data.length,
    zero,
    { maxOffsets: 10, maxCount: 1e9, chunk: 100 },
    () => reads >= 3,
  );
  assert.deepEqual([stopped.cancelled, reads], [true, 3]);
  // A pattern longer than the file, and an empty file: no match, no read past the end.
  assert.deepEqual((await searchFile(reader(new Uint8Array(1)), 1, hexOk('00 00'))).offsets, []);
  assert.deepEqual((await searchFile(reader(new Uint8Array(0)), 0, zero)).offsets, []);
});

test('stepping through matches: first at or after the selection, next after it, previous before it, wrapping', () => {
  const offsets = [4, 10, 30];
  assert.equal(stepMatch(offsets, 0, 'first'), 0);
  assert.equal(stepMatch(offsets, 10, 'first'), 1);
  assert.equal(stepMatch(offsets, 10, 'next'), 2);
  assert.equal(stepMatch(offsets, 30, 'next'), 0);
  assert.equal(stepMatch(offsets, 10, 'previous'), 0);
  assert.equal(stepMatch(offsets, 4, 'previous'), 2);
  assert.equal(stepMatch(offsets, 31, 'first'), 0);
  assert.equal(stepMatch([], 0, 'next'), -1);
  assert.equal(firstAtOrAfter(offsets, 11), 2);
});
