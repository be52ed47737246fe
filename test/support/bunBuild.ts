/**
 * Real payloads built at test time by a released Bun from npm (scripts/ensure-bun.sh installs it into the
 * ignored .cache/bun/ and prints its path). `bun build x.js --target=bun --bytecode` writes `x.js.jsc`: the
 * compact payload followed by a 24-byte trailer, which is stripped here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from './scratch';

const ROOT = join(__dirname, '../..');
export const SIDECAR_TRAILER = 24;
export const bunSupported = process.platform === 'linux' && process.arch === 'x64';

/** The path of the released Bun `version` (default 1.4.5), installing it when missing. */
export function releasedBun(version?: string): string {
  const env = { ...process.env, ...(version ? { BMES_TEST_BUN_VERSION: version } : {}) };
  const result = spawnSync('bash', [join(ROOT, 'scripts/ensure-bun.sh')], { encoding: 'utf8', env });
  assert.equal(result.status, 0, `scripts/ensure-bun.sh failed:\n${result.stderr}`);
  return result.stdout.trim();
}

export interface BuiltPayload {
  /** The bundled source Bun compiled (the text the payload's source offsets refer to). */
  readonly source: string;
  /** The payload bytes without the sidecar trailer. */
  readonly payload: Uint8Array;
}

/** Builds `code` (saved as `name`) with `bun build --target=bun --bytecode`. */
export function buildWithBun(bun: string, code: string, name = 'probe.js'): BuiltPayload {
  const folder = scratchDir('bmes-jsc-');
  writeFileSync(join(folder, name), code);
  const result = spawnSync(bun, ['build', name, '--target=bun', '--bytecode', '--outdir', 'out'], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(result.status, 0, `bun build failed:\n${result.stderr}`);
  const sidecar = new Uint8Array(readFileSync(join(folder, 'out', `${name}.jsc`)));
  return {
    source: readFileSync(join(folder, 'out', name), 'utf8'),
    payload: sidecar.slice(0, sidecar.length - SIDECAR_TRAILER),
  };
}

/** Builds `code` as an ES module into a `bun build --compile --bytecode` executable; returns its path. */
export function buildExecutableWithBun(bun: string, code: string, name = 'app.js'): string {
  const folder = scratchDir('bmes-exe-');
  writeFileSync(join(folder, name), code);
  const result = spawnSync(bun, ['build', name, '--compile', '--bytecode', '--format=esm', '--outfile', 'app'], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(result.status, 0, `bun build --compile failed:\n${result.stderr}`);
  return join(folder, 'app');
}
