import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DIAGNOSTIC_CODES, decodeBmes } from '../../extension/bmes';
import { buildSamples, checkOptions } from '../../scripts/samples/catalog';

const SAMPLES = join(__dirname, '../../samples');
const samples = buildSamples();

test('the committed samples are exactly what the generator writes', () => {
  // Files only: samples/bun-artifacts/ holds what released Bun wrote, not the generator's output.
  const written = new Set(
    readdirSync(SAMPLES, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== 'README.md')
      .map((e) => e.name),
  );
  const expected = new Set(samples.flatMap((s) => [s.name, ...Object.keys(s.companions ?? {})]));
  assert.deepEqual([...written].sort(), [...expected].sort());
  for (const sample of samples) {
    assert.ok(Buffer.from(sample.bytes).equals(readFileSync(join(SAMPLES, sample.name))), `${sample.name} differs: run npm run samples`);
  }
});

test('every sample that expects at most notes decodes without errors or warnings', () => {
  const notesOnly = samples.filter((s) => s.expects.every((code) => DIAGNOSTIC_CODES[code] === 'info') && !s.name.startsWith('corrupt-') && s.name.startsWith('v3-'));
  assert.ok(notesOnly.some((s) => s.name === 'v3-bun-1.4.4-esm.bmes'));
  for (const sample of notesOnly) {
    const file = decodeBmes(sample.bytes, checkOptions(sample, sample.companions ?? {}));
    assert.deepEqual(
      file.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
      [],
      sample.name,
    );
    assert.equal(file.verdict.level, 'full', sample.name);
  }
});

test('every sample produces exactly the diagnostics the catalog (and so the samples README) lists', () => {
  for (const sample of samples) {
    const file = decodeBmes(sample.bytes, checkOptions(sample, sample.companions ?? {}));
    const codes = [...new Set(file.diagnostics.map((d) => d.code))].sort();
    assert.deepEqual(codes, [...new Set(sample.expects)].sort(), sample.name);
  }
});

test('the samples README lists exactly the diagnostics each sample produces, checked as its "try" command checks it', () => {
  const readme = readFileSync(join(SAMPLES, 'README.md'), 'utf8');
  const rows = new Map([...readme.matchAll(/^\| `([^`]+\.bmes)` \| \d+ \| .*? \| ([^|]+) \| `npx bmes check samples\/[^`]*` \|$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  assert.deepEqual([...rows.keys()].sort(), samples.map((s) => s.name).sort(), 'one row per sample');
  for (const sample of samples) {
    const file = decodeBmes(sample.bytes, checkOptions(sample, sample.companions ?? {}));
    const codes = [...new Set(file.diagnostics.map((d) => d.code))];
    const listed = rows.get(sample.name)!;
    const named = listed === 'no diagnostics' ? [] : [...listed.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);
    assert.deepEqual(named.sort(), codes.sort(), `${sample.name}: the README says ${listed}`);
  }
});

test('there is a corrupt-<code> sample for every corruption kind the catalog claims', () => {
  for (const sample of samples.filter((s) => s.name.startsWith('corrupt-'))) {
    const code = sample.name.slice('corrupt-'.length, -'.bmes'.length);
    assert.ok(sample.expects.includes(code as never), `${sample.name} does not expect ${code}`);
  }
});
