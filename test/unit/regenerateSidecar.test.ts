import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sourceKeyOfFile } from '../../extension/bmes';
import { regenerateSidecar, RegenerateError, type JsChangeQuestion, type RegenerateFailure, type RegenerateSidecarOptions } from '../../extension/regenerate';
import { decodeJscPayload } from '../../extension/sidecar/decodeJscPayload';
import { processesNaming, waitUntil } from '../support/processes';
import { appFolder as newAppFolder, bunBinary, bunBuild, cacheVersionOf as buildCacheVersionOf } from '../support/realBun';

// Real released Bun from npm (scripts/ensure-bun.sh): sidecars are built at test time and rebuilt by
// regenerateSidecar with the other version.
const NEW = '1.4.5';
const OLD = '1.3.14';

// Every folder a test builds in is removed at the end.
const folders: string[] = [];
after(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});
function appFolder(): string {
  const dir = newAppFolder();
  folders.push(dir);
  return dir;
}
const cacheVersions = new Map<string, number>();
/** The cache version a Bun writes, measured once per version. */
function cacheVersionOf(version: string): number {
  if (!cacheVersions.has(version)) cacheVersions.set(version, buildCacheVersionOf(version));
  return cacheVersions.get(version)!;
}

/** The sample app built with `bun build <entry> <flags> --outdir <out>` in `cwd` (relative to the app folder). */
function sidecar(version: string, options: { entry?: string; flags?: string[]; cwd?: string; out?: string } = {}) {
  const dir = appFolder();
  const entry = options.entry ?? 'cjs.js';
  const cwd = join(dir, options.cwd ?? '.');
  const out = options.out ?? 'out';
  bunBuild(version, cwd, [entry, '--target=bun', '--bytecode', ...(options.flags ?? []), '--outdir', out]);
  const stem = entry.slice(entry.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const js = join(cwd, out, `${stem}.js`);
  const jsc = `${js}.jsc`;
  return { dir, source: join(cwd, entry), js, jsc, folder: join(cwd, out), jsBytes: readFileSync(js), jscBytes: readFileSync(jsc) };
}

type Sidecar = ReturnType<typeof sidecar>;

function assertUntouched(s: Sidecar): void {
  assert.deepEqual(readFileSync(s.js), s.jsBytes, 'the .js is byte-identical');
  assert.deepEqual(readFileSync(s.jsc), s.jscBytes, 'the .jsc is byte-identical');
  assert.deepEqual(
    readdirSync(s.folder).filter((n) => n.includes('.regenerating')),
    [],
    'no temporary file is left',
  );
}

async function expectFailure(options: RegenerateSidecarOptions, reason: RegenerateFailure): Promise<RegenerateError> {
  try {
    await regenerateSidecar(options);
  } catch (error) {
    assert.ok(error instanceof RegenerateError, String(error));
    assert.equal(error.reason, reason, error.message);
    assert.match(error.message, /The \.js and the \.jsc were not changed\./);
    return error;
  }
  assert.fail(`expected a ${reason} failure`);
}

/** A valid sidecar for `js`, of the given Bun's cache version, as Bun would use it. */
function assertValidFor(jscPath: string, jsPath: string, version: string) {
  const decoded = decodeJscPayload(readFileSync(jscPath), { source: sourceKeyOfFile(readFileSync(jsPath)), expectedJscVersion: cacheVersionOf(version), expectedTag: 'program' });
  assert.deepEqual(
    decoded.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code),
    [],
  );
  assert.equal(decoded.verdict.bytecodeUsed, true, decoded.verdict.reason);
  return decoded;
}

/** A source whose build never ends: a macro (run by Bun at bundle time) that spins. */
function hangingSource(dir: string): string {
  writeFileSync(join(dir, 'spin.ts'), 'export function spin(): number { for (;;) {} }\n');
  const source = join(dir, 'hang.js');
  writeFileSync(source, 'import { spin } from "./spin.ts" with { type: "macro" };\nmodule.exports = spin();\n');
  return source;
}

