/**
 * The JavaScriptCore section of the real samples (test/fixtures/jsc, copied from ../shared/samples/jsc):
 * every field the README names, typed in from the README, and SuperFastHash against values worked out from
 * the algorithm in spec §5.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  EMPTY_RECORD,
  decodeBmes,
  decodeJscSection,
  encodeBmes,
  readJscText,
  sourceKeyOfFile,
  sourceKeyOfText,
  superFastHash,
  toDump,
  windowOver,
  type JscSection,
} from '../../extension/bmes';
import { REAL, concat, fixtureText, readU32 } from '../support/bmes';

const BOM = Uint8Array.from([0xef, 0xbb, 0xbf]);

/** The section decoded twice: bare at offset 0, and as the bytecode of a v3 file (at 0x30). */
function sections(payload: Uint8Array): [string, number, JscSection, Uint8Array][] {
  const wrapped = encodeBmes(EMPTY_RECORD, payload);
  assert.equal(readU32(wrapped, 8), 0x30);
  const inFile = decodeBmes(wrapped).jsc;
  const bare = decodeJscSection(windowOver(payload), 0, payload.length);
  assert.ok(inFile && bare);
  return [
    ['bare', 0, bare, payload],
    ['in a v3 file', 0x30, inFile, wrapped],
  ];
}

describe('Bun 1.3.6 CommonJS sidecar (classic layout)', () => {
  const payload = REAL.classic();
  const source = fixtureText('bun-1.3.6-cjs/mod.js');
  for (const [where, base, jsc, bytes] of sections(payload)) {
    test(`fields from the README (${where})`, () => {
      assert.equal(jsc.layout, 'classic');
      assert.equal(jsc.offset, base);
      assert.deepEqual(jsc.cacheVersion, { offset: base, length: 4, value: 0x188ee0b9 });
      assert.deepEqual(jsc.tag, { offset: base + 24, length: 4, value: 0 });
      assert.equal(jsc.payloadSize, null, 'the classic layout has no payload size');
      assert.equal(jsc.sourceStart?.value, 0);
      assert.deepEqual(jsc.sourceEnd, { offset: base + 44, length: 4, value: 223 });
      assert.equal(jsc.sourceLength, 223);
      assert.deepEqual(jsc.keyFlags, { offset: base + 64, length: 4, value: 0x02 });
      assert.equal(jsc.keyHash?.offset, base + 68);
      assert.equal((jsc.keyHash!.value ^ jsc.keyFlags!.value) >>> 0, 0x18f248);
      // Spec §5: P = 0x60, origin record at 0xE0 → 18 Latin-1 characters at 0xF0; source record at 0x110 → 223 at 0x120.
      assert.equal(jsc.providerOffset, base + 0x60);
      assert.ok(jsc.sourceOrigin);
      assert.equal(jsc.sourceOrigin.value, 'file:///mod.js.jsc');
      assert.deepEqual(
        { offset: jsc.sourceOrigin.offset, length: jsc.sourceOrigin.length, units: jsc.sourceOrigin.units, latin1: jsc.sourceOrigin.latin1 },
        { offset: base + 0xf0, length: 18, units: 18, latin1: true },
      );
      assert.equal(jsc.hasEmbeddedSource, true);
      assert.deepEqual(jsc.embeddedSource, { offset: base + 0x120, length: 223, units: 223, latin1: true });
      assert.equal(readJscText(windowOver(bytes), jsc.embeddedSource!, 1_000_000), source);
      assert.equal(readJscText(windowOver(bytes), jsc.embeddedSource!, 10), source.slice(0, 10));
    });
  }

  test('the key hash is the SuperFastHash of mod.js', () => {
    assert.equal(source.length, 223);
    const units = Array.from(source, (c) => c.charCodeAt(0));
    assert.equal(superFastHash(units), 0x18f248);
    assert.deepEqual(sourceKeyOfFile(REAL.classicSource()), { length: 223, hash: 0x18f248, latin1: true });
    assert.deepEqual(sourceKeyOfText(source), { length: 223, hash: 0x18f248, latin1: true });
  });

  test('the dump shows the README values', () => {
    assert.deepEqual(toDump(decodeBmes(encodeBmes(EMPTY_RECORD, payload))).jsc, {
      layout: 'classic',
      cacheVersion: 0x188ee0b9,
      tag: 0,
      payloadSize: null,
      sourceLength: 223,
      keyFlags: 0x02,
      keyHash: 0x18f248 ^ 0x02,
      sourceOrigin: 'file:///mod.js.jsc',
      hasEmbeddedSource: true,
    });
  });

  test('a null origin string is null, not an empty string', () => {
    // The origin CachedString is at P+16 = 0x70; its pointer half at 0x78. Make it the null marker.
    const patched = payload.slice();
    patched.set([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], 0x78);
    const jsc = decodeJscSection(windowOver(patched), 0, patched.length);
    assert.equal(jsc?.layout, 'classic');
    assert.equal(jsc?.sourceOrigin, null);
    assert.equal(jsc?.hasEmbeddedSource, true);
  });
});

