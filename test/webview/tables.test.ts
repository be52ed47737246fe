// Tables in the real webview (Chromium, built bundle, stand-in host): counts, filter, flag filter, sort, copy,
// keyboard, and the view state surviving hide/show and a rebuild of the file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { decodeBmes, type ListName } from '../../extension/bmes';
import { launch, openFile, hostRecord, type Harness } from './browser';

const SAMPLES = join(__dirname, '../../samples');
const MEDIUM = 'v3-medium.bmes';
const file = decodeBmes(new Uint8Array(readFileSync(join(SAMPLES, MEDIUM))));
const LISTS: readonly ListName[] = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables'];

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile(MEDIUM, join(SAMPLES, MEDIUM));
});
after(() => harness?.close());

test('every table of v3-medium.bmes shows the row count the decoder reads', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    for (const id of LISTS) {
      const expected = file[id]!.entries.length;
      assert.ok(expected > 0, id);
      await o.frame.click(`#tab-${id}`);
      const count = o.frame.locator('.count');
      assert.equal(await count.getAttribute('data-total'), String(expected), id);
      assert.equal(await count.getAttribute('data-shown'), String(expected), id);
      assert.equal(await count.textContent(), `${expected.toLocaleString('en-US')} ${expected === 1 ? 'row' : 'rows'}`, id);
      assert.equal(await o.frame.getAttribute('.vgrid', 'aria-rowcount'), String(expected + 1), id);
      assert.equal((await o.frame.textContent(`#tab-${id} .badge`))?.trim(), expected.toLocaleString('en-US'), id);
      // Virtualized: never more row elements than fit, whatever the count.
      const rendered = await o.frame.locator('.vgrid-body [role="row"]').count();
      assert.ok(rendered > 0 && rendered <= Math.min(expected, 60), `${id}: ${rendered} rows in the DOM`);
    }
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('filter, flag filter and sort change the rows and the "N of M" count', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    await o.frame.click('#tab-exportEntries');
    const exports = file.exportEntries!.entries;
    await o.frame.locator('.toolbar .filter input').fill('reexported');
    const matching = exports.filter((e) => [e.exportName, e.moduleName, e.importName, e.localName].some((s) => s.value.includes('reexported'))).length;
    await o.frame.waitForFunction((n) => document.querySelector('.count')?.getAttribute('data-shown') === String(n), matching);
    assert.equal(await o.frame.textContent('.count'), `${matching.toLocaleString('en-US')} of ${exports.length.toLocaleString('en-US')} rows`);
    await o.frame.locator('.toolbar .filter input').fill('');

    // Sort by export name, descending on the second click; aria-sort follows.
    const header = o.frame.locator('[role="columnheader"]', { hasText: 'Export name' });
    await header.locator('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    const sorted = exports.map((e) => e.exportName.value).sort();
    assert.equal(await o.frame.textContent('.vgrid-body [aria-rowindex="2"] [data-col="3"]'), sorted[0]);
    await header.locator('button').press('Enter');
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    assert.equal(await o.frame.textContent('.vgrid-body [aria-rowindex="2"] [data-col="3"]'), sorted[sorted.length - 1]);

    // Flag filter on the declared variables: only rows whose bits carry every chosen flag.
    await o.frame.click('#tab-declaredVariables');
    const declared = file.declaredVariables!.entries;
    await o.frame.click('.flag-filter button:has-text("exported")');
    const exported = declared.filter((v) => v.bits.value & 0x10).length;
    await o.frame.waitForFunction((n) => document.querySelector('.count')?.getAttribute('data-shown') === String(n), exported);
    await o.frame.click('.flag-filter button:has-text("captured")');
    const both = declared.filter((v) => (v.bits.value & 0x11) === 0x11).length;
    await o.frame.waitForFunction((n) => document.querySelector('.count')?.getAttribute('data-shown') === String(n), both);
    assert.equal(await o.frame.getAttribute('.flag-filter button:has-text("captured")', 'aria-pressed'), 'true');
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('rows and tables copy as JSON and as tab-separated text through the host', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    await o.frame.click('#tab-exportEntries');
    await o.frame.click('.vgrid-body [aria-rowindex="14"] [data-col="0"]'); // row 12: an indirect export
    await o.frame.click('vscode-button:has-text("Copy row")');
    const e = file.exportEntries!.entries[12]!;
    await o.page.waitForFunction(() => window.__host.copies.length === 1);
    const row = JSON.parse((await hostRecord<string[]>(o.page, 'copies'))[0]!) as Record<string, unknown>;
    assert.deepEqual(row, {
      index: 12,
      offset: e.offset,
      length: e.length,
      type: 'indirect',
      exportName: e.exportName.value,
      moduleName: e.moduleName.value,
      importName: e.importName.value,
      localName: e.localName.value,
    });

    await o.frame.locator('.toolbar .filter input').fill('reexported1');
    await o.frame.waitForFunction(() => document.querySelector('.count')?.textContent?.includes(' of '));
    await o.frame.click('vscode-button:has-text("Copy filtered rows")');
    await o.page.waitForFunction(() => window.__host.copies.length === 2);
    const rows = JSON.parse((await hostRecord<string[]>(o.page, 'copies'))[1]!) as { exportName: string }[];
    const expected = file.exportEntries!.entries.filter((x) => x.exportName.value.includes('reexported1'));
    assert.deepEqual(
      rows.map((r) => r.exportName),
      expected.map((x) => x.exportName.value),
    );

    // Text format: a header line, then one tab-separated line per row; Ctrl+C in the grid copies the active row.
    await o.frame.locator('vscode-dropdown').click();
    await o.frame.locator('vscode-option:has-text("Text")').click();
    await o.frame.locator('.vgrid-body [aria-rowindex="2"]').click();
    await o.page.keyboard.press('Control+C');
    await o.page.waitForFunction(() => window.__host.copies.length === 3);
    const text = (await hostRecord<string[]>(o.page, 'copies'))[2]!.split('\n');
    assert.equal(text[0], '#\tOffset\tType\tExport name\tModule name\tImport name\tLocal name');
    const first = expected[0]!;
    assert.equal(text[1], [first.index, `0x${first.offset.toString(16)}`, 'indirect', first.exportName.value, first.moduleName.value, first.importName.value, ''].join('\t'));
  } finally {
    await o.close();
  }
});

test('arrow keys move the active row; Enter selects its bytes', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    await o.frame.click('#tab-importEntries');
    await o.frame.click('.vgrid-body [aria-rowindex="2"] [data-col="0"]');
    for (let i = 0; i < 5; i++) await o.page.keyboard.press('ArrowDown');
    const active = o.frame.locator('.vgrid-body [role="row"][aria-selected="true"]');
    assert.equal(await active.getAttribute('aria-rowindex'), '7');
    assert.equal(await o.frame.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')), '7');
    await o.page.keyboard.press('Enter');
    const entry = file.importEntries!.entries[5]!;
    assert.equal(
      await o.frame.textContent('[data-testid="selection"]'),
      `Selected 0x${entry.offset.toString(16)}–0x${(entry.offset + entry.length - 1).toString(16)} (${entry.length} bytes)`,
    );
    // End jumps to the last row, which is rendered and focused.
    await o.page.keyboard.press('End');
    const last = file.importEntries!.entries.length + 1;
    assert.equal(await o.frame.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')), String(last));
    // Tabs: arrow keys move between them.
    await o.frame.focus('#tab-importEntries');
    await o.page.keyboard.press('ArrowRight');
    assert.equal(await o.frame.getAttribute('#tab-exportEntries', 'aria-selected'), 'true');
    assert.equal(await o.frame.evaluate(() => document.activeElement?.id), 'tab-exportEntries');
    assert.equal(await o.frame.getAttribute('[role="tabpanel"]', 'aria-labelledby'), 'tab-exportEntries');
  } finally {
    await o.close();
  }
});

test('tab, filter, sort, scroll and selection survive hide/show and a rebuild of the file', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    await o.frame.click('#tab-lexicalVariables');
    await o.frame.locator('.toolbar .filter input').fill('lexical1');
    await o.frame.locator('[role="columnheader"]', { hasText: 'Name' }).locator('button').click();
    await o.frame.waitForFunction(() => document.querySelector('.count')?.textContent?.includes(' of '));
    await o.frame.locator('.vgrid').evaluate((el) => (el.scrollTop = 3000));
    await o.frame.waitForFunction(() => Number(document.querySelector('.vgrid-body [role="row"]')?.getAttribute('aria-rowindex')) > 100);
    const firstRow = await o.frame.locator('.vgrid-body [role="row"]').first().getAttribute('aria-rowindex');
    await o.frame.click('.hex [data-offset="20"]');
    await o.frame.waitForTimeout(200); // the scroll position is saved throttled

    // Hide/show: VS Code drops the page and loads it again; only getState() remains.
    await o.frame.evaluate(() => location.reload());
    const frame = o.page.frame({ name: 'webview' })!;
    await frame.waitForSelector('.vgrid-body [role="row"]');
    const check = async (f: typeof frame) => {
      assert.equal(await f.getAttribute('#tab-lexicalVariables', 'aria-selected'), 'true');
      assert.equal(await f.locator('.toolbar .filter input').inputValue(), 'lexical1');
      assert.equal(await f.locator('[role="columnheader"]', { hasText: 'Name' }).getAttribute('aria-sort'), 'ascending');
      assert.equal(await f.locator('.vgrid').evaluate((el) => el.scrollTop), 3000);
      assert.equal(await f.locator('.vgrid-body [role="row"]').first().getAttribute('aria-rowindex'), firstRow);
      assert.equal(await f.textContent('[data-testid="selection"]'), 'Selected 0x14 (1 byte)');
    };
    await check(frame);

    // A rebuild on disk: a new model (generation 2) for the same file keeps all of it.
    await o.page.evaluate(() => window.__host.rebuild());
    await frame.waitForSelector('.app[data-generation="2"]');
    await check(frame);
    assert.equal(await frame.getAttribute('.hex [data-offset="20"]', 'aria-selected'), 'true');
  } finally {
    await o.close();
  }
});
