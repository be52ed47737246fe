// npm run bench:webview: editor figures from the real webview in Chromium, behind the stand-in host
// (test/webview): for generated files of the seeds' six sizes, the bytes the host read before the first table
// rows were painted and the time to get there; then frame times while scrolling a 100,000-row table and the
// hex view of the biggest file. Prints figures; asserts nothing.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { webviewBuilds } from '../../scripts/webviewBuilds.mjs';
import type { Frame, Page } from 'playwright-core';
import { MANY_EXPORTS_CASE, SEED_CASES } from '../../scripts/samples/synthetic';
import { launch, openFile, paintedAt, type Harness } from '../webview/browser';
import { KB, MB, writeSynthetic } from '../webview/generate';

const cases = SEED_CASES;
const ROWS_CASE = MANY_EXPORTS_CASE;

const RUNS = 3;
const FRAMES = 240;

const fmtBytes = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : n >= KB ? `${(n / KB).toFixed(1)} KB` : `${n} B`);
const median = (v: readonly number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const percentile = (v: readonly number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(v.length * p))]!;

/** The export table is the one shown first (state as VS Code would restore it). */
const EXPORTS_TAB = { v: 1, ui: { tab: 'exportEntries' }, scroll: {} };

interface FirstPaint {
  /** Of decodeMs: until the last read the decode made returned, the decode after it, the model, the post. */
  readonly readMs: number;
  readonly parseMs: number;
  readonly modelMs: number;
  readonly postMs: number;
  readonly decodeMs: number;
  /** Whether the first rows were the preview's (painted before the model was posted). */
  readonly fromPreview: boolean;
  /** From the model's post to the frame showing the whole, checked list. */
  readonly renderMs: number;
  /** From the start to that frame. */
  readonly completeMs: number;
  readonly totalMs: number;
  readonly bytesRead: number;
}

/** Opens the file with the host on hold, watches for the first table rows, then lets the host decode. */
async function firstPaint(harness: Harness, name: string): Promise<FirstPaint> {
  const o = await openFile(harness, name, { manual: true, state: EXPORTS_TAB });
  try {
    await o.page.waitForFunction(() => window.__host.ready);
    // The view says `ready` before React has mounted: time the model's paint from a mounted view, as before.
    await o.frame.waitForSelector('main.app');
    const painted = paintedAt(o.frame, '.vgrid-body [role="row"]');
    // The whole list, checked: rows shown and no preview's "reading" banner.
    const complete = paintedAt(o.frame, 'main:not(:has([data-preliminary])) .vgrid-body [role="row"]');
    // As the extension host does once the webview is ready: files from 1 MiB on get the preview first.
    await o.page.evaluate(() => window.__host.open());
    const at = await painted;
    const whole = await complete;
    const host = await o.page.evaluate(() => ({
      started: window.__host.decodeStartedAt,
      decoded: window.__host.decodedAt,
      built: window.__host.modelBuiltAt,
      posted: window.__host.modelPostedAt,
      reads: window.__host.reads.map((r) => ({ at: r.at, length: r.length })),
    }));
    const lastRead = Math.max(host.started, ...host.reads.filter((r) => r.at <= host.decoded).map((r) => r.at));
    return {
      readMs: lastRead - host.started,
      parseMs: host.decoded - lastRead,
      modelMs: host.built - host.decoded,
      postMs: host.posted - host.built,
      decodeMs: host.posted - host.started,
      fromPreview: at < host.posted,
      renderMs: whole - host.posted,
      totalMs: at - host.started,
      completeMs: whole - host.started,
      bytesRead: host.reads.filter((r) => r.at <= at).reduce((n, r) => n + r.length, 0),
    };
  } finally {
    await o.close();
  }
}

/** How many rows a scroll of `px` pixels moves in the grid `selector` (scaled past the browser's height limit). */
async function rowsPerStep(frame: Frame, selector: string, rowHeight: number, px: number): Promise<string> {
  const rows = await frame.evaluate(
    ({ selector, rowHeight, px }) => {
      const el = document.querySelector<HTMLElement>(selector)!;
      const count = Number(el.getAttribute('aria-rowcount')) - 1;
      const maxTop = count - el.clientHeight / rowHeight;
      return (px * maxTop) / (el.scrollHeight - el.clientHeight);
    },
    { selector, rowHeight, px },
  );
  return `${Math.round(rows).toLocaleString('en-US')} rows/frame`;
}

