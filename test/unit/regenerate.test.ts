import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { regenerateCache, RegenerateError, type RegenerateFailure, type RegenerateOptions } from '../../extension/regenerate';
import { isRunning as alive, waitUntil } from '../support/processes';
import { scratchDir } from '../support/scratch';

// Real child processes: the test generators in test/support/generators, run by this Node without a shell.
const ROOT = join(__dirname, '../..');
const GENERATORS = join(ROOT, 'test/support/generators');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const node = (script: string, ...extra: string[]) => ({ argv: [process.execPath, join(GENERATORS, script), '${source}', '${output}', ...extra] });
const nodeTs = (script: string, ...extra: string[]) => ({
  argv: [process.execPath, '--import', TSX, join(GENERATORS, script), '${source}', '${output}', ...extra],
});

const SOURCE = 'import { join } from "path";\nexport const answer = 42;\nexport const greeting = join("a", "b");\n';

/** A folder holding a cache (a copy of a sample) and a source; returns paths and the cache's original bytes. */
function workspace(sample = 'v2-bun-1.4.4-esm.bmes') {
  const folder = scratchDir('bmes-regen-');
  const bmesPath = join(folder, 'mod.js.bmes');
  const sourcePath = join(folder, 'mod.js');
  copyFileSync(join(ROOT, 'samples', sample), bmesPath);
  writeFileSync(sourcePath, SOURCE);
  return { folder, bmesPath, sourcePath, original: readFileSync(bmesPath) };
}

function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.includes('.regenerating'));
}

async function expectFailure(options: RegenerateOptions, reason: RegenerateFailure): Promise<RegenerateError> {
  try {
    await regenerateCache(options);
  } catch (error) {
    assert.ok(error instanceof RegenerateError, String(error));
    assert.equal(error.reason, reason, error.message);
    assert.match(error.message, /The cache was not changed\.$/);
    return error;
  }
  assert.fail(`expected a ${reason} failure`);
}

/** After any failure: the cache byte for byte as it was, and no temporary file left. */
function assertUntouched(ws: ReturnType<typeof workspace>): void {
  assert.deepEqual(readFileSync(ws.bmesPath), ws.original);
  assert.deepEqual(leftovers(ws.folder), []);
}

test('a generator that writes a valid cache replaces the file atomically and says what changed', async () => {
  const ws = workspace();
  chmodSync(ws.bmesPath, 0o600);
  const result = await regenerateCache({ bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: nodeTs('valid.ts'), timeoutMs: 20_000 });
  const written = readFileSync(ws.bmesPath);
  assert.notDeepEqual(written, ws.original);
  assert.equal(written.readUInt32LE(4), 3);
  assert.equal(statSync(ws.bmesPath).mode & 0o777, 0o600, 'the old permissions are kept');
  assert.deepEqual(leftovers(ws.folder), []);
  // Placeholders filled in, as separate arguments.
  assert.equal(result.argv.at(-2), ws.sourcePath);
  assert.match(result.argv.at(-1)!, /\/\.mod\.js\.bmes\.[0-9a-f]{12}\.regenerating$/);

  const s = result.summary;
  assert.equal(s.created, false);
  assert.deepEqual(s.version, { before: 2, after: 3 });
  // The sample imports join and basename from "path" and exports entryName; the new source keeps only join.
  assert.deepEqual(s.counts.importEntries, { before: 2, after: 1 });
  assert.deepEqual(s.counts.declaredVariables, { before: null, after: 0 });
  assert.deepEqual(s.imports, { added: [], removed: ['import { "basename" } from "path"'] });
  assert.deepEqual(s.exports, { added: ['export { "answer" }', 'export { "greeting" }'], removed: ['export { "entryName" }'] });
  assert.deepEqual(s.lexicalVariables.added, ['"join"', '"answer"', '"greeting"']);
  assert.deepEqual(s.bytecodeSize, { before: 2216, after: 2216 });
  assert.deepEqual(s.cacheVersion, { before: 0xf1f0ed26, after: 0xf1f0ed26 });
  assert.match(s.text, /^Version: 2 → 3$/m);
  assert.match(s.text, /^ {2}\+ export \{ "answer" \}$/m);
  assert.match(s.text, /^Cache version: 0xf1f0ed26 \(unchanged\)$/m);
  assert.deepEqual(
    result.warnings.map((d) => d.code),
    [],
  );
});