describe('Bun 1.4.4 CommonJS sidecar (compact layout)', () => {
  const sidecar = REAL.compactCjsSidecar();
  test('the sample is a 552-byte payload and the 24-byte trailer', () => {
    assert.equal(sidecar.length, 552 + 24);
    assert.equal(readU32(sidecar, 552), 552);
    assert.equal(readU32(sidecar, 556), 0);
    assert.deepEqual([...sidecar.subarray(568)], [0x00, 0x62, 0x75, 0x6e, 0x2e, 0x6a, 0x73, 0x63]);
  });
  for (const [where, base, jsc] of sections(REAL.compactCjs())) {
    test(`fields from the README (${where})`, () => {
      assert.equal(jsc.layout, 'compact');
      assert.deepEqual(jsc.cacheVersion, { offset: base, length: 4, value: 0xf1f0ed26 });
      assert.deepEqual(jsc.tag, { offset: base + 4, length: 4, value: 0 });
      assert.deepEqual(jsc.payloadSize, { offset: base + 12, length: 4, value: 552 });
      assert.deepEqual(jsc.sourceLengthField, { offset: base + 24, length: 4, value: 180 });
      assert.equal(jsc.sourceLength, 180);
      assert.equal(jsc.keyFlags?.value, 0x02, 'a program');
      assert.equal(jsc.keyHash?.offset, base + 36);
      assert.equal(jsc.sourceOrigin, null, 'not decoded for the compact layout');
      assert.equal(jsc.hasEmbeddedSource, null);
      assert.equal(jsc.providerOffset, null);
    });
  }
  test('the source length matches x.js', () => {
    assert.equal(sourceKeyOfFile(REAL.compactCjsSource()).length, 180);
  });
  test('the whole sidecar is recognised as a bare cache, its trailer outside the payload', () => {
    const file = decodeBmes(sidecar);
    assert.equal(file.jsc?.layout, 'compact');
    assert.equal(file.jsc?.payloadSize?.value, 552);
    assert.deepEqual(file.bytecode, { offset: 0, length: 552, source: 'bare-jsc' });
    assert.deepEqual(file.trailing, { offset: 552, length: 24 });
    assert.ok(!file.diagnostics.some((d) => d.code === 'jsc-size-mismatch'));
  });
});

describe('Bun 1.4.4 ES module (compact layout)', () => {
  const payload = REAL.esm();
  for (const [where, base, jsc] of sections(payload)) {
    test(`fields from the README (${where})`, () => {
      assert.equal(payload.length, 2216);
      assert.equal(jsc.layout, 'compact');
      assert.equal(jsc.cacheVersion.value, 0xf1f0ed26);
      assert.deepEqual(jsc.tag, { offset: base + 4, length: 4, value: 1 });
      assert.equal(jsc.payloadSize?.value, 2216);
      assert.equal(jsc.sourceLength, 901);
      assert.deepEqual(jsc.keyFlags, { offset: base + 32, length: 4, value: 0x27 });
    });
  }
  test('the source length matches module.js', () => {
    assert.equal(REAL.esmSource().length, 901);
    assert.equal(sourceKeyOfFile(REAL.esmSource()).length, 901);
  });
  test('the dump', () => {
    const jsc = toDump(decodeBmes(encodeBmes(EMPTY_RECORD, payload))).jsc;
    // The key hash, read off a hex dump of module.bytecode at +36: d5 24 98 00.
    assert.deepEqual(jsc, {
      layout: 'compact',
      cacheVersion: 0xf1f0ed26,
      tag: 1,
      payloadSize: 2216,
      sourceLength: 901,
      keyFlags: 0x27,
      keyHash: 0x9824d5,
      sourceOrigin: null,
      hasEmbeddedSource: null,
    });
  });
});

