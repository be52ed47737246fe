// Find in the hex view, in the real webview behind the stand-in host (which runs the extension's own search over
// ranged HTTP reads): hex with ?? wildcards and text, case, next/previous with wrap-around and the match count,
// mistakes explained, and a generated 8 MB file searched without the page ever holding it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { hostRecord, launch, openFile, type Harness } from './browser';
import { MB, writeSynthetic } from './generate';

const SAMPLES = join(__dirname, '../../samples');
const MEDIUM = 'v3-medium.bmes';
const bytes = new Uint8Array(readFileSync(join(SAMPLES, MEDIUM)));
const dir = mkdtempSync(join(tmpdir(), 'bmes-webview-find-'));
const BIG = 'big.bmes';
let big: Uint8Array;

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile(MEDIUM, join(SAMPLES, MEDIUM));
  big = writeSynthetic(join(dir, BIG), { requests: 50, imports: 200, exports: 60_000, declared: 200, lexical: 200 }, 8 * MB);
  harness.server.addFile(BIG, join(dir, BIG));
});
after(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every offset where `needle` occurs (overlapping), by the plainest scan. */
function occurrences(haystack: Uint8Array, needle: readonly (number | null)[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((b, j) => b === null || haystack[i + j] === b)) out.push(i);
  return out;
}

const status = (frame: Frame) => frame.textContent('[data-testid="find-status"]');
const selectedStart = (frame: Frame) => frame.evaluate(() => Number(document.querySelector('[data-testid="location"]')?.getAttribute('data-offset')));

async function find(frame: Frame, mode: 'Hex' | 'Text', text: string): Promise<void> {
  if (!(await frame.locator('.find').count())) await frame.click('vscode-button.find-toggle');
  await frame.locator('.find vscode-dropdown').click();
  await frame.locator(`.find vscode-option:has-text("${mode}")`).click();
  await frame.locator('.find-input input').fill(text);
  await frame.locator('.find-input input').press('Enter');
}

test('hex with ?? wildcards: count, next/previous with wrap-around, each match selected', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    // "node:" as hex with its colon wild: "6E 6F 64 65 ??".
    const expected = occurrences(bytes, [0x6e, 0x6f, 0x64, 0x65, null]);
    assert.ok(expected.length > 3);
    await find(o.frame, 'Hex', '6e 6f 64 65 ??');
    await o.frame.waitForFunction(() => /of/.test(document.querySelector('[data-testid="find-status"]')?.textContent ?? ''));
    assert.equal(await status(o.frame), `1 of ${expected.length.toLocaleString('en-US')}`);
    assert.equal(await selectedStart(o.frame), expected[0]);
    assert.equal(await o.frame.textContent('[data-testid="selection"]'), `Selected 0x${expected[0]!.toString(16)}–0x${(expected[0]! + 4).toString(16)} (5 bytes)`);
    await o.frame.locator('.find-input input').press('Enter');
    assert.equal(await status(o.frame), `2 of ${expected.length}`);
    assert.equal(await selectedStart(o.frame), expected[1]);
    await o.frame.locator('.find-input input').press('Shift+Enter');
    await o.frame.locator('.find-input input').press('Shift+Enter');
    assert.equal(await status(o.frame), `${expected.length} of ${expected.length}`);
    assert.equal(await selectedStart(o.frame), expected[expected.length - 1]);
    await o.frame.click('vscode-button.find-next');
    assert.equal(await selectedStart(o.frame), expected[0]);
    // One search: stepping does not ask the host again.
    const finds = (await hostRecord<{ type: string }[]>(o.page, 'requests')).filter((r) => r.type === 'find');
    assert.equal(finds.length, 1);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('text, with and without case; no match; a malformed hex pattern is explained; Ctrl+F and Escape', async () => {
  const o = await openFile(harness, MEDIUM);
  try {
    await o.frame.click('.hex [data-offset="0"]');
    await o.page.keyboard.press('Control+f');
    await o.frame.waitForSelector('.find-input');
    const lower = occurrences(bytes, [...new TextEncoder().encode('module')]);
    const upper = occurrences(bytes, [...new TextEncoder().encode('MODULE')]);
    const either = [...lower, ...upper].sort((x, y) => x - y);
    await find(o.frame, 'Text', 'MODULE');
    await o.frame.waitForFunction(() => /of|No matches/.test(document.querySelector('[data-testid="find-status"]')?.textContent ?? ''));
    assert.equal(await status(o.frame), `1 of ${either.length.toLocaleString('en-US')}`);
    await o.frame.click('.find-case');
    await o.frame.locator('.find-input input').press('Enter');
    await o.frame.waitForFunction(() => !/Searching/.test(document.querySelector('[data-testid="find-status"]')?.textContent ?? ''));
    assert.equal(await status(o.frame), upper.length === 0 ? 'No matches' : `1 of ${upper.length}`);
    await find(o.frame, 'Hex', '4d 4');
    assert.match((await status(o.frame)) ?? '', /two digits/);
    await o.frame.locator('.find-input input').press('Escape');
    assert.equal(await o.frame.locator('.find').count(), 0);
  } finally {
    await o.close();
  }
});

test('an 8 MB file: the host searches it in ranged reads; the page never holds the file', async () => {
  const o = await openFile(harness, BIG);
  try {
    const exports = occurrences(big.subarray(0, 4 * MB), [...new TextEncoder().encode('export59999')]);
    assert.equal(exports.length, 1);
    const decodeReads = (await hostRecord<unknown[]>(o.page, 'reads')).length;
    await find(o.frame, 'Text', 'export59999');
    await o.frame.waitForFunction(() => /of|No matches/.test(document.querySelector('[data-testid="find-status"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    assert.equal(await status(o.frame), '1 of 1');
    assert.equal(await selectedStart(o.frame), exports[0]);
    // The search read the file in chunks of 1 MiB (plus the pattern's overlap) at 1 MiB steps: the whole of it,
    // never more at once.
    const reads = (await hostRecord<{ offset: number; length: number }[]>(o.page, 'reads')).slice(decodeReads);
    const chunks = reads.filter((r) => r.offset % MB === 0 && r.length > 64 * 1024);
    assert.deepEqual(
      chunks.map((r) => r.offset),
      Array.from({ length: Math.ceil(big.length / MB) }, (_, i) => i * MB),
    );
    assert.ok(
      chunks.every((r) => r.length <= MB + 'export59999'.length - 1),
      `a read of ${Math.max(...chunks.map((r) => r.length))} bytes`,
    );
    // The webview's page cache stayed bounded: it holds pages around the match, not the file.
    const cached = Number(await o.frame.getAttribute('.hex', 'data-cached-pages'));
    assert.ok(cached * 64 * 1024 < big.length / 4, `${cached} pages cached`);
  } finally {
    await o.close();
  }
});
