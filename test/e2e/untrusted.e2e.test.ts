/**
 * Restricted Mode in a real VS Code (code-server 4.139.1 with workspace trust on and the folder not trusted):
 * the inspector and the mismatch checks work, nothing is ever executed (the configured Bun and generator are
 * scripts that would leave a mark), the title bar offers no Regenerate, and Regenerate from the palette says
 * why it cannot run and offers to manage workspace trust.
 * Needs scripts/e2e-setup.sh (npm run test:e2e runs it first). Screenshots go to test-results/e2e/.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startCodeServer, type CodeServer } from './support/codeServer';
import { SAMPLES } from './support/paths';
import { activeWebview, openWorkbench, quickOpen, runCommand, screenshot, toast, type Workbench } from './support/workbench';

const CACHE = 'v2-bun-1.4.4-esm.bmes';
const BYTECODE_ONLY = 'Bytecode only: the module record is parsed from source';
const TIMEOUT = 30_000;

describe('BMES Inspector in an untrusted workspace', { timeout: 300_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;
  const started = Date.now();
  const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
  // Stand-ins for Bun and a generator that record every run: nothing may ever run them here.
  const tools = mkdtempSync(join(tmpdir(), 'bmes-e2e-tools-'));
  const marker = join(tools, 'ran');
  const tool = (name: string) => {
    const path = join(tools, name);
    writeFileSync(path, `#!/bin/sh\necho "${name} $*" >> '${marker}'\nexit 1\n`);
    chmodSync(path, 0o755);
    return path;
  };
  const ran = () => (existsSync(marker) ? readFileSync(marker, 'utf8') : '');

  before(async () => {
    const bun = tool('bun');
    const generator = tool('generator');
    server = await startCodeServer(
      {
        files: [[join(SAMPLES, CACHE), CACHE]],
        trustWorkspace: false,
        userSettings: {
          // Opens the folder in Restricted Mode without the modal trust prompt.
          'security.workspace.trust.startupPrompt': 'never',
          // User settings apply in Restricted Mode too: the extension itself must refuse to run them.
          'bmesInspector.bunPath': bun,
          'bmesInspector.generatorCommand': [generator, '${source}', '${output}'],
        },
        // Restricted configuration: ignored in an untrusted workspace.
        workspaceSettings: { 'bmesInspector.bunPath': bun },
      },
      'bmes-inspector-untrusted.log',
    );
    workbench = await openWorkbench(server);
    console.log(`# code-server and workbench ready in ${seconds(started)} s`);
  });

  after(async () => {
    try {
      if (workbench) await screenshot(workbench.page, 'untrusted-last').catch(() => undefined);
      await workbench?.close();
    } finally {
      await server?.stop();
      rmSync(tools, { recursive: true, force: true });
    }
  });

  test('5. the inspector works and the version mismatch is reported, without running Bun', async () => {
    const { page } = workbench;
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: TIMEOUT });
    await quickOpen(page, CACHE);
    await activeWebview(page).getByText(BYTECODE_ONLY).first().waitFor({ timeout: TIMEOUT });
    await runCommand(page, 'Focus on Problems View');
    // The old version, once (the decoder's legacy-version; the host adds no version-mismatch beside it).
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'legacy-version' }).first().waitFor({ timeout: TIMEOUT });
    assert.equal(await page.locator('.markers-panel .monaco-list-row', { hasText: /(?<!jsc-)version-mismatch/ }).count(), 0);
    assert.match(server.extensionLog(), /activated in an untrusted workspace: nothing will be run/);
    assert.doesNotMatch(server.extensionLog(), /Bun probe failed|writes JavaScriptCore cache version|Still asking Bun/);
    assert.equal(await page.locator('.editor-actions .action-label[aria-label^="Regenerate Cache"]').count(), 0, 'no Regenerate in the title bar');
    assert.equal(ran(), '', 'nothing was run');
    await screenshot(page, 's5-untrusted-inspector');
  });

  test('5. Regenerate from the palette refuses, says why, and offers to manage workspace trust', async () => {
    const { page } = workbench;
    const original = readFileSync(join(server.workspace, CACHE));
    await runCommand(page, 'BMES: Regenerate Cache');
    const message = toast(page, 'untrusted workspace');
    await message.waitFor({ timeout: TIMEOUT });
    assert.match(
      (await message.textContent()) ?? '',
      /Cannot regenerate v2-bun-1\.4\.4-esm\.bmes: Regenerating runs Bun or a generator command, and nothing is run in an untrusted workspace/,
    );
    await screenshot(page, 's5-regenerate-refused');
    await message.getByRole('button', { name: 'Manage Workspace Trust' }).click();
    await page.locator('.workspace-trust-editor').first().waitFor({ timeout: TIMEOUT });
    await screenshot(page, 's5-manage-trust');
    assert.deepEqual(readFileSync(join(server.workspace, CACHE)), original);
    assert.equal(ran(), '', 'nothing was run');
    console.log(`# whole suite ${seconds(started)} s`);
  });
});
