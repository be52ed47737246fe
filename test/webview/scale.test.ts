// Scale in the real webview: a 100,000-row table keeps a bounded number of row elements and reaches its last
// row; a ~50 MB file's hex view scrolls to the end and shows the right bytes, while the stand-in host serves
// only the pages asked for and the page keeps at most its cache.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { decodeBmes } from '../../extension/bmes';
import { MAX_CACHED_PAGES, PAGE_SIZE } from '../../webview/lib/byteStore';
import { hostRecord, launch, openFile, type Harness } from './browser';
import { MB, writeSynthetic } from './generate';

const ROWS = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'bmes-webview-scale-'));
let harness: Harness;
let big: Uint8Array;

before(async () => {
  harness = await launch();
  const rowsPath = join(dir, 'rows.bmes');
  writeSynthetic(rowsPath, { requests: 50, imports: 100, exports: ROWS, declared: 10, lexical: 10 }, 64 * 1024);
  harness.server.addFile('rows.bmes', rowsPath);
  const bigPath = join(dir, 'big.bmes');
  big = writeSynthetic(bigPath, { requests: 1, imports: 3, exports: 6, declared: 12, lexical: 24 }, 50 * MB);
  harness.server.addFile('big.bmes', bigPath);
});
after(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

const rowCount = (frame: import('playwright-core').Frame) => frame.locator('.vgrid-body [role="row"]').count();

test('a 100,000-row table renders a bounded number of rows and scrolls to the last one', async () => {
  const o = await openFile(harness, 'rows.bmes', { height: 900 });
  try {
    await o.frame.click('#tab-exportEntries');
    assert.equal(await o.frame.getAttribute('.count', 'data-total'), String(ROWS));
    assert.equal(await o.frame.getAttribute('.vgrid', 'aria-rowcount'), String(ROWS + 1));
    assert.ok((await rowCount(o.frame)) <= 60, `${await rowCount(o.frame)} rows in the DOM`);

    // Scroll with the scrollbar to the very end.
    await o.frame.locator('.vgrid').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = o.frame.locator(`.vgrid-body [aria-rowindex="${ROWS + 1}"]`);
    await last.waitFor();
    assert.equal(await last.locator('[data-col="3"]').textContent(), `export${ROWS - 1}`);
    assert.ok(await last.isVisible());
    assert.ok((await rowCount(o.frame)) <= 60);

    // Keyboard: Home, then End, from the focused grid.
    await o.frame.click(`.vgrid-body [aria-rowindex="${ROWS + 1}"] [data-col="0"]`);
    await o.page.keyboard.press('Home');
    await o.frame.locator('.vgrid-body [aria-rowindex="2"]').waitFor();
    await o.page.keyboard.press('End');
    assert.equal(await o.frame.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')), String(ROWS + 1));

    // Sorting and filtering 100,000 rows.
    await o.frame.locator('[role="columnheader"]', { hasText: 'Export name' }).locator('button').click();
    await o.frame.locator('.toolbar .filter input').fill('export9999');
    const matching = Array.from({ length: ROWS }, (_, i) => i).filter((i) => (i % 13 === 12 ? `reexported${i}` : `export${i}`).includes('export9999')).length;
    await o.frame.waitForFunction((n) => document.querySelector('.count')?.getAttribute('data-shown') === String(n), matching);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('the hex view of a 50 MB file scrolls to the end and shows its last bytes', async () => {
  const o = await openFile(harness, 'big.bmes');
  try {
    const size = big.length;
    assert.ok(size > 50 * MB);
    assert.equal(await o.frame.getAttribute('.hex', 'aria-rowcount'), String(Math.ceil(size / 16) + 1));
    await o.frame.waitForSelector('.hex [data-offset="0"]:not(.pending)');

    // Drag the scrollbar to the end: the last row appears with the file's last bytes.
    await o.frame.locator('.hex').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const lastRow = Math.floor((size - 1) / 16) * 16;
    await o.frame.waitForSelector(`.hex [data-offset="${size - 1}"]:not(.pending)`);
    const shown = await o.frame.evaluate(({ from, to }) => Array.from({ length: to - from }, (_, i) => document.querySelector(`.hex [data-offset="${from + i}"]`)!.textContent), {
      from: lastRow,
      to: size,
    });
    assert.deepEqual(
      shown,
      [...big.subarray(lastRow, size)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()),
    );

    // The middle, by scrollbar: the rows shown are where the scrollbar says.
    await o.frame.locator('.hex').evaluate((el) => (el.scrollTop = (el.scrollHeight - el.clientHeight) / 2));
    await o.frame.waitForFunction((half) => {
      const first = document.querySelector<HTMLElement>('.hex-body [role="gridcell"]');
      return Math.abs(Number(first?.dataset['offset']) - half) < 64 * 16 && document.querySelectorAll('.hex .b.pending').length === 0;
    }, size / 2);
    const middle = Number(await o.frame.locator('.hex-body [role="gridcell"]').first().getAttribute('data-offset'));
    assert.ok(Math.abs(middle - size / 2) < 64 * 16, `middle row at ${middle}`);

    // Keyboard: Ctrl+End selects the last byte; Ctrl+G to an offset in the bytecode.
    await o.frame.click(`.hex [data-offset="${middle + 16 * 8}"]`);
    await o.page.keyboard.press('Control+End');
    await o.frame.waitForSelector(`.hex [data-offset="${size - 1}"][aria-selected="true"]`);
    const target = 0x2000000 + 5;
    await o.page.keyboard.press('Control+g');
    await o.frame.locator('.goto input').fill(`0x${target.toString(16)}`);
    await o.page.keyboard.press('Enter');
    await o.frame.waitForSelector(`.hex [data-offset="${target}"][aria-selected="true"]:not(.pending)`);
    assert.equal(await o.frame.textContent(`.hex [data-offset="${target}"]`), big[target]!.toString(16).padStart(2, '0').toUpperCase());
    assert.equal(await o.frame.textContent('[data-reading="u8"]'), String(big[target]));

    // Only what was shown was read, and the page held no more than its cache.
    const read = await hostRecord<number>(o.page, 'bytesRead');
    assert.ok(read < 4 * MB, `the host read ${read} bytes`);
    const cached = Number(await o.frame.getAttribute('.hex', 'data-cached-pages'));
    assert.ok(cached > 0 && cached <= MAX_CACHED_PAGES, `${cached} pages cached`);
    const reads = await hostRecord<{ length: number }[]>(o.page, 'reads');
    assert.ok(reads.every((r) => r.length <= Math.max(PAGE_SIZE, 1024 * 1024)));
    // The decode read the header and metadata, not the bytecode: at most a page or two of the 50 MB.
    const file = decodeBmes(big);
    assert.equal(file.diagnostics.length, 0);
    const decodeRead = await hostRecord<number>(o.page, 'decodeBytesRead');
    assert.ok(decodeRead > (file.metadataEnd ?? 0), `the decode read ${decodeRead} bytes, less than the metadata`);
    assert.ok(decodeRead <= 2 * 64 * 1024, `the decode read ${decodeRead} bytes of ${big.length}`);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});
