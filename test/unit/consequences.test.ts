// Issue 12's two wrong diagnoses in the decoder: a diagnostic that only follows from an impossible count is marked
// as that count's consequence, and the invalid-utf8 line and message name the same offset.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBmes, EMPTY_RECORD, encodeBmes, hex } from '../../extension/bmes';
import { withU32 } from '../support/bmes';

const samplesDir = join(__dirname, '../../samples');
const sample = (name: string) => decodeBmes(new Uint8Array(readFileSync(join(samplesDir, name))));

test("after count-exceeds-data, the next record's string-exceeds-data is the count's consequence", () => {
  const file = sample('corrupt-count-exceeds-data.bmes');
  const count = file.diagnostics.find((d) => d.code === 'count-exceeds-data')!;
  const string = file.diagnostics.find((d) => d.code === 'string-exceeds-data')!;
  assert.equal(count.consequenceOf, undefined, 'the impossible count is the fault');
  assert.deepEqual(string.consequenceOf, { code: 'count-exceeds-data', offset: count.offset });
  assert.match(string.message, new RegExp(`^This follows from the impossible count at ${hex(count.offset)}`));
});

test('dangling-module-request warnings read from the zero bytes behind a count bomb are its consequences', () => {
  // One requested module, no imports, then zero bytecode: an import count of 65,536 reads zero bytes as imports
  // of the module "", which no request names.
  const record = { ...EMPTY_RECORD, requestedModules: [{ specifier: './a.js', attributes: null }] };
  const base = encodeBmes(record, new Uint8Array(2048));
  const importCountAt = 16 + 4 + (4 + 6) + 4;
  const file = decodeBmes(withU32(base, importCountAt, 0x10000));
  const bomb = file.diagnostics.find((d) => d.code === 'count-exceeds-data');
  assert.equal(bomb?.offset, importCountAt, 'the import count cannot fit');
  const dangling = file.diagnostics.filter((d) => d.code === 'dangling-module-request');
  assert.ok(dangling.length > 0, 'zero records name the module ""');
  for (const d of dangling) assert.deepEqual(d.consequenceOf, { code: 'count-exceeds-data', offset: importCountAt }, `${hex(d.offset)}`);
  const plain = decodeBmes(encodeBmes({ ...record, importEntries: [{ type: 0, moduleRequest: './b.js', importName: 'x', localName: 'x' }] }, new Uint8Array(64)));
  assert.ok(
    plain.diagnostics.some((d) => d.code === 'dangling-module-request' && d.consequenceOf === undefined),
    'without a count bomb a dangling request is its own fault',
  );
});

test('no sample without an impossible count has a consequence', () => {
  for (const name of readdirSync(samplesDir).filter((f) => f.endsWith('.bmes'))) {
    const file = sample(name);
    if (file.diagnostics.some((d) => d.code === 'count-exceeds-data')) continue;
    assert.deepEqual(
      file.diagnostics.filter((d) => d.consequenceOf),
      [],
      name,
    );
  }
});

test('the invalid-utf8 message names the offset the diagnostic has (the string bytes)', () => {
  const file = sample('corrupt-invalid-utf8.bmes');
  const d = file.diagnostics.find((x) => x.code === 'invalid-utf8')!;
  const first = /0x[0-9a-f]+/.exec(d.message)?.[0];
  assert.equal(first, hex(d.offset), d.message);
});