test('a stale sidecar (Bun 1.3.14) is rebuilt by Bun 1.4.5: valid, 1.4.5 cache version, the .js reproduced and left alone', async () => {
  const s = sidecar(OLD);
  const jsStat = statSync(s.js);
  const result = await regenerateSidecar({ jscPath: s.jsc, sourcePath: s.source, bunPath: bunBinary(NEW), timeoutMs: 120_000 });
  const after = assertValidFor(s.jsc, s.js, NEW);
  assert.equal(after.container, 'sidecar', 'Bun 1.4.x writes the trailer');
  assert.deepEqual(readFileSync(s.js), s.jsBytes, 'the .js is the same');
  assert.equal(statSync(s.js).mtimeMs, jsStat.mtimeMs, 'the .js was not rewritten');
  assert.notDeepEqual(readFileSync(s.jsc), s.jscBytes);
  assert.equal(result.summary.jsChanged, false);
  assert.deepEqual(result.summary.cacheVersion, { before: cacheVersionOf(OLD), after: cacheVersionOf(NEW) });
  assert.equal(result.summary.writtenBy.before, 'Bun 1.3.14');
  assert.match(result.summary.writtenBy.after, /1\.4\.5/);
  assert.deepEqual(result.summary.jscSize, { before: s.jscBytes.length, after: readFileSync(s.jsc).length });
  assert.match(result.summary.text, /^Cache version: 0x54467ad4 → 0xf1f0ed26$/m);
  assert.match(result.summary.text, /reproduced byte for byte/);
  assert.deepEqual(result.argv.slice(1, 3), ['build', s.source]);
  assert.deepEqual(readdirSync(s.folder).sort(), ['cjs.js', 'cjs.js.jsc']);
});

test('every committed sample sidecar (Bun 1.3.6 to 1.4.5) is rebuilt by both Bun versions from its source, the .js reproduced at the first try', async () => {
  const samples = join(__dirname, '../../samples/bun-artifacts');
  for (const sample of ['1.3.6', '1.3.9', '1.3.14', '1.4.5']) {
    for (const bun of [NEW, OLD]) {
      const dir = mkdtempSync(join(tmpdir(), 'bmes-sample-sidecar-'));
      folders.push(dir);
      mkdirSync(join(dir, 'out'));
      copyFileSync(join(samples, 'app', 'cjs.js'), join(dir, 'cjs.js'));
      for (const f of ['cjs.js', 'cjs.js.jsc']) copyFileSync(join(samples, `sidecar-${sample}`, f), join(dir, 'out', f));
      const progress: string[] = [];
      const r = await regenerateSidecar({
        jscPath: join(dir, 'out', 'cjs.js.jsc'),
        sourcePath: join(dir, 'cjs.js'),
        bunPath: bunBinary(bun),
        timeoutMs: 120_000,
        onProgress: (m) => progress.push(m),
      });
      assert.equal(r.summary.jsChanged, false, `${sample} by ${bun}`);
      assert.equal(progress.length, 1, `one build: ${progress.join('; ')}`);
      assert.deepEqual(readFileSync(join(dir, 'out', 'cjs.js')), readFileSync(join(samples, `sidecar-${sample}`, 'cjs.js')));
      assertValidFor(join(dir, 'out', 'cjs.js.jsc'), join(dir, 'out', 'cjs.js'), bun);
    }
  }
});

test('a Bun 1.4.5 sidecar rebuilt by Bun 1.3.14 is a bare classic payload of 1.3.14', async () => {
  const s = sidecar(NEW);
  const result = await regenerateSidecar({ jscPath: s.jsc, sourcePath: s.source, bunPath: bunBinary(OLD), timeoutMs: 120_000, expectedJscVersion: cacheVersionOf(OLD) });
  const after = assertValidFor(s.jsc, s.js, OLD);
  assert.equal(after.container, 'bare');
  assert.equal(after.jsc?.layout, 'classic');
  assert.equal(result.summary.writtenBy.after, 'Bun 1.3.14');
});

