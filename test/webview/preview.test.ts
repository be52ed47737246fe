// The preview in the real webview behind the stand-in host: before the model of a file still being decoded, the
// host's preview (header and first page) shows the header fields and the first hex rows with no read of their
// bytes, says nothing is checked yet (no verdict, no Problems tab), and the model that follows replaces it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { decodeBmes } from '../../extension/bmes';
import { hostRecord, launch, openFile, type Harness } from './browser';

const SAMPLES = join(__dirname, '../../samples');
const MEDIUM = 'v3-medium.bmes';
const bytes = new Uint8Array(readFileSync(join(SAMPLES, MEDIUM)));
const medium = decodeBmes(bytes);

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile(MEDIUM, join(SAMPLES, MEDIUM));
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
    assert.deepEqual(await tabNames(o.frame), ['Overview']);

    await o.page.evaluate(() => window.__host.start());
    await o.frame.waitForSelector('.verdict[data-tone]');
    assert.equal(await o.frame.locator('[data-preliminary="true"]').count(), 0);
    const names = await tabNames(o.frame);
    assert.ok(names.includes('Problems') && names.includes('Exports'), names.join(', '));
    assert.equal(await o.frame.locator('.hex [data-offset="0"]:not(.pending)').first().textContent(), '53');
    assert.deepEqual(await byteReads(o.page), [], 'the model of the same generation keeps the page');
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});