test('a cache that did not exist is created; arguments are never interpreted by a shell', async () => {
  const ws = workspace();
  // A source name a shell would act on: spaces, $(…), ; and quotes must reach the generator as one argument.
  const sourcePath = join(ws.folder, `we ird $(touch pwned); 'q'.js`);
  writeFileSync(sourcePath, SOURCE);
  const bmesPath = join(ws.folder, 'new.bmes');
  const result = await regenerateCache({ bmesPath, sourcePath, generator: nodeTs('valid.ts'), timeoutMs: 20_000 });
  assert.equal(result.summary.created, true);
  assert.equal(result.before, null);
  assert.match(result.summary.text, /^Created a \d+-byte cache, version 3\.$/m);
  assert.equal(existsSync(join(ws.folder, 'pwned')), false);
  assert.equal(existsSync(join(ROOT, 'pwned')), false);
  assert.deepEqual(leftovers(ws.folder), []);
});

test('a cache that is a symbolic link keeps the link; the file it points to is replaced', async () => {
  const ws = workspace();
  const real = join(ws.folder, 'store');
  mkdirSync(real);
  copyFileSync(ws.bmesPath, join(real, 'mod.js.bmes'));
  const link = join(ws.folder, 'link.bmes');
  symlinkSync(join(real, 'mod.js.bmes'), link);
  await regenerateCache({ bmesPath: link, sourcePath: ws.sourcePath, generator: nodeTs('valid.ts'), timeoutMs: 20_000 });
  assert.ok(lstatSync(link).isSymbolicLink());
  assert.equal(readFileSync(join(real, 'mod.js.bmes')).readUInt32LE(4), 3);
  assert.deepEqual([...leftovers(ws.folder), ...leftovers(real)], []);
});

test('a generator that fails leaves the cache as it was; the error has the exit code and stderr', async () => {
  const ws = workspace();
  const error = await expectFailure({ bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: node('fail.mjs'), timeoutMs: 20_000 }, 'exit');
  assert.match(error.message, /exited with code 3/);
  assert.match(error.message, /Unexpected token at 3:14/);
  assert.equal(error.details.exitCode, 3);
  assertUntouched(ws);
});

test('a generator killed by a signal is reported with the signal', async () => {
  const ws = workspace();
  const error = await expectFailure({ bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: node('fail.mjs', '--signal', 'SIGKILL'), timeoutMs: 20_000 }, 'signal');
  assert.match(error.message, /killed by SIGKILL/);
  assertUntouched(ws);
});

test('garbage output is rejected with the decoder diagnostics', async () => {
  const ws = workspace();
  const error = await expectFailure({ bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: node('garbage.mjs'), timeoutMs: 20_000 }, 'invalid-output');
  assert.match(error.message, /not a valid BMES cache: bad-magic at 0x0/);
  assert.ok(error.details.diagnostics?.some((d) => d.code === 'bad-magic'));
  assertUntouched(ws);
});

test('output of an old version: version 1 is rejected, version 2 accepted with its legacy-version warning (once)', async () => {
  const ws = workspace('v3-bun-1.4.4-esm.bmes');
  const base = { bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, timeoutMs: 20_000 };
  const error = await expectFailure({ ...base, generator: nodeTs('valid.ts', '--version', '1') }, 'invalid-output');
  assert.deepEqual(
    error.details.diagnostics?.filter((d) => d.severity === 'error').map((d) => d.code),
    ['legacy-version'],
  );
  assertUntouched(ws);

  const result = await regenerateCache({ ...base, generator: nodeTs('valid.ts', '--version', '2') });
  assert.deepEqual(
    result.warnings.map((d) => `${d.severity} ${d.code}`),
    ['warning legacy-version'],
  );
  assert.deepEqual(result.summary.version, { before: 3, after: 2 });
});

test('output for another JavaScriptCore than the configured Bun is rejected', async () => {
  const ws = workspace();
  const error = await expectFailure(
    { bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: nodeTs('valid.ts'), timeoutMs: 20_000, expectedJscVersion: 0x188ee0b9 },
    'invalid-output',
  );
  assert.match(error.message, /jsc-version-mismatch/);
  assertUntouched(ws);
});

test('a generator that writes nothing is an error', async () => {
  const ws = workspace();
  await expectFailure({ bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: node('empty.mjs'), timeoutMs: 20_000 }, 'no-output');
  assertUntouched(ws);
});