describe('SuperFastHash (spec §5)', () => {
  const units = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

  test('one odd unit, worked through step by step', () => {
    // "a" = 0x61. h = 0x9E3779B9; odd unit: h += 0x61 → 0x9E377A1A; h ^= h << 11 → 0x25E7AA1A;
    // h += h >> 17 → 0x25E7BD0D. Avalanche: ^= <<3 → 0x0ADA5565; += >>5 → 0x0B312810; ^= <<2 → 0x27F58850;
    // += >>15 → 0x27F5D83B; ^= <<10 → 0xF095343B. Low 24 bits: 0x95343B.
    assert.equal(superFastHash(units('a')), 0x95343b);
  });

  test('the empty string: only the avalanche runs, and the result is not 0', () => {
    assert.equal(superFastHash([]), 0xec889e);
    assert.equal(sourceKeyOfText('').hash, 0xec889e);
  });

  test('even and odd lengths', () => {
    assert.equal(superFastHash(units('ab')), 0x7603e0);
    assert.equal(superFastHash(units('abc')), 0x946882);
    assert.equal(superFastHash(units('hello')), 0xd17551);
  });

  test('Latin-1 and UTF-16 code units', () => {
    assert.equal(superFastHash(units('\u00e9t\u00e9')), 0xce6dee);
    assert.equal(superFastHash(units('\u65e5\u672c')), 0x01cd32);
    // An astral character is two UTF-16 units (a surrogate pair): 0x78, 0xD83D, 0xDE00.
    assert.equal(superFastHash([0x78, 0xd83d, 0xde00]), 0x7790d6);
    assert.equal(superFastHash(Uint16Array.from([0x78, 0xd83d, 0xde00])), 0x7790d6);
  });

  test('a 24-bit result of 0 becomes 0x800000', () => {
    // "/rYw" hashes to exactly 0 in the low 24 bits (found by search with an independent implementation).
    assert.equal(superFastHash(units('/rYw')), 0x800000);
  });

  test('source keys of text and of file bytes', () => {
    assert.deepEqual(sourceKeyOfText('abc'), { length: 3, hash: 0x946882, latin1: true });
    assert.deepEqual(sourceKeyOfText('\u00e9t\u00e9'), { length: 3, hash: 0xce6dee, latin1: true });
    assert.deepEqual(sourceKeyOfText('\u65e5\u672c'), { length: 2, hash: 0x01cd32, latin1: false });
    assert.deepEqual(sourceKeyOfText('x\u{1F600}'), { length: 3, hash: 0x7790d6, latin1: false });
    const utf8 = (text: string) => new TextEncoder().encode(text);
    assert.deepEqual(sourceKeyOfFile(utf8('\u00e9t\u00e9')), { length: 3, hash: 0xce6dee, latin1: true });
    assert.deepEqual(sourceKeyOfFile(utf8('x\u{1F600}')), { length: 3, hash: 0x7790d6, latin1: false });
  });

  test('sourceKeyOfFile drops one leading BOM, and only one', () => {
    const abc = new TextEncoder().encode('abc');
    assert.deepEqual(sourceKeyOfFile(concat(BOM, abc)), { length: 3, hash: 0x946882, latin1: true });
    // A second BOM is a character of the text (U+FEFF, not Latin-1).
    const twice = sourceKeyOfFile(concat(BOM, BOM, abc));
    assert.equal(twice.length, 4);
    assert.equal(twice.latin1, false);
    assert.equal(twice.hash, superFastHash([0xfeff, 0x61, 0x62, 0x63]));
    // A BOM that is not at the start stays.
    assert.equal(sourceKeyOfFile(concat(abc, BOM)).length, 4);
  });
});
