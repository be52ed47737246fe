// The preview in the real webview behind the stand-in host: before the model of a file still being decoded, the
// host's preview (header and first page) shows the header fields, the first hex rows with no read of their bytes and
// the lists' first rows, says nothing is checked yet (no verdict, no Problems tab), and the model that follows replaces it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { decodeBmes } from '../../extension/bmes';
import { scratchDir } from '../support/scratch';
import { hostRecord, launch, newContext, openFile, type Harness } from './browser';
import { writeSynthetic } from './generate';

const SAMPLES = join(__dirname, '../../samples');
const MEDIUM = 'v3-medium.bmes';
const bytes = new Uint8Array(readFileSync(join(SAMPLES, MEDIUM)));
const medium = decodeBmes(bytes);
/** 20,000 exports: the first page holds the first few hundred. */
const BIG = 'exports-20k.bmes';
const bigPath = join(scratchDir('bmes-webview-preview-'), BIG);
const big = decodeBmes(writeSynthetic(bigPath, { requests: 5, imports: 10, exports: 20_000, declared: 10, lexical: 10 }, 64 * 1024));

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile(MEDIUM, join(SAMPLES, MEDIUM));
  harness.server.addFile(BIG, bigPath);
});
after(() => harness?.close());

const tabNames = (frame: Frame) => frame.$$eval('[role="tab"]', (tabs) => tabs.map((t) => (t.textContent ?? '').replace(/\d[\d,]*/g, '').trim()));
const fieldValue = (frame: Frame, key: string) => frame.textContent(`table.fields tr[data-field="${key}"] td.value`);
const byteReads = async (page: Page) => (await hostRecord<{ type: string; offset?: number }[]>(page, 'requests')).filter((r) => r.type === 'readBytes');

