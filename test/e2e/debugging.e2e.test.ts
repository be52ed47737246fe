/**
 * The debugging half in a real VS Code (code-server 4.139.1), in a trusted workspace with a real released Bun
 * (1.4.5 from npm) configured: mismatch diagnostics in the Problems panel (re-checked when the source changes),
 * "Regenerate cache" with the shipped generator (a released Bun has none: the message says so), with a failing
 * generator (the file stays byte for byte) and with a valid one (the file is replaced, the view refreshes, a
 * summary appears), then "Open as Text" with its hovers and "Compare with…" in the diff editor.
 * Needs scripts/e2e-setup.sh (npm run test:e2e runs it first). Screenshots go to test-results/e2e/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { decodeBmes } from '../../extension/bmes';
import { startCodeServer, type CodeServer } from './support/codeServer';
import { ROOT, SAMPLES } from './support/paths';
import { waitFor } from './support/wait';
import { activeWebview, clearNotifications, hoverWord, openWorkbench, quickOpen, runCommand, screenshot, toast, type Workbench } from './support/workbench';

const CACHE = 'mod.js.bmes';
const SOURCE = 'mod.js';
const V1 = 'v1-bun-1.4.4-esm.bmes';
const V3 = 'v3-bun-1.4.4-esm.bmes';
const TIMEOUT = 30_000;
const GENERATORS = join(ROOT, 'test/support/generators');
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
/** Verdict summaries (extension/bmes/verdict.ts). */
const BYTECODE_ONLY = 'Bytecode only: the module record is parsed from source';
const FULL = 'Bun will use the bytecode and the module record';

/** The real released Bun the probe tests use (scripts/ensure-bun.sh installs it from npm into .cache/bun/). */
function realBun(): string {
  const result = spawnSync('bash', [join(ROOT, 'scripts/ensure-bun.sh')], { encoding: 'utf8' });
  assert.equal(result.status, 0, `scripts/ensure-bun.sh failed:\n${result.stderr}`);
  return result.stdout.trim();
}

