import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { decodeBmes, encodeBmes, EMPTY_RECORD } from '../../extension/bmes';
import { runGenerator, type GeneratorRuntime } from '../../extension/generator/core';
import {
  DEFAULT_SOURCE_RULES,
  GENERATOR_EXIT,
  defaultGeneratorArgv,
  findSource,
  parseSourceRules,
  resolveArgv,
  sourceCandidates,
  summarizeChange,
} from '../../extension/regenerate';
import { RICH_RECORD, REAL } from '../support/bmes';

const ROOT = join(__dirname, '../..');
const sample = (name: string) => decodeBmes(readFileSync(join(ROOT, 'samples', name)));

test('placeholders are filled inside arguments, never split or quoted', () => {
  const values = { bun: '/opt/bun', source: '/a b/$(x);.js', output: '/tmp/.c.regenerating' };
  assert.deepEqual(resolveArgv(['${bun}', 'build', '--out=${output}', '${source}'], values), ['/opt/bun', 'build', '--out=/tmp/.c.regenerating', '/a b/$(x);.js']);
  assert.deepEqual(resolveArgv(defaultGeneratorArgv('/ext/dist/bmes-generator.mjs'), values), [
    '/opt/bun',
    '--expose-internals',
    '/ext/dist/bmes-generator.mjs',
    '/a b/$(x);.js',
    '/tmp/.c.regenerating',
  ]);
  // A value that looks like a placeholder is not expanded again.
  assert.deepEqual(resolveArgv(['x', '${source}', '${output}'], { ...values, source: '${output}' }), ['x', '${output}', '/tmp/.c.regenerating']);
  assert.throws(() => resolveArgv(['x', '${source}'], values), /never names \$\{output\}/);
  assert.throws(() => resolveArgv(['x', '${SOURCE}', '${output}'], values), /unknown placeholder \$\{SOURCE\}/);
  assert.throws(() => resolveArgv([' ', '${output}'], values), /empty/);
});

test('source discovery: foo.js.bmes → foo.js, then foo.bmes → foo.js/.mjs/.ts/.tsx', async () => {
  const at = (...parts: string[]) => resolve('/w', ...parts);
  assert.deepEqual(sourceCandidates('/w/foo.js.bmes'), [at('foo.js'), at('foo.js.js'), at('foo.js.mjs'), at('foo.js.ts'), at('foo.js.tsx')]);
  assert.deepEqual(sourceCandidates('/w/foo.bmes'), [at('foo.js'), at('foo.mjs'), at('foo.ts'), at('foo.tsx')]);
  // The cache name matches case-insensitively; candidates take the rule's spelling.
  assert.deepEqual(sourceCandidates('/w/lib/foo.TSX.BMES').slice(0, 1), [at('lib/foo.tsx')]);
  assert.deepEqual(sourceCandidates('/w/notes.txt'), []);

  const files = new Set([at('foo.ts'), at('foo.tsx'), at('bar.mjs.bmes'), at('bar.mjs')]);
  const exists = (p: string) => files.has(p);
  assert.equal(await findSource('/w/foo.bmes', exists), at('foo.ts'));
  assert.equal(await findSource('/w/bar.mjs.bmes', exists), at('bar.mjs'));
  assert.equal(await findSource('/w/baz.bmes', exists), null);
  // Configurable, relative paths allowed, asynchronous checks too.
  const rules = [{ cache: 'cache-*.bmes', sources: ['../src/*.ts'] }];
  assert.equal(await findSource('/w/out/cache-app.bmes', async (p) => p === at('src/app.ts'), rules), at('src/app.ts'));
  assert.ok(DEFAULT_SOURCE_RULES.length > 1);
});

test('source rules from a setting: bad entries are reported and skipped', () => {
  const { rules, problems } = parseSourceRules([
    { cache: '*.bmes', sources: ['*.js'] },
    { cache: 'no-star.bmes', sources: ['x.js'] },
    { cache: '*.bmes', sources: [] },
    'nonsense',
  ]);
  assert.deepEqual(rules, [{ cache: '*.bmes', sources: ['*.js'] }]);
  assert.equal(problems.length, 3);
  assert.match(parseSourceRules({}).problems[0]!, /expected an array/);
});

