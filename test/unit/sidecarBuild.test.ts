import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildFolder, candidateFlags, commandLine, jsDifference, outputShape, parseBunPragma, sourceGuesses } from '../../extension/regenerate/sidecarBuild';

const SAMPLES = join(__dirname, '../../samples/bun-artifacts');

test('the committed sidecar outputs: the pragma, one module comment, not minified, no source map', () => {
  for (const version of ['1.3.6', '1.3.9', '1.3.14', '1.4.5']) {
    const shape = outputShape(readFileSync(join(SAMPLES, `sidecar-${version}`, 'cjs.js'), 'utf8'));
    assert.deepEqual(shape.pragma, { bytecode: true, cjs: true, tokens: ['@bun', '@bytecode', '@bun-cjs'] }, version);
    assert.deepEqual(shape.modulePaths, ['cjs.js']);
    assert.equal(shape.whitespaceMinified, false);
    assert.equal(shape.sourceMap, 'none');
    assert.deepEqual(candidateFlags(shape)[0], ['--target=bun', '--bytecode', '--format=cjs']);
  }
});

test('minified output and source-map comments choose the flags tried', () => {
  const minified =
    '// @bun @bytecode @bun-cjs\n(function(exports, require, module, __filename, __dirname) {var o=require("os");module.exports=1;})\n\n//# debugId=AB\n//# sourceMappingURL=x.js.map\n';
  const shape = outputShape(minified);
  assert.equal(shape.whitespaceMinified, true);
  assert.equal(shape.sourceMap, 'linked');
  assert.deepEqual(shape.modulePaths, []);
  const flags = candidateFlags(shape);
  assert.deepEqual(flags[0], ['--target=bun', '--bytecode', '--format=cjs', '--minify', '--sourcemap=linked']);
  assert.ok(flags.every((f) => f.some((x) => x.startsWith('--minify'))));
  assert.equal(outputShape(minified.replace('\n//# sourceMappingURL=x.js.map', '')).sourceMap, 'external');
  assert.equal(outputShape(minified.replace('x.js.map', 'data:application/json;base64,e30=')).sourceMap, 'inline');
});

test('pragmas: only a first line "// @bun …" counts', () => {
  assert.equal(parseBunPragma('module.exports = 1;\n'), null);
  assert.equal(parseBunPragma('\n// @bun @bytecode\n'), null);
  assert.deepEqual(parseBunPragma('// @bun\r\nx'), { bytecode: false, cjs: false, tokens: ['@bun'] });
});

test('the build folder is where the entry comment names the source; guesses walk up from the .js', () => {
  const paths = ['node_modules/dep/index.js', 'src/lib.js', 'src/index.ts'];
  assert.equal(buildFolder('/p/app/src/index.ts', paths), '/p/app');
  assert.equal(buildFolder('/p/app/src/lib.js', paths), '/p/app');
  assert.equal(buildFolder('/p/app/other.ts', paths), null);
  assert.equal(buildFolder('/p/app/src/index.ts', ['../escape/index.ts']), null);
  const guesses = sourceGuesses('/p/app/dist', paths, 3);
  assert.deepEqual(guesses.slice(0, 2), ['/p/app/dist/src/index.ts', '/p/app/dist/src/lib.js']);
  assert.ok(guesses.includes('/p/app/src/index.ts'));
  assert.ok(!guesses.some((g) => g.includes('node_modules')));
});

test('the difference names the first differing line and how much is common', () => {
  const enc = new TextEncoder();
  const d = jsDifference(enc.encode('a\nb\nc\n'), enc.encode('a\nB!\nc\n'));
  assert.deepEqual(d, { oldSize: 6, newSize: 7, line: 2, oldLine: 'b', newLine: 'B!', commonPrefix: 2, commonSuffix: 3 });
});

test('commands to copy are quoted for a POSIX shell', () => {
  assert.equal(commandLine(['bun', 'build', '/a b/x.js', "--define=x='1'"], '/w'), "cd /w && bun build '/a b/x.js' '--define=x='\\''1'\\'''");
});
