/**
 * Debian's Chromium through playwright-core, and helpers to open a file in the webview behind the stand-in
 * host. Run scripts/ensure-chromium.sh first (npm's pretest:webview does).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium';
import { startServer, type TestServer } from './server';
import type { StandInConfig } from './standInHost';
import type { ThemeId } from './themes/themes';

export { CHROMIUM };

const ARGS = ['--headless', ...CHROMIUM_ARGS];

export interface Harness {
  readonly browser: Browser;
  readonly server: TestServer;
  close(): Promise<void>;
}

/** One browser (with its own temporary profile) and one server, for a whole test file. */
export async function launch(dist?: string): Promise<Harness> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
  const server = await startServer(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

export interface Opened {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The webview's frame (the page under test). */
  readonly frame: Frame;
  /** Console errors and CSP violations reported while the page ran. */
  readonly errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The webview state to start from (what VS Code's getState would return). */
  readonly state?: unknown;
  /** Wait for `__host.start()` before decoding (the bench times the decode itself). */
  readonly manual?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** Open in this context (its HTTP and code caches warm) instead of a fresh one; each page still starts clean. */
  readonly context?: BrowserContext;
  /** Render in this VS Code theme (its captured variables and classes); absent: the stylesheet's fallbacks. */
  readonly theme?: ThemeId;
  /** What the stand-in host checks the cache against (standInHost.ts `StandInConfig`): checks, expectations, source. */
  readonly host?: StandInConfig;
  /** Wait for the toolkit's elements (default); false where the test keeps them from loading. */
  readonly toolkit?: boolean;
}

export async function newContext(harness: Harness, width = 1400, height = 900): Promise<BrowserContext> {
  const context = await harness.browser.newContext({ viewport: { width, height } });
  // tsx compiles these tests with esbuild's keepNames, which wraps named functions passed to page.evaluate in
  // a `__name` helper that does not exist in the page.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}

/** Opens `name` (registered with the server) in a fresh browser context; resolves once the webview is up. */
export async function openFile(harness: Harness, name: string, options: OpenOptions = {}): Promise<Opened> {
  const shared = options.context;
  const context = shared ?? (await newContext(harness, options.width, options.height));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const query = new URLSearchParams({ file: name });
  if (options.manual) query.set('manual', '1');
  if (options.state !== undefined) query.set('state', JSON.stringify(options.state));
  if (options.host !== undefined) query.set('config', JSON.stringify(options.host));
  if (options.theme !== undefined) query.set('theme', options.theme);
  await page.goto(`${harness.server.origin}/?${query}`);
  const frame = await webviewFrame(page);
  if (!options.manual) {
    await frame.waitForSelector('.topbar, [role="alert"]');
    // The toolkit's buttons and fields come a frame after the first view (webview/toolkit.ts): tests look at the settled page.
    if (options.toolkit !== false) await frame.waitForFunction(() => customElements.get('vscode-button') !== undefined);
  }
  return { context, page, frame, errors, close: () => (shared ? page.close() : context.close()) };
}

export async function webviewFrame(page: Page): Promise<Frame> {
  const element = await page.waitForSelector('iframe#webview');
  const frame = await element.contentFrame();
  if (!frame) throw new Error('the webview frame did not load');
  await frame.waitForLoadState('load');
  return frame;
}

/** The stand-in host's record, read from the outer page. */
export async function hostRecord<T>(page: Page, pick: string): Promise<T> {
  return page.evaluate((expr) => {
    const host = (window as unknown as { __host: Record<string, unknown> }).__host;
    return expr.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], host);
  }, pick) as Promise<T>;
}

/**
 * Epoch milliseconds (performance.timeOrigin + now, as the stand-in host stamps its events) of the frame after
 * `selector` first matched in the webview: the frame that shows it. Rejects if the page closes first (callers
 * attach a catch and await it later).
 */
export function paintedAt(frame: Frame, selector: string): Promise<number> {
  const painted = frame.evaluate(
    (sel) =>
      new Promise<number>((resolve) => {
        const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now())));
        if (document.querySelector(sel)) return done();
        const observer = new MutationObserver(() => {
          if (!document.querySelector(sel)) return;
          observer.disconnect();
          done();
        });
        observer.observe(document.body, { childList: true, subtree: true });
      }),
    selector,
  );
  painted.catch(() => undefined); // awaited by the caller; never an unhandled rejection meanwhile
  return painted;
}

/** The page's scripts, by file name ("inline" for one without a source), sorted: the webview's own, and nothing from a file. */
export async function pageScripts(frame: Frame): Promise<string[]> {
  const names = await frame.evaluate(() => [...document.querySelectorAll('script')].map((s) => (s.src ? s.src.slice(s.src.lastIndexOf('/') + 1) : 'inline')));
  return names.sort();
}

/** What pageScripts gives for the webview's page in the stand-in host: its acquireVsCodeApi stand-in, the bundle, the toolkit's. */
export const PAGE_SCRIPTS = ['inline', 'webview.js', 'webviewToolkit.js'];
