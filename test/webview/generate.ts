/** Generated BMES files for the browser tests and the webview bench, as test/bench/bench.ts makes them. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBmes } from '../../extension/bmes';
import { syntheticCompactBytecode, syntheticRecord, type ModuleShape } from '../../scripts/samples/synthetic';

const template = new Uint8Array(readFileSync(join(__dirname, '../fixtures/jsc/bun-1.4.4-esm/module.bytecode')));

/** Writes a version-3 file with a consistent synthetic record and compact-layout bytecode; returns its bytes. */
export function writeSynthetic(path: string, shape: ModuleShape, bytecodeSize: number, seed = 7): Uint8Array {
  const bytes = encodeBmes(syntheticRecord(shape), syntheticCompactBytecode(template, bytecodeSize, seed));
  writeFileSync(path, bytes);
  return bytes;
}

export const KB = 1024;
export const MB = 1024 * KB;
