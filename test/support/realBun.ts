/**
 * Real released Bun builds for tests: `scripts/ensure-bun.sh` installs the pinned version from npm into
 * `.cache/bun/<version>/` and prints its path. Artifacts are built at test time from `samples/bun-artifacts/app/` (the sources of the committed samples) in a
 * throwaway folder; nothing built is run except by these helpers, never a file under inspection.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const APP_SOURCES = join(ROOT, 'samples', 'bun-artifacts', 'app');

const paths = new Map<string, string>();

export function bunBinary(version: string): string {
  const known = paths.get(version);
  if (known) return known;
  const result = spawnSync('bash', [join(ROOT, 'scripts/ensure-bun.sh')], { encoding: 'utf8', env: { ...process.env, BMES_TEST_BUN_VERSION: version } });
  if (result.status !== 0) throw new Error(`scripts/ensure-bun.sh ${version} failed:\n${result.stderr}`);
  const path = result.stdout.trim().split('\n').pop()!;
  paths.set(version, path);
  return path;
}

/** Every folder made here; an executable is ~100 MB, so they go when the test process ends. */
const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding a copy of the fixture app (removed when the process exits). */
export function appFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bmes-bun-app-'));
  made.push(dir);
  cpSync(APP_SOURCES, dir, { recursive: true });
  return dir;
}

/** Runs `bun build` with the given arguments in `dir` (no shell); throws with Bun's output on failure. */
export function bunBuild(version: string, dir: string, args: readonly string[]): void {
  const result = spawnSync(bunBinary(version), ['build', ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`bun ${version} build ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** `bun build --compile --bytecode --format=esm --splitting entry.js`: the ESM app with a dynamic chunk. */
export function compileEsmApp(version: string): { dir: string; exe: string } {
  const dir = appFolder();
  bunBuild(version, dir, ['--compile', '--bytecode', '--format=esm', '--splitting', 'entry.js', '--outfile', 'app-esm']);
  return { dir, exe: join(dir, 'app-esm') };
}

/** `bun build --compile --bytecode cjs.js`: the CommonJS app. */
export function compileCjsApp(version: string): { dir: string; exe: string } {
  const dir = appFolder();
  bunBuild(version, dir, ['--compile', '--bytecode', 'cjs.js', '--outfile', 'app-cjs']);
  return { dir, exe: join(dir, 'app-cjs') };
}

/** `bun build --bytecode cjs.js --outdir out`: `out/cjs.js` and its sidecar `out/cjs.js.jsc`. */
export function buildSidecar(version: string, file = 'cjs.js'): { js: string; jsc: string } {
  const dir = appFolder();
  bunBuild(version, dir, [file, '--target=bun', '--bytecode', '--outdir', 'out']);
  return { js: join(dir, 'out', file), jsc: join(dir, 'out', `${file}.jsc`) };
}

/** The cache version a Bun writes (spec §2.3): the first u32 of a one-line sidecar it builds. */
const cacheVersions = new Map<string, number>();

export function cacheVersionOf(version: string): number {
  let known = cacheVersions.get(version);
  if (known === undefined) {
    known = readFileSync(buildSidecar(version).jsc).readUInt32LE(0);
    cacheVersions.set(version, known);
  }
  return known;
}

/** Runs a script with a released Bun (for reference values such as `Bun.hash.wyhash`); returns stdout. */
export function runBunScript(version: string, script: string, env: Record<string, string> = {}): string {
  const result = spawnSync(bunBinary(version), ['-e', script], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  if (result.status !== 0) throw new Error(`bun -e failed:\n${result.stderr}`);
  return result.stdout;
}
