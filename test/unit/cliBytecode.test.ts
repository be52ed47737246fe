/**
 * `bmes bytecode` as a user runs it (the built CLI, no shell), on a sidecar built now by released Bun 1.4.5 with
 * its source beside it, on the BMES sample, and on inputs it must decline plainly; and the attribution it prints:
 * every byte of the payload is in exactly one place (header, a node, or not attributed), summed up the tree.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { attribute, decodeBytecodeTree } from '../../extension/jscBytecode';
import { REAL, fixtureText } from '../support/bmes';
import { SIDECAR_TRAILER, buildExecutableWithBun, buildWithBun, bunSupported, releasedBun } from '../support/bunBuild';
import { PROBE_SOURCE } from '../support/jscSources';
import { scratchDir } from '../support/scratch';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'bin/bmes.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, 'bytecode', ...args], { encoding: 'utf8' });

interface JsonFunction {
  index: number;
  parent: number;
  name: { text: string | null } | null;
  kind: string;
  ownBytes: number;
  totalBytes: number;
  lines: { first: number; last: number } | null;
  codeBlocks: { role: string; disassembly?: { instructions: { name: string }[]; rest: unknown } }[];
}

test('attribution: header, nodes and the unattributed rest add up to the payload; totals sum up the tree', () => {
  for (const [payload, source] of [
    [REAL.compactCjs(), fixtureText('bun-1.4.4-cjs/x.js')],
    [REAL.esm(), fixtureText('bun-1.4.4-esm/module.js')],
  ] as const) {
    const tree = decodeBytecodeTree(payload, 0x20);
    const a = attribute(tree, source);
    const own = a.functions.reduce((n, f) => n + f.ownBytes, 0);
    assert.equal(a.headerBytes + own + a.unattributedBytes, payload.length);
    assert.equal(a.functions[0]!.totalBytes, own, 'the top total is every node');
    for (const [i, f] of a.functions.entries()) {
      const children = a.functions.filter((c) => c.parent === i);
      assert.equal(f.totalBytes, f.ownBytes + children.reduce((n, c) => n + c.totalBytes, 0));
      assert.ok(f.ownBytes > 0, 'every node owns its record');
    }
    const ranged = a.lineRanges!.reduce((n, r) => n + r.bytes, 0);
    assert.equal(
      ranged,
      a.functions.filter((f) => f.lines).reduce((n, f) => n + f.ownBytes, 0),
    );
    assert.ok(a.unattributedBytes < payload.length / 3, `${a.unattributedBytes} unattributed`);
  }
});

describe('bmes bytecode on a sidecar built now', { skip: !bunSupported && 'needs Linux x64 for the released Bun' }, () => {
  const bun = bunSupported ? releasedBun() : '';
  const folder = scratchDir('bmes-cli-bytecode-');
  if (bunSupported) {
    const built = buildWithBun(bun, PROBE_SOURCE);
    writeFileSync(join(folder, 'probe.js'), built.source);
    // The sidecar as Bun writes it: payload and trailer (the CLI leaves the trailer out).
    writeFileSync(join(folder, 'probe.js.jsc'), Buffer.concat([built.payload, Buffer.alloc(SIDECAR_TRAILER)]));
  }
  const sidecar = join(folder, 'probe.js.jsc');

  test('text: every function with its kind, range and lines from the source beside it', () => {
    const result = run(sidecar, '--largest', '3');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /Bun 1\.4\.4 or 1\.4\.5, compact layout\), program/);
    assert.match(result.stdout, /ƒ alpha function \[\d+–\d+\) lines \d+–\d+, 1 param/);
    assert.match(result.stdout, /ƒ Widget constructor/);
    assert.match(result.stdout, /ƒ double getter/);
    assert.match(result.stdout, /largest 3 functions by own bytes:\n +\d+ B {2}\(anonymous\) function/);
  });

  test('--json: a flat pre-order list whose sizes add up; --disassemble with --opcodes gives mnemonics', () => {
    const result = run(sidecar, '--json', '--disassemble', '--opcodes', bun);
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { bytes: { payload: number; header: number; unattributed: number }; functions: JsonFunction[] };
    const own = json.functions.reduce((n, f) => n + f.ownBytes, 0);
    assert.equal(json.bytes.header + own + json.bytes.unattributed, json.bytes.payload);
    const alpha = json.functions.find((f) => f.name?.text === 'alpha');
    assert.ok(alpha && alpha.parent === 1 && alpha.lines);
    assert.deepEqual(
      alpha.codeBlocks[0]!.disassembly!.instructions.map((i) => i.name),
      ['enter', 'mul', 'add', 'ret'],
    );
    assert.equal(alpha.codeBlocks[0]!.disassembly!.rest, null);
  });

  test('--disassemble without a table shows raw bytes and says how to get mnemonics', () => {
    const result = run(sidecar, '--disassemble');
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /raw 15 bytes \(no opcode table\): 86 a2 fa 06/);
    assert.match(result.stdout, /give --opcodes <bun executable> for mnemonics/);
  });

  test('--module on a sidecar is a usage error', () => {
    const result = run(sidecar, '--module', 'main.js');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--module picks a module of a Bun --compile executable/);
  });

  test("an executable's module: names from its string table, lines from its contents, mnemonics from its own opcode table", (t) => {
    const app = buildExecutableWithBun(bun, PROBE_SOURCE.replace('module.exports = ', 'export default '));
    t.after(() => rmSync(dirname(app), { recursive: true, force: true }));
    const result = run(app, '--module', 'app', '--json', '--disassemble');
    assert.equal(result.status, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { topKind: string; functions: JsonFunction[] };
    assert.equal(json.topKind, 'module');
    const alpha = json.functions.find((f) => f.name?.text === 'alpha');
    assert.ok(alpha, 'alpha is named through the string table');
    assert.ok(alpha.lines, 'lines come from the module contents');
    assert.deepEqual(
      alpha.codeBlocks[0]!.disassembly!.instructions.map((i) => i.name),
      ['enter', 'mul', 'add', 'ret'],
    );
    const missing = run(app, '--module', 'nosuch.js');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no module "nosuch\.js" with bytecode .*modules with bytecode: "\/\$bunfs\/root\/app"/);
  });
});

test('a BMES file: the tree of its bytecode section, at file offsets', () => {
  const result = run(join(ROOT, 'samples/v3-bun-1.4.4-esm.bmes'), '--json');
  assert.equal(result.status, 0, result.stderr);
  const json = JSON.parse(result.stdout) as { payload: { offset: number }; topKind: string; functions: JsonFunction[] };
  assert.ok(json.payload.offset > 0);
  assert.equal(json.topKind, 'module');
  assert.equal(json.functions.length, 9);
});

test('a classic payload (Bun 1.3.6) prints its header and says the tree is not decoded', () => {
  const folder = scratchDir('bmes-cli-classic-');
  const path = join(folder, 'mod.jsc');
  copyFileSync(join(ROOT, 'test/fixtures/jsc/bun-1.3.6-cjs/mod.js.jsc'), path);
  const result = run(path);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /cache version 0x188EE0B9 \(Bun 1\.3\.6, classic layout\)/);
  assert.match(result.stdout, /info tree-build-unknown: Bun 1\.3\.6 writes the classic layout/);
});