test('the build runs in the folder the module comments name; minified and source-mapped output is reproduced with its flags', async () => {
  // Bun ran in the app folder on src/sub/mod.js: the .js says "// src/sub/mod.js", which only that folder reproduces.
  const nested = appFolder();
  mkdirSync(join(nested, 'src', 'sub'), { recursive: true });
  writeFileSync(join(nested, 'src', 'sub', 'mod.js'), readFileSync(join(nested, 'cjs.js')));
  bunBuild(OLD, nested, ['src/sub/mod.js', '--target=bun', '--bytecode', '--outdir', 'dist']);
  const js = join(nested, 'dist', 'mod.js');
  assert.match(readFileSync(js, 'utf8'), /\/\/ src\/sub\/mod\.js/);
  const before = readFileSync(js);
  const result = await regenerateSidecar({ jscPath: `${js}.jsc`, sourcePath: join(nested, 'src', 'sub', 'mod.js'), bunPath: bunBinary(NEW), timeoutMs: 120_000 });
  assert.equal(result.cwd, nested);
  assert.deepEqual(readFileSync(js), before);
  assertValidFor(`${js}.jsc`, js, NEW);

  for (const flags of [['--minify'], ['--minify-identifiers'], ['--sourcemap=linked']]) {
    const s = sidecar(OLD, { flags });
    const map = flags[0] === '--sourcemap=linked' ? readFileSync(`${s.js}.map`) : null;
    const r = await regenerateSidecar({ jscPath: s.jsc, sourcePath: s.source, bunPath: bunBinary(NEW), timeoutMs: 120_000 });
    assert.equal(r.summary.jsChanged, false, flags.join(' '));
    for (const flag of flags) assert.ok(r.argv.includes(flag), `${flag} in ${r.argv.join(' ')}`);
    assert.deepEqual(readFileSync(s.js), s.jsBytes);
    assertValidFor(s.jsc, s.js, NEW);
    if (map) assert.deepEqual(readFileSync(`${s.js}.map`), map, 'the source map is left as it was');
  }
});

test('a .js that no build reproduces: declined leaves both files and gives the command; agreed replaces both', async () => {
  const s = sidecar(OLD);
  // The user's source changed since the build: the .js would change too.
  writeFileSync(s.source, readFileSync(s.source, 'utf8').replace('hi from ', 'hello from '));
  const questions: JsChangeQuestion[] = [];
  const declined = await expectFailure(
    {
      jscPath: s.jsc,
      sourcePath: s.source,
      bunPath: bunBinary(NEW),
      timeoutMs: 120_000,
      confirmJsChange: async (q) => {
        questions.push(q);
        return false;
      },
    },
    'js-differs',
  );
  assertUntouched(s);
  assert.equal(questions.length, 1);
  const q = questions[0]!;
  assert.equal(q.tried, 4);
  assert.equal(q.difference.oldSize, s.jsBytes.length);
  assert.equal(q.difference.newSize, s.jsBytes.length + 3);
  assert.equal(q.difference.line, 5);
  assert.match(q.difference.oldLine, /"hi from "/);
  assert.match(q.difference.newLine, /"hello from "/);
  assert.deepEqual(q.flags, ['--target=bun', '--bytecode', '--format=cjs']);
  assert.match(declined.message, /To rebuild both yourself .*: cd .* && .*bun build .*cjs\.js --target=bun --bytecode --format=cjs --outdir /);

  // No question asked: the same refusal.
  await expectFailure({ jscPath: s.jsc, sourcePath: s.source, bunPath: bunBinary(NEW), timeoutMs: 120_000 }, 'js-differs');
  assertUntouched(s);

  const agreed = await regenerateSidecar({ jscPath: s.jsc, sourcePath: s.source, bunPath: bunBinary(NEW), timeoutMs: 120_000, confirmJsChange: async () => true });
  assert.equal(agreed.summary.jsChanged, true);
  assert.match(readFileSync(s.js, 'utf8'), /"hello from "/);
  assertValidFor(s.jsc, s.js, NEW);
  assert.deepEqual(agreed.summary.jsSize, { before: s.jsBytes.length, after: s.jsBytes.length + 3 });
  assert.deepEqual(readdirSync(s.folder).sort(), ['cjs.js', 'cjs.js.jsc']);
});

