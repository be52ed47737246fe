/**
 * "Regenerate Cache" on a `.jsc` sidecar in a real VS Code (code-server), with real released Bun from npm: a sidecar
 * built at test time by Bun 1.3.14 (stale for the configured Bun 1.4.5) is rebuilt with its `.js` reproduced byte for
 * byte; a build that fails, is cancelled or runs past the time limit leaves both files byte-identical. Needs scripts/e2e-setup.sh (npm run test:e2e runs it).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sourceKeyOfFile } from '../../extension/bmes';
import { decodeJscPayload } from '../../extension/sidecar/decodeJscPayload';
import { processesNaming } from '../support/processes';
import { buildSidecar, bunBinary, cacheVersionOf } from '../support/realBun';
import { startCodeServer, type CodeServer } from './support/codeServer';
import { waitFor } from './support/wait';
import { clearNotifications, openWorkbench, runCommand, screenshot, toast, type Workbench } from './support/workbench';

const TIMEOUT = 60_000;

describe('Regenerate a .jsc sidecar in code-server', { timeout: 300_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;
  let paths: { source: string; js: string; jsc: string };
  let stale: { js: Buffer; jsc: Buffer };
  let SETTINGS: Record<string, unknown>;
  const settingsChanges = () => server.extensionLog().split('settings changed').length - 1;
  /** Running Bun processes building into the extension's temporary folder. */
  const bunBuilding = () => processesNaming('bmes-sidecar-');

  before(async () => {
    // The stale sidecar: Bun 1.3.14's output; the extension runs Bun 1.4.5.
    const built = buildSidecar('1.3.14');
    SETTINGS = { 'bmesInspector.bunPath': bunBinary('1.4.5') };
    server = await startCodeServer({ files: [], workspaceSettings: SETTINGS }, 'bmes-inspector-sidecar.log');
    const app = join(server.workspace, 'app');
    mkdirSync(join(app, 'out'), { recursive: true });
    cpSync(join(built.js, '..', '..', 'cjs.js'), join(app, 'cjs.js'));
    cpSync(built.js, join(app, 'out', 'cjs.js'));
    cpSync(built.jsc, join(app, 'out', 'cjs.js.jsc'));
    paths = { source: join(app, 'cjs.js'), js: join(app, 'out', 'cjs.js'), jsc: join(app, 'out', 'cjs.js.jsc') };
    stale = { js: readFileSync(paths.js), jsc: readFileSync(paths.jsc) };
    workbench = await openWorkbench(server);
  });

  after(async () => {
    try {
      if (workbench) await screenshot(workbench.page, 'sidecar-last').catch(() => undefined);
      await workbench?.close();
    } finally {
      await server?.stop();
    }
  });

  /** The palette command, then the sidecar from the command's own pick list. */
  async function regenerateSidecar(): Promise<void> {
    const { page } = workbench;
    const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Regenerate which cache?' });
    await runCommand(page, 'BMES: Regenerate Cache', () => title.waitFor({ timeout: 5000 }));
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'cjs.js.jsc' }).first().click({ timeout: TIMEOUT });
  }

  test('a build that fails leaves the .js and the .jsc byte-identical and says what Bun said', async () => {
    const good = readFileSync(paths.source);
    writeFileSync(paths.source, 'module.exports = {;\n');
    try {
      await regenerateSidecar();
      await toast(workbench.page, 'bun build exited with code 1').waitFor({ timeout: TIMEOUT });
      await screenshot(workbench.page, 'sidecar-build-failed');
      assert.deepEqual(readFileSync(paths.js), stale.js);
      assert.deepEqual(readFileSync(paths.jsc), stale.jsc);
    } finally {
      writeFileSync(paths.source, good);
      await clearNotifications(workbench.page);
    }
  });

  test('a build that hangs: Cancel on the progress notification stops Bun, and so does the time limit; both files stay', async () => {
    const { page } = workbench;
    const good = readFileSync(paths.source);
    // A macro runs inside Bun at bundle time: this one never returns, so the build never ends.
    writeFileSync(join(paths.source, '..', 'spin.ts'), 'export function spin(): number { for (;;) {} }\n');
    writeFileSync(paths.source, 'import { spin } from "./spin.ts" with { type: "macro" };\nmodule.exports = spin();\n');
    try {
      await regenerateSidecar();
      const progress = toast(page, 'Regenerating cjs.js.jsc');
      await progress.waitFor({ timeout: TIMEOUT });
      await waitFor('Bun to be building', TIMEOUT, () => bunBuilding().length > 0);
      await progress.getByRole('button', { name: 'Cancel' }).click();
      await toast(page, 'Regenerating cjs.js.jsc was cancelled. The .js and the .jsc were not changed.').waitFor({ timeout: TIMEOUT });
      await waitFor('Bun to be stopped', TIMEOUT, () => bunBuilding().length === 0);
      assert.deepEqual(readFileSync(paths.js), stale.js);
      assert.deepEqual(readFileSync(paths.jsc), stale.jsc);
      await clearNotifications(page);

      const before = settingsChanges();
      server.writeWorkspaceSettings({ ...SETTINGS, 'bmesInspector.generatorTimeoutSeconds': 2 });
      await waitFor('the extension to see the new settings', TIMEOUT, () => settingsChanges() > before);
      await regenerateSidecar();
      await toast(page, /did not finish within 2 s and was stopped/).waitFor({ timeout: TIMEOUT });
      await waitFor('Bun to be stopped', TIMEOUT, () => bunBuilding().length === 0);
      assert.deepEqual(readFileSync(paths.js), stale.js);
      assert.deepEqual(readFileSync(paths.jsc), stale.jsc);
    } finally {
      writeFileSync(paths.source, good);
      server.writeWorkspaceSettings(SETTINGS);
      await clearNotifications(page);
    }
  });

  test('a stale sidecar is replaced by a valid one of the configured Bun; the .js is reproduced and left alone', async () => {
    await regenerateSidecar();
    await toast(workbench.page, /Regenerated cjs\.js\.jsc: Cache version: 0x54467ad4 → 0xf1f0ed26/).waitFor({ timeout: TIMEOUT });
    await screenshot(workbench.page, 'sidecar-regenerated');
    assert.deepEqual(readFileSync(paths.js), stale.js, 'the .js is byte for byte as it was');
    const after = decodeJscPayload(readFileSync(paths.jsc), { source: sourceKeyOfFile(readFileSync(paths.js)), expectedJscVersion: cacheVersionOf('1.4.5') });
    assert.equal(after.verdict.bytecodeUsed, true, after.verdict.reason);
    assert.equal(after.diagnostics.filter((d) => d.severity === 'error').length, 0);
    await waitFor('the summary in the log', TIMEOUT, () => /regenerated in \d+ ms[\s\S]*Written by: Bun 1\.3\.14 → Bun 1\.4\.4 or 1\.4\.5/.test(server.extensionLog()));
    await clearNotifications(workbench.page);
  });
});
