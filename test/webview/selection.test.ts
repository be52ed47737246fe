// Structure ↔ bytes in the real webview: rows, cells and fields select exactly their bytes in the hex view,
// bytes name their record, diagnostics select their bytes and record, the host's `reveal`, go to offset, the
// data inspector, copy as hex, the deleted banner and the classic layout's embedded source.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { decodeBmes } from '../../extension/bmes';
import { decodeJscUnits } from '../../extension/bmes/jsc';
import { hostRecord, launch, openFile, type Harness } from './browser';

const SAMPLES = join(__dirname, '../../samples');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(SAMPLES, name)));
const MEDIUM = 'v3-medium.bmes';
const medium = decodeBmes(bytesOf(MEDIUM));

let harness: Harness;
before(async () => {
  harness = await launch();
  for (const name of [MEDIUM, 'corrupt-duplicate-export.bmes', 'corrupt-bytecode-misaligned.bmes', 'v3-bun-1.3.6-classic-cjs.bmes'])
    harness.server.addFile(name, join(SAMPLES, name));
});
after(() => harness?.close());

/** Offsets of the hex cells marked selected (the selection is small enough to be on screen whole). */
async function selectedOffsets(frame: Frame): Promise<number[]> {
  await frame.waitForFunction(() => document.querySelectorAll('.hex [role="gridcell"][aria-selected="true"]:not(.pending)').length > 0);
  return frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('.hex [role="gridcell"][aria-selected="true"]')].map((el) => Number(el.dataset['offset'])));
}

const range = (offset: number, length: number) => Array.from({ length }, (_, i) => offset + i);

test('selecting an export row highlights exactly its bytes and scrolls them into view', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    await o.frame.click('#tab-exportEntries');
    const index = 25;
    const entry = medium.exportEntries!.entries[index]!;
    await o.frame.click(`.vgrid-body [aria-rowindex="${index + 2}"] [data-col="0"]`);
    assert.deepEqual(await selectedOffsets(o.frame), range(entry.offset, entry.length));
    // The bytes are within the hex view's visible area.
    const visible = await o.frame.evaluate((offset) => {
      const hex = document.querySelector('.hex')!.getBoundingClientRect();
      const cell = document.querySelector(`.hex [data-offset="${offset}"]`)!.getBoundingClientRect();
      return cell.top >= hex.top && cell.bottom <= hex.bottom;
    }, entry.offset);
    assert.ok(visible);

    // A cell selects only its field: the export name's length prefix and bytes.
    await o.frame.click(`.vgrid-body [aria-rowindex="${index + 2}"] [data-col="3"]`);
    assert.deepEqual(await selectedOffsets(o.frame), range(entry.exportName.offset, entry.exportName.length));

    // Far down the table: the hex view follows.
    await o.frame.locator('.vgrid').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const lastIndex = medium.exportEntries!.entries.length - 1;
    const last = medium.exportEntries!.entries[lastIndex]!;
    await o.frame.click(`.vgrid-body [aria-rowindex="${lastIndex + 2}"] [data-col="0"]`);
    assert.deepEqual(await selectedOffsets(o.frame), range(last.offset, last.length));
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('header fields select their bytes; the data inspector reads them; copy as hex', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    await o.frame.click('table.fields tr[data-field="bytecodeOffset"]');
    assert.deepEqual(await selectedOffsets(o.frame), [8, 9, 10, 11]);
    assert.equal(await o.frame.textContent('[data-reading="u32"]'), `${medium.header.bytecodeOffset!.value} (0x${medium.header.bytecodeOffset!.value.toString(16)})`);
    assert.equal(await o.frame.textContent('[data-testid="location"]'), 'Header › Bytecode offset');
    await o.frame.click('table.fields tr[data-field="magic"]');
    assert.equal(await o.frame.textContent('[data-reading="u32"]'), '1112360275 (0x424d4553)');
    assert.equal(await o.frame.textContent('[data-reading="utf8"]'), 'SEMB');
    assert.equal(await o.frame.textContent('[data-reading="i8"]'), '83');
    await o.frame.click('vscode-button:has-text("Copy hex")');
    await o.page.waitForFunction(() => window.__host.copies.length === 1);
    assert.deepEqual(await hostRecord<string[]>(o.page, 'copies'), ['53 45 4D 42']);
    // Keyboard: the rows are a grid; Enter selects.
    await o.frame.focus('table.fields tr[data-field="magic"]');
    await o.page.keyboard.press('ArrowDown');
    await o.page.keyboard.press('Enter');
    assert.deepEqual(await selectedOffsets(o.frame), [4, 5, 6, 7]);
  } finally {
    await o.close();
  }
});