test('a failing build leaves both files byte-identical and says what Bun said', async () => {
  const s = sidecar(OLD);
  writeFileSync(s.source, 'module.exports = {;\n');
  const error = await expectFailure({ jscPath: s.jsc, sourcePath: s.source, bunPath: bunBinary(NEW), timeoutMs: 120_000 }, 'exit');
  assert.match(error.message, /bun build exited with code 1/);
  assert.match(error.details.stderr ?? '', /error/i);
  assertUntouched(s);
});

test('output for another cache version than expected is rejected; both files stay', async () => {
  const s = sidecar(OLD);
  const error = await expectFailure(
    { jscPath: s.jsc, sourcePath: s.source, bunPath: bunBinary(NEW), timeoutMs: 120_000, expectedJscVersion: cacheVersionOf(OLD) },
    'invalid-output',
  );
  assert.match(error.message, /jsc-version-mismatch/);
  assertUntouched(s);
});

test('a hanging build is stopped at the time limit with its process group; both files stay', async () => {
  const s = sidecar(OLD);
  const source = hangingSource(s.dir);
  const error = await expectFailure(
    { jscPath: s.jsc, sourcePath: source, bunPath: bunBinary(NEW), timeoutMs: 3000, expectedJscVersion: cacheVersionOf(NEW), tempRoot: s.dir },
    'timeout',
  );
  assert.match(error.message, /did not finish within 3 s/);
  assertUntouched(s);
  assert.ok(await waitUntil(() => processesNaming(join(s.dir, 'bmes-sidecar-')).length === 0, 5000), 'no Bun left running');
});

test('cancelling a running build stops Bun; both files stay', async () => {
  const s = sidecar(OLD);
  const source = hangingSource(s.dir);
  const controller = new AbortController();
  const marker = join(s.dir, 'bmes-sidecar-');
  const error = await expectFailure(
    {
      jscPath: s.jsc,
      sourcePath: source,
      bunPath: bunBinary(NEW),
      timeoutMs: 60_000,
      expectedJscVersion: cacheVersionOf(NEW),
      tempRoot: s.dir,
      signal: controller.signal,
      // Cancel once Bun is seen running.
      onProgress: () => void waitUntil(() => processesNaming(marker).length > 0, 10_000).then(() => controller.abort()),
    },
    'cancelled',
  );
  assert.match(error.message, /cancelled and Bun stopped/);
  assertUntouched(s);
  assert.ok(await waitUntil(() => processesNaming(marker).length === 0, 5000), 'no Bun left running');
});

test('what is not a sidecar of Bun output is refused before anything runs', async () => {
  const s = sidecar(OLD);
  const base = { sourcePath: s.source, bunPath: '/no/such/bun', timeoutMs: 5000, expectedJscVersion: 1 };
  // The .js beside is not Bun's bytecode output.
  writeFileSync(s.js, 'module.exports = 1;\n');
  const plainJs = await expectFailure({ ...base, jscPath: s.jsc }, 'not-a-sidecar');
  assert.match(plainJs.message, /does not start with the "\/\/ @bun @bytecode" pragma/);
  // An ES module's contents and bytecode (what `bmes extract` writes): rebuilt only with the executable.
  writeFileSync(s.js, '// @bun @bytecode\nexport const x = 1;\n');
  const esm = await expectFailure({ ...base, jscPath: s.jsc }, 'not-a-sidecar');
  assert.match(esm.message, /ES module's bytecode .*no @bun-cjs.*--compile/);
  // No .js at all.
  const lone = join(s.folder, 'lone.js.jsc');
  writeFileSync(lone, s.jscBytes);
  const missing = await expectFailure({ ...base, jscPath: lone }, 'not-a-sidecar');
  assert.match(missing.message, /no lone\.js beside the sidecar/);
  // Bun missing: not started, nothing changed.
  writeFileSync(s.js, s.jsBytes);
  const noBun = await expectFailure({ ...base, jscPath: s.jsc }, 'not-started');
  assert.match(noBun.message, /^Bun not found at '\/no\/such\/bun'/);
  assertUntouched(s);
});
