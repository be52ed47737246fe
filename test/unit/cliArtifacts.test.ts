import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sectionRegion, writeGraph } from '../support/bunGraph';
import { compileEsmApp } from '../support/realBun';
import { scratchDir } from '../support/scratch';

// Runs the built CLI on released Bun's artifacts, as a user would, without a shell.
const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'bin/bmes.js');
const artifact = (name: string) => join(ROOT, 'samples', 'bun-artifacts', name);
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

test('dump says which kind it found, for every kind', () => {
  const cases: [string, RegExp][] = [
    [artifact('sidecar-1.4.5/cjs.js.jsc'), /Bun 1\.4\.x \.jsc sidecar/],
    [artifact('sidecar-1.3.6/cjs.js.jsc'), /bare classic JavaScriptCore payload \(a Bun 1\.3\.x \.jsc sidecar\)/],
    [artifact('graph-1.3.14-esm.bin'), /Bun --compile executable/],
    [join(ROOT, 'samples', 'v3-small.bmes'), /^BMES|version 3/m],
    [artifact('app/entry.js'), /none of Bun's containers \(checked as BMES\)/],
  ];
  for (const [path, kind] of cases) {
    const result = run('dump', path);
    assert.ok(result.status === 0 || result.status === 1, `${path}: ${result.stderr}`);
    assert.match(result.stdout, kind, path);
  }
});

test('check: every real sidecar of the samples is clean, the .js beside it found by name', () => {
  const result = run('check', ...['1.3.6', '1.3.9', '1.3.14', '1.4.5'].map((v) => artifact(`sidecar-${v}/cjs.js.jsc`)));
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.doesNotMatch(result.stdout, / (error|warning) /);
  // Every build's key hash is known (SuperFastHash, 1.3.14's WebKit hash, 1.4.x's rapidhash): all checked, all match.
  assert.doesNotMatch(result.stdout, /source-hash-unchecked|source-mismatch/);
});

test('check: a flipped byte in a sidecar is an error at the trailer hash', () => {
  const dir = scratchDir('bmes-cli-');
  const data = readFileSync(artifact('sidecar-1.4.5/cjs.js.jsc'));
  data[100] ^= 1;
  writeFileSync(join(dir, 'cjs.js.jsc'), data);
  const result = run('check', join(dir, 'cjs.js.jsc'));
  assert.equal(result.status, 1);
  assert.match(result.stdout, /:0x390: error sidecar-hash-mismatch: .*silent cache miss/);
});

test('graph on a real Bun 1.4.5 executable lists its modules with names and sizes; --json too', () => {
  const { exe } = compileEsmApp('1.4.5');
  const text = run('graph', exe);
  assert.equal(text.status, 0, text.stdout + text.stderr);
  assert.match(text.stdout, /^\s+0\s+entry\s+\/\$bunfs\/root\/app-esm\s+esm\s+js\s+394\s+1,184\s/m);
  assert.match(text.stdout, /\/\$bunfs\/root\/dyn-[a-z0-9]+\.js\s+esm\s+js\s+87\s+408\s/);
  assert.match(text.stdout, /totals: 2 modules, 2 with bytecode/);
  const json = JSON.parse(run('graph', exe, '--json').stdout);
  assert.equal(json.modules.length, 2);
  assert.equal(json.modules[0].record, 'prelinked graph');
  assert.equal(json.modules[0].bun, 'Bun 1.4.4 or 1.4.5');
  assert.equal(json.totals.withBytecode, 2);
});

test('graph exits 1 when a JavaScript module has no bytecode, and 2 on a file that is no executable', () => {
  const dir = scratchDir('bmes-cli-');
  const path = join(dir, 'app');
  writeFileSync(path, sectionRegion(writeGraph({ modules: [{ name: '/$bunfs/root/app', contents: 'x' }] }).graph));
  const result = run('graph', path);
  assert.equal(result.status, 1);
  assert.match(result.stdout, /has no bytecode: build with `bun build --compile --bytecode`/);
  const notExe = run('graph', artifact('sidecar-1.4.5/cjs.js.jsc'));
  assert.equal(notExe.status, 2);
  assert.match(notExe.stderr, /not a Bun --compile executable/);
});

test('extract writes contents, bytecode that dump opens, module_info and shared tables; never outside --out', () => {
  const out = scratchDir('bmes-extract-');
  const result = run('extract', artifact('graph-1.3.14-esm.bin'), '--out', out);
  assert.equal(result.status, 0, result.stderr);
  assert.ok(existsSync(join(out, 'app-esm')));
  assert.match(readFileSync(join(out, 'app-esm'), 'latin1'), /^\/\/ @bun/);
  assert.ok(existsSync(join(out, 'app-esm.module_info')));
  const dumped = run('dump', join(out, 'app-esm.jsc'));
  assert.match(dumped.stdout, /bare classic JavaScriptCore payload/);
  assert.match(dumped.stdout, /Bun 1\.3\.14/);

  const hostile = scratchDir('bmes-hostile-');
  const exe = join(hostile, 'evil');
  writeFileSync(exe, sectionRegion(writeGraph({ modules: [{ name: '/$bunfs/root/../../../../tmp/escaped', contents: 'x', bytecode: new Uint8Array(8) }] }).graph));
  const target = join(hostile, 'out');
  const escaped = run('extract', exe, '--out', target);
  assert.equal(escaped.status, 0, escaped.stderr);
  const all = readdirSync(target, { recursive: true }) as string[];
  assert.ok(all.length > 0);
  assert.ok(
    all.every((p) => !p.split(/[/\\]/).includes('..')),
    all.join(),
  );
  assert.ok(existsSync(join(target, '_dotdot_', '_dotdot_', '_dotdot_', '_dotdot_', 'tmp', 'escaped')));
});

test('check: a module_info whose export was renamed is an error that names the binding and what Bun does', async () => {
  const data = new Uint8Array(readFileSync(artifact('graph-1.3.14-esm.bin')));
  const { decodeArtifactFrom } = await import('../../extension/artifact/decodeArtifact');
  const { memorySource } = await import('../../extension/artifact/rangeReader');
  const { artifact: exe } = await decodeArtifactFrom(memorySource(data));
  assert.equal(exe.kind, 'executable');
  if (exe.kind !== 'executable') return;
  const dyn = exe.modules.find((m) => m.nameText.includes('/dyn-'))!;
  const info = dyn.moduleInfo!;
  const body = data.subarray(info.offset, info.offset + info.length);
  const at = Buffer.from(body).indexOf('late');
  assert.ok(at > 0, 'the export name is in the body');
  body[at + 1] = 'b'.charCodeAt(0);
  const dir = scratchDir('bmes-cli-');
  const path = join(dir, 'patched.bin');
  writeFileSync(path, data);
  const result = run('check', path);
  assert.equal(result.status, 1, result.stdout);
  const line = result.stdout.split('\n').find((l) => / error record-/.test(l));
  assert.ok(line, result.stdout);
  assert.match(line!, /late/);
  assert.match(line!, /lbte/);
  assert.match(line!, /TypeError|Bun trusts/);
});
