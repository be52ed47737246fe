/**
 * The code-block tree decoder on real payloads: the pinned samples written by Bun 1.4.4 (and the classic 1.3.6
 * one, which it must decline plainly), and a payload built at test time by released Bun 1.4.5 from a source
 * with named functions, classes, accessors, arrows, nested, async and generator functions: every function must
 * be in the tree with its name, kind, parameter count and the exact source text at its range.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMPTY_RECORD, encodeBmes } from '../../extension/bmes';
import { codeBlocksOf, decodeBytecodeTree, functionsOf, stringText, type BytecodeTree, type CodeBlockNode, type FunctionNode, type JscConstant } from '../../extension/jscBytecode';
import { REAL, fixtureText, readU32 } from '../support/bmes';
import { buildWithBun, bunSupported, releasedBun } from '../support/bunBuild';
import { PROBE_FUNCTIONS, PROBE_SOURCE, expectedText } from '../support/jscSources';

function functions(tree: BytecodeTree): FunctionNode[] {
  return [...functionsOf(tree)].map((v) => v.node);
}

function constantsOf(block: CodeBlockNode): (string | number | null)[] {
  return block.constants.map((c: JscConstant) => {
    const v = c.value;
    if (v.type === 'string') return stringText(v.string);
    return v.type === 'int32' || v.type === 'double' ? v.value : null;
  });
}

/** Every span in the tree lies inside the payload. */
function assertSpansInside(tree: BytecodeTree): void {
  const lo = tree.span.offset;
  const hi = lo + tree.span.length;
  const inside = (s: { offset: number; length: number }, what: string) =>
    assert.ok(s.offset >= lo && s.offset + s.length <= hi, `${what} ${s.offset}+${s.length} outside [${lo}, ${hi})`);
  const block = (b: CodeBlockNode) => {
    for (const s of [b.record, b.region, b.instructions.span]) inside(s, 'code block');
    for (const id of b.identifiers) inside(id.slot, 'identifier');
    for (const c of b.constants) inside(c.span, 'constant');
  };
  if (tree.top) block(tree.top);
  for (const fn of functions(tree)) {
    inside(fn.span, 'function');
    codeBlocksOf(fn).forEach(block);
  }
}

describe('Bun 1.4.4 CommonJS sample', () => {
  const tree = decodeBytecodeTree(REAL.compactCjs(), 0);
  const source = fixtureText('bun-1.4.4-cjs/x.js');

  test('header, build and the top program', () => {
    assert.equal(tree.supported, true);
    assert.equal(tree.header.build, 'Bun 1.4.4 or 1.4.5');
    assert.equal(tree.header.cacheVersion, 0xf1f0ed26);
    assert.equal(tree.header.sourceOrigin, 'file:///x.js.jsc');
    assert.equal(tree.topKind, 'program');
    assert.equal(tree.top?.codeType, 'global');
    assert.equal(tree.top?.instructions.count, 7);
    assert.deepEqual(tree.diagnostics, []);
  });

  test('the CommonJS wrapper and add, with their source ranges, identifiers and constants', () => {
    const [wrapper, add] = functions(tree);
    assert.ok(wrapper && add);
    assert.equal(wrapper.name, null);
    assert.equal(wrapper.parameterCount, 5);
    assert.equal(wrapper.source?.start, 36);
    assert.equal(wrapper.source?.end, 178);
    assert.equal(source.slice(wrapper.source!.functionStart, wrapper.source!.start), 'function');
    assert.deepEqual(wrapper.call?.identifiers.map(stringText), ['console', 'log']);
    assert.deepEqual(
      constantsOf(wrapper.call!).filter((c) => c !== null),
      ['hello from cjs1', 2, 3],
    );
    assert.equal(stringText(add.name), 'add');
    assert.equal(add.parameterCount, 2);
    assert.equal(source.slice(add.source!.functionStart, add.source!.functionEnd + 1), 'function add(a, b) {\n  return a + b;\n}');
    assert.equal(add.call?.instructions.count, 9);
    // enter; add loc5, arg1, arg2; ret loc5 (spec jsc-bytecode §3)
    const stream = REAL.compactCjs().subarray(add.call!.instructions.span.offset, add.call!.instructions.span.offset + 9);
    assert.deepEqual([...stream], [0x86, 0xa1, 0xfa, 0x06, 0x07, 0x00, 0x00, 0x6b, 0xfa]);
  });

  test('spans are file offsets: the same payload inside a BMES file moves every span by its offset', () => {
    const file = encodeBmes(EMPTY_RECORD, REAL.compactCjs());
    const at = readU32(file, 8);
    const moved = decodeBytecodeTree(file.subarray(at, at + REAL.compactCjs().length), at);
    const a = functions(tree);
    const b = functions(moved);
    assert.equal(b.length, a.length);
    for (let i = 0; i < a.length; i++) {
      assert.equal(b[i]!.span.offset, a[i]!.span.offset + at);
      assert.equal(b[i]!.call!.instructions.span.offset, a[i]!.call!.instructions.span.offset + at);
    }
    assertSpansInside(moved);
  });
});

