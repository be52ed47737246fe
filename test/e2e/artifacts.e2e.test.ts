/**
 * Released Bun's artifacts in a real VS Code (code-server), built at test time by released Bun from npm, with the
 * configured Bun 1.4.5: a `bun build --compile` executable opened through "Open in Inspector" (its module list as
 * the decoder reads it, one module's exports and its source beside), a sidecar with one flipped byte (the trailer
 * hash problem at its offset, in the view and in the Problems panel), and a sidecar built by Bun 1.3.14 (the cache
 * version mismatch against the configured Bun, with its card), and a Bun 1.4.5 sidecar's Bytecode tab (a function
 * chosen there is selected in its `.js`, opened beside; its instructions named by the configured Bun's opcode table).
 * Needs scripts/e2e-setup.sh (npm run test:e2e runs it).
 */
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import type { ExecutableFile } from '../../extension/bunExecutable/model';
import { decodeBytecodeTree, functionsOf, stringText } from '../../extension/jscBytecode';
import { FileRangeSource } from '../../extension/node/fileSource';
import { buildSidecar, bunBinary, compileEsmApp } from '../support/realBun';
import { startCodeServer, type CodeServer } from './support/codeServer';
import { waitFor } from './support/wait';
import { activeWebview, openWorkbench, quickOpen, runCommand, screenshot, type Workbench } from './support/workbench';

const TIMEOUT = 60_000;
const EXE = 'app-esm';

