// Writes samples/: valid files of every version and a few sizes, one wrapping each real JavaScriptCore
// payload, and one file per corruption kind, with a README that says what each one shows.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSamples } from './samples/catalog';

const out = process.argv[2] ?? 'samples';
mkdirSync(out, { recursive: true });
// Only the generator's own files: bun-artifacts/ holds bytes released Bun wrote and is kept as it is.
for (const entry of readdirSync(out, { withFileTypes: true })) if (entry.isFile()) rmSync(join(out, entry.name));

const samples = buildSamples();
const rows: string[] = [];
for (const sample of samples) {
  writeFileSync(join(out, sample.name), sample.bytes);
  for (const [name, bytes] of Object.entries(sample.companions ?? {})) writeFileSync(join(out, name), bytes);
  const check = sample.checkWith
    ? ' ' +
      [
        sample.checkWith.source ? `--source samples/${sample.checkWith.source}` : '',
        sample.checkWith.expectJscVersion ? `--expect-jsc-version ${sample.checkWith.expectJscVersion}` : '',
      ]
        .filter(Boolean)
        .join(' ')
    : '';
  const expects = sample.expects.length ? sample.expects.map((c) => `\`${c}\``).join(', ') : 'no diagnostics';
  rows.push(`| \`${sample.name}\` | ${sample.bytes.length} | ${sample.description} | ${expects} | \`npx bmes check samples/${sample.name}${check}\` |`);
}
writeFileSync(
  join(out, 'README.md'),
  `# Samples

Written by \`npm run samples\` (scripts/write-samples.ts); do not edit by hand. The real JavaScriptCore payloads come
from \`test/fixtures/jsc/\` (bytes written by released Bun builds); the synthetic ones carry the header of the real
Bun 1.4.4 module payload followed by filler, so they fingerprint as the compact layout.

\`bun-artifacts/\` is not generated: it holds what released Bun wrote (\`.jsc\` sidecars of Bun 1.3.6, 1.3.9, 1.3.14 and
1.4.5 with their \`.js\`, and the module-graph regions cut out of \`bun build --compile\` executables), copied unchanged
from the project's reference material; its README gives their provenance. Try \`npx bmes check
samples/bun-artifacts/*/*.jsc\` and \`npx bmes graph samples/bun-artifacts/graph-1.4.5-esm.bin\`.

| file | bytes | what it is | diagnostics it produces (exactly these, checked as \`try\` checks it) | try |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`,
);
console.log(`wrote ${samples.length} samples to ${out}/`);
