import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { wyhash } from '../../extension/sidecar/wyhash';
import { Prng } from '../support/prng';
import { runBunScript } from '../support/realBun';
import { scratchDir } from '../support/scratch';

const text = (s: string) => new TextEncoder().encode(s);

test("Zig's std.hash.Wyhash test vectors (seed = index)", () => {
  const vectors: [string, bigint][] = [
    ['', 0x0409638ee2bde459n],
    ['a', 0xa8412d091b5fe0a9n],
    ['abc', 0x32dd92e4b2915153n],
    ['message digest', 0x8619124089a3a16bn],
    ['abcdefghijklmnopqrstuvwxyz', 0x7a43afb61d7f5f40n],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 0xff42329b90e50d58n],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 0xc39cab13b115aad3n],
  ];
  vectors.forEach(([input, expected], seed) => assert.equal(wyhash(BigInt(seed), text(input)), expected, JSON.stringify(input)));
});

test('the trailers Bun 1.4.4 and 1.4.5 wrote hash their payloads', () => {
  for (const path of ['samples/bun-artifacts/sidecar-1.4.5/cjs.js.jsc', 'test/fixtures/jsc/bun-1.4.4-cjs/x.js.jsc']) {
    const data = readFileSync(join(__dirname, '..', '..', path));
    const payload = data.subarray(0, data.length - 24);
    assert.equal(wyhash(0n, payload), data.readBigUInt64LE(data.length - 16), path);
  }
});

test("equals a released Bun's Bun.hash.wyhash at every length class", () => {
  const rng = new Prng(99);
  const dir = scratchDir('bmes-wyhash-');
  // Lengths around every branch: ≤3, 4–16, 17–48, exactly 48, and long inputs with a partial last round.
  const lengths = [0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 47, 48, 49, 95, 96, 97, 144, 1000, 65_537];
  const files = lengths.map((n, i) => {
    const file = join(dir, `in-${i}`);
    writeFileSync(
      file,
      Uint8Array.from({ length: n }, () => rng.int(0, 255)),
    );
    return file;
  });
  const out = runBunScript('1.4.5', 'const fs=require("fs"); for (const f of JSON.parse(process.env.FILES)) console.log(Bun.hash.wyhash(fs.readFileSync(f), 0n).toString(16))', {
    FILES: JSON.stringify(files),
  });
  const expected = out.trim().split('\n');
  assert.equal(expected.length, files.length);
  files.forEach((file, i) => assert.equal(wyhash(0n, readFileSync(file)).toString(16), expected[i], `length ${lengths[i]}`));
});
