// The default cache generator, shipped as dist/bmes-generator.mjs and run by the configured Bun:
//   bun --expose-internals bmes-generator.mjs <source> <output>
// Bundled as an ES module with bun:* left external (scripts/build.mjs); runs only in Bun.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runGenerator } from './core';

declare const Bun: { readonly version: string; readonly revision: string } | undefined;

const bun = typeof Bun === 'undefined' ? null : `${Bun.version} (${Bun.revision})`;
process.exitCode = await runGenerator(process.argv.slice(2), {
  // A dynamic import, so that a Bun without the module reaches the check instead of failing to link.
  loadInternals: () => import('bun:internal-for-testing'),
  bunVersion: bun,
  readText: (path) => readFileSync(path, 'utf8'),
  writeBytes: (path, bytes) => writeFileSync(path, bytes),
  absolute: (path) => resolve(path),
  error: (line) => process.stderr.write(line + '\n'),
});
