// Security of the webview in a real browser: file-derived strings stay inert text, and the page's CSP (the one
// extension/editor/webviewHtml.ts ships) blocks inline script, inline handlers and un-nonced styles while the
// webview itself runs without a single violation; it can neither fetch nor connect, nor load images from elsewhere
// nor frames.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { encodeBmes, EMPTY_RECORD } from '../../extension/bmes';
import { syntheticCompactBytecode } from '../../scripts/samples/synthetic';
import { launch, openFile, PAGE_SCRIPTS, pageScripts, type Harness } from './browser';

const HOSTILE = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const SVG = '"><svg onload=alert(3)>';
const NAME = '<img src=x onerror=alert(4)>.bmes';

const template = new Uint8Array(readFileSync(join(__dirname, '../fixtures/jsc/bun-1.4.4-esm/module.bytecode')));
const dir = mkdtempSync(join(tmpdir(), 'bmes-webview-security-'));
let harness: Harness;

before(async () => {
  harness = await launch();
  const bytes = encodeBmes(
    {
      ...EMPTY_RECORD,
      requestedModules: [{ specifier: HOSTILE, attributes: [{ key: 'type', value: SCRIPT }] }],
      importEntries: [{ type: 0, moduleRequest: HOSTILE, importName: SCRIPT, localName: SVG }],
      exportEntries: [{ type: 1, exportName: SVG, moduleName: HOSTILE, importName: SCRIPT, localName: '' }],
      starExports: [HOSTILE],
      declaredVariables: [{ name: SCRIPT, bits: 0x14 }],
      lexicalVariables: [{ name: `${SVG}\u202e\u001b[31m`, bits: 0x2 }],
    },
    syntheticCompactBytecode(template, 4096),
  );
  const path = join(dir, 'hostile.bmes');
  writeFileSync(path, bytes);
  harness.server.addFile(NAME, path);
  harness.server.addFile('hostile.bmes', path);
});
after(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('hostile strings from the file (and its name) render as inert text', async () => {
  const o = await openFile(harness, NAME);
  const dialogs: string[] = [];
  o.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  try {
    assert.equal(await o.frame.textContent('.topbar h1'), NAME);
    for (const id of ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables']) {
      await o.frame.click(`#tab-${id}`);
      await o.frame.waitForSelector('.vgrid-body [role="row"]');
    }
    await o.frame.click('#tab-requestedModules');
    const cell = o.frame.locator('.vgrid-body [aria-rowindex="2"] [data-col="2"]');
    assert.equal(await cell.textContent(), HOSTILE);
    assert.equal(await cell.getAttribute('title'), HOSTILE);
    assert.ok(await cell.isVisible());
    await o.frame.click('#tab-lexicalVariables');
    // Control and bidi-override characters are shown as escapes, never applied.
    assert.equal(await o.frame.textContent('.vgrid-body [aria-rowindex="2"] [data-col="2"]'), `${SVG}\\u202e\\u001b[31m`);
    await o.frame.click('#tab-exportEntries');
    await o.frame.click('.vgrid-body [aria-rowindex="2"] [data-col="3"]');
    await o.frame.waitForTimeout(300);

    const counts = await o.frame.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      svg: document.querySelectorAll('svg').length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    }));
    assert.deepEqual(counts, { img: 0, svg: 0, handlers: 0 });
    assert.deepEqual(await pageScripts(o.frame), PAGE_SCRIPTS);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('the CSP blocks injected inline script, inline handlers and un-nonced styles', async () => {
  const o = await openFile(harness, 'hostile.bmes');
  try {
    const result = await o.frame.evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.appendChild(script);
      const button = document.createElement('button');
      button.setAttribute('onclick', 'window.__handlerRan = true');
      document.body.appendChild(button);
      button.click();
      const style = document.createElement('style');
      style.textContent = 'body { color: rgb(1, 2, 3) !important; }';
      document.head.appendChild(style);
      const external = document.createElement('script');
      external.src = 'data:text/javascript,window.__dataRan=true';
      document.body.appendChild(external);
      await new Promise((r) => setTimeout(r, 200));
      return {
        inline: w['__inlineRan'] === true,
        handler: w['__handlerRan'] === true,
        data: w['__dataRan'] === true,
        styled: getComputedStyle(document.body).color === 'rgb(1, 2, 3)',
        violations: [...new Set(violations)].sort(),
      };
    });
    assert.deepEqual(result, { inline: false, handler: false, data: false, styled: false, violations: ['script-src-attr', 'script-src-elem', 'style-src-elem'] });
  } finally {
    await o.close();
  }
});

test('the CSP blocks fetch and connections, images from elsewhere and frames', async () => {
  const o = await openFile(harness, 'hostile.bmes');
  try {
    // Only addresses on this machine: blocked before any request is made. The server's own origin too: the page's
    // data arrives as messages, never by fetching.
    const result = await o.frame.evaluate(async (origin) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const outcome = async (attempt: () => Promise<unknown>) => {
        try {
          await attempt();
          return 'allowed';
        } catch {
          return 'blocked';
        }
      };
      const fetched = await outcome(() => fetch(`${origin}/files/hostile.bmes`));
      const elsewhere = await outcome(() => fetch('http://127.0.0.1:9/x'));
      const socket = await new Promise<string>((resolve) => {
        try {
          const ws = new WebSocket('ws://127.0.0.1:9/');
          ws.onopen = () => resolve('allowed');
          ws.onerror = () => resolve('blocked');
        } catch {
          resolve('blocked');
        }
      });
      const image = await new Promise<string>((resolve) => {
        const img = document.createElement('img');
        img.onload = () => resolve('allowed');
        img.onerror = () => resolve('blocked');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
        document.body.appendChild(img);
      });
      const frame = document.createElement('iframe');
      frame.src = `${origin}/`;
      document.body.appendChild(frame);
      await new Promise((r) => setTimeout(r, 300));
      let framed: string;
      try {
        framed = frame.contentWindow?.location.href && frame.contentWindow.location.href !== 'about:blank' ? 'allowed' : 'blocked';
      } catch {
        framed = 'blocked';
      }
      return { fetched, elsewhere, socket, image, framed, violations: [...new Set(violations)].sort() };
    }, harness.server.origin);
    assert.deepEqual(result, {
      fetched: 'blocked',
      elsewhere: 'blocked',
      socket: 'blocked',
      image: 'blocked',
      framed: 'blocked',
      violations: ['connect-src', 'frame-src', 'img-src'],
    });
  } finally {
    await o.close();
  }
});

test('the webview itself runs without CSP violations and with its stylesheet applied', async () => {
  const o = await openFile(harness, 'hostile.bmes');
  try {
    // Exercise the toolkit components and every view.
    for (const id of ['exportEntries', 'declaredVariables', 'problems', 'overview']) await o.frame.click(`#tab-${id}`);
    await o.frame.click('vscode-button:has-text("Go to offset")');
    await o.frame.locator('.goto input').fill('0x10');
    await o.page.keyboard.press('Enter');
    await o.frame.waitForSelector('.hex [data-offset="16"][aria-selected="true"]');
    assert.equal(await o.frame.locator('.app').evaluate((el) => getComputedStyle(el).display), 'flex');
    assert.equal(await o.frame.evaluate(() => [...document.querySelectorAll('style')].filter((s) => !s.nonce).length), 0);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});
