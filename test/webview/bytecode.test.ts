// The Bytecode tab in the real webview, on the v3 sample that wraps Bun 1.4.4's ES module payload: the tree the
// library decodes, shown and keyboard-driven; activating a function selects exactly its code block's bytes in
// the hex view; "largest first" lists functions by own bytes; a classic payload says it is not decoded.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { decodeBmes } from '../../extension/bmes';
import { attribute, decodeBytecodeTree } from '../../extension/jscBytecode';
import { bytecodeRows, initialExpansion } from '../../webview/lib/bytecodeRows';
import { launch, openFile, type Harness } from './browser';

const SAMPLES = join(__dirname, '../../samples');
const ESM = 'v3-bun-1.4.4-esm.bmes';
const CLASSIC = 'v3-bun-1.3.6-classic-cjs.bmes';
const bytes = new Uint8Array(readFileSync(join(SAMPLES, ESM)));
const section = decodeBmes(bytes).bytecode!;
const tree = decodeBytecodeTree(bytes.subarray(section.offset, section.offset + section.length), section.offset);
const attribution = attribute(tree);

let harness: Harness;
before(async () => {
  harness = await launch();
  for (const name of [ESM, CLASSIC]) harness.server.addFile(name, join(SAMPLES, name));
});
after(() => harness?.close());

async function selectedOffsets(frame: Frame): Promise<number[]> {
  await frame.waitForFunction(() => document.querySelectorAll('.hex [role="gridcell"][aria-selected="true"]:not(.pending)').length > 0);
  return frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('.hex [role="gridcell"][aria-selected="true"]')].map((el) => Number(el.dataset['offset'])));
}

test('the tree of the module, a click on a function selects its code block bytes, keys move and collapse', async () => {
  const o = await openFile(harness, ESM);
  try {
    await o.frame.click('#tab-bytecode');
    await o.frame.waitForSelector('.bytecode-list [role="treeitem"]');
    const expected = bytecodeRows(tree, attribution, initialExpansion(attribution), 'tree');
    const shown = await o.frame.$$eval('.bytecode-list [role="treeitem"]', (rows) => rows.map((r) => r.getAttribute('aria-level')));
    assert.equal(shown.length, expected.length);
    assert.match((await o.frame.textContent('.bytecode-summary')) ?? '', /Bun 1\.4\.4 or 1\.4\.5, compact layout, cache version 0xF1F0ED26, module/);
    // A small function, so its whole region is on screen in the hex view.
    const target = expected.filter((r) => r.depth > 0).sort((a, b) => a.span.length - b.span.length)[0]!;
    await o.frame.click(`#bc-row-${target.key}`);
    const offsets = await selectedOffsets(o.frame);
    assert.equal(offsets[0], target.span.offset);
    assert.equal(offsets.length, target.span.length);
    // Keyboard: Home, then Left collapses the top block to one row.
    await o.frame.focus('.bytecode-list');
    await o.page.keyboard.press('Home');
    await o.page.keyboard.press('ArrowLeft');
    await o.frame.waitForFunction(() => document.querySelectorAll('.bytecode-list [role="treeitem"]').length === 1);
    assert.equal(await o.frame.getAttribute('.bytecode-list [role="treeitem"]', 'aria-expanded'), 'false');
    await o.page.keyboard.press('ArrowRight');
    await o.frame.waitForFunction((n) => document.querySelectorAll('.bytecode-list [role="treeitem"]').length === n, expected.length);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('largest functions first', async () => {
  const o = await openFile(harness, ESM);
  try {
    await o.frame.click('#tab-bytecode');
    await o.frame.waitForSelector('.bytecode-list [role="treeitem"]');
    await o.frame.click('.bytecode-toolbar input[type="checkbox"]');
    const largest = bytecodeRows(tree, attribution, new Set(), 'largest');
    await o.frame.waitForFunction((n) => document.querySelectorAll('.bytecode-list [role="treeitem"]').length === n, largest.length);
    const firstId = await o.frame.getAttribute('.bytecode-list [role="treeitem"]', 'id');
    assert.equal(firstId, `bc-row-${largest[0]!.key}`);
  } finally {
    await o.close();
  }
});

test('a classic payload: the build is named and the tree is said not to be decoded', async () => {
  const o = await openFile(harness, CLASSIC);
  try {
    await o.frame.click('#tab-bytecode');
    await o.frame.waitForSelector('.bytecode-diagnostic');
    assert.match((await o.frame.textContent('.bytecode-diagnostic')) ?? '', /tree-build-unknown .*Bun 1\.3\.6 writes the classic layout/);
    assert.equal(await o.frame.$('.bytecode-list'), null);
  } finally {
    await o.close();
  }
});

test('the Bytecode tab is named where the tab row has room, an icon with a hidden name where it has not, and the row keeps one line', async () => {
  for (const [width, shown] of [
    [1000, false],
    [1920, true],
  ] as const) {
    const o = await openFile(harness, ESM, { width, height: 800 });
    try {
      await o.frame.waitForSelector('#tab-bytecode');
      await o.frame.waitForSelector('#tab-lexicalVariables');
      const name = o.frame.locator('#tab-bytecode .tab-name-when-room');
      assert.equal(await name.textContent(), 'Bytecode');
      const box = (await name.boundingBox())!;
      assert.equal(box.width > 20, shown, `${width}px: the name is ${box.width}px wide`);
      // One line of tabs: every tab's top is the first one's.
      const tops = await o.frame.$$eval('[role="tab"]', (tabs) => tabs.map((t) => Math.round(t.getBoundingClientRect().top)));
      assert.deepEqual(new Set(tops).size, 1, `${width}px: tab rows at ${[...new Set(tops)].join(', ')}`);
      assert.equal(await o.frame.getAttribute('#tab-bytecode', 'aria-selected'), 'false');
      assert.deepEqual(o.errors, []);
    } finally {
      await o.close();
    }
  }
});