/** requestAnimationFrame deltas while `selector` scrolls by `step` pixels a frame (wrapping at the end). */
async function scrollFrames(frame: Frame, selector: string, step: number): Promise<number[]> {
  return frame.evaluate(
    ({ selector, step, frames }) =>
      new Promise<number[]>((resolve) => {
        const el = document.querySelector<HTMLElement>(selector)!;
        const deltas: number[] = [];
        let last = 0;
        const tick = (t: number) => {
          if (last) deltas.push(t - last);
          last = t;
          if (deltas.length >= frames) return resolve(deltas);
          const max = el.scrollHeight - el.clientHeight;
          el.scrollTop = el.scrollTop + step > max ? 0 : el.scrollTop + step;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { selector, step, frames: FRAMES },
  );
}

function frameRow(what: string, deltas: readonly number[]): string[] {
  return [what, String(deltas.length), median(deltas).toFixed(1), percentile(deltas, 0.95).toFixed(1), Math.max(...deltas).toFixed(1), String(deltas.filter((d) => d > 20).length)];
}

function print(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

async function idleFrames(page: Page): Promise<number[]> {
  const frame = page.frame({ name: 'webview' })!;
  return frame.evaluate(
    (frames) =>
      new Promise<number[]>((resolve) => {
        const deltas: number[] = [];
        let last = 0;
        const tick = (t: number) => {
          if (last) deltas.push(t - last);
          last = t;
          if (deltas.length >= frames) resolve(deltas);
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    60,
  );
}

/** The webview as it ships (`build.mjs --production`: minified, React's production build), into `dir`. */
async function productionWebview(dir: string): Promise<string> {
  const root = join(__dirname, '../..');
  const dist = join(dir, 'dist');
  mkdirSync(dist, { recursive: true });
  await Promise.all(webviewBuilds(true, dist, root).map((b) => esbuild.build({ ...b, minify: true, logLevel: 'warning' })));
  for (const asset of ['codicon.css', 'codicon.ttf']) copyFileSync(join(root, 'node_modules/@vscode/codicons/dist', asset), join(dist, asset));
  return dist;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bmes-webview-bench-'));
  const harness = await launch(await productionWebview(dir));
  try {
    const sizes = new Map<string, number>();
    for (const c of [...cases, ROWS_CASE]) {
      const bytes = writeSynthetic(join(dir, `${c.name}.bmes`), c.shape, c.bytecodeSize);
      sizes.set(c.name, bytes.length);
      harness.server.addFile(`${c.name}.bmes`, join(dir, `${c.name}.bmes`));
    }

    const version = harness.browser.version();
    console.log(`Chromium ${version} (headless, no GPU) through playwright-core, node ${process.version}; the production webview bundle; medians of ${RUNS} runs`);
    console.log(
      'First paint: from the host opening the file to the frame after the first export rows were committed (from the preview of the first 64 KiB, for files from 1 MiB on, as the extension host sends it).',
    );
    console.log(
      "decode+model = reads (until the decode's last ranged read over HTTP returned) + decode (after it) + model (the view model) + post (postMessage); render: from the post to the whole, checked list on screen.",
    );
    const paint: string[][] = [
      [
        'file',
        'size',
        'exports',
        'bytes read',
        'read %',
        'decode+model (ms)',
        'reads',
        'decode',
        'model',
        'post',
        'render (ms)',
        'whole list (ms)',
        'first rows (ms)',
        'first rows from',
      ],
    ];
    const firstRows = new Map<string, number>();
    for (const c of [...cases, ROWS_CASE]) {
      const runs: FirstPaint[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await firstPaint(harness, `${c.name}.bmes`));
      const size = sizes.get(c.name)!;
      const bytesRead = median(runs.map((r) => r.bytesRead));
      paint.push([
        c.name,
        fmtBytes(size),
        c.shape.exports.toLocaleString('en-US'),
        fmtBytes(bytesRead),
        ((bytesRead / size) * 100).toFixed(1),
        median(runs.map((r) => r.decodeMs)).toFixed(1),
        median(runs.map((r) => r.readMs)).toFixed(1),
        median(runs.map((r) => r.parseMs)).toFixed(1),
        median(runs.map((r) => r.modelMs)).toFixed(1),
        median(runs.map((r) => r.postMs)).toFixed(1),
        median(runs.map((r) => r.renderMs)).toFixed(1),
        median(runs.map((r) => r.completeMs)).toFixed(1),
        median(runs.map((r) => r.totalMs)).toFixed(1),
        runs.every((r) => r.fromPreview) ? 'preview' : runs.some((r) => r.fromPreview) ? 'both' : 'model',
      ]);
      firstRows.set(c.name, median(runs.map((r) => r.totalMs)));
    }
    print(paint);
    // Issue 13's goal: the 100k-export file's first rows no later than twice the tiny file's, in the same run.
    const tiny = firstRows.get(cases[0]!.name)!;
    const many = firstRows.get(ROWS_CASE.name)!;
    const ratio = many / tiny;
    console.log(
      `goal: ${ROWS_CASE.name}'s first rows ${many.toFixed(0)} ms = ${ratio.toFixed(1)}× ${cases[0]!.name}'s ${tiny.toFixed(0)} ms (goal ≤ 2×: ${ratio <= 2 ? 'met' : 'not met'})`,
    );

    console.log('');
    console.log(`Frame times (requestAnimationFrame deltas, ${FRAMES} frames) while scrolling every frame:`);
    const frames: string[][] = [['view', 'frames', 'median (ms)', 'p95 (ms)', 'max (ms)', '> 20 ms']];
    {
      const o = await openFile(harness, `${ROWS_CASE.name}.bmes`, { state: EXPORTS_TAB });
      await o.frame.waitForSelector('.vgrid-body [role="row"]');
      frames.push(frameRow('idle (reference)', await idleFrames(o.page)));
      for (const px of [220, 4400]) {
        frames.push(frameRow(`100,000-row table, ${await rowsPerStep(o.frame, '.vgrid', 22, px)}`, await scrollFrames(o.frame, '.vgrid', px)));
      }
      await o.close();
    }
    {
      const huge = cases[cases.length - 1]!;
      const o = await openFile(harness, `${huge.name}.bmes`);
      await o.frame.waitForSelector('.hex [data-offset="0"]:not(.pending)');
      for (const px of [50, 200, 2000]) {
        frames.push(frameRow(`hex view of ${fmtBytes(sizes.get(huge.name)!)}, ${await rowsPerStep(o.frame, '.hex', 20, px)}`, await scrollFrames(o.frame, '.hex', px)));
      }
      const read = await o.page.evaluate(() => window.__host.bytesRead);
      const cached = await o.frame.getAttribute('.hex', 'data-cached-pages');
      await o.close();
      print(frames);
      console.log(`(hex scrolling: the host served ${fmtBytes(read)} in all; the webview held ${cached} pages of 64 KiB at the end)`);
    }
  } finally {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
