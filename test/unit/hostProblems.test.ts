/** Decoded diagnostics become Problems-panel entries: severity and code kept, the byte offset in hex first. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeBmes } from '../../extension/bmes';
import { problemOf, problemsOf } from '../../extension/host/problems';

test('a diagnostic maps to a problem whose message starts with its offset in hex', () => {
  assert.deepEqual(problemOf({ code: 'nonzero-padding', severity: 'warning', offset: 0x1c, length: 4, message: 'Padding is not zero.' }), {
    severity: 'warning',
    code: 'nonzero-padding',
    message: '0x1c: Padding is not zero.',
    offset: 0x1c,
    length: 4,
  });
});

test('every sample’s diagnostics map one to one, in order', () => {
  for (const name of ['corrupt-bad-magic.bmes', 'corrupt-count-exceeds-data.bmes', 'v2-small.bmes', 'corrupt-bytecode-misaligned.bmes']) {
    const file = decodeBmes(new Uint8Array(readFileSync(new URL(`../../samples/${name}`, import.meta.url))));
    const problems = problemsOf(file.diagnostics);
    assert.ok(problems.length > 0, name);
    assert.deepEqual(
      problems.map((p) => [p.code, p.severity]),
      file.diagnostics.map((d) => [d.code, d.severity]),
      name,
    );
    for (const [i, p] of problems.entries()) assert.ok(p.message.startsWith(`0x${file.diagnostics[i]!.offset.toString(16)}: `), p.message);
  }
  const badMagic = problemsOf(decodeBmes(new Uint8Array(readFileSync(new URL('../../samples/corrupt-bad-magic.bmes', import.meta.url)))).diagnostics);
  assert.equal(badMagic[0]?.code, 'bad-magic');
  assert.equal(badMagic[0]?.severity, 'error');
  assert.match(badMagic[0]?.message ?? '', /^0x0: /);
});
