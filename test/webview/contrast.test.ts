// Region colours are readable text (WCAG AA, 4.5:1) in VS Code's light, dark and both high-contrast themes: the
// test computes, in the page, the contrast of every coloured hex byte, ASCII run and legend entry against the
// background it is painted on (with VS Code's real theme variables, captured in ./themes/). It computes the ratio
// itself, from the WCAG definition, rather than trusting the webview's own arithmetic.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import type { CacheChecks } from '../../extension/protocol';
import { launch, newContext, openFile, type Harness } from './browser';
import { THEMES } from './themes/themes';
import { hostChecks } from '../support/checks';

const SAMPLES = join(__dirname, '../../samples');
/** Between them, every region kind: records of each list, code features, padding, gap, trailing, v1's size, undecoded bytes. */
const FILES = ['v3-medium.bmes', 'corrupt-gap-before-bytecode.bmes', 'corrupt-trailing-bytes.bmes', 'v1-small.bmes', 'corrupt-truncated-metadata.bmes'];
/** A file and the host's checks for each tone of the verdict banner: red, amber, blue (not everything checked), green. */
const CHECKS: CacheChecks = hostChecks({ sourcePath: 'v3-bun-1.4.4-esm.js' });
const ALL_CHECKED = { checks: CHECKS, expectedJscVersion: 0xf1f0ed26, source: 'v3-bun-1.4.4-esm.js', expectedVersion: 3 };
const TONES = [
  { tone: 'error', name: 'v1-small.bmes', host: ALL_CHECKED },
  { tone: 'warning', name: 'corrupt-trailing-bytes.bmes', host: ALL_CHECKED },
  { tone: 'unchecked', name: 'v3-bun-1.4.4-esm.bmes', host: { expectedVersion: 3 } },
  { tone: 'pass', name: 'v3-bun-1.4.4-esm.bmes', host: ALL_CHECKED },
] as const;

let harness: Harness;
before(async () => {
  harness = await launch();
  for (const name of [...FILES, 'v3-bun-1.4.4-esm.bmes', 'v3-bun-1.4.4-esm.js']) harness.server.addFile(name, join(SAMPLES, name));
});
after(() => harness?.close());

interface Low {
  readonly what: string;
  readonly ratio: number;
}

/**
 * 'regions': every region-coloured text on screen whose contrast is below 4.5, and how many were measured, per kind.
 * 'verdict': every text of the verdict banner (the outcome, the reason, the status line or its link) and of the mismatch
 * line under it below 4.5; kinds counts the elements measured by tag and class.
 */
function measure(frame: Frame, scope: 'regions' | 'verdict' | 'notes' = 'regions'): Promise<{ low: Low[]; kinds: Record<string, number> }> {
  return frame.evaluate((scope) => {
    const parse = (s: string): number[] => {
      const m = /rgba?\(([^)]+)\)/.exec(s);
      if (!m) throw new Error(`colour ${s}`);
      const p = m[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const over = (fg: number[], bg: number[]) => [0, 1, 2].map((i) => fg[i]! * fg[3]! + bg[i]! * (1 - fg[3]!));
    const lum = (c: number[]) =>
      [0.2126, 0.7152, 0.0722].reduce((sum, w, i) => {
        const s = c[i]! / 255;
        return sum + w * (s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4);
      }, 0);
    const ratio = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    /** The opaque colour behind an element: its own and its ancestors' backgrounds, composited bottom-up. */
    const backdrop = (el: Element): number[] => {
      const layers: number[][] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3]! > 0) layers.push(c);
        if (c[3] === 1) break;
      }
      let bg = [255, 255, 255];
      for (const layer of layers.reverse()) bg = over(layer, bg);
      return bg;
    };
    const low: { what: string; ratio: number }[] = [];
    const kinds: Record<string, number> = {};
    if (scope !== 'regions') {
      // The verdict banner and the mismatch line under it ("Old BMES version (1)"), when there is one; or the
      // notes in a severity's colour. Icons are VS Code's own severity colours, as in its Problems panel, and
      // their meaning is also in the text.
      const banners = [...document.querySelectorAll(scope === 'verdict' ? '.verdict, .mismatch-line' : '.warning-text, .error-text')];
      const texts = banners.flatMap((banner) =>
        [banner, ...banner.querySelectorAll<HTMLElement>('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '')),
      );
      for (const el of texts) {
        const bg = backdrop(el);
        const value = ratio(over(parse(getComputedStyle(el).color), bg), bg);
        const kind = `${el.tagName.toLowerCase()}${el.className ? '.' + el.className.split(' ')[0] : ''}${el.closest('.mismatch-line') ? ' (mismatch line)' : ''}`;
        kinds[kind] = (kinds[kind] ?? 0) + 1;
        if (value < 4.5) low.push({ what: `${kind} "${(el.textContent ?? '').slice(0, 24)}"`, ratio: Math.round(value * 100) / 100 });
      }
      return { low, kinds };
    }
    const hex = document.querySelector('.hex')!.getBoundingClientRect();
    const items = [...document.querySelectorAll<HTMLElement>('.hex .b, .hex .hex-ascii > span, .legend-item')];
    for (const el of items) {
      const kind = [...el.classList].find((c) => c.startsWith('r-'));
      if (!kind || kind === 'r-none' || el.classList.contains('pending') || el.classList.contains('sel') || !el.textContent?.trim()) continue;
      const r = el.getBoundingClientRect();
      if (!el.classList.contains('legend-item') && (r.bottom <= hex.top || r.top >= hex.bottom)) continue;
      const bg = backdrop(el);
      const value = ratio(over(parse(getComputedStyle(el).color), bg), bg);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (value < 4.5) low.push({ what: `${kind} "${el.textContent.slice(0, 16)}"`, ratio: Math.round(value * 100) / 100 });
    }
    return { low, kinds };
  }, scope);
}