describe('Debugging a cache in code-server (trusted workspace)', { timeout: 420_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;
  let bun: string;
  const started = Date.now();
  const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
  const settings = (generatorCommand: string[]) => ({ 'bmesInspector.bunPath': bun, 'bmesInspector.generatorCommand': generatorCommand });
  const cacheBytes = () => readFileSync(join(server.workspace, CACHE));
  const problemRows = () => workbench.page.locator('.markers-panel .monaco-list-row');
  const settingsChanges = () => server.extensionLog().split('settings changed').length - 1;

  /** Writes the workspace settings and waits until the extension has seen the change. */
  async function configure(generatorCommand: string[], more: Record<string, unknown> = {}): Promise<void> {
    const before = settingsChanges();
    server.writeWorkspaceSettings({ ...settings(generatorCommand), ...more });
    await waitFor('the extension to see the new settings', TIMEOUT, () => settingsChanges() > before);
  }

  before(async () => {
    bun = realBun();
    server = await startCodeServer(
      {
        files: [
          [join(SAMPLES, 'v2-bun-1.4.4-esm.bmes'), CACHE],
          // The source the cache's key was made from: no source-mismatch until it is edited.
          [join(SAMPLES, 'v3-bun-1.4.4-esm.js'), SOURCE],
          [join(SAMPLES, V1), V1],
          [join(SAMPLES, V3), V3],
        ],
        // The shipped generator, run by the real Bun.
        workspaceSettings: settings([]),
      },
      'bmes-inspector-debugging.log',
    );
    workbench = await openWorkbench(server);
    console.log(`# code-server and workbench ready in ${seconds(started)} s`);
  });

  after(async () => {
    try {
      if (workbench) await screenshot(workbench.page, 'debugging-last').catch(() => undefined);
      await workbench?.close();
    } finally {
      await server?.stop();
    }
  });

  test('a v2 cache: legacy-version in the Problems panel, checked against the probed Bun; an edited source adds source-mismatch', async () => {
    const { page } = workbench;
    const since = Date.now();
    await quickOpen(page, CACHE);
    await activeWebview(page).getByText(BYTECODE_ONLY).first().waitFor({ timeout: TIMEOUT });
    await runCommand(page, 'Focus on Problems View');
    await problemRows().filter({ hasText: 'legacy-version' }).first().waitFor({ timeout: TIMEOUT });
    await waitFor('the Bun probe in the log', TIMEOUT, () => /Bun 1\.4\.5 .* writes JavaScriptCore cache version 0xf1f0ed26/.test(server.extensionLog()));
    assert.equal(await problemRows().filter({ hasText: 'jsc-version-mismatch' }).count(), 0, 'the cache was written by this Bun');
    assert.equal(await problemRows().filter({ hasText: 'source-mismatch' }).count(), 0, 'the source matches the key');
    console.log(`# mismatch checks shown ${seconds(since)} s after Quick Open`);

    const original = readFileSync(join(server.workspace, SOURCE));
    appendFileSync(join(server.workspace, SOURCE), '// edited\n');
    await problemRows().filter({ hasText: 'source-mismatch' }).first().waitFor({ timeout: TIMEOUT });
    await screenshot(page, 'debugging-mismatch-problems');
    writeFileSync(join(server.workspace, SOURCE), original);
    await problemRows().filter({ hasText: 'source-mismatch' }).first().waitFor({ state: 'detached', timeout: TIMEOUT });
  });

  test('4. the shipped generator with a released Bun: the message says which Bun is needed and opens the generator setting', async () => {
    const { page } = workbench;
    const original = cacheBytes();
    await quickOpen(page, CACHE);
    await runCommand(page, 'BMES: Regenerate Cache');
    const message = toast(page, 'released Bun builds do not');
    await message.waitFor({ timeout: TIMEOUT });
    assert.match((await message.textContent()) ?? '', /generator-unavailable.*bun-build-esm.*generator command/s);
    await screenshot(page, 's4-generator-unavailable');
    assert.deepEqual(cacheBytes(), original, 'the cache is byte for byte as it was');
    await message.getByRole('button', { name: 'Open Generator Setting' }).click();
    await page.locator('.settings-editor .setting-item-title', { hasText: 'Generator Command' }).first().waitFor({ timeout: TIMEOUT });
    await runCommand(page, 'View: Close Editor');
    await clearNotifications(page);
  });

  test('4. a failing generator (from the editor title bar): the error says why and the cache is unchanged', async () => {
    const { page } = workbench;
    await configure([process.execPath, join(GENERATORS, 'fail.mjs'), '${source}', '${output}']);
    const original = cacheBytes();
    await quickOpen(page, CACHE);
    await page.locator('.editor-actions .action-label[aria-label^="Regenerate Cache"]').first().click();
    const message = toast(page, 'exited with code 3');
    await message.waitFor({ timeout: TIMEOUT });
    assert.match((await message.textContent()) ?? '', /\(exit\).*Unexpected token at 3:14.*The cache was not changed/s);
    await screenshot(page, 's4-generator-failed');
    assert.deepEqual(cacheBytes(), original, 'the cache is byte for byte as it was');
    await clearNotifications(page);
  });

  test('4. a generator that hangs: Cancel on the progress notification stops it; so does the time limit', async () => {
    const { page } = workbench;
    const pids = join(server.scratch, 'hang-pids.json');
    // Gone, or a zombie (dead, waiting to be reaped by whoever adopted it).
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
      } catch {
        return false;
      }
    };
    const hang = [process.execPath, join(GENERATORS, 'hang.mjs'), '${source}', '${output}', pids];
    await configure(hang);
    const original = cacheBytes();
    await quickOpen(page, CACHE);
    await runCommand(page, 'BMES: Regenerate Cache');
    const progress = toast(page, `Regenerating ${CACHE}`);
    await waitFor('the generator to start', TIMEOUT, () => existsSync(pids));
    await screenshot(page, 's4-regenerating');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await toast(page, `Regenerating ${CACHE} was cancelled. The cache was not changed.`).waitFor({ timeout: TIMEOUT });
    const { generator, grandchild } = JSON.parse(readFileSync(pids, 'utf8')) as { generator: number; grandchild: number };
    await waitFor('the generator and its child to be gone', TIMEOUT, () => !alive(generator) && !alive(grandchild));
    assert.deepEqual(cacheBytes(), original, 'the cache is byte for byte as it was');
    await clearNotifications(page);

    await configure(hang, { 'bmesInspector.generatorTimeoutSeconds': 1 });
    await runCommand(page, 'BMES: Regenerate Cache');
    await toast(page, 'did not finish within 1 s and was stopped').waitFor({ timeout: TIMEOUT });
    assert.deepEqual(cacheBytes(), original, 'the cache is byte for byte as it was');
    await clearNotifications(page);
  });

  test('4. a valid generator: the cache is replaced, the view refreshes and a summary says what changed', async () => {
    const { page } = workbench;
    await configure([process.execPath, '--import', TSX, join(GENERATORS, 'valid.ts'), '${source}', '${output}']);
    await quickOpen(page, CACHE);
    const since = Date.now();
    await runCommand(page, 'BMES: Regenerate Cache');
    await toast(page, `Regenerated ${CACHE}: Version: 2 → 3`).waitFor({ timeout: TIMEOUT });
    console.log(`# regenerated in ${seconds(since)} s (command to summary)`);
    assert.equal(decodeBmes(cacheBytes()).header.version?.value, 3);
    await activeWebview(page).getByText(FULL).first().waitFor({ timeout: TIMEOUT });
    await problemRows().filter({ hasText: 'legacy-version' }).first().waitFor({ state: 'detached', timeout: TIMEOUT });
    await screenshot(page, 's4-regenerated');
    assert.match(server.extensionLog(), /regenerated in \d+ ms[\s\S]*Version: 2 → 3[\s\S]*Cache version: 0xf1f0ed26 \(unchanged\)/);
    await clearNotifications(page);
  });

  test('7. "Open as Text": the dump with colouring; hovering the version line explains the mismatch', async () => {
    const { page } = workbench;
    await quickOpen(page, V1);
    await runCommand(page, 'BMES: Open as Text');
    await page.locator('.tabs-container .tab.active', { hasText: `${V1}.dump` }).waitFor({ timeout: TIMEOUT });
    await page.locator('.editor-instance .view-line', { hasText: 'Verdict: Nothing: the module is compiled from source.' }).waitFor({ timeout: TIMEOUT });
    const hover = await hoverWord(page, /0x4\s+4\s+version/, 'version', 'BMES version 1, expected 3');
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /BMES version 1, expected 3/);
    assert.match(text, /legacy-version/);
    assert.doesNotMatch(text, /(?<!jsc-)version-mismatch/, 'one fault, one diagnostic');
    assert.match(text, /Regenerate cache/);
    await screenshot(page, 's7-open-as-text-hover');
    await page.mouse.move(0, 0);
  });

  test('7. "Compare with…": the diff editor on the text views of two caches', async () => {
    const { page } = workbench;
    await runCommand(page, 'BMES: Compare with', () => page.locator('.quick-input-widget .quick-input-title', { hasText: `Compare ${V1} with` }).waitFor({ timeout: 5000 }));
    // code-server's open dialog is VS Code's own, in the quick input: type the path, then accept.
    // It reads the typed path asynchronously, so an Enter that came too early is repeated.
    const input = page.locator('.quick-input-widget input');
    const diffTab = page.locator('.tabs-container .tab.active', { hasText: `${V1} ↔ ${V3}` });
    await input.waitFor({ timeout: TIMEOUT });
    await waitFor(
      'the diff editor of the two text views',
      TIMEOUT,
      async () => {
        if (await input.isVisible()) {
          await input.fill(join(server.workspace, V3));
          await input.press('Enter');
        }
        return diffTab.waitFor({ timeout: 3000 }).then(
          () => true,
          () => false,
        );
      },
      0,
    );
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: TIMEOUT });
    await page.locator('.monaco-diff-editor .view-line', { hasText: 'version' }).first().waitFor({ timeout: TIMEOUT });
    // The two sides are the two files, and differ: version 1 on the left, 3 on the right, marked as changed.
    const side = (which: 'original' | 'modified') =>
      page
        .locator(`.monaco-diff-editor .editor.${which} .view-line`)
        .filter({ hasText: /\bversion\s+\d+:/ })
        .first();
    await side('original').waitFor({ timeout: TIMEOUT });
    assert.match((await side('original').textContent()) ?? '', /version\s+1:/);
    assert.match((await side('modified').textContent()) ?? '', /version\s+3:/);
    assert.ok((await page.locator('.monaco-diff-editor .line-delete, .monaco-diff-editor .char-delete').count()) > 0, 'the diff marks removed lines');
    assert.ok((await page.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').count()) > 0, 'the diff marks added lines');
    await screenshot(page, 's7-compare-with');
    console.log(`# whole suite ${seconds(started)} s`);
  });
});