describe('Bun 1.4.4 ES module sample (bun --compile)', () => {
  const payload = REAL.esm();
  const source = fixtureText('bun-1.4.4-esm/module.js');

  test('a module code block whose names are ordinals into the executable string table', () => {
    const tree = decodeBytecodeTree(payload, 0);
    assert.equal(tree.topKind, 'module');
    assert.equal(tree.top?.codeType, 'module');
    assert.equal(tree.top?.instructions.count, 329);
    const fns = functions(tree);
    assert.equal(fns.length, 8);
    for (const fn of fns) assert.ok(fn.name === null || fn.name.form === 'table', 'names are table ordinals');
    const greet = fns.find((f) => f.source && source.startsWith('function greet(', f.source.functionStart));
    assert.ok(greet, 'greet is in the tree');
    assert.equal(stringText(greet.name), '#12');
    assert.equal(greet.parameterCount, 1);
    assertSpansInside(tree);
  });

  test('with a resolver, ordinals read as the strings it returns', () => {
    const names = new Map([[12, 'greet']]);
    const tree = decodeBytecodeTree(payload, 0, { resolveString: (n) => names.get(n) ?? null });
    const greet = functions(tree).find((f) => f.name?.ordinal === 12 && f.kind === 'function');
    assert.equal(greet?.name?.text, 'greet');
    assert.equal(stringText(functions(tree).find((f) => f.name?.ordinal === 7)?.name ?? null), '#7');
  });
});

test('a classic-layout payload (Bun 1.3.6) is declined plainly: header only, the build named', () => {
  const tree = decodeBytecodeTree(REAL.classic(), 0x40);
  assert.equal(tree.supported, false);
  assert.equal(tree.top, null);
  assert.equal(tree.header.layout, 'classic');
  assert.equal(tree.header.cacheVersion, 0x188ee0b9);
  const [d] = tree.diagnostics;
  assert.equal(d?.code, 'tree-build-unknown');
  assert.equal(d?.offset, 0x40);
  assert.match(d!.message, /Bun 1\.3\.6 writes the classic layout/);
});

test('an unknown cache version is not decoded as if it were a known one', () => {
  const payload = REAL.compactCjs().slice();
  payload[0] ^= 0xff;
  const tree = decodeBytecodeTree(payload, 0);
  assert.equal(tree.supported, false);
  assert.equal(tree.diagnostics[0]?.code, 'tree-build-unknown');
  assert.match(tree.diagnostics[0]!.message, /does not know/);
});

describe('a payload built now by released Bun 1.4.5', { skip: !bunSupported && 'needs Linux x64 for the released Bun' }, () => {
  const built = bunSupported ? buildWithBun(releasedBun(), PROBE_SOURCE) : null;

  test('every function of the source, named, of its kind, with its parameters and exact text', () => {
    const tree = decodeBytecodeTree(built!.payload, 0);
    assert.deepEqual(tree.diagnostics, []);
    assert.equal(tree.header.sourceLength, built!.source.length);
    const found = functions(tree);
    for (const want of PROBE_FUNCTIONS) {
      const text = expectedText(built!.source, want);
      const matches = found.filter((f) => f.source && built!.source.slice(f.source.functionStart, f.source.functionEnd + 1) === text);
      const fn = matches.find((f) => f.kind === want.kind);
      assert.ok(fn, `${want.head}: no ${want.kind} with exactly its text (found ${matches.map((m) => m.kind).join(', ') || 'none'})`);
      assert.equal(stringText(fn.name), want.name, `${want.head}: name`);
      assert.equal(fn.parameterCount, want.parameters, `${want.head}: parameters`);
      assert.ok(built!.source.slice(fn.source!.start, fn.source!.end).length > 0);
      const block = fn.call ?? fn.construct;
      assert.ok(block, `${want.head}: a code block`);
      assert.equal(block.registers.numParameters, want.parameters + 1, `${want.head}: parameters with this`);
      for (const c of want.constants ?? []) assert.ok(constantsOf(block).includes(c), `${want.head}: constant ${c}`);
      for (const id of want.identifiers ?? []) assert.ok(block.identifiers.map(stringText).includes(id), `${want.head}: identifier ${id}`);
    }
    assertSpansInside(tree);
  });

  test('the wrapper holds the top-level strings and numbers, UTF-16 ones too', () => {
    const tree = decodeBytecodeTree(built!.payload, 0);
    const wrapper = functions(tree)[0]!;
    const constants = constantsOf(wrapper.call!);
    for (const c of ['greetings from probe', 123456789, -5, 3.25, 'ünïcode ☃']) assert.ok(constants.includes(c), `constant ${c}`);
  });

  test('arrays referenced by two code blocks are marked shared after the first', () => {
    const tree = decodeBytecodeTree(built!.payload, 0);
    const seen = new Set<string>();
    for (const fn of functions(tree)) {
      for (const b of codeBlocksOf(fn)) {
        const key = `${b.instructions.span.offset}:${b.instructions.span.length}`;
        assert.equal(b.instructions.shared, seen.has(key), `instructions at ${key}`);
        seen.add(key);
      }
    }
  });
});
