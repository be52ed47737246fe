import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

// Runs the built CLI (npm test builds first), as a user would, without a shell.
const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'bin/bmes.js');
const sample = (name: string) => join(ROOT, 'samples', name);
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

test('every module in extension/cli/commands/ is a registered command the usage text lists', () => {
  const help = run('--help');
  assert.equal(help.status, 0);
  const names = readdirSync(join(ROOT, 'extension/cli/commands')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
  assert.ok(names.length >= 4, names.join());
  for (const name of names) assert.match(help.stdout, new RegExp(`^  bmes ${name} `, 'm'), `${name} missing from the usage text`);
});

test('dump --json prints the documented shape for a valid v3 file', () => {
  const result = run('dump', sample('v3-bun-1.4.4-esm.bmes'), '--json');
  assert.equal(result.status, 0, result.stderr);
  const dump = JSON.parse(result.stdout);
  assert.deepEqual(Object.keys(dump), [
    'size', 'header', 'requestedModules', 'importEntries', 'exportEntries', 'starExports',
    'declaredVariables', 'lexicalVariables', 'codeFeatures', 'bytecode', 'jsc', 'diagnostics',
  ]);
  assert.equal(dump.header.magic, 0x424d4553);
  assert.equal(dump.header.version, 3);
  assert.equal(dump.header.bytecodeOffset % 8, 0);
  assert.equal(dump.header.bytecodeSize, 2216);
  assert.deepEqual(dump.requestedModules, [{ specifier: 'path', attributes: null }]);
  assert.deepEqual(dump.importEntries[0], { type: 'single', moduleRequest: 'path', importName: 'join', localName: 'join' });
  assert.deepEqual(dump.exportEntries[0], { type: 'local', exportName: 'entryName', moduleName: '', importName: '', localName: 'entryName' });
  assert.deepEqual(dump.lexicalVariables[0], { name: 'join', bits: 0x22, flags: ['const', 'imported'] });
  assert.deepEqual(dump.codeFeatures, { bits: 0x48, flags: ['this', 'arrowFunction'] });
  const payload = readFileSync(join(ROOT, 'test/fixtures/jsc/bun-1.4.4-esm/module.bytecode'));
  assert.equal(dump.bytecode.sha256, createHash('sha256').update(payload).digest('hex'));
  assert.deepEqual(dump.jsc, {
    layout: 'compact', cacheVersion: 0xf1f0ed26, tag: 1, payloadSize: 2216, sourceLength: 901,
    keyFlags: 0x27, keyHash: payload.readUInt32LE(36), sourceOrigin: null, hasEmbeddedSource: null,
  });
  assert.deepEqual(dump.diagnostics, []);
});

test('dump --json of v1 has null header offsets and variables, and the bytecode where it was found', () => {
  const result = run('dump', sample('v1-bun-1.4.4-esm.bmes'), '--json');
  assert.equal(result.status, 1);
  const dump = JSON.parse(result.stdout);
  assert.equal(dump.header.bytecodeOffset, null);
  assert.equal(dump.header.bytecodeSize, null);
  assert.equal(dump.declaredVariables, null);
  assert.equal(dump.codeFeatures, null);
  assert.equal(dump.bytecode.size, 2216);
  assert.equal(dump.bytecode.offset + dump.bytecode.size, dump.size);
  assert.equal(dump.diagnostics[0].code, 'legacy-version');
  assert.equal(dump.diagnostics[0].severity, 'error');
});

test('check prints file:0xOFFSET: severity code: message and exits by severity', () => {
  const clean = run('check', sample('v3-tiny.bmes'));
  assert.equal(clean.status, 0);
  assert.equal(clean.stdout, '');
  const warned = run('check', sample('corrupt-trailing-bytes.bmes'));
  assert.equal(warned.status, 0);
  assert.match(warned.stdout, /^.*corrupt-trailing-bytes\.bmes:0xa00: warning trailing-bytes: .+$/m);
  const failed = run('check', sample('v3-tiny.bmes'), sample('corrupt-bad-magic.bmes'));
  assert.equal(failed.status, 1);
  assert.match(failed.stdout, /corrupt-bad-magic\.bmes:0x0: error bad-magic: /);
});

test('check applies --source and --expect-jsc-version', () => {
  const ok = run('check', sample('v3-bun-1.4.4-esm.bmes'), '--source', sample('v3-bun-1.4.4-esm.js'), '--expect-jsc-version', '0xF1F0ED26');
  assert.equal(ok.status, 0, ok.stdout);
  const stale = run('check', sample('v3-bun-1.4.4-esm.bmes'), '--source', sample('corrupt-source-mismatch.js'), '--expect-jsc-version', '188ee0b9');
  assert.equal(stale.status, 1);
  assert.match(stale.stdout, /: error jsc-version-mismatch: /);
  assert.match(stale.stdout, /: error source-mismatch: .*901.*906/);
});

test('usage and I/O errors exit 2, and win over errors found in other files', () => {
  assert.equal(run('check').status, 2);
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('check', sample('v3-tiny.bmes'), '--expect-jsc-version', 'xyz').status, 2);
  const mixed = run('check', sample('corrupt-bad-magic.bmes'), join(ROOT, 'no-such-file.bmes'));
  assert.equal(mixed.status, 2);
  assert.match(mixed.stdout, /bad-magic/);
  assert.match(mixed.stderr, /cannot read/);
  assert.equal(run('dump', join(ROOT, 'no-such-file.bmes')).status, 2);
});

test('hex dumps the asked range with offsets and ASCII', () => {
  const result = run('hex', sample('v3-tiny.bmes'), '--offset', '0x10', '--length', '20');
  assert.equal(result.status, 0);
  const lines = result.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0]!, /^00000010: 0200 0000 0900 0000 6e6f 6465 3a6d 6f64  \.\.\.\.\.\.\.\.node:mod$/);
  assert.match(lines[1]!, /^00000020: 3000 0000 /);
});

test('encode turns a dump back into the same bytes, for every version', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bmes-cli-'));
  const payload = join(ROOT, 'test/fixtures/jsc/bun-1.4.4-esm/module.bytecode');
  for (const [name, version] of [['v3-bun-1.4.4-esm.bmes', '3'], ['v2-bun-1.4.4-esm.bmes', '2'], ['v1-bun-1.4.4-esm.bmes', '1']] as const) {
    const json = join(dir, `${name}.json`);
    writeFileSync(json, run('dump', sample(name), '--json').stdout);
    const out = join(dir, name);
    const result = run('encode', json, '--bytecode', payload, '--output', out, '--version', version);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(readFileSync(out).equals(readFileSync(sample(name))), name);
  }
});

test('strings from the file cannot drive the terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bmes-cli-'));
  const json = join(dir, 'hostile.json');
  writeFileSync(json, JSON.stringify({ requestedModules: [{ specifier: '\u001b]0;pwned\u0007\u001b[2J<img src=x onerror=alert(1)>', attributes: null }] }));
  const out = join(dir, 'hostile.bmes');
  assert.equal(run('encode', json, '--bytecode', join(ROOT, 'test/fixtures/jsc/bun-1.4.4-esm/module.bytecode'), '--output', out).status, 0);
  const text = run('dump', out).stdout;
  assert.ok(!text.includes('\u001b'), 'escape character printed raw');
  assert.ok(text.includes('\\u001b]0;pwned\\u0007\\u001b[2J<img src=x onerror=alert(1)>'));
});
