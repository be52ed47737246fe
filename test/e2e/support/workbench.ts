/** Driving the VS Code workbench in Debian's Chromium through playwright-core. */
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';
import type { CodeServer } from './codeServer';
import { CHROMIUM, CHROMIUM_ARGS } from '../../support/chromium';
import { RESULTS } from './paths';
import { waitFor } from './wait';

export interface Workbench {
  readonly page: Page;
  close(): Promise<void>;
}

/** Opens the workbench on 127.0.0.1 (webviews need a secure context) and waits until it can take input. */
export async function openWorkbench(server: CodeServer): Promise<Workbench> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    env: { ...server.env, HOME: server.scratch },
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    return { page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Gives the keyboard back to the workbench: a focused webview iframe would take the key presses. */
async function focusWorkbench(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/**
 * Opens a quick input (Ctrl+P or F1), types, clicks the entry showing `entry`, and waits for `done`.
 * An editor that is still opening can take the focus back and close the widget under the test, so an attempt
 * that does not reach `done` is retried.
 */
async function pick(page: Page, key: string, text: string, entry: string, done: () => Promise<unknown>): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: entry }).first();
  await waitFor(
    `"${entry}" picked from the quick input`,
    60_000,
    async () => {
      await focusWorkbench(page);
      await page.keyboard.press(key);
      try {
        await input.waitFor({ timeout: 3000 });
        await input.fill(text, { timeout: 3000 });
        // File search can take seconds at startup; a widget that closes meanwhile lost its focus: retry at once.
        const closed = widget.waitFor({ state: 'hidden', timeout: 20_000 }).then(() => Promise.reject(new Error('the quick input closed')));
        closed.catch(() => undefined); // marks it handled; the race still sees the rejection
        await Promise.race([row.waitFor({ timeout: 20_000 }), closed]);
        await row.click({ timeout: 3000 });
        await done();
        return true;
      } catch (error) {
        console.log(`# quick input: retrying "${entry}": ${String(error).split('\n')[0]}`);
        await page.keyboard.press('Escape');
        return false;
      }
    },
    0,
  );
}

/** Quick Open (Ctrl+P) on a file name; returns once its tab is the active one. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  const activeTab = page.locator('.tabs-container .tab.active', { hasText: fileName });
  await pick(page, 'Control+P', fileName, fileName, () => activeTab.waitFor({ timeout: 5000 }));
  // The new editor takes the focus once it has loaded; let it, so that the next key press is not lost to it.
  await page
    .waitForFunction(() => document.activeElement !== document.body && !document.activeElement?.closest('.quick-input-widget'), undefined, { timeout: 5000 })
    .catch(() => undefined);
}

/**
 * Runs a command from the palette (F1) by its title as the palette shows it, e.g. "BMES: Open in Inspector".
 * `done` says when the command has taken over; by default, when the palette has closed (a command that asks
 * something in the quick input passes its own).
 */
export async function runCommand(page: Page, title: string, done?: () => Promise<unknown>): Promise<void> {
  await pick(page, 'F1', `>${title}`, title, done ?? (() => page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5000 })));
}

/**
 * The extension's page inside the visible custom-editor webview: the outer frame is `iframe.webview.ready`,
 * the extension's HTML is in its `iframe#active-frame`.
 */
export function activeWebview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().locator('iframe#active-frame').contentFrame();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `${name}.png`) });
}

/** A notification toast showing `text`. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator('.notifications-toasts .notification-toast', { hasText: text });
}

/** Dismisses every notification, so that the next scenario sees only its own. */
export async function clearNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Hovers the word `word` on the first line of the active text editor that matches `line`, and returns the hover
 * once it shows `text`. Only a hover showing `text` counts: a tab's tooltip (a workbench hover, which appears where
 * the last click left the mouse) is a `.monaco-hover` too, and must not be taken for the editor's.
 */
export async function hoverWord(page: Page, line: string | RegExp, word: string, text: string): Promise<Locator> {
  const row = page.locator('.editor-instance .monaco-editor .view-line', { hasText: line }).first();
  await row.waitFor();
  const token = row.locator('span > span', { hasText: word }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: text }).first();
  const shown = async () => (await page.locator('.monaco-hover:not(.hidden)').allTextContents()).map((t) => JSON.stringify(t.slice(0, 200))).join(', ') || 'none';
  try {
    await waitFor(
      `a hover on "${word}" showing "${text}"`,
      30_000,
      async () => {
        await page.mouse.move(0, 0);
        await token.hover();
        return hover.waitFor({ timeout: 3000 }).then(
          () => true,
          () => false,
        );
      },
      0,
    );
  } catch (error) {
    throw new Error(`${String(error)}; hovers shown: ${await shown()}`, { cause: error });
  }
  return hover;
}