for (const theme of THEMES) {
  test(`${theme}: every region colour reads at WCAG AA contrast (4.5:1) in the hex view and its legend`, async () => {
    const context = await newContext(harness, 1400, 900);
    const kinds = new Set<string>();
    try {
      for (const name of FILES) {
        const o = await openFile(harness, name, { context, theme });
        try {
          await o.frame.waitForSelector('.hex .b:not(.pending)');
          // Walk the file region by region (the legend selects each one's bytes, which scrolls them into view),
          // then clear the selection so that no byte is measured on the selection colour.
          const legend = await o.frame.locator('.legend-item').count();
          const low: Low[] = [];
          for (let i = 0; i < legend; i++) {
            await o.frame.locator('.legend-item').nth(i).click();
            await o.frame.waitForSelector('.hex .b:not(.pending)');
            const seen = await measure(o.frame);
            low.push(...seen.low);
            for (const k of Object.keys(seen.kinds)) kinds.add(k);
          }
          assert.deepEqual(low, [], `${theme}, ${name}`);
          assert.deepEqual(o.errors, []);
        } finally {
          await o.close();
        }
      }
      for (const kind of [
        'header',
        'requestedModules',
        'importEntries',
        'exportEntries',
        'starExports',
        'declaredVariables',
        'lexicalVariables',
        'codeFeatures',
        'padding',
        'gap',
        'bytecode',
        'trailing',
        'v1BytecodeSize',
        'unparsed',
      ]) {
        assert.ok(kinds.has(`r-${kind}`), `${theme}: no ${kind} bytes were measured`);
      }
    } finally {
      await context.close();
    }
  });
}

for (const theme of THEMES) {
  test(`${theme}: every text of the verdict banner reads at WCAG AA contrast in each of its tones (error, warning, unchecked, pass)`, async () => {
    const context = await newContext(harness, 1000, 650);
    try {
      for (const { tone, name, host } of TONES) {
        const o = await openFile(harness, name, { context, theme, host });
        try {
          await o.frame.waitForSelector('.verdict .verdict-status');
          assert.equal(await o.frame.getAttribute('.verdict', 'data-tone'), tone, name);
          const seen = await measure(o.frame, 'verdict');
          assert.deepEqual(seen.low, [], `${theme}, ${tone} (${name})`);
          // The outcome, the reason, the status line and the icon were all measured.
          for (const kind of ['strong', 'span.verdict-reason']) assert.ok(seen.kinds[kind], `${theme}, ${tone}: no ${kind} measured (${JSON.stringify(seen.kinds)})`);
          assert.ok(seen.kinds['button.link'] || seen.kinds['div.verdict-status'], `${theme}, ${tone}: no status line measured (${JSON.stringify(seen.kinds)})`);
          if (tone === 'error') assert.ok(seen.kinds['button.link (mismatch line)'], `${theme}: the mismatch line was not measured (${JSON.stringify(seen.kinds)})`);
          assert.deepEqual(o.errors, []);
        } finally {
          await o.close();
        }
      }
    } finally {
      await context.close();
    }
  });
}

for (const theme of THEMES) {
  test(`${theme}: notes in a severity's colour ("cut short: …") read at WCAG AA contrast, in the overview and in the table`, async () => {
    const o = await openFile(harness, 'corrupt-truncated-metadata.bmes', { theme, width: 1400, height: 900 });
    try {
      await o.frame.waitForSelector('.record-summary .error-text');
      const overview = await measure(o.frame, 'notes');
      assert.ok(overview.kinds['span.error-text'], JSON.stringify(overview.kinds));
      await o.frame.click('#tab-exportEntries');
      await o.frame.waitForSelector('.table-info .error-text');
      const table = await measure(o.frame, 'notes');
      assert.ok(table.kinds['span.error-text'], JSON.stringify(table.kinds));
      assert.deepEqual([...overview.low, ...table.low], [], theme);
      assert.deepEqual(o.errors, []);
    } finally {
      await o.close();
    }
  });
}