test('a preview shows the header and the first hex rows before the model, then the model replaces it', async () => {
  const o = await openFile(harness, MEDIUM, { manual: true });
  try {
    await o.page.waitForFunction(() => window.__host.ready);
    await o.page.evaluate(() => window.__host.preview());
    await o.frame.waitForSelector('table.fields tr[data-field="magic"] td.value');
    const hex = o.frame.locator('.hex [data-offset="0"]:not(.pending)').first();
    await hex.waitFor();
    assert.equal((await hex.textContent())?.trim(), '53');
    // The header's values, as the full decode reads them; the first page came with the preview.
    const h = medium.header;
    assert.match((await fieldValue(o.frame, 'version')) ?? '', new RegExp(`\\b${h.version!.value}\\b`));
    assert.match((await fieldValue(o.frame, 'bytecodeOffset')) ?? '', new RegExp(h.bytecodeOffset!.value.toString(16), 'i'));
    assert.deepEqual(await byteReads(o.page), [], 'no read for the first page');
    // Nothing checked yet: a progress line, not a verdict, and no Problems tab.
    assert.equal(await o.frame.locator('[data-preliminary="true"]').count(), 1);
    assert.equal(await o.frame.locator('.verdict[data-tone]').count(), 0);
    assert.equal(
      (await o.frame.textContent('section[aria-labelledby="jsc-heading"] p'))?.trim(),
      'Read once the file is decoded.',
      'not "could not be decoded" before it was tried',
    );
    // The lists' first rows are there already: those whole in the first page, marked as still being read.
    const previewTabs = await tabNames(o.frame);
    assert.equal(previewTabs[0], 'Overview');
    assert.ok(!previewTabs.includes('Problems'), previewTabs.join(', '));
    assert.ok(previewTabs.includes('Exports'), previewTabs.join(', '));
    await o.frame.locator('#tab-exportEntries').click();
    const firstExport = o.frame.locator('.vgrid-body [aria-rowindex="2"] [data-col="3"]');
    assert.equal(await firstExport.textContent(), medium.exportEntries!.entries[0]!.exportName.value);
    assert.match((await o.frame.textContent('.table-info')) ?? '', /Reading the file/);
    assert.doesNotMatch((await o.frame.textContent('.table-info')) ?? '', /cut short/, 'a preview is not damage');

    await o.page.evaluate(() => window.__host.start());
    await o.frame.waitForSelector('.verdict[data-tone]');
    assert.equal(await o.frame.locator('[data-preliminary="true"]').count(), 0);
    const names = await tabNames(o.frame);
    assert.ok(names.includes('Problems') && names.includes('Exports'), names.join(', '));
    assert.doesNotMatch((await o.frame.textContent('.table-info')) ?? '', /Reading the file/, 'the whole list now');
    assert.equal(await o.frame.locator('.count').getAttribute('data-total'), String(medium.exportEntries!.entries.length));
    assert.equal(await o.frame.locator('.hex [data-offset="0"]:not(.pending)').first().textContent(), '53');
    assert.deepEqual(await byteReads(o.page), [], 'the model of the same generation keeps the page');
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test("a big list's first rows show from the preview, counted as read so far, then the whole list", async () => {
  const o = await openFile(harness, BIG, { manual: true, state: { v: 1, ui: { tab: 'exportEntries' }, scroll: {} } });
  try {
    await o.page.waitForFunction(() => window.__host.ready);
    await o.page.evaluate(() => window.__host.preview());
    const badge = o.frame.locator('#tab-exportEntries .badge');
    await badge.waitFor();
    const shown = (await badge.textContent())?.trim() ?? '';
    assert.match(shown, /^[\d,]+…$/, 'rows so far, not a count');
    const rows = Number(shown.replace(/[,…]/g, ''));
    assert.ok(rows > 100 && rows < 20_000, `${rows} rows in the preview`);
    assert.equal(await o.frame.locator('.vgrid-body [aria-rowindex="2"] [data-col="3"]').textContent(), big.exportEntries!.entries[0]!.exportName.value);
    assert.match((await o.frame.textContent('.table-info')) ?? '', new RegExp(`the first ${rows.toLocaleString('en-US')} records so far`));

    await o.page.evaluate(() => window.__host.start());
    await o.frame.waitForSelector('.verdict[data-tone]');
    assert.equal((await badge.textContent())?.trim(), '20,000');
    assert.doesNotMatch((await o.frame.textContent('.table-info')) ?? '', /Reading the file|cut short/);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test("a small file's first hex rows come with its model (no read of their own); a later model's are read", async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    const hex = o.frame.locator('.hex [data-offset="0"]:not(.pending)').first();
    await hex.waitFor();
    assert.equal((await hex.textContent())?.trim(), '53');
    assert.equal(await o.frame.locator('[data-preliminary="true"]').count(), 0, 'no preview: the file is under a MiB');
    assert.deepEqual(
      (await byteReads(o.page)).filter((r) => r.offset === 0),
      [],
      'the first page came with the model',
    );
    // A new decode (a change on disk) sends the model alone: the view reads its first page itself.
    await o.page.evaluate(() => window.__host.rebuild());
    await o.page.waitForFunction(() => window.__host.requests.some((r) => r.type === 'readBytes' && r.offset === 0));
    await o.frame.locator('.hex [data-offset="0"]:not(.pending)').first().waitFor();
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test("the header and first hex rows paint before the toolkit's elements are loaded, and do not move when they come", async () => {
  for (const width of [1400, 900]) await toolkitAfterFirstView(width);
});

async function toolkitAfterFirstView(width: number): Promise<void> {
  const context = await newContext(harness, width, 900);
  // In the webview's page, before its scripts: notes what is on screen, and where, when the toolkit's script is added.
  await context.addInitScript(() => {
    if (!location.pathname.startsWith('/webview.html')) return;
    const w = window as unknown as { __toolkitAdded?: unknown; __boxes?: () => Record<string, number[] | null> };
    w.__boxes = () =>
      Object.fromEntries(
        ['.hex [data-offset="0"]', 'table.fields', '[role="tablist"]', '.topbar'].map((selector) => {
          const r = document.querySelector(selector)?.getBoundingClientRect();
          return [selector, r ? [r.left, r.top, r.width, r.height].map(Math.round) : null];
        }),
      );
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLScriptElement) || !node.src.includes('webviewToolkit.js') || w.__toolkitAdded) continue;
          w.__toolkitAdded = {
            hex: document.querySelector('.hex [data-offset="0"]:not(.pending)') !== null,
            header: document.querySelector('table.fields tr[data-field="magic"] td.value') !== null,
            boxes: w.__boxes!(),
          };
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const o = await openFile(harness, MEDIUM, { context });
  try {
    const added = await o.frame.evaluate(
      () => (window as unknown as { __toolkitAdded?: { hex: boolean; header: boolean; boxes: Record<string, number[] | null> } }).__toolkitAdded ?? null,
    );
    assert.ok(added, `${width} px: the toolkit was added`);
    assert.deepEqual({ hex: added.hex, header: added.header }, { hex: true, header: true }, 'the toolkit comes after the first view');
    await o.frame.locator('vscode-button').first().waitFor({ state: 'visible' });
    assert.ok(await o.frame.evaluate(() => [...document.querySelectorAll('vscode-button')].every((b) => b.shadowRoot !== null)), 'every button upgraded');
    // The buttons were laid out in the toolkit's boxes before they were defined: nothing moved.
    const now = await o.frame.evaluate(() => (window as unknown as { __boxes: () => Record<string, number[] | null> }).__boxes());
    assert.ok(
      Object.values(now).every((box) => box !== null),
      JSON.stringify(now),
    );
    assert.deepEqual(now, added.boxes, `${width} px`);
    assert.deepEqual(o.errors, []);
  } finally {
    await context.close();
  }
}

test("if the toolkit's script cannot load, its buttons are shown as they are and still work", async () => {
  const context = await newContext(harness);
  await context.route('**/webviewToolkit.js', (route) => route.abort());
  const o = await openFile(harness, MEDIUM, { context, toolkit: false });
  try {
    await o.frame.waitForSelector('html[data-toolkit="missing"]', { state: 'attached' });
    assert.equal(await o.frame.evaluate(() => customElements.get('vscode-button')), undefined);
    const find = o.frame.locator('vscode-button.find-toggle');
    await find.waitFor({ state: 'visible' });
    assert.match((await find.textContent()) ?? '', /Find/);
    await find.click();
    await o.frame.locator('.find').waitFor();
    assert.ok(
      o.errors.every((e) => /webviewToolkit\.js|Failed to load resource/.test(e)),
      o.errors.join('\n'),
    );
  } finally {
    await context.close();
  }
});
