// Screenshots of the editor at 1000×650 and 1920×1080 in VS Code's light, dark and both high-contrast themes
// (the overview, a table with a selected record and the data inspector, find), written to
// test-results/webview/ for people to look at; each also checks that the page ran without errors and that the
// layout held (the ASCII column whole, no table header cut).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openFile, type Harness } from './browser';
import { THEMES } from './themes/themes';

const ROOT = join(__dirname, '../..');
const OUT = join(ROOT, 'test-results/webview');
const SAMPLES = join(ROOT, 'samples');
const MEDIUM = 'v3-medium.bmes';

let harness: Harness;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  harness = await launch();
  harness.server.addFile(MEDIUM, join(SAMPLES, MEDIUM));
});
after(() => harness?.close());

for (const theme of THEMES) {
  for (const [width, height] of [
    [1000, 650],
    [1920, 1080],
  ] as const) {
    test(`screenshots: ${theme}, ${width}×${height}`, async () => {
      const o = await openFile(harness, MEDIUM, { width, height, theme });
      try {
        await o.frame.waitForSelector('.hex .b:not(.pending)');
        await o.page.screenshot({ path: join(OUT, `${theme}-${width}x${height}-overview.png`) });
        await o.frame.click('#tab-exportEntries');
        await o.frame.click('.vgrid-body [aria-rowindex="14"] [data-col="0"]');
        await o.frame.waitForSelector('[data-reading="u32"]');
        await o.page.screenshot({ path: join(OUT, `${theme}-${width}x${height}-exports.png`) });
        const cut = await o.frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('.vgrid-head button.sort')].filter((b) => b.scrollWidth > b.clientWidth + 0.5).length);
        assert.equal(cut, 0);
        await o.frame.click('vscode-button.find-toggle');
        await o.frame.locator('.find-input input').fill('6e 6f 64 65 ??');
        await o.frame.locator('.find-input input').press('Enter');
        await o.frame.waitForFunction(() => /of/.test(document.querySelector('[data-testid="find-status"]')?.textContent ?? ''));
        await o.page.screenshot({ path: join(OUT, `${theme}-${width}x${height}-find.png`) });
        assert.deepEqual(o.errors, []);
      } finally {
        await o.close();
      }
    });
  }
}
