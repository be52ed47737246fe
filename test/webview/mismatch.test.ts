// Mismatch badges and cards in the real webview, behind the stand-in host checking caches as the real host does
// (expected cache version, source file, expected BMES version, CacheChecks): the badge beside the value, the
// card on hover and on focus (keyboard open and close), "Regenerate cache" posting `regenerate` (or disabled with
// the host's reason), the version card of a legacy file without checks, and the `regenerated` summary banner,
// whose text (like every host string) stays inert. One browser and one context for the whole file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Frame } from 'playwright-core';
import type { CacheChecks } from '../../extension/protocol';
import { versionFacts } from '../../extension/textView/versionFacts';
import { hostRecord, launch, newContext, openFile, PAGE_SCRIPTS, pageScripts, type Harness, type Opened } from './browser';

const SAMPLES = join(__dirname, '../../samples');
const FILES = ['corrupt-jsc-version-mismatch.bmes', 'corrupt-source-mismatch.bmes', 'corrupt-source-mismatch.js', 'v1-small.bmes', 'v2-small.bmes', 'v3-small.bmes'];
const HOSTILE = '<img src=x onerror=alert(1)>';

const CHECKS: CacheChecks = {
  expectedVersion: 3,
  expectedJscVersion: 0xf1f0ed26,
  expectedJscVersionFrom: 'Bun 1.4.5 (1.4.5+a7733435c)',
  jscVersionProblem: null,
  sourcePath: 'samples/corrupt-jsc-version-mismatch.js',
  canRegenerate: true,
  regenerateDisabledReasons: [],
};
const JSC_MISMATCH = { expectedJscVersion: 0xf1f0ed26, checks: CHECKS };

let harness: Harness;
let context: BrowserContext;

before(async () => {
  harness = await launch();
  for (const name of FILES) harness.server.addFile(name, join(SAMPLES, name));
  context = await newContext(harness);
});
after(async () => {
  await context?.close();
  await harness?.close();
});

const card = (frame: Frame) => frame.locator('.mismatch-card[role="dialog"]');
const row = (frame: Frame, key: string) => frame.locator(`table.fields tr[data-field="${key}"]`);
const isFocused = (frame: Frame, selector: string) => frame.locator(selector).evaluate((el) => el === document.activeElement || el.contains(document.activeElement));

async function regenerates(o: Opened): Promise<number> {
  return hostRecord<number>(o.page, 'regenerates');
}

