import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BYTES_MIN_HEIGHT, DEFAULT_SPLIT, loadSplit, resizedTo, SPLITTER, splitLayout, STRUCTURE_MIN_HEIGHT, STRUCTURE_MIN_WIDTH } from '../../webview/lib/splitLayout';

const HEX = 660;

test('side by side when the hex grid and a usable structure pane fit, else stacked', () => {
  assert.equal(splitLayout(HEX + STRUCTURE_MIN_WIDTH + SPLITTER, 800, HEX, DEFAULT_SPLIT).orientation, 'row');
  assert.equal(splitLayout(HEX + STRUCTURE_MIN_WIDTH + SPLITTER - 1, 800, HEX, DEFAULT_SPLIT).orientation, 'column');
});

test('side by side, the bytes never get less than the grid; by default exactly that', () => {
  const l = splitLayout(1400, 800, HEX, DEFAULT_SPLIT);
  assert.equal(l.bytes, HEX);
  assert.equal(l.structure + l.bytes + SPLITTER, 1400);
  const wide = splitLayout(1400, 800, HEX, { structure: 0.9, collapsed: 'none' });
  assert.equal(wide.bytes, HEX);
  const narrow = splitLayout(1400, 800, HEX, { structure: 0.01, collapsed: 'none' });
  assert.equal(narrow.structure, STRUCTURE_MIN_WIDTH);
});

test('stacked, both panes keep their minimum heights; a fraction survives a resize', () => {
  const l = splitLayout(900, 600, HEX, { structure: 0.5, collapsed: 'none' });
  assert.equal(l.orientation, 'column');
  assert.equal(l.structure, Math.round(0.5 * (600 - SPLITTER)));
  const tall = splitLayout(900, 1200, HEX, { structure: 0.5, collapsed: 'none' });
  assert.equal(tall.structure, Math.round(0.5 * (1200 - SPLITTER)));
  const low = splitLayout(900, 600, HEX, { structure: 0.99, collapsed: 'none' });
  assert.equal(low.bytes, BYTES_MIN_HEIGHT);
  const high = splitLayout(900, 600, HEX, { structure: 0.01, collapsed: 'none' });
  assert.equal(high.structure, STRUCTURE_MIN_HEIGHT);
});

test('a collapsed side gets nothing, the other everything; resizing brings both back within bounds', () => {
  const hidden = splitLayout(1400, 800, HEX, { structure: 0.3, collapsed: 'structure' });
  assert.deepEqual([hidden.structure, hidden.bytes], [0, 1400 - SPLITTER]);
  const bytes = splitLayout(1400, 800, HEX, { structure: 0.3, collapsed: 'bytes' });
  assert.deepEqual([bytes.structure, bytes.bytes], [1400 - SPLITTER, 0]);
  const l = splitLayout(1400, 800, HEX, DEFAULT_SPLIT);
  assert.deepEqual(resizedTo(10_000, l), { structure: l.max / (1400 - SPLITTER), collapsed: 'none' });
  assert.deepEqual(resizedTo(-5, l), { structure: l.min / (1400 - SPLITTER), collapsed: 'none' });
});

test('a persisted split keeps only well-formed parts', () => {
  assert.deepEqual(loadSplit({ structure: 0.4, collapsed: 'bytes' }), { structure: 0.4, collapsed: 'bytes' });
  assert.deepEqual(loadSplit({ structure: 7, collapsed: 'sideways' }), DEFAULT_SPLIT);
  assert.deepEqual(loadSplit({ structure: Number.NaN }), DEFAULT_SPLIT);
  assert.deepEqual(loadSplit('nonsense'), DEFAULT_SPLIT);
  assert.deepEqual(loadSplit(null), DEFAULT_SPLIT);
});
