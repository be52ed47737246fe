// npm run bench:editor: the inspector against VS Code's Hex Editor in one real VS Code (code-server, as the e2e
// suite runs it), on the same files: how long from Quick Open until each shows the file's first hex row (and,
// for the inspector, the header), and how much the extension host grows. Opens alternate between the two
// editors, so that machine load and the page cache hit both alike. The paint is watched on every animation frame
// inside the workbench page (watchPaint), not by Playwright's polling. Prints figures; asserts nothing.
//
// The Hex Editor is Microsoft's, built unchanged from its public source (../shared/bench-peers/README.md);
// BMES_HEXEDITOR_VSIX names another copy. Each file is in the workspace twice, the same bytes: `x.bmes` opens in
// the inspector, `x.bmes.hex` in the Hex Editor (a workspace editor association).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { shapeForSource, type ModuleShape } from '../../scripts/samples/synthetic';
import { startCodeServer, type CodeServer } from '../e2e/support/codeServer';
import { ROOT } from '../e2e/support/paths';
import { openWorkbench, quickOpen, runCommand } from '../e2e/support/workbench';
import { KB, MB, writeSynthetic } from '../webview/generate';

/** Opens of each file in each editor (BMES_BENCH_RUNS overrides: the figures are medians, and the machine is shared). */
const RUNS = Number(process.env['BMES_BENCH_RUNS'] ?? 5);
const HEXEDITOR_VSIX = process.env['BMES_HEXEDITOR_VSIX'] ?? join(ROOT, '../shared/bench-peers/hexeditor-1.11.1.vsix');
/** The first byte of every BMES file ("S" of the magic), as both editors print it. */
const FIRST_BYTE = '53';
const GROWTH_GOAL_MB = 50;

interface EditorCase {
  readonly name: string;
  readonly shape: ModuleShape;
  readonly bytecodeSize: number;
}

/** ~80,000 records in about 2 MB of metadata, as the 10 MB and 50 MB caches. */
const MANY_RECORDS: ModuleShape = { requests: 50, imports: 5_000, exports: 25_000, declared: 25_000, lexical: 25_000 };
const CASES: readonly EditorCase[] = [
  { name: 'tiny', shape: shapeForSource(12 * KB), bytecodeSize: 30 * KB },
  { name: 'one-mb', shape: shapeForSource(256 * KB), bytecodeSize: 700 * KB },
  { name: 'ten-mb', shape: MANY_RECORDS, bytecodeSize: 8 * MB },
  { name: 'fifty-mb', shape: MANY_RECORDS, bytecodeSize: 48 * MB },
];

