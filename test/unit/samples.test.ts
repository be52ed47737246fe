import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBmes } from '../../extension/bmes';
import { buildSamples, checkOptions } from '../../scripts/samples/catalog';

const SAMPLES = join(__dirname, '../../samples');
const samples = buildSamples();

test('the committed samples are exactly what the generator writes', () => {
  // Files only: samples/bun-artifacts/ holds what released Bun wrote, not the generator's output.
  const written = new Set(readdirSync(SAMPLES, { withFileTypes: true }).filter((e) => e.isFile() && e.name !== 'README.md').map((e) => e.name));
  const expected = new Set(samples.flatMap((s) => [s.name, ...Object.keys(s.companions ?? {})]));
  assert.deepEqual([...written].sort(), [...expected].sort());
  for (const sample of samples) {
    assert.ok(Buffer.from(sample.bytes).equals(readFileSync(join(SAMPLES, sample.name))), `${sample.name} differs: run npm run samples`);
  }
});

test('every diagnostic-free sample decodes without errors or warnings', () => {
  for (const sample of samples.filter((s) => s.expects.length === 0)) {
    const file = decodeBmes(sample.bytes, checkOptions(sample, sample.companions ?? {}));
    assert.deepEqual(
      file.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
      [],
      sample.name,
    );
    assert.equal(file.verdict.level, 'full', sample.name);
  }
});

test('every sample produces the diagnostics it was made for', () => {
  for (const sample of samples) {
    const file = decodeBmes(sample.bytes, checkOptions(sample, sample.companions ?? {}));
    const codes = new Set(file.diagnostics.map((d) => d.code));
    for (const code of sample.expects) assert.ok(codes.has(code), `${sample.name}: expected ${code}, got ${[...codes].join(', ')}`);
  }
});

test('there is a corrupt-<code> sample for every corruption kind the catalog claims', () => {
  for (const sample of samples.filter((s) => s.name.startsWith('corrupt-'))) {
    const code = sample.name.slice('corrupt-'.length, -'.bmes'.length);
    assert.ok(sample.expects.includes(code as never), `${sample.name} does not expect ${code}`);
  }
});