test('clicking a byte names its record and selects that row on request', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    const entry = medium.importEntries!.entries[3]!;
    await o.frame.click('vscode-button:has-text("Go to offset")');
    await o.frame.locator('.goto input').fill(String(entry.localName.dataOffset + 1));
    await o.page.keyboard.press('Enter');
    assert.deepEqual(await selectedOffsets(o.frame), [entry.localName.dataOffset + 1]);
    assert.equal(await o.frame.textContent('[data-testid="location"]'), 'Import entries › #3 › localName (text)');
    await o.frame.click('vscode-button:has-text("Select record #3")');
    assert.equal(await o.frame.getAttribute('#tab-importEntries', 'aria-selected'), 'true');
    assert.equal(await o.frame.getAttribute('.vgrid-body [role="row"][aria-selected="true"]', 'aria-rowindex'), '5');
    assert.deepEqual(await selectedOffsets(o.frame), range(entry.localName.offset, entry.localName.length));

    // Mouse: click, then shift-click extends; shift+arrow extends further.
    await o.frame.locator('.hex').evaluate((el) => (el.scrollTop = 0));
    await o.frame.click('.hex [data-offset="16"]');
    await o.frame.click('.hex [data-offset="35"]', { modifiers: ['Shift'] });
    assert.deepEqual(await selectedOffsets(o.frame), range(16, 20));
    await o.page.keyboard.press('Shift+ArrowRight');
    assert.deepEqual(await selectedOffsets(o.frame), range(16, 21));
    // The location names the selection's start, where the data inspector reads.
    assert.equal(await o.frame.textContent('[data-testid="location"]'), 'Requested modules › count');

    // Ctrl+G opens go to offset; hex input; a bad offset is refused with a message.
    await o.page.keyboard.press('Control+g');
    await o.frame.locator('.goto input').fill('0x1000000');
    await o.page.keyboard.press('Enter');
    assert.match((await o.frame.textContent('#goto-error')) ?? '', /the last offset is 0x46927/);
    await o.frame.locator('.goto input').fill('0x26928');
    await o.page.keyboard.press('Enter');
    assert.deepEqual(await selectedOffsets(o.frame), [0x26928]);
    assert.equal(await o.frame.textContent('[data-testid="location"]'), 'Bytecode › Cache version');

    // The host's reveal selects a range.
    await o.page.evaluate(() => window.__host.reveal(0x20, 3));
    assert.deepEqual(await selectedOffsets(o.frame), [0x20, 0x21, 0x22]);

    // The host's "Go to Offset…" command (VS Code's Ctrl+G) opens the same input.
    assert.equal(await o.frame.locator('.goto input').count(), 0);
    await o.page.evaluate(() => window.__host.goToOffset());
    await o.frame.locator('.goto input').fill('0x10');
    await o.page.keyboard.press('Enter');
    assert.deepEqual(await selectedOffsets(o.frame), [0x10]);
  } finally {
    await o.close();
  }
});

test('problems select their bytes and their record; marked rows and fields explain on hover', async () => {
  const dup = decodeBmes(bytesOf('corrupt-duplicate-export.bmes')).diagnostics[0]!;
  const o = await openFile(harness, 'corrupt-duplicate-export.bmes');
  try {
    await o.frame.click('#tab-problems');
    const problem = o.frame.locator('.problems tbody tr.problem').first();
    assert.match((await problem.textContent()) ?? '', /duplicate-export/);
    await problem.click();
    assert.equal(await o.frame.getAttribute('#tab-exportEntries', 'aria-selected'), 'true');
    assert.equal(await o.frame.getAttribute('.vgrid-body [role="row"][aria-selected="true"]', 'aria-rowindex'), '3');
    assert.deepEqual(await selectedOffsets(o.frame), range(dup.offset, dup.length));
    const mark = o.frame.locator('.vgrid-body [aria-rowindex="3"] .mark');
    assert.equal(await mark.getAttribute('title'), `warning duplicate-export at 0x${dup.offset.toString(16)}: ${dup.message}`);
    assert.ok(await o.frame.locator('#tab-exportEntries .mark').isVisible());
  } finally {
    await o.close();
  }

  const misaligned = decodeBmes(bytesOf('corrupt-bytecode-misaligned.bmes')).diagnostics.find((d) => d.code === 'bytecode-misaligned')!;
  const m = await openFile(harness, 'corrupt-bytecode-misaligned.bmes');
  try {
    const mark = m.frame.locator('tr[data-field="bytecodeOffset"] .mark');
    assert.match((await mark.getAttribute('title')) ?? '', new RegExp(`bytecode-misaligned at 0x8: ${misaligned.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.equal(await mark.getAttribute('role'), 'img');
    await m.frame.click('#tab-problems');
    await m.frame.focus('.problems tbody tr.problem >> nth=0');
    await m.page.keyboard.press('Enter');
    assert.equal(await m.frame.getAttribute('#tab-overview', 'aria-selected'), 'true');
    assert.equal(await m.frame.getAttribute('tr[data-field="bytecodeOffset"]', 'aria-selected'), 'true');
    assert.deepEqual(await selectedOffsets(m.frame), [8, 9, 10, 11]);
  } finally {
    await m.close();
  }
});

test('the classic layout shows its source origin and, on request, its embedded source', async () => {
  const name = 'v3-bun-1.3.6-classic-cjs.bmes';
  const file = decodeBmes(bytesOf(name));
  const text = file.jsc!.embeddedSource!;
  const expected = decodeJscUnits(bytesOf(name).subarray(text.offset, text.offset + text.length), text.latin1);
  const o = await openFile(harness, name);
  try {
    assert.match((await o.frame.textContent('tr[data-field="jsc.sourceOrigin"]')) ?? '', /file:\/\/\/mod\.js\.jsc/);
    assert.equal(await o.frame.locator('.source-text').count(), 0);
    await o.frame.click('vscode-button:has-text("Show embedded source")');
    assert.equal(await o.frame.textContent('.source-text'), expected);
    await o.frame.click('vscode-button:has-text("Select its bytes")');
    assert.deepEqual(await selectedOffsets(o.frame), range(text.offset, text.length));
    // The file is deleted on disk: a banner, and the last model stays.
    await o.page.evaluate(() => window.__host.deleted());
    assert.match((await o.frame.textContent('[role="alert"]')) ?? '', /deleted on disk/);
    assert.ok(await o.frame.locator('tr[data-field="magic"]').isVisible());
  } finally {
    await o.close();
  }
});