test('a hanging generator is killed at the time limit, with the processes it started', async () => {
  const ws = workspace();
  const pidFile = join(scratchDir('bmes-pids-'), 'pids.json');
  const started = Date.now();
  const error = await expectFailure({ bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: node('hang.mjs', pidFile), timeoutMs: 1500 }, 'timeout');
  const elapsed = Date.now() - started;
  assert.match(error.message, /did not finish within 1\.5 s/);
  assert.ok(elapsed < 1500 + 4000, `took ${elapsed} ms`);
  assertUntouched(ws);
  const pids = JSON.parse(readFileSync(pidFile, 'utf8')) as { generator: number; grandchild: number };
  assert.ok(await waitUntil(() => !alive(pids.generator) && !alive(pids.grandchild), 3000), 'generator and grandchild are gone');
});

test('a generator that ignores SIGTERM is killed with SIGKILL after the grace period', async () => {
  const ws = workspace();
  const pidFile = join(scratchDir('bmes-pids-'), 'pids.json');
  const started = Date.now();
  await expectFailure({ bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: node('hang.mjs', pidFile, '--ignore-term'), timeoutMs: 1000 }, 'timeout');
  assert.ok(Date.now() - started < 1000 + 1000 + 4000);
  assertUntouched(ws);
  const pids = JSON.parse(readFileSync(pidFile, 'utf8')) as { generator: number; grandchild: number };
  assert.ok(await waitUntil(() => !alive(pids.generator) && !alive(pids.grandchild), 3000));
});

test('cancelling through the AbortSignal kills the generator and leaves the cache', async () => {
  const ws = workspace();
  const pidFile = join(scratchDir('bmes-pids-'), 'pids.json');
  const controller = new AbortController();
  // Cancel once the generator is running (it has written its pid file).
  void waitUntil(() => existsSync(pidFile), 10_000).then(() => controller.abort());
  const started = Date.now();
  const error = await expectFailure(
    { bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: node('hang.mjs', pidFile), timeoutMs: 60_000, signal: controller.signal },
    'cancelled',
  );
  assert.ok(Date.now() - started < 10_000);
  assert.match(error.message, /cancelled/);
  assertUntouched(ws);
  const pids = JSON.parse(readFileSync(pidFile, 'utf8')) as { generator: number; grandchild: number };
  assert.ok(await waitUntil(() => !alive(pids.generator) && !alive(pids.grandchild), 3000));
});

test('an already cancelled signal runs nothing', async () => {
  const ws = workspace();
  const pidFile = join(ws.folder, 'never.json');
  const controller = new AbortController();
  controller.abort();
  await expectFailure({ bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, generator: node('hang.mjs', pidFile), timeoutMs: 5000, signal: controller.signal }, 'cancelled');
  assert.equal(existsSync(pidFile), false);
  assertUntouched(ws);
});

test('bad commands, missing programs and missing sources fail before touching anything', async () => {
  const ws = workspace();
  const base = { bmesPath: ws.bmesPath, sourcePath: ws.sourcePath, timeoutMs: 5000 };
  const missing = await expectFailure({ ...base, generator: { argv: ['/no/such/generator', '${source}', '${output}'] } }, 'not-started');
  assert.match(missing.message, /'\/no\/such\/generator' could not be started: .*ENOENT/);
  const noOutput = await expectFailure({ ...base, generator: { argv: [process.execPath, '${source}'] } }, 'invalid-command');
  assert.match(noOutput.message, /never names \$\{output\}/);
  const unknown = await expectFailure({ ...base, generator: { argv: [process.execPath, '${sauce}', '${output}'] } }, 'invalid-command');
  assert.match(unknown.message, /unknown placeholder \$\{sauce\}/);
  await expectFailure({ ...base, generator: { argv: [] } }, 'invalid-command');
  // Node refuses a NUL byte outright; that too is a clean "could not be started".
  await expectFailure({ ...base, generator: { argv: [process.execPath, 'a\u0000b', '${output}'] } }, 'not-started');
  const noSource = await expectFailure({ ...base, sourcePath: join(ws.folder, 'missing.js'), generator: nodeTs('valid.ts') }, 'source-unreadable');
  assert.match(noSource.message, /missing\.js/);
  const noBun = await expectFailure({ ...base, generator: 'default', bunPath: '/no/such/bun', defaultScript: '/x/bmes-generator.mjs' }, 'not-started');
  assert.match(noBun.message, /^Bun not found at '\/no\/such\/bun': /);
  assertUntouched(ws);
});
