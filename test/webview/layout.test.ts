// The layout holds at every size, in VS Code's own fonts (the captured dark theme: a 14px editor font beside a
// 13px UI font, which once clipped the ASCII column): the hex view's columns are never cut, the tables show enough
// rows and whole headers, the split between structure and bytes resizes by mouse and keyboard, collapses either
// side and is remembered, and the hex view gets a hex editor's room when the structure is hidden.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import type { SplitPreference } from '../../extension/protocol';
import { hostRecord, launch, openFile, type Harness } from './browser';

const SAMPLES = join(__dirname, '../../samples');
const MEDIUM = 'v3-medium.bmes';
const GRAPH = 'graph-1.4.5-esm.bin';

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile(MEDIUM, join(SAMPLES, MEDIUM));
  harness.server.addFile(GRAPH, join(SAMPLES, 'bun-artifacts', GRAPH));
});
after(() => harness?.close());

/** Each painted hex row: whether its 16 ASCII characters lie inside the hex view's visible box. */
async function asciiVisible(frame: Frame): Promise<{ rows: number; clipped: string[]; sideways: boolean }> {
  await frame.waitForSelector('.hex-body .hex-row .hex-ascii span:not(.pending)');
  return frame.evaluate(() => {
    const hex = document.querySelector<HTMLElement>('.hex')!;
    const box = hex.getBoundingClientRect();
    const right = box.left + hex.clientLeft + hex.clientWidth;
    const clipped: string[] = [];
    let rows = 0;
    for (const ascii of document.querySelectorAll<HTMLElement>('.hex-body .hex-row .hex-ascii')) {
      const r = ascii.getBoundingClientRect();
      if (r.bottom <= box.top || r.top >= box.bottom) continue;
      rows++;
      const text = ascii.textContent ?? '';
      if (r.right > right + 0.5 || text.length !== 16) clipped.push(`${text} (right ${r.right} > ${right})`);
    }
    return { rows, clipped, sideways: hex.scrollWidth > hex.clientWidth };
  });
}

/** How many whole rows the visible record grid has room for under its sticky header. */
async function gridRowRoom(frame: Frame): Promise<number> {
  await frame.waitForSelector('.vgrid-body .vgrid-row');
  return frame.evaluate(() => {
    const grid = document.querySelector<HTMLElement>('.vgrid')!;
    const head = grid.querySelector<HTMLElement>('.vgrid-head')!.getBoundingClientRect();
    const row = grid.querySelector<HTMLElement>('.vgrid-body .vgrid-row')!.getBoundingClientRect();
    const bottom = grid.getBoundingClientRect().top + grid.clientTop + grid.clientHeight;
    return Math.floor((bottom - head.bottom + 0.5) / row.height);
  });
}

/** Column headers whose text does not fit their button. */
async function cutHeaders(frame: Frame): Promise<string[]> {
  return frame.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.vgrid-head button.sort')].filter((b) => b.scrollWidth > b.clientWidth + 0.5).map((b) => b.textContent ?? ''),
  );
}

async function wholeHexRows(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    const hex = document.querySelector<HTMLElement>('.hex')!;
    const head = hex.querySelector<HTMLElement>('.hex-head')!.getBoundingClientRect();
    const bottom = hex.getBoundingClientRect().top + hex.clientTop + hex.clientHeight;
    return [...hex.querySelectorAll<HTMLElement>('.hex-body .hex-row')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= head.bottom - 0.5 && r.bottom <= bottom + 0.5;
    }).length;
  });
}

const paneSize = (frame: Frame, selector: string) =>
  frame.evaluate((sel) => {
    const r = document.querySelector(sel)!.getBoundingClientRect();
    return { width: r.width, height: r.height };
  }, selector);

for (const [width, height] of [
  [1000, 650],
  [1400, 900],
  [1920, 1080],
  [1200, 800],
] as const) {
  test(`${width}×${height}: the hex view's ASCII column is whole, on every row, without scrolling sideways`, async () => {
    const o = await openFile(harness, MEDIUM, { width, height, theme: 'dark' });
    try {
      const seen = await asciiVisible(o.frame);
      assert.ok(seen.rows >= 5, `${seen.rows} rows`);
      assert.deepEqual(seen.clipped, []);
      assert.equal(seen.sideways, false);
      // Single bytes, 16 a row, as hex editors show them.
      const cells = await o.frame.locator('.hex-body .hex-row >> nth=0').locator('[role="gridcell"]').allTextContents();
      assert.equal(cells.length, 16);
      assert.ok(
        cells.every((c) => /^[0-9A-F]{2}$/.test(c)),
        cells.join(' '),
      );
      assert.deepEqual(o.errors, []);
    } finally {
      await o.close();
    }
  });
}