const median = (v: readonly number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const fmtBytes = (n: number) => (n >= MB ? `${(n / MB).toFixed(1)} MB` : `${(n / KB).toFixed(1)} KB`);

/**
 * The extension host's resident memory: the process of this bench's code-server (its environment names the
 * server's scratch folder) started with `--type=extensionHost`.
 */
function extensionHostRss(server: CodeServer): number | null {
  let rss: number | null = null;
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=extensionHost')) continue;
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').includes(server.scratch)) continue;
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
      if (Number.isFinite(kb)) rss = Math.max(rss ?? 0, kb * 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return rss;
}

interface Paint {
  readonly hexMs: number;
  /** From the start of the webview's own page (its document's time origin) to the first hex row: the editor's part. */
  readonly pageMs: number;
  readonly headerMs: number | null;
  /** The inspector: when the whole view, with its verdict (the decode and checks done), showed. */
  readonly verdictMs: number | null;
  readonly growth: number | null;
}

/** When the visible webview first showed each target, in epoch milliseconds (the workbench page's clock). */
interface Seen {
  hex?: number;
  /** The time origin of the page that showed the hex row. */
  page?: number;
  header?: number;
  verdict?: number;
}

/**
 * Starts watching, in the workbench page, for the visible webview's first hex row with the file's first byte (and,
 * for the inspector, its header), noting the time of the animation frame in which each is first in the page and
 * laid out. Playwright's own waiting polls from here at widening intervals (up to 500 ms apart), far too coarse for
 * these figures; this looks on every frame, alike for both editors. code-server serves the webviews from the
 * workbench's own origin, so the page can look into their frames.
 */
async function watchPaint(page: Page, inspector: boolean): Promise<void> {
  // tsx compiles this file with esbuild's keepNames, whose `__name` wrapper the functions below carry into the page.
  await page.evaluate('globalThis.__name ??= (f) => f');
  await page.evaluate(
    ({ inspector, firstByte }) => {
      const seen: { hex?: number; page?: number; header?: number; verdict?: number } = {};
      (window as unknown as { __bmesPaint: typeof seen }).__bmesPaint = seen;
      const laidOut = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      };
      const webviewDocument = (): Document | null => {
        for (const outer of document.querySelectorAll<HTMLIFrameElement>('iframe.webview.ready')) {
          if (!laidOut(outer)) continue;
          const inner = outer.contentDocument?.querySelector<HTMLIFrameElement>('iframe#active-frame')?.contentDocument;
          if (inner) return inner;
        }
        return null;
      };
      const showsByte = (el: Element) => (el.textContent ?? '').includes(firstByte) && laidOut(el);
      const look = () => {
        const doc = webviewDocument();
        const now = performance.timeOrigin + performance.now();
        if (doc && inspector) {
          if (seen.hex === undefined && [...doc.querySelectorAll('.hex [data-offset="0"]:not(.pending)')].some(showsByte)) {
            seen.hex = now;
            seen.page = doc.defaultView?.performance.timeOrigin;
          }
          if (seen.header === undefined && [...doc.querySelectorAll('table.fields tr[data-field="magic"] td.value')].some(laidOut)) seen.header = now;
          if (seen.verdict === undefined && [...doc.querySelectorAll('.verdict[data-tone]')].some(laidOut)) seen.verdict = now;
        } else if (doc && seen.hex === undefined) {
          // The Hex Editor's first painted row: the data row whose address is 00000000, with the byte in a cell.
          for (const row of doc.querySelectorAll('[class*="dataDisplay__data-row"]')) {
            if (!(row.querySelector('[class*="dataDisplay__address"]')?.textContent ?? '').includes('00000000')) continue;
            if (![...row.querySelectorAll('[class*="data-cell"]')].some(showsByte)) continue;
            seen.hex = now;
            seen.page = doc.defaultView?.performance.timeOrigin;
          }
        }
        if (seen.hex === undefined || (inspector && (seen.header === undefined || seen.verdict === undefined))) requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    },
    { inspector, firstByte: FIRST_BYTE },
  );
}

/** Opens `file`, waits for the first hex row with the file's first byte (and the inspector's header), closes it. */
async function openAndPaint(server: CodeServer, page: Page, file: string, inspector: boolean): Promise<Paint> {
  await runCommand(page, 'View: Close All Editors');
  await new Promise((r) => setTimeout(r, 500));
  const before = extensionHostRss(server);
  await watchPaint(page, inspector);
  const t0 = Date.now();
  await quickOpen(page, file);
  const seen = await page.waitForFunction(
    (inspector) => {
      const seen = (window as unknown as { __bmesPaint: { hex?: number; header?: number } }).__bmesPaint;
      return seen.hex !== undefined && (!inspector || seen.header !== undefined) ? seen : null;
    },
    inspector,
    { timeout: 120_000, polling: 100 },
  );
  const { hex, header, page: pageStart } = (await seen.jsonValue()) as Seen;
  // What the extension host holds once the editor has settled.
  await new Promise((r) => setTimeout(r, 1500));
  const after = extensionHostRss(server);
  const verdict = inspector
    ? ((await (
        await page.waitForFunction(() => (window as unknown as { __bmesPaint: Seen }).__bmesPaint.verdict ?? null, undefined, { timeout: 120_000, polling: 100 })
      ).jsonValue()) as number)
    : null;
  return {
    verdictMs: verdict === null ? null : Math.round(verdict - t0),
    hexMs: Math.round(hex! - t0),
    pageMs: pageStart === undefined ? NaN : Math.round(hex! - pageStart),
    headerMs: header === undefined ? null : Math.round(header - t0),
    growth: before !== null && after !== null ? after - before : null,
  };
}

async function main(): Promise<void> {
  if (!existsSync(HEXEDITOR_VSIX)) {
    console.log(`bench:editor: skipped, the Hex Editor's .vsix is not at ${HEXEDITOR_VSIX} (set BMES_HEXEDITOR_VSIX)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bmes-editor-bench-'));
  const files: [string, string][] = [];
  const sizes = new Map<string, number>();
  for (const c of CASES) {
    const path = join(dir, `${c.name}.bmes`);
    sizes.set(c.name, writeSynthetic(path, c.shape, c.bytecodeSize).length);
    files.push([path, `${c.name}.bmes`], [path, `${c.name}.bmes.hex`]);
  }
  let server: CodeServer | null = null;
  try {
    server = await startCodeServer(
      {
        files,
        extraExtensions: [HEXEDITOR_VSIX],
        workspaceSettings: { 'workbench.editorAssociations': { '*.bmes': 'bmesInspector.editor', '*.hex': 'hexEditor.hexedit' } },
      },
      'bmes-editor-bench.log',
    );
    const running = server;
    const workbench = await openWorkbench(server);
    try {
      const page = workbench.page;
      // One open of each editor first, so that neither pays for loading its extension in the figures.
      await openAndPaint(running, page, 'tiny.bmes', true);
      await openAndPaint(running, page, 'tiny.bmes.hex', false);
      console.log(`code-server (VS Code) through Chromium; the packaged inspector and Hex Editor 1.11.1 in one extension host; medians of ${RUNS} alternating opens`);
      console.log(
        'From Quick Open to the first animation frame with the first hex row showing the first byte (inspector: and with its header), seen from the workbench page; the inspector’s verdict (decode and checks done) beside it; extension host growth from before the open to 1.5 s after; last, each editor’s own part: from the start of its webview’s page (the time origin of the document that painted) to that frame — the rest, up to the page’s start, is VS Code’s.',
      );
      const rows: string[][] = [
        [
          'file',
          'size',
          'records',
          'inspector hex (ms)',
          'inspector header (ms)',
          'Hex Editor (ms)',
          'ratio',
          'inspector verdict (ms)',
          'host growth: inspector',
          'Hex Editor',
          'in its page: inspector (ms)',
          'Hex Editor (ms)',
        ],
      ];
      for (const c of CASES) {
        const ours: Paint[] = [];
        const peer: Paint[] = [];
        for (let i = 0; i < RUNS; i++) {
          ours.push(await openAndPaint(running, page, `${c.name}.bmes`, true));
          peer.push(await openAndPaint(running, page, `${c.name}.bmes.hex`, false));
        }
        const hex = median(ours.map((p) => p.hexMs));
        const header = median(ours.map((p) => p.headerMs ?? NaN));
        const theirs = median(peer.map((p) => p.hexMs));
        const growth = (ps: Paint[]) => {
          const g = ps.map((p) => p.growth).filter((x): x is number => x !== null);
          return g.length ? `${(Math.max(...g) / MB).toFixed(0)} MB` : 'n/a';
        };
        const records = c.shape.requests + c.shape.imports + c.shape.exports + c.shape.declared + c.shape.lexical;
        rows.push([
          c.name,
          fmtBytes(sizes.get(c.name)!),
          records.toLocaleString('en-US'),
          String(hex),
          String(header),
          String(theirs),
          `${(Math.max(hex, header) / theirs).toFixed(2)}× the Hex Editor's time`,
          String(median(ours.map((p) => p.verdictMs ?? NaN))),
          growth(ours),
          growth(peer),
          String(median(ours.map((p) => p.pageMs))),
          String(median(peer.map((p) => p.pageMs))),
        ]);
      }
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
      const last = rows[rows.length - 1]!;
      console.log(
        `goal: the 50 MB cache's first hex row and header no later than the Hex Editor's first row (${last[6]}), host growth < ${GROWTH_GOAL_MB} MB (largest of the runs: ${last[8]})`,
      );
    } finally {
      await workbench.close();
    }
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
