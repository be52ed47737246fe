/**
 * The packaged extension in a real VS Code (code-server 4.139.1) driven through Debian's Chromium: the custom
 * editor opens .bmes files and its webview shows the decoded model, diagnostics reach the Problems panel, a
 * rebuild on disk refreshes the view, and closing the editor clears its Problems entries.
 * Needs scripts/e2e-setup.sh (npm run test:e2e runs it first). Screenshots go to test-results/e2e/.
 */
import assert from 'node:assert/strict';
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCodeServer, type CodeServer } from './support/codeServer';
import { SAMPLES } from './support/paths';
import { activeWebview, openWorkbench, quickOpen, runCommand, screenshot, type Workbench } from './support/workbench';

const VALID = 'v3-medium.bmes';
/** A cache saved under another name: VS Code opens it as text, the command reopens it in the inspector. */
const OTHER_NAME = 'module.cache';
const BAD_MAGIC_SAMPLE = 'corrupt-bad-magic.bmes';
/** Named so that the file row of the Problems panel does not itself contain the code "bad-magic". */
const BAD_MAGIC = 'wrong-magic.bmes';
/** Verdict summaries (extension/bmes/verdict.ts) that any version of the webview shows. */
const FULL = 'Bun will use the bytecode and the module record';
const NOTHING = 'Nothing: the module is compiled from source';
const TIMEOUT = 30_000;

describe('BMES Inspector in code-server', { timeout: 300_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;
  const started = Date.now();
  const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

  before(async () => {
    server = await startCodeServer({ files: [
        [join(SAMPLES, VALID), VALID],
        [join(SAMPLES, BAD_MAGIC_SAMPLE), BAD_MAGIC],
        [join(SAMPLES, VALID), OTHER_NAME],
      ] });
    const serverReady = Date.now();
    workbench = await openWorkbench(server);
    console.log(`# code-server ready in ${seconds(started)} s, workbench ready ${seconds(serverReady)} s later`);
  });

  after(async () => {
    try {
      if (workbench) await screenshot(workbench.page, 'editor-last').catch(() => undefined);
      await workbench?.close();
    } finally {
      await server?.stop();
    }
  });

  const problemRows = () => workbench.page.locator('.markers-panel .monaco-list-row');
  const replaceFile = (sample: string, name: string) => {
    const temporary = join(server.workspace, `.${name}.tmp`);
    copyFileSync(join(SAMPLES, sample), temporary);
    renameSync(temporary, join(server.workspace, name)); // as a rebuild does: a new file renamed over the old one
  };

  test('a valid v3 file opens in the inspector and its webview shows the decoded model', async () => {
    const { page } = workbench;
    const opened = Date.now();
    await quickOpen(page, VALID);
    await activeWebview(page).getByText(FULL).first().waitFor({ timeout: TIMEOUT });
    console.log(`# first webview paint ${seconds(opened)} s after Quick Open`);
    await screenshot(page, 'editor-v3-medium');
  });

  test('a wrong-magic file: the webview says Bun ignores it and the Problems panel lists bad-magic', async () => {
    const { page } = workbench;
    await quickOpen(page, BAD_MAGIC);
    await activeWebview(page).getByText(NOTHING).first().waitFor({ timeout: TIMEOUT });
    await runCommand(page, 'Focus on Problems View');
    const row = problemRows().filter({ hasText: 'bad-magic' }).first();
    await row.waitFor({ timeout: TIMEOUT });
    assert.match((await row.textContent()) ?? '', /0x0: /, 'the message starts with the byte offset');
    await screenshot(page, 'editor-bad-magic-problems');
  });

  test('"BMES: Open in Inspector" opens a file of any name in the inspector', async () => {
    const { page } = workbench;
    await quickOpen(page, OTHER_NAME);
    await runCommand(page, 'BMES: Open in Inspector');
    await activeWebview(page).getByText(FULL).first().waitFor({ timeout: TIMEOUT });
    await screenshot(page, 'editor-open-in-inspector');
    await quickOpen(page, BAD_MAGIC);
  });

  test('a rebuild on disk refreshes the open view; deleting the file clears its Problems entries', async () => {
    const { page } = workbench;
    replaceFile(VALID, BAD_MAGIC);
    await activeWebview(page).getByText(FULL).first().waitFor({ timeout: TIMEOUT });
    await problemRows().filter({ hasText: 'bad-magic' }).first().waitFor({ state: 'detached', timeout: TIMEOUT });
    replaceFile(BAD_MAGIC_SAMPLE, BAD_MAGIC);
    await activeWebview(page).getByText(NOTHING).first().waitFor({ timeout: TIMEOUT });
    await problemRows().filter({ hasText: 'bad-magic' }).first().waitFor({ timeout: TIMEOUT });
    rmSync(join(server.workspace, BAD_MAGIC));
    await problemRows().filter({ hasText: 'bad-magic' }).first().waitFor({ state: 'detached', timeout: TIMEOUT });
    await screenshot(page, 'editor-after-delete');
  });

  test('closing the last editor of a file clears its Problems entries', async () => {
    const { page } = workbench;
    await problemRows().filter({ hasText: 'attributes-lost' }).first().waitFor({ timeout: TIMEOUT });
    await runCommand(page, 'View: Close All Editors');
    await problemRows().filter({ hasText: 'attributes-lost' }).first().waitFor({ state: 'detached', timeout: TIMEOUT });
    console.log(`# whole suite ${seconds(started)} s`);
  });
});