test('a cache built by another Bun: badge, marked row, verdict line, checks, hover card and "Regenerate cache"', async () => {
  const o = await openFile(harness, 'corrupt-jsc-version-mismatch.bmes', { context, host: JSC_MISMATCH });
  try {
    const { frame } = o;
    const field = row(frame, 'jsc.cacheVersion');
    const badge = field.locator('.mismatch-badge');
    await badge.waitFor();
    assert.equal(await badge.textContent(), 'Other Bun');
    assert.ok(await badge.isVisible());
    assert.equal(await field.getAttribute('data-mismatch'), 'jsc');
    assert.match((await field.getAttribute('class')) ?? '', /\bmismatch-error\b/);
    assert.equal(await frame.locator('.mismatch-badge').count(), 1);
    assert.equal(await frame.textContent('.mismatch-line button'), 'Stale cache: built by another Bun');
    assert.equal(await frame.textContent('.checks [data-check="Cache version"] dd'), 'expected 0xf1f0ed26, from Bun 1.4.5 (1.4.5+a7733435c); this file: 0x188ee0b9');
    assert.equal(await frame.textContent('.checks [data-check="Source file"] dd'), CHECKS.sourcePath);

    await field.locator('.mismatch-text').hover();
    await card(frame).waitFor();
    assert.equal(await card(frame).locator('.card-found').textContent(), 'Found cache version 0x188ee0b9 — expected 0xf1f0ed26 (Bun 1.4.5 (1.4.5+a7733435c))');
    assert.match((await card(frame).locator('.card-consequence').textContent()) ?? '', /^What happens: JavaScriptCore rejects this bytecode and compiles the module from source/);
    assert.equal(await badge.getAttribute('aria-expanded'), 'true');
    assert.equal(await badge.getAttribute('aria-controls'), await card(frame).getAttribute('id'));
    const box = await card(frame).boundingBox();
    assert.ok(box && box.y >= 0 && box.x >= 0 && box.y + box.height <= 900 && box.x + box.width <= 1400, JSON.stringify(box));

    // The pointer crosses to the card and presses its button.
    await card(frame).locator('vscode-button.regenerate').click();
    await o.page.waitForFunction(() => (window as unknown as { __host: { regenerates: number } }).__host.regenerates === 1);
    const posted = await hostRecord<{ type: string }[]>(o.page, 'requests');
    assert.deepEqual(
      posted.filter((m) => m.type === 'regenerate'),
      [{ type: 'regenerate' }],
    );
    await card(frame).waitFor({ state: 'detached' });
    await o.page.mouse.move(5, 5);
    await frame.waitForTimeout(350);
    assert.equal(await card(frame).count(), 0);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('the card opens and closes from the keyboard, and the verdict line opens it', async () => {
  const o = await openFile(harness, 'corrupt-jsc-version-mismatch.bmes', { context, host: JSC_MISMATCH });
  try {
    const { frame, page } = o;
    const field = row(frame, 'jsc.cacheVersion');
    const badge = field.locator('.mismatch-badge');
    await field.locator('td').first().click();
    await page.keyboard.press('Tab');
    assert.ok(await isFocused(frame, 'tr[data-field="jsc.cacheVersion"] .mismatch-badge'));
    // Focus shows the card; Escape closes it and focus stays.
    await card(frame).waitFor();
    assert.equal(await badge.getAttribute('aria-describedby'), await card(frame).locator('.card-found').getAttribute('id'));
    await page.keyboard.press('Escape');
    await card(frame).waitFor({ state: 'detached' });
    assert.ok(await isFocused(frame, 'tr[data-field="jsc.cacheVersion"] .mismatch-badge'));
    // Enter opens it and moves focus to its action; Escape closes it and returns focus to the badge.
    await page.keyboard.press('Enter');
    await card(frame).waitFor();
    await frame.waitForFunction(() => document.activeElement?.classList.contains('regenerate') === true);
    await page.keyboard.press('Escape');
    await card(frame).waitFor({ state: 'detached' });
    assert.ok(await isFocused(frame, 'tr[data-field="jsc.cacheVersion"] .mismatch-badge'));
    // Space too; Enter on the focused action regenerates.
    await page.keyboard.press(' ');
    await frame.waitForFunction(() => document.activeElement?.classList.contains('regenerate') === true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as unknown as { __host: { regenerates: number } }).__host.regenerates === 1);
    assert.equal(await card(frame).count(), 0);
    assert.ok(await isFocused(frame, 'tr[data-field="jsc.cacheVersion"] .mismatch-badge'));

    // From another tab, the verdict line shows the field and opens its card with focus inside.
    await frame.click('#tab-problems');
    await frame.click('.mismatch-line button');
    await card(frame).waitFor();
    assert.equal(await frame.getAttribute('#tab-overview', 'aria-selected'), 'true');
    assert.ok(await isFocused(frame, '.mismatch-card'));
    await page.keyboard.press('Escape');
    await card(frame).waitFor({ state: 'detached' });
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test("when regenerating cannot run here, the button is disabled and the host's reason is shown", async () => {
  const reason = 'Regenerating runs Bun or a generator command, and nothing is run in an untrusted workspace.';
  const o = await openFile(harness, 'corrupt-jsc-version-mismatch.bmes', {
    context,
    host: { ...JSC_MISMATCH, checks: { ...CHECKS, canRegenerate: false, regenerateDisabledReasons: [reason] } },
  });
  try {
    const { frame } = o;
    await row(frame, 'jsc.cacheVersion').locator('.mismatch-text').hover();
    const button = card(frame).locator('vscode-button.regenerate');
    await button.waitFor();
    // The toolkit sets `disabled` as a property and reflects it to the attribute on its next update: wait for it.
    await card(frame).locator('vscode-button.regenerate[disabled]').waitFor({ timeout: 5000 });
    assert.equal(await card(frame).locator('.regenerate-reason').textContent(), ` ${reason}`);
    await button.dispatchEvent('click');
    await frame.locator('.checks vscode-button.regenerate[disabled]').waitFor({ timeout: 5000 });
    assert.equal(await frame.locator('.checks .regenerate-reason').textContent(), ` ${reason}`);
    await frame.waitForTimeout(100);
    assert.equal(await regenerates(o), 0);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('when several things stop regenerating, every reason is shown beside the button and in its title', async () => {
  const untrusted = 'Regenerating runs Bun or a generator command, and nothing is run in an untrusted workspace.';
  const o = await openFile(harness, 'corrupt-jsc-version-mismatch.bmes', {
    context,
    host: { ...JSC_MISMATCH, checks: { ...CHECKS, canRegenerate: false, regenerateDisabledReasons: [untrusted], sourcePath: null } },
  });
  try {
    const { frame } = o;
    const button = frame.locator('.checks vscode-button.regenerate');
    await frame.locator('.checks vscode-button.regenerate[disabled]').waitFor({ timeout: 5000 });
    const reasons = frame.locator('.checks .regenerate-reasons li');
    assert.equal(await reasons.count(), 2);
    assert.equal(await reasons.nth(0).textContent(), ` ${untrusted}`);
    assert.match((await reasons.nth(1).textContent()) ?? '', /^ No source file found beside this cache/);
    const title = (await button.getAttribute('title')) ?? '';
    assert.deepEqual(title.split('\n').length, 2, title);
    assert.ok(title.startsWith(untrusted) && /No source file found/.test(title), title);
    // Screen readers hear both: the list is the button's description.
    assert.equal(await button.getAttribute('aria-describedby'), await frame.locator('.checks .regenerate-reasons').getAttribute('id'));
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('a version-1 file shows the version card without checks (no regenerate button); a version-2 file with a version mismatch', async () => {
  const v1 = await openFile(harness, 'v1-small.bmes', { context });
  try {
    const { frame } = v1;
    const badge = row(frame, 'version').locator('.mismatch-badge');
    assert.equal(await badge.textContent(), 'Old version');
    assert.equal(await frame.textContent('.mismatch-line button'), 'Old BMES version (1)');
    assert.equal(await frame.locator('.checks').count(), 0);
    await badge.hover();
    await card(frame).waitFor();
    assert.equal(await card(frame).locator('.card-found').textContent(), 'Found BMES version 1 — expected 3');
    assert.equal(await card(frame).locator('.card-consequence').textContent(), `What happens: ${versionFacts(1).bunDoes}`);
    assert.equal(await card(frame).locator('vscode-button.regenerate').count(), 0);
    assert.deepEqual(v1.errors, []);
  } finally {
    await v1.close();
  }

  const v2 = await openFile(harness, 'v2-small.bmes', { context, host: { expectedVersion: 3, checks: CHECKS } });
  try {
    const { frame } = v2;
    await row(frame, 'version').locator('.mismatch-badge').click();
    await card(frame).waitFor();
    assert.equal(await card(frame).locator('.card-found').textContent(), 'Found BMES version 2 — expected 3');
    assert.equal(await card(frame).locator('.card-details li').count(), 1, 'legacy-version, once: the host adds no version-mismatch for the fault the decoder reports');
    assert.equal(await frame.textContent('.checks [data-check="BMES version"] dd'), 'expected 3; this file: 2');
    // A click keeps it open after the pointer leaves; a click elsewhere closes it.
    await v2.page.mouse.move(5, 5);
    await frame.waitForTimeout(350);
    assert.equal(await card(frame).count(), 1);
    await frame.click('#header-heading');
    await card(frame).waitFor({ state: 'detached' });
    assert.deepEqual(v2.errors, []);
  } finally {
    await v2.close();
  }
});

test('a cache built from other source: the source-length badge and its card', async () => {
  const o = await openFile(harness, 'corrupt-source-mismatch.bmes', {
    context,
    host: { source: 'corrupt-source-mismatch.js', checks: { ...CHECKS, sourcePath: 'samples/corrupt-source-mismatch.js' } },
  });
  try {
    const { frame } = o;
    const badge = row(frame, 'jsc.sourceLength').locator('.mismatch-badge');
    assert.equal(await badge.textContent(), 'Other source');
    assert.equal(await frame.textContent('.mismatch-line button'), 'Built from other source');
    await badge.hover();
    await card(frame).waitFor();
    assert.match(
      (await card(frame).locator('.card-found').textContent()) ?? '',
      /^Found a key for source \d+ code units long — expected \d+, the length of samples\/corrupt-source-mismatch\.js$/,
    );
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('the "regenerated" summary shows in a dismissible status banner; host strings stay inert text', async () => {
  const hostileChecks: CacheChecks = { ...CHECKS, expectedJscVersionFrom: HOSTILE, sourcePath: `${HOSTILE}.js` };
  const o = await openFile(harness, 'corrupt-jsc-version-mismatch.bmes', { context, host: { expectedJscVersion: 0xf1f0ed26, checks: hostileChecks } });
  const dialogs: string[] = [];
  o.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    const { frame, page } = o;
    const summary = `Regenerated: the module record, bytecode size and cache version are unchanged.\nExports:\n  + ${HOSTILE}\n  − "<script>alert(2)</script>"\u202e`;
    await page.evaluate((s) => (window as unknown as { __host: { regenerated(s: string): void } }).__host.regenerated(s), summary);
    const banner = frame.locator('.regenerated[role="status"]');
    await banner.waitFor();
    const lines = await banner.locator('.regenerated-summary > div').allTextContents();
    assert.deepEqual(lines, [
      'Regenerated: the module record, bytecode size and cache version are unchanged.',
      'Exports:',
      `  + ${HOSTILE}`,
      '  − "<script>alert(2)</script>"\\u202e',
    ]);
    await row(frame, 'jsc.cacheVersion').locator('.mismatch-text').hover();
    await card(frame).waitFor();
    assert.equal(await card(frame).locator('.card-found').textContent(), `Found cache version 0x188ee0b9 — expected 0xf1f0ed26 (${HOSTILE})`);
    assert.equal(await frame.textContent('.checks [data-check="Source file"] dd'), `${HOSTILE}.js`);
    assert.equal(await frame.evaluate(() => document.querySelectorAll('img').length), 0);
    assert.deepEqual(await pageScripts(frame), PAGE_SCRIPTS);
    await page.mouse.move(5, 5);

    // Dismissed, it stays away after the new model; the next summary shows again; regenerating hides it.
    await banner.locator('vscode-button.dismiss').click();
    await banner.waitFor({ state: 'detached' });
    await page.evaluate(() => (window as unknown as { __host: { rebuild(): Promise<void> } }).__host.rebuild());
    await frame.waitForSelector('.app[data-generation="2"]');
    assert.equal(await banner.count(), 0);
    await page.evaluate(() => (window as unknown as { __host: { regenerated(s: string): void } }).__host.regenerated('Version: 3 (unchanged)'));
    await banner.waitFor();
    assert.deepEqual(await banner.locator('.regenerated-summary > div').allTextContents(), ['Version: 3 (unchanged)']);
    await frame.click('.checks vscode-button.regenerate');
    await banner.waitFor({ state: 'detached' });
    // The banner goes at the click; the request reaches the host by a message after it.
    await page.waitForFunction(() => (window as unknown as { __host: { regenerates: number } }).__host.regenerates >= 1);
    assert.equal(await regenerates(o), 1);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('"Regenerate cache" is primary only when it would change something, secondary otherwise, disabled with its reason beside it', async () => {
  const appearance = (frame: Frame) => frame.getAttribute('.checks vscode-button.regenerate', 'appearance');
  // A mismatch: primary.
  const bad = await openFile(harness, 'corrupt-jsc-version-mismatch.bmes', { context, host: JSC_MISMATCH });
  try {
    await bad.frame.waitForSelector('.checks vscode-button.regenerate');
    assert.equal(await appearance(bad.frame), 'primary');
  } finally {
    await bad.close();
  }
  // Everything matches and the file is sound: secondary, still enabled.
  const good = await openFile(harness, 'v3-small.bmes', { context, host: { expectedJscVersion: 0xf1f0ed26, checks: { ...CHECKS, sourcePath: 'samples/v3-small.js' } } });
  try {
    await good.frame.waitForSelector('.checks vscode-button.regenerate');
    assert.equal(await appearance(good.frame), 'secondary');
    assert.equal(await good.frame.getAttribute('.checks vscode-button.regenerate', 'disabled'), null);
  } finally {
    await good.close();
  }
  // No source beside the cache: disabled, the reason on hover and beside the button, and never primary.
  const lost = await openFile(harness, 'corrupt-jsc-version-mismatch.bmes', { context, host: { ...JSC_MISMATCH, checks: { ...CHECKS, sourcePath: null } } });
  try {
    const button = lost.frame.locator('.checks vscode-button.regenerate');
    await button.waitFor();
    await lost.frame.locator('.checks vscode-button.regenerate[disabled]').waitFor({ timeout: 5000 });
    assert.equal(await appearance(lost.frame), 'secondary');
    const reason = (await lost.frame.textContent('.checks .regenerate-reason'))?.trim() ?? '';
    assert.match(reason, /No source file found/);
    assert.equal(await button.getAttribute('title'), reason);
    await button.dispatchEvent('click');
    await lost.frame.waitForTimeout(100);
    assert.equal(await regenerates(lost), 0);
  } finally {
    await lost.close();
  }
});