test('the change summary lists what was added and removed, by tuple and name', () => {
  const before = decodeBmes(encodeBmes(RICH_RECORD, REAL.esm()));
  const after = decodeBmes(
    encodeBmes(
      {
        ...RICH_RECORD,
        requestedModules: [...RICH_RECORD.requestedModules, { specifier: './new.js', attributes: null }],
        importEntries: [...RICH_RECORD.importEntries.slice(1), { type: 0, moduleRequest: './new.js', importName: 'x', localName: 'y' }],
        exportEntries: RICH_RECORD.exportEntries.slice(0, 3),
        declaredVariables: [{ name: 'main', bits: 0x0095 }],
        lexicalVariables: [...RICH_RECORD.lexicalVariables, { name: 'y', bits: 0x22 }],
      },
      REAL.esm().subarray(0, 1000),
    ),
  );
  const s = summarizeChange(before, after);
  assert.equal(s.changed, true);
  assert.deepEqual(s.requestedModules, { added: ['"./new.js"'], removed: [] });
  assert.deepEqual(s.imports, { added: ['import { "x" as "y" } from "./new.js"'], removed: ['import { "alpha" } from "./a.js"'] });
  assert.deepEqual(s.exports, { added: [], removed: ['export * as "ns" from "node:fs"'] });
  assert.deepEqual(s.declaredVariables, { added: [], removed: ['"counter"'], changed: ['"main": var exported function → captured var exported function'] });
  assert.deepEqual(s.lexicalVariables.added, ['"y"']);
  assert.deepEqual(s.counts.exportEntries, { before: 4, after: 3 });
  assert.deepEqual(s.bytecodeSize, { before: 2216, after: 1000 });
  assert.match(s.text, /^Bytecode: 2216 → 1000 bytes$/m);
  assert.match(s.text, /^ {2}− export \* as "ns" from "node:fs"$/m);
  assert.match(s.text, /^ {2}~ "main": var exported function → captured var exported function$/m);

  const same = summarizeChange(sample('v3-tiny.bmes'), sample('v3-tiny.bmes'));
  assert.equal(same.changed, false);
  assert.match(same.text, /^Regenerated: the module record, bytecode size and cache version are unchanged\.$/m);
  // Strings from the file cannot break the text: control characters are escaped.
  const hostile = decodeBmes(encodeBmes({ ...EMPTY_RECORD, starExports: ['a\nb\u001b[31m'] }, REAL.esm()));
  assert.match(summarizeChange(null, hostile).text, /\+ "a\\u000ab\\u001b\[31m"/);
});

function fakeRuntime(internals: unknown, files: Record<string, string> = { '/src/m.js': 'export const a = 1;' }) {
  const written = new Map<string, Uint8Array>();
  const errors: string[] = [];
  const runtime: GeneratorRuntime = {
    loadInternals: async () => {
      if (internals instanceof Error) throw internals;
      return internals;
    },
    bunVersion: '1.4.5 (abc)',
    readText: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return files[p]!;
    },
    writeBytes: (p, b) => void written.set(p, b),
    absolute: (p) => p,
    error: (line) => void errors.push(line),
  };
  return { runtime, written, errors };
}

test('the shipped generator writes what Bun generates, and says when this Bun has no generator', async () => {
  const calls: [string, string][] = [];
  const bytes = encodeBmes(EMPTY_RECORD, REAL.esm());
  const branch = { CachedBytecode: { generateForESMWithMetadata: (url: string, source: string) => (calls.push([url, source]), bytes.buffer) } };
  const ok = fakeRuntime(branch, { '/src/m.js': '\uFEFFexport const a = 1;' });
  assert.equal(await runGenerator(['/src/m.js', '/out/m.bmes'], ok.runtime), GENERATOR_EXIT.ok);
  assert.deepEqual(calls, [['/src/m.js', 'export const a = 1;']], 'absolute path, byte-order mark dropped');
  assert.deepEqual(ok.written.get('/out/m.bmes'), bytes);

  for (const internals of [new Error('ENOENT reading "bun:internal-for-testing"'), {}, { CachedBytecode: {} }]) {
    const released = fakeRuntime(internals);
    assert.equal(await runGenerator(['/src/m.js', '/out/m.bmes'], released.runtime), GENERATOR_EXIT.unavailable);
    assert.match(released.errors[0]!, /Bun 1\.4\.5 \(abc\) cannot generate BMES caches: .*bun-build-esm branch \(oven-sh\/bun PR #25917\).*generator command setting/);
    assert.equal(released.written.size, 0);
  }
  const nothing = fakeRuntime({ CachedBytecode: { generateForESMWithMetadata: () => null } });
  assert.equal(await runGenerator(['/src/m.js', '/out/m.bmes'], nothing.runtime), GENERATOR_EXIT.failed);
  assert.match(nothing.errors[0]!, /produced nothing/);
  const missing = fakeRuntime(branch, {});
  assert.equal(await runGenerator(['/src/m.js', '/out/m.bmes'], missing.runtime), GENERATOR_EXIT.noInput);
  assert.equal(await runGenerator(['only-one'], fakeRuntime(branch).runtime), GENERATOR_EXIT.usage);
});