test('a window narrower than the hex grid scrolls it sideways: no column is cut off', async () => {
  const o = await openFile(harness, MEDIUM, { width: 560, height: 700, theme: 'dark' });
  try {
    const seen = await asciiVisible(o.frame);
    assert.equal(seen.sideways, true);
    await o.frame.locator('.hex').evaluate((el) => (el.scrollLeft = el.scrollWidth));
    assert.deepEqual((await asciiVisible(o.frame)).clipped, []);
  } finally {
    await o.close();
  }
});

test('1000×650: every table shows at least 8 whole rows and every column header whole, Offset first', async () => {
  const o = await openFile(harness, MEDIUM, { width: 1000, height: 650, theme: 'dark' });
  try {
    // The webview starts before the decode ends: wait for the tables' tabs before listing them.
    await o.frame.waitForSelector('#tab-lexicalVariables');
    const tabs = await o.frame.locator('[role="tab"][id^="tab-"]').evaluateAll((els) => els.map((el) => el.id));
    const tables = tabs.filter((id) => id !== 'tab-overview' && id !== 'tab-problems' && id !== 'tab-bytecode');
    assert.equal(tables.length, 6);
    for (const id of tables) {
      await o.frame.click(`#${id}`);
      const room = await gridRowRoom(o.frame);
      assert.ok(room >= 8, `${id}: room for ${room} rows`);
      assert.deepEqual(await cutHeaders(o.frame), [], id);
      assert.equal(await o.frame.textContent('.vgrid-head [aria-colindex="2"]'), 'Offset', id);
    }
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('the splitter resizes by mouse and keyboard, collapses either side, and is remembered', async () => {
  const o = await openFile(harness, MEDIUM, { width: 1400, height: 900, theme: 'dark' });
  try {
    assert.equal(await o.frame.getAttribute('.split', 'data-orientation'), 'row');
    const before = await paneSize(o.frame, '.structure');
    const splitter = o.frame.locator('[role="separator"]');
    const box = (await splitter.boundingBox())!;
    // The frame fills the page, so page coordinates are the frame's.
    await o.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await o.page.mouse.down();
    await o.page.mouse.move(box.x - 150, box.y + box.height / 2, { steps: 5 });
    await o.page.mouse.up();
    const dragged = await paneSize(o.frame, '.structure');
    assert.ok(Math.abs(dragged.width - (before.width - 150)) <= 4, `${before.width} → ${dragged.width}`);

    await splitter.focus();
    await o.page.keyboard.press('ArrowRight');
    await o.page.keyboard.press('ArrowRight');
    const keyed = await paneSize(o.frame, '.structure');
    assert.ok(keyed.width > dragged.width + 20, `${dragged.width} → ${keyed.width}`);
    assert.equal(await splitter.getAttribute('aria-valuenow'), String(Math.round((keyed.width / (keyed.width + (await paneSize(o.frame, '.hex-pane')).width)) * 100)));

    // Enter hides the structure; the hex view takes the editor; Enter brings it back at its size.
    await o.page.keyboard.press('Enter');
    assert.equal(await o.frame.locator('.structure').isVisible(), false);
    assert.ok((await paneSize(o.frame, '.hex-pane')).width > 1300);
    await o.page.keyboard.press('Enter');
    assert.ok(Math.abs((await paneSize(o.frame, '.structure')).width - keyed.width) <= 1);

    // The bytes side collapses from the structure's own button.
    await o.frame.click('.toggle-bytes');
    assert.equal(await o.frame.locator('.hex-pane').isVisible(), false);
    assert.ok((await paneSize(o.frame, '.structure')).width > 1300);
    await o.frame.click('.toggle-bytes');
    assert.ok(await o.frame.locator('.hex-pane').isVisible());

    // Remembered across a reload of the webview (VS Code's getState/setState).
    await o.frame.evaluate(() => location.reload());
    await o.frame.waitForSelector('.structure');
    // The reloaded webview starts before its model arrives: wait for the tables, so nothing re-lays out mid-drag.
    await o.frame.waitForSelector('#tab-lexicalVariables');
    assert.ok(Math.abs((await paneSize(o.frame, '.structure')).width - keyed.width) <= 1);

    // Dragging far past the end collapses the structure.
    const at = (await splitter.boundingBox())!;
    await o.page.mouse.move(at.x + 3, at.y + 100);
    await o.page.mouse.down();
    await o.page.mouse.move(5, at.y + 100, { steps: 8 });
    await o.page.mouse.up();
    await o.frame.locator('.structure').waitFor({ state: 'hidden', timeout: 5000 });
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('the split is remembered across editors: sent to the host once it settles, adopted by a new editor, not by one with its own', async () => {
  // Editor 1: the user drags the splitter; the host is told once the drag settles (not per step).
  const first = await openFile(harness, MEDIUM, { width: 1400, height: 900, theme: 'dark' });
  let remembered: SplitPreference;
  let width: number;
  try {
    const splitter = first.frame.locator('[role="separator"]');
    const box = (await splitter.boundingBox())!;
    await first.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await first.page.mouse.down();
    await first.page.mouse.move(box.x - 200, box.y + box.height / 2, { steps: 8 });
    await first.page.mouse.up();
    width = (await paneSize(first.frame, '.structure')).width;
    await first.page.waitForFunction(() => (window as unknown as { __host: { layouts: unknown[] } }).__host.layouts.length > 0);
    await first.frame.waitForTimeout(400);
    const layouts = await hostRecord<SplitPreference[]>(first.page, 'layouts');
    assert.equal(layouts.length, 1, JSON.stringify(layouts));
    remembered = layouts[0]!;
    assert.equal(remembered.collapsed, 'none');
    assert.ok(remembered.structure !== null && remembered.structure > 0 && remembered.structure < 1, JSON.stringify(remembered));
    assert.deepEqual(first.errors, []);
  } finally {
    await first.close();
  }

  // Editor 2, a new one: the host sends the remembered split before the model, and the editor starts with it.
  const second = await openFile(harness, MEDIUM, { width: 1400, height: 900, theme: 'dark', host: { split: remembered } });
  try {
    await second.frame.waitForSelector('.structure');
    assert.ok(Math.abs((await paneSize(second.frame, '.structure')).width - width) <= 2, `${width}`);
    // Adopting it is not a change of the user's: nothing is sent back.
    await second.frame.waitForTimeout(400);
    assert.deepEqual(await hostRecord<SplitPreference[]>(second.page, 'layouts'), []);
    assert.deepEqual(second.errors, []);
  } finally {
    await second.close();
  }

  // A collapsed side is remembered too.
  const third = await openFile(harness, MEDIUM, { width: 1400, height: 900, theme: 'dark', host: { split: { structure: null, collapsed: 'structure' } } });
  try {
    await third.frame.waitForSelector('.hex-pane');
    assert.equal(await third.frame.locator('.structure').isVisible(), false);
  } finally {
    await third.close();
  }

  // An editor restored with its own state (VS Code's getState) keeps its own split.
  const own = { v: 1, ui: { split: { structure: 0.3, collapsed: 'none' } }, scroll: {} };
  const restored = await openFile(harness, MEDIUM, { width: 1400, height: 900, theme: 'dark', state: own, host: { split: remembered } });
  try {
    await restored.frame.waitForSelector('.structure');
    const structure = (await paneSize(restored.frame, '.structure')).width;
    const bytes = (await paneSize(restored.frame, '.hex-pane')).width;
    assert.ok(Math.abs(structure / (structure + bytes) - 0.3) < 0.02, `${structure} / ${structure + bytes}`);
    assert.ok(Math.abs(structure - width) > 20, 'not the remembered one');
  } finally {
    await restored.close();
  }
});

test('stacked (narrow) the splitter sizes the heights; the arrow keys follow the axis', async () => {
  const o = await openFile(harness, MEDIUM, { width: 1000, height: 650, theme: 'dark' });
  try {
    assert.equal(await o.frame.getAttribute('.split', 'data-orientation'), 'column');
    const before = await paneSize(o.frame, '.structure');
    await o.frame.locator('[role="separator"]').focus();
    await o.page.keyboard.press('Shift+ArrowUp');
    assert.ok((await paneSize(o.frame, '.structure')).height < before.height - 40);
    await o.page.keyboard.press('Home');
    assert.ok((await paneSize(o.frame, '.structure')).height <= 160);
  } finally {
    await o.close();
  }
});

test("1400×900 with the structure hidden: the hex view shows at least 34 rows, as VS Code's Hex Editor does", async () => {
  const o = await openFile(harness, MEDIUM, { width: 1400, height: 900, theme: 'dark' });
  try {
    await o.frame.click('.toggle-structure');
    await o.frame.waitForSelector('.hex-body .hex-row');
    const rows = await wholeHexRows(o.frame);
    assert.ok(rows >= 34, `${rows} rows`);
    console.log(`# hex rows at 1400×900, structure hidden: ${rows}`);
    assert.deepEqual((await asciiVisible(o.frame)).clipped, []);
  } finally {
    await o.close();
  }
});

test('the tab row stays one line when too narrow for every tab, and keeps the selected tab in view', async () => {
  const o = await openFile(harness, MEDIUM, { width: 900, height: 600 });
  try {
    const row = () =>
      o.frame.evaluate(() => {
        const list = document.querySelector<HTMLElement>('[role="tablist"]')!;
        const box = list.getBoundingClientRect();
        const tabs = [...list.querySelectorAll<HTMLElement>('[role="tab"]')];
        const selected = list.querySelector<HTMLElement>('[aria-selected="true"]')!.getBoundingClientRect();
        return {
          tops: new Set(tabs.map((t) => Math.round(t.getBoundingClientRect().top))).size,
          overflows: list.scrollWidth > list.clientWidth,
          selectedInView: selected.left >= box.left - 0.5 && selected.right <= box.right + 0.5,
        };
      });
    const first = await row();
    assert.equal(first.tops, 1, 'one line of tabs');
    assert.ok(first.overflows, 'at 900 px the tabs do not all fit (else this test shows nothing)');
    await o.frame.locator('[role="tab"][aria-selected="true"]').focus();
    await o.page.keyboard.press('End');
    await o.frame.waitForFunction(() => document.querySelector('[role="tab"]:last-child')?.getAttribute('aria-selected') === 'true');
    const last = await row();
    assert.ok(last.selectedInView, 'the last tab, selected by End, is scrolled into view');
    assert.equal(last.tops, 1);
  } finally {
    await o.close();
  }
  // A view restored on its last tab shows that tab, not the row's start.
  const restored = await openFile(harness, MEDIUM, { width: 900, height: 600, state: { v: 1, ui: { tab: 'problems' }, scroll: {} } });
  try {
    await restored.frame.waitForSelector('#tab-problems[aria-selected="true"]');
    const inView = await restored.frame.evaluate(() => {
      const box = document.querySelector('[role="tablist"]')!.getBoundingClientRect();
      const tab = document.querySelector('#tab-problems')!.getBoundingClientRect();
      return tab.left >= box.left - 0.5 && tab.right <= box.right + 0.5;
    });
    assert.ok(inView, 'the restored tab is scrolled into view');
  } finally {
    await restored.close();
  }
});

test("1000 px: an executable's module names show whole, the short columns (entry, format, loader) as wide as their values", async () => {
  const o = await openFile(harness, GRAPH, { width: 1000, height: 600, state: { v: 1, ui: { tab: 'modules' }, scroll: {} } });
  try {
    await o.frame.waitForSelector('.vgrid-body [role="row"]');
    const cut = await o.frame.evaluate(() => {
      const header = [...document.querySelectorAll<HTMLElement>('.vgrid-head [role="columnheader"]')].map((h) => h.textContent?.trim() ?? '');
      const name = header.findIndex((h) => h.startsWith('Name'));
      return [...document.querySelectorAll<HTMLElement>('.vgrid-body [role="row"]')].map((row) => {
        const cell = row.querySelectorAll<HTMLElement>('[role="gridcell"]')[name]!;
        return { text: cell.textContent, cut: cell.scrollWidth > cell.clientWidth };
      });
    });
    assert.ok(cut.length >= 2, 'two modules');
    assert.deepEqual(
      cut.filter((c) => c.cut),
      [],
      'no module name is cut',
    );
  } finally {
    await o.close();
  }
});
