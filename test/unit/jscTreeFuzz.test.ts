/**
 * Mutation fuzz of the code-block tree decoder with a fixed seed: real payloads (the Bun 1.4.4 samples and one
 * built now by Bun 1.4.5) damaged by bit flips, extreme 4-byte values (pointers, counts), byte runs and cuts.
 * The decoder must never throw, keep every span and diagnostic inside the payload, keep its output bounded by
 * its step budget, and finish on a step budget rather than a clock. Hand-made damage checks that a cycle and an
 * out-of-bounds pointer each cut one node, with a diagnostic at its offset, and keep the rest.
 *
 * BMES_FUZZ_MUTANTS sets the number of mutants (default 4,000); BMES_FUZZ_SEED the seed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codeBlocksOf, decodeBytecodeTree, functionsOf, type BytecodeTree, type CodeBlockNode } from '../../extension/jscBytecode';
import { REAL } from '../support/bmes';
import { buildWithBun, bunSupported, releasedBun } from '../support/bunBuild';
import { PROBE_SOURCE } from '../support/jscSources';
import { Prng } from '../support/prng';

const MUTANTS = Number(process.env.BMES_FUZZ_MUTANTS ?? 4_000);
const SEED = Number(process.env.BMES_FUZZ_SEED ?? 0x7a5c0de);
const BASE = 0x1000;
const CODES = new Set(['tree-build-unknown', 'tree-unrecognised-node', 'tree-out-of-bounds', 'tree-cycle', 'tree-depth-limit', 'tree-step-limit']);

function bases(): { name: string; bytes: Uint8Array }[] {
  const out = [
    { name: 'cjs 1.4.4', bytes: REAL.compactCjs() },
    { name: 'esm 1.4.4', bytes: REAL.esm() },
  ];
  if (bunSupported) out.push({ name: 'probe 1.4.5', bytes: buildWithBun(releasedBun(), PROBE_SOURCE).payload });
  return out;
}

const EXTREMES = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffc, 4, 0x7ffffffe];

function mutate(rng: Prng, input: Uint8Array): Uint8Array {
  const bytes = input.slice();
  const kind = rng.int(0, 4);
  const at = rng.int(0, bytes.length - 4);
  switch (kind) {
    case 0:
      for (let i = rng.int(1, 8); i > 0; i--) bytes[rng.int(0, bytes.length - 1)]! ^= 1 << rng.int(0, 7);
      return bytes;
    case 1: {
      const v = rng.int(0, 1) ? EXTREMES[rng.int(0, EXTREMES.length - 1)]! : rng.u32();
      new DataView(bytes.buffer).setUint32(at & ~3, v >>> 0, true);
      return bytes;
    }
    case 2:
      bytes.fill(rng.int(0, 1) ? 0xff : rng.int(0, 255), at, Math.min(bytes.length, at + rng.int(1, 64)));
      return bytes;
    case 3: {
      // A pointer to a random place, so structures land on each other.
      const target = rng.int(0, bytes.length - 1);
      new DataView(bytes.buffer).setInt32(at & ~3, target - (at & ~3), true);
      return bytes;
    }
    default: {
      // Cut, keeping the payload-size field consistent so the tree decoder still runs.
      const cut = bytes.slice(0, rng.int(48, bytes.length));
      new DataView(cut.buffer).setUint32(12, cut.length, true);
      return cut;
    }
  }
}

/** Everything the tree holds, counted: bounded by the step budget whatever the input. */
function census(tree: BytecodeTree): number {
  let n = 0;
  const lo = tree.span.offset;
  const hi = lo + tree.span.length;
  const inside = (s: { offset: number; length: number }) => {
    assert.ok(s.offset >= lo && s.length >= 0 && s.offset + s.length <= hi, `span ${s.offset}+${s.length} outside [${lo}, ${hi})`);
  };
  const block = (b: CodeBlockNode) => {
    n += 1 + b.identifiers.length + b.constants.length;
    for (const s of [b.record, b.region, b.instructions.span]) inside(s);
    for (const id of b.identifiers) inside(id.slot);
    for (const c of b.constants) inside(c.span);
  };
  if (tree.top) block(tree.top);
  for (const { node } of functionsOf(tree)) {
    n++;
    inside(node.span);
    codeBlocksOf(node).forEach(block);
  }
  return n;
}

