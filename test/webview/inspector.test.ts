// The data inspector in the real webview: every value whole (at a small editor size, in VS Code's fonts), either
// byte order, binary/f16/LEB128, one offset for the selection (the location and the readings name the same
// byte), a bounded and escaped UTF-8 row, and copying a value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { decodeBmes } from '../../extension/bmes';
import { hostRecord, launch, openFile, type Harness } from './browser';

const SAMPLES = join(__dirname, '../../samples');
const MEDIUM = 'v3-medium.bmes';
const bytes = new Uint8Array(readFileSync(join(SAMPLES, MEDIUM)));
const medium = decodeBmes(bytes);
const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile(MEDIUM, join(SAMPLES, MEDIUM));
});
after(() => harness?.close());

const reading = (frame: Frame, label: string) => frame.textContent(`[data-reading="${label}"]`);

/** Readings whose text does not fit their box (cut off or ending in an ellipsis). */
const cutReadings = (frame: Frame) =>
  frame.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.readings [data-reading]')]
      .filter((dd) => dd.scrollWidth > dd.clientWidth + 0.5 || getComputedStyle(dd).textOverflow === 'ellipsis' || (dd.textContent ?? '').endsWith('…'))
      .map((dd) => `${dd.dataset['reading']}: ${dd.textContent}`),
  );

for (const [width, height] of [
  [1000, 650],
  [1920, 1080],
] as const) {
  test(`${width}×${height}: every reading shows in full, in either byte order`, async () => {
    const o = await openFile(harness, MEDIUM, { width, height, theme: 'dark' });
    try {
      // The bytecode's first bytes: a u64 and f64 with many digits.
      await o.frame.click('vscode-button:has-text("Go to offset")');
      await o.frame.locator('.goto input').fill(String(medium.bytecode!.offset));
      await o.page.keyboard.press('Enter');
      await o.frame.waitForSelector('[data-reading="u64"]');
      const at = medium.bytecode!.offset;
      assert.equal(await reading(o.frame, 'u64'), view.getBigUint64(at, true).toString());
      assert.equal(await reading(o.frame, 'u32'), `${view.getUint32(at, true)} (0x${view.getUint32(at, true).toString(16)})`);
      assert.deepEqual(await cutReadings(o.frame), []);
      await o.frame.click('.byte-order [role="radio"]:has-text("Big-endian")');
      assert.equal(await o.frame.getAttribute('.byte-order [role="radio"]:has-text("Big-endian")', 'aria-checked'), 'true');
      assert.equal(await reading(o.frame, 'u64'), view.getBigUint64(at, false).toString());
      assert.equal(await reading(o.frame, 'f64'), String(view.getFloat64(at, false)));
      assert.equal(await reading(o.frame, 'u8'), String(bytes[at]));
      assert.equal(await reading(o.frame, 'binary'), bytes[at]!.toString(2).padStart(8, '0'));
      assert.deepEqual(await cutReadings(o.frame), []);
      assert.deepEqual(o.errors, []);
    } finally {
      await o.close();
    }
  });
}

test('one offset: the location and the readings are at the selection start; a value copies on click', async () => {
  const o = await openFile(harness, MEDIUM, { theme: 'light' });
  try {
    // A record selects [start, end] with the caret at its end; both name its start.
    const entry = medium.requestedModules!.entries[3]!;
    await o.frame.click('#tab-requestedModules');
    await o.frame.click(`.vgrid-body [aria-rowindex="5"] [data-col="0"]`);
    await o.frame.waitForSelector(`[data-testid="location"][data-offset="${entry.offset}"]`);
    assert.equal(await o.frame.textContent('[data-testid="location"]'), 'Requested modules › #3 › specifier (length)');
    assert.equal(await reading(o.frame, 'u32'), `${entry.specifier.value.length} (0x${entry.specifier.value.length.toString(16)})`);
    assert.equal(
      await o.frame.textContent('[data-testid="selection"]'),
      `Selected 0x${entry.offset.toString(16)}–0x${(entry.offset + entry.length - 1).toString(16)} (${entry.length} bytes)`,
    );
    // No second offset beside the location, nor above the readings.
    assert.doesNotMatch((await o.frame.textContent('.location')) ?? '', /0x[0-9a-f]+/);
    assert.doesNotMatch((await o.frame.textContent('.inspector-head')) ?? '', /0x[0-9a-f]+/);
    await o.frame.click('[data-reading="u32"] button');
    await o.page.waitForFunction(() => window.__host.copies.length === 1);
    assert.deepEqual(await hostRecord<string[]>(o.page, 'copies'), [`${entry.specifier.value.length} (0x${entry.specifier.value.length.toString(16)})`]);
  } finally {
    await o.close();
  }
});

test('the UTF-8 row escapes control characters and is bounded for a large selection; LEB128 reads the varint', async () => {
  const o = await openFile(harness, MEDIUM, { width: 1400, height: 900, theme: 'hc-dark' });
  try {
    // The header: "SEMB", then the version 3 as 03 00 00 00.
    await o.frame.click('table.fields tr[data-field="version"]');
    await o.frame.waitForSelector('[data-reading="utf8"]');
    assert.equal(await reading(o.frame, 'utf8'), '\\u0003\\u0000\\u0000\\u0000');
    assert.equal(await reading(o.frame, 'ULEB128'), '3 (1 byte)');
    assert.equal(await reading(o.frame, 'SLEB128'), '3 (1 byte)');
    // The whole metadata: only its first bytes are decoded, and the row says so.
    await o.frame.click('table.fields tr[data-field="metadata"]');
    await o.frame.waitForSelector('[data-testid="utf8-limit"]');
    const text = (await reading(o.frame, 'utf8')) ?? '';
    assert.ok(text.length > 0 && text.length <= 256 * 6, `${text.length} characters`);
    assert.match((await o.frame.textContent('[data-testid="utf8-limit"]')) ?? '', /first 256 of 157,970 bytes/);
    const box = await o.frame.locator('[data-reading="utf8"]').boundingBox();
    assert.ok(box && box.height <= 120, `the UTF-8 row is ${box?.height}px tall`);
  } finally {
    await o.close();
  }
});
