import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import { BunProbeError, BunProber, probeBun, type ProbeOptions } from '../../extension/bun';
import { GENERATOR_SCRIPT_NAME, GENERATOR_UNAVAILABLE_MESSAGE, RegenerateError, regenerateCache } from '../../extension/regenerate';
import { scratchDir } from '../support/scratch';

// A REAL released Bun, installed from npm (@oven/bun-linux-x64) into the ignored .cache/bun/ by
// scripts/ensure-bun.sh, which prints the binary's path. No fake stands in for it here; the small shell
// scripts below stand in only for Buns that misbehave.
const ROOT = join(__dirname, '../..');
const supported = process.platform === 'linux' && process.arch === 'x64';

function realBun(): string {
  const result = spawnSync('bash', [join(ROOT, 'scripts/ensure-bun.sh')], { encoding: 'utf8' });
  assert.equal(result.status, 0, `scripts/ensure-bun.sh failed:\n${result.stderr}`);
  return result.stdout.trim();
}
const BUN = supported ? realBun() : '';

function scratch(prefix: string): string {
  return scratchDir(prefix);
}

/** An executable shell script standing in for a Bun that misbehaves. */
function fakeBun(body: string): string {
  const path = join(scratch('bmes-fake-bun-'), 'bun');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

async function probeError(command: string, options: ProbeOptions = {}): Promise<BunProbeError> {
  try {
    await probeBun(command, options);
  } catch (error) {
    assert.ok(error instanceof BunProbeError, String(error));
    assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace in the message');
    return error;
  }
  assert.fail('expected the probe to fail');
}

test('the probe asks the real Bun 1.4.5 for its version, revision and cache version, and cleans up', { skip: !supported }, async () => {
  const tempRoot = scratch('bmes-probe-root-');
  const info = await probeBun(BUN, { tempRoot });
  assert.equal(info.version, '1.4.5');
  assert.match(info.revision, /^1\.4\.5\+[0-9a-f]{7,}$/);
  assert.equal(info.cacheVersion, 0xf1f0ed26);
  assert.equal(info.executable, BUN);
  assert.deepEqual(readdirSync(tempRoot), [], 'the temporary folder is removed');
});

test('a bare name is looked up on PATH, without a shell', { skip: !supported }, async () => {
  const folder = scratch('bmes-path-');
  copyFileSync(BUN, join(folder, 'bun'));
  chmodSync(join(folder, 'bun'), 0o755);
  const info = await probeBun('bun', { env: { ...process.env, PATH: folder } });
  assert.equal(info.executable, join(folder, 'bun'));
  assert.equal(info.cacheVersion, 0xf1f0ed26);
});

test('results are kept per executable until it changes', { skip: !supported }, async () => {
  let probes = 0;
  const prober = new BunProber(async (command, options) => {
    probes++;
    return probeBun(command, options);
  });
  // A wrapper whose file can be touched and rewritten, while the real Bun does the work.
  const wrapper = fakeBun(`exec '${BUN}' "$@"`);
  const first = await prober.get(wrapper);
  assert.equal(first.cacheVersion, 0xf1f0ed26);
  await prober.get(wrapper);
  assert.equal(probes, 1, 'an unchanged executable is not probed again');

  const later = new Date(Date.now() + 60_000);
  utimesSync(wrapper, later, later);
  await prober.get(wrapper);
  assert.equal(probes, 2, 'a new modification time means a new probe');

  writeFileSync(wrapper, `#!/bin/sh\n# upgraded\nexec '${BUN}' "$@"\n`);
  utimesSync(wrapper, later, later);
  await prober.get(wrapper);
  assert.equal(probes, 3, 'a new size means a new probe');

  prober.clear();
  await prober.get(wrapper);
  assert.equal(probes, 4);
});

test('failures are kept out of the cache', async () => {
  let probes = 0;
  const prober = new BunProber(async (command, options) => {
    probes++;
    return probeBun(command, options);
  });
  const broken = fakeBun('exit 1');
  await assert.rejects(prober.get(broken), BunProbeError);
  await assert.rejects(prober.get(broken), BunProbeError);
  assert.equal(probes, 2);
});

test('each failure is one clear message', async () => {
  const tempRoot = scratch('bmes-probe-root-');
  assert.equal((await probeError('/no/such/bun')).message, "Bun not found at '/no/such/bun': no executable file there.");
  assert.equal((await probeError('bun', { env: { ...process.env, PATH: scratch('bmes-empty-path-') } })).message, "Bun not found at 'bun': no executable of that name on PATH.");
  const notBun = fakeBun('echo "hello from a shell script"');
  assert.equal((await probeError(notBun)).message, `'${notBun}' is not Bun: --version printed 'hello from a shell script'.`);

  const version = 'if [ "$1" = --version ]; then echo 1.4.5; exit 0; fi\nif [ "$1" = --revision ]; then echo 1.4.5+abc; exit 0; fi';
  const buildFails = fakeBun(`${version}\necho "" >&2\necho "error: Could not resolve: x.js" >&2\necho "  second line" >&2\nexit 1`);
  assert.equal((await probeError(buildFails, { tempRoot })).message, 'bun build --bytecode failed: error: Could not resolve: x.js.');
  const writesNothing = fakeBun(`${version}\nexit 0`);
  assert.equal((await probeError(writesNothing, { tempRoot })).message, 'bun build --bytecode wrote no x.js.jsc (Bun 1.4.5).');
  const writesShort = fakeBun(`${version}\nprintf 'ab' > out/x.js.jsc`);
  assert.match((await probeError(writesShort, { tempRoot })).message, /wrote a 2-byte x\.js\.jsc, too short/);
  assert.deepEqual(readdirSync(tempRoot), [], 'the temporary folder is removed after failures too');
});

test('a hanging Bun is stopped at the time limit, and a probe can be cancelled', async () => {
  const tempRoot = scratch('bmes-probe-root-');
  const hangs = fakeBun('if [ "$1" = --version ]; then echo 1.4.5; exit 0; fi\nif [ "$1" = --revision ]; then echo r; exit 0; fi\nexec sleep 60');
  let started = Date.now();
  const late = await probeError(hangs, { timeoutMs: 1000, tempRoot });
  assert.match(late.message, /^bun build --bytecode did not finish within 1 s \(Bun at '.*'\)\.$/);
  assert.ok(Date.now() - started < 6000);

  const controller = new AbortController();
  setTimeout(() => controller.abort(), 300);
  started = Date.now();
  const cancelled = await probeError(hangs, { signal: controller.signal, timeoutMs: 60_000, tempRoot });
  assert.equal(cancelled.cancelled, true);
  assert.ok(Date.now() - started < 6000);
  assert.deepEqual(readdirSync(tempRoot), []);
});

test('the default generator, run by a released Bun, says plainly that it needs the ESM branch; the cache is untouched', { skip: !supported }, async () => {
  // Bundled exactly as scripts/build.mjs bundles dist/bmes-generator.mjs.
  const scripts = scratch('bmes-generator-');
  const script = join(scripts, GENERATOR_SCRIPT_NAME);
  await build({
    entryPoints: [join(ROOT, 'extension/generator/main.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['bun:*'],
    logLevel: 'warning',
    target: 'es2022',
  });

  const folder = scratch('bmes-default-gen-');
  const bmesPath = join(folder, 'mod.js.bmes');
  const sourcePath = join(folder, 'mod.js');
  copyFileSync(join(ROOT, 'samples/v2-bun-1.4.4-esm.bmes'), bmesPath);
  writeFileSync(sourcePath, 'export const answer = 42;\n');
  const original = readFileSync(bmesPath);

  try {
    // The time limit is the hang guard: a generator still running then fails with 'timeout', not this test's reason.
    await regenerateCache({ bmesPath, sourcePath, generator: 'default', bunPath: BUN, defaultScript: script, timeoutMs: 20_000 });
    assert.fail('a released Bun has no generator');
  } catch (error) {
    assert.ok(error instanceof RegenerateError, String(error));
    assert.equal(error.reason, 'generator-unavailable');
    assert.equal(error.message, GENERATOR_UNAVAILABLE_MESSAGE);
    assert.match(error.message, /bun-build-esm branch \(oven-sh\/bun PR #25917\)/);
    assert.match(error.message, /generator command/);
    // The generator's own words, for the log: which Bun, and what was missing.
    assert.match(error.details.stderr ?? '', /Bun 1\.4\.5 .*no CachedBytecode export/);
  }
  assert.deepEqual(readFileSync(bmesPath), original);
  assert.deepEqual(readdirSync(folder).sort(), ['mod.js', 'mod.js.bmes']);

  // Without --expose-internals the import itself fails: the same exit code, another reason in the output.
  const direct = spawnSync(BUN, [script, sourcePath, join(folder, 'out.bmes')], { encoding: 'utf8' });
  assert.equal(direct.status, 78);
  assert.match(direct.stderr, /importing bun:internal-for-testing failed/);
});