describe("Released Bun's artifacts in code-server", { timeout: 360_000 }, () => {
  let server: CodeServer;
  let workbench: Workbench;
  let exe: ExecutableFile;

  before(async () => {
    const app = compileEsmApp('1.4.5');
    const fresh = buildSidecar('1.4.5');
    const stale = buildSidecar('1.3.14');
    server = await startCodeServer({ files: [], workspaceSettings: { 'bmesInspector.bunPath': bunBinary('1.4.5') } }, 'bmes-inspector-artifacts.log');
    cpSync(app.exe, join(server.workspace, EXE));
    const flipped = readFileSync(fresh.jsc);
    flipped[100]! ^= 1;
    writeFileSync(join(server.workspace, 'flipped.js.jsc'), flipped);
    cpSync(fresh.js, join(server.workspace, 'flipped.js'));
    cpSync(stale.jsc, join(server.workspace, 'stale.js.jsc'));
    cpSync(stale.js, join(server.workspace, 'stale.js'));
    cpSync(fresh.jsc, join(server.workspace, 'fresh.js.jsc'));
    cpSync(fresh.js, join(server.workspace, 'fresh.js'));
    const source = await FileRangeSource.open(join(server.workspace, EXE));
    try {
      exe = (await decodeArtifactFrom(source)).artifact as ExecutableFile;
    } finally {
      await source.close();
    }
    assert.equal(exe.kind, 'executable');
    workbench = await openWorkbench(server);
  });

  after(async () => {
    try {
      if (workbench) await screenshot(workbench.page, 'artifacts-last').catch(() => undefined);
      await workbench?.close();
    } finally {
      await server?.stop();
    }
  });

  test('an executable: Open in Inspector, the module list matches the build, a module shows its exports and its source', async () => {
    const { page } = workbench;
    await quickOpen(page, EXE);
    await runCommand(page, 'BMES: Open in Inspector');
    const webview = activeWebview(page);
    await webview.locator('.topbar', { hasText: '--compile executable' }).waitFor({ timeout: TIMEOUT });
    await webview.locator('#tab-modules').click();
    const counter = webview.locator('.count');
    await waitFor('the module table', TIMEOUT, async () => (await counter.getAttribute('data-total').catch(() => null)) === String(exe.modules.length));
    const grid = webview.locator('.vgrid');
    for (const m of exe.modules) assert.match((await grid.textContent())!, new RegExp(m.nameText.replace(/[$.]/g, '\\$&')));
    // The modules are checked in the background: the cache version of the configured Bun appears.
    await grid.getByText('0xf1f0ed26', { exact: false }).first().waitFor({ timeout: TIMEOUT });
    await screenshot(page, 's10-executable-modules');

    const dyn = exe.modules.find((m) => m.nameText.includes('/dyn-'))!;
    await webview.locator('.vgrid-body [role="row"]', { hasText: dyn.nameText }).dblclick();
    await webview.locator('.breadcrumb .crumb-current', { hasText: `#${dyn.index}` }).waitFor({ timeout: TIMEOUT });
    await webview.locator('#tab-exportEntries').click();
    await waitFor('the exports', TIMEOUT, async () => (await counter.getAttribute('data-total').catch(() => null)) === '1');
    assert.match((await grid.textContent())!, /late/);

    await webview.locator('.breadcrumb button', { hasText: 'Open source' }).click();
    const editor = page.locator('.editor-instance .view-lines').filter({ hasText: 'function late' });
    await editor.first().waitFor({ timeout: TIMEOUT });
    assert.ok(await page.locator('.tabs-container .tab', { hasText: dyn.nameText.slice(dyn.nameText.lastIndexOf('/') + 1) }).count());
    await screenshot(page, 's10-module-source');
  });

  test('a sidecar with one flipped byte: the trailer hash problem at its offset, in the view and the Problems panel', async () => {
    const { page } = workbench;
    // One webview on screen: the executable's editor and its module source beside it go first.
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'flipped.js.jsc');
    const webview = activeWebview(page);
    await webview.locator('.topbar', { hasText: 'sidecar' }).waitFor({ timeout: TIMEOUT });
    await webview.locator('#tab-problems').click();
    await webview.locator('.problems', { hasText: 'sidecar-hash-mismatch' }).waitFor({ timeout: TIMEOUT });
    const size = readFileSync(join(server.workspace, 'flipped.js.jsc')).length;
    assert.match((await webview.locator('.problems').textContent())!, new RegExp(`0x${(size - 16).toString(16)}`));
    await runCommand(page, 'Focus on Problems View');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'sidecar-hash-mismatch' });
    await row.first().waitFor({ timeout: TIMEOUT });
    await screenshot(page, 's10-sidecar-flipped');
  });

  test('a sidecar built by Bun 1.3.14: the cache version mismatch against the configured Bun 1.4.5, with its card', async () => {
    const { page } = workbench;
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'stale.js.jsc');
    const webview = activeWebview(page);
    await webview.locator('.topbar', { hasText: 'Bun 1.3.x .jsc sidecar' }).waitFor({ timeout: TIMEOUT });
    const field = webview.locator('table.fields tr[data-field="jsc.cacheVersion"]');
    await field.locator('.mismatch-text').waitFor({ timeout: TIMEOUT });
    await field.locator('.mismatch-text').hover();
    const card = webview.locator('.mismatch-card[role="dialog"]');
    await card.waitFor({ timeout: TIMEOUT });
    const text = (await card.textContent())!;
    assert.match(text, /0x54467ad4/i);
    assert.match(text, /0xf1f0ed26/i);
    await screenshot(page, 's10-sidecar-stale-card');
  });

  test('a Bun 1.4.5 sidecar: a function chosen in the Bytecode tab is selected in its .js beside, and its instructions listed', async () => {
    const { page } = workbench;
    const text = readFileSync(join(server.workspace, 'fresh.js'), 'utf8');
    const jsc = new Uint8Array(readFileSync(join(server.workspace, 'fresh.js.jsc')));
    const hi = [...functionsOf(decodeBytecodeTree(jsc.subarray(0, jsc.length - 24), 0))].find((f) => stringText(f.node.name) === 'hi')!.node;
    const start = hi.source!.functionStart;
    const end = hi.source!.functionEnd + 1;
    const endLine = text.slice(0, end).split('\n').length;
    const endColumn = end - text.lastIndexOf('\n', end - 1);
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'fresh.js.jsc');
    const webview = activeWebview(page);
    await webview.locator('#tab-bytecode').click();
    await webview.locator('.bytecode-source', { hasText: 'Source: fresh.js' }).waitFor({ timeout: TIMEOUT });
    await webview.locator('.bytecode-list [role="treeitem"]', { hasText: 'hi method' }).click();
    // The .js opens beside, the inspector keeps the focus; in that editor, exactly the method's text is selected.
    await page
      .locator('.tabs-container .tab', { hasText: /^fresh\.js$/ })
      .first()
      .waitFor({ timeout: TIMEOUT });
    await page.locator('.editor-instance .view-lines', { hasText: 'hi()' }).first().waitFor({ timeout: TIMEOUT });
    await webview.locator('.bytecode-instruction', { hasText: 'enter' }).first().waitFor({ timeout: TIMEOUT });
    assert.match((await webview.locator('.bytecode-instructions-head').textContent())!, /opcode names from Bun at .*1\.4\.5/);
    await screenshot(page, 's11-bytecode-source');
    // Activating the .js's tab (which moves no caret) shows its selection in the status bar.
    await page
      .locator('.tabs-container .tab', { hasText: /^fresh\.js$/ })
      .first()
      .click();
    await page.locator('.statusbar-item', { hasText: `Ln ${endLine}, Col ${endColumn} (${end - start} selected)` }).waitFor({ timeout: TIMEOUT });
    assert.match(text.slice(start, end), /^hi\(\) \{[\s\S]*\}$/);
  });
});
