// Every committed sample (valid, legacy, damaged, not BMES at all) opens in the real webview without a script
// error or CSP violation, shows the decoder's verdict and diagnostics, and survives a walk through its views.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { memorySource } from '../../extension/artifact/rangeReader';
import { modelOfArtifact } from '../../extension/host/artifactModel';
import { launch, newContext, openFile, type Harness } from './browser';

const SAMPLES = join(__dirname, '../../samples');
const names = readdirSync(SAMPLES).filter((n) => n.endsWith('.bmes'));
const dir = mkdtempSync(join(tmpdir(), 'bmes-webview-samples-'));
let harness: Harness;

before(async () => {
  harness = await launch();
  for (const name of names) harness.server.addFile(name, join(SAMPLES, name));
  writeFileSync(join(dir, 'empty.bmes'), new Uint8Array(0));
  harness.server.addFile('empty.bmes', join(dir, 'empty.bmes'));
});
after(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens one file and walks its views: verdict, problems (activating the first), every tab, the hex view's end. */
async function walk(name: string, context: import('playwright-core').BrowserContext): Promise<void> {
  const bytes = name === 'empty.bmes' ? new Uint8Array(0) : new Uint8Array(readFileSync(join(SAMPLES, name)));
  // Recognised by content, as the host does: a sample may be a bare JavaScriptCore payload, not BMES.
  const { model } = modelOfArtifact((await decodeArtifactFrom(memorySource(bytes))).artifact, null);
  const o = await openFile(harness, name, { context });
  try {
    assert.equal(await o.frame.textContent('.verdict strong'), `${model.verdict.outcome.summary}.`, name);
    await o.frame.click('#tab-problems');
    assert.equal(await o.frame.locator('.problems tbody tr.problem').count(), model.diagnostics.length, name);
    if (model.diagnostics.length > 0) await o.frame.click('.problems tbody tr.problem >> nth=0');
    const tabs = await o.frame.locator('[role="tab"]').count();
    await o.frame.click('#tab-overview');
    for (let i = 0; i < tabs; i++) await o.page.keyboard.press('ArrowRight');
    if (bytes.length > 0) {
      await o.frame.locator('.hex').evaluate((el) => (el.scrollTop = 0));
      await o.frame.click('.hex [data-offset="0"]');
      await o.page.keyboard.press('Control+End');
      await o.frame.waitForSelector(`.hex [data-offset="${bytes.length - 1}"][aria-selected="true"]`);
    }
    assert.deepEqual(o.errors, [], name);
  } finally {
    await o.close();
  }
}

test('every sample, and an empty file, opens and can be walked through without errors', async () => {
  const context = await newContext(harness);
  const queue = [...names, 'empty.bmes'];
  // Three pages at a time: most of the time goes to waiting on the browser, not to work.
  await Promise.all(
    [0, 1, 2].map(async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) await walk(name, context);
    }),
  );
  await context.close();
});
