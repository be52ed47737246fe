/** The Bytecode tab's rows, on the real Bun 1.4.4 samples: tree order with expansion, and largest first. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attribute, decodeBytecodeTree } from '../../extension/jscBytecode';
import { bytecodeRows, initialExpansion } from '../../webview/lib/bytecodeRows';
import { REAL, fixtureText } from '../support/bmes';

const payload = REAL.compactCjs();
const tree = decodeBytecodeTree(payload, 0x40);
const attribution = attribute(tree, fixtureText('bun-1.4.4-cjs/x.js'));

test('tree order: the top block, the wrapper and, once expanded, add; each row selects its code block', () => {
  const first = bytecodeRows(tree, attribution, initialExpansion(attribution), 'tree');
  assert.deepEqual(
    first.map((r) => [r.name, r.depth, r.hasChildren, r.expanded]),
    [
      ['program', 0, true, true],
      ['(anonymous)', 1, true, true],
      ['add', 2, false, false],
    ],
  );
  const collapsed = bytecodeRows(tree, attribution, new Set([0]), 'tree');
  assert.deepEqual(
    collapsed.map((r) => r.name),
    ['program', '(anonymous)'],
  );
  const add = first[2]!;
  assert.equal(add.parameters, 2);
  assert.deepEqual(add.lines, { first: 3, last: 5 });
  assert.ok(add.span.offset >= 0x40 && add.span.offset + add.span.length <= 0x40 + payload.length);
  assert.equal(add.totalBytes, add.ownBytes);
});

test('largest first: functions only, by own bytes, not indented', () => {
  const rows = bytecodeRows(tree, attribution, new Set(), 'largest');
  assert.deepEqual(
    rows.map((r) => r.name),
    ['(anonymous)', 'add'],
  );
  assert.ok(rows[0]!.ownBytes >= rows[1]!.ownBytes);
  assert.ok(rows.every((r) => r.depth === 0 && !r.hasChildren));
});