test(`${MUTANTS} mutants of real payloads: no throw, spans and diagnostics inside, output bounded (seed ${SEED})`, () => {
  const rng = new Prng(SEED);
  const inputs = bases();
  const codesSeen = new Set<string>();
  for (let i = 0; i < MUTANTS; i++) {
    const base = inputs[i % inputs.length]!;
    const bytes = mutate(rng, base.bytes);
    let tree: BytecodeTree;
    try {
      tree = decodeBytecodeTree(bytes, BASE);
    } catch (error) {
      assert.fail(`mutant ${i} of ${base.name} threw: ${(error as Error).stack}`);
    }
    const budget = 16 * bytes.length + 10_000;
    assert.ok(census(tree) <= budget, `mutant ${i}: more output than the step budget`);
    for (const d of tree.diagnostics) {
      assert.ok(CODES.has(d.code), d.code);
      assert.ok(d.offset >= BASE && d.offset + d.length <= BASE + bytes.length, `mutant ${i}: ${d.code} at ${d.offset}+${d.length}`);
      assert.match(d.message, /\S/);
      codesSeen.add(d.code);
    }
    assert.ok(tree.diagnostics.length <= 6 * 200 + 6);
  }
  for (const code of ['tree-unrecognised-node', 'tree-out-of-bounds', 'tree-cycle', 'tree-build-unknown']) {
    assert.ok(codesSeen.has(code), `the mutants reached ${code}`);
  }
});

test('a function slot pointing back at its own executable: one tree-cycle at the slot target, the rest kept', () => {
  const bytes = REAL.compactCjs().slice();
  const clean = decodeBytecodeTree(bytes, 0);
  const wrapper = [...functionsOf(clean)][0]!.node;
  const block = wrapper.call!;
  // The wrapper's code block lists add as its one function; point that slot at the wrapper executable.
  const addAt = [...functionsOf(clean)][1]!.node.span.offset;
  const view = new DataView(bytes.buffer);
  let slot = -1;
  for (let at = (block.region.offset + 3) & ~3; at < block.record.offset; at += 4) {
    if (view.getInt32(at, true) + at === addAt) slot = at;
  }
  assert.ok(slot > 0, 'found the slot that points to add');
  view.setInt32(slot, wrapper.span.offset - slot, true);
  const tree = decodeBytecodeTree(bytes, 0);
  const cycle = tree.diagnostics.find((d) => d.code === 'tree-cycle');
  assert.equal(cycle?.offset, wrapper.span.offset);
  assert.equal([...functionsOf(tree)].length, 1, 'the wrapper stays, add is gone');
});

test('a code block pointer outside the payload: a diagnostic at the pointer, the function kept as cut', () => {
  const bytes = REAL.compactCjs().slice();
  const clean = decodeBytecodeTree(bytes, 0);
  const add = [...functionsOf(clean)][1]!.node;
  const callSlot = add.span.offset + 4;
  new DataView(bytes.buffer).setInt32(callSlot, 0x100000, true);
  const tree = decodeBytecodeTree(bytes, 0);
  const bad = tree.diagnostics.find((d) => d.code === 'tree-out-of-bounds');
  assert.equal(bad?.offset, callSlot);
  assert.match(bad!.message, /rest of the tree is kept/);
  const fns = [...functionsOf(tree)].map((v) => v.node);
  assert.equal(fns.length, 2);
  assert.equal(fns[0]!.call?.instructions.count, 53, 'the wrapper is untouched');
});

test('a tiny step budget stops the decoder with tree-step-limit and keeps what it read', () => {
  const tree = decodeBytecodeTree(REAL.esm(), 0, { stepBudget: 20 });
  assert.ok(tree.diagnostics.some((d) => d.code === 'tree-step-limit'));
  assert.ok(tree.top, 'the top block was read');
});
