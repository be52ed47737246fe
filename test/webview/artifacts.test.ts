// Released Bun's artifacts in the real webview (Chromium, built bundle, stand-in host speaking the real protocol):
// a 1.4.x sidecar's trailer, an executable's module list and one module's record, hostile module names kept
// inert, and a 10,000-module table that stays virtualized.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sectionRegion, writeGraph } from '../support/bunGraph';
import { hostRecord, launch, openFile, type Harness } from './browser';
import { scratchDir } from '../support/scratch';

const ARTIFACTS = join(__dirname, '../../samples/bun-artifacts');
const dir = scratchDir('bmes-webview-artifacts-');
const HOSTILE = '/$bunfs/root/<img src=x onerror="window.__pwned=1">\u202eevil.js';

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile('cjs.js.jsc', join(ARTIFACTS, 'sidecar-1.4.5/cjs.js.jsc'));
  const flipped = readFileSync(join(ARTIFACTS, 'sidecar-1.4.5/cjs.js.jsc'));
  flipped[100]! ^= 1;
  writeFileSync(join(dir, 'flipped.jsc'), flipped);
  harness.server.addFile('flipped.jsc', join(dir, 'flipped.jsc'));
  harness.server.addFile('app-1.4.5', join(ARTIFACTS, 'graph-1.4.5-esm.bin'));
  writeFileSync(join(dir, 'hostile'), sectionRegion(writeGraph({ modules: [{ name: HOSTILE, contents: 'export const x = 1;' }] }).graph));
  harness.server.addFile('hostile', join(dir, 'hostile'));
  const many = Array.from({ length: 10_000 }, (_, i) => ({ name: `/$bunfs/root/chunk-${String(i).padStart(5, '0')}.js`, contents: `export const v${i} = ${i};` }));
  writeFileSync(join(dir, 'many'), sectionRegion(writeGraph({ modules: many }).graph));
  harness.server.addFile('many', join(dir, 'many'));
});
after(() => harness?.close());

test("a Bun 1.4.5 sidecar: the kind, the trailer's fields with offsets, the payload's cache version and Bun", async () => {
  const o = await openFile(harness, 'cjs.js.jsc');
  try {
    assert.match((await o.frame.textContent('.topbar'))!, /Bun 1\.4\.x \.jsc sidecar/);
    const trailer = o.frame.locator('section[aria-labelledby="section-trailer"]');
    const text = (await trailer.textContent())!;
    assert.match(text, /0x388/);
    assert.match(text, /0x390/);
    assert.match(text, /0x398/);
    assert.match(text, /matches the wyhash \(seed 0\) of the payload/);
    assert.match((await o.frame.textContent('.overview'))!, /written by Bun 1\.4\.4 or 1\.4\.5/);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('a sidecar with one flipped byte: the hash problem at the trailer, and no "Bun will use" verdict', async () => {
  const o = await openFile(harness, 'flipped.jsc');
  try {
    await o.frame.click('#tab-problems');
    const problems = (await o.frame.textContent('[role="tabpanel"]'))!;
    assert.match(problems, /sidecar-hash-mismatch/);
    assert.match(problems, /0x390/);
    assert.doesNotMatch((await o.frame.textContent('.topbar ~ *'))!, /Bun will use this bytecode\b(?!, as far)/);
  } finally {
    await o.close();
  }
});

test('an executable: the module list, then one module with its exports, breadcrumb and source request', async () => {
  const o = await openFile(harness, 'app-1.4.5');
  try {
    assert.match((await o.frame.textContent('.topbar'))!, /--compile executable/);
    await o.frame.click('#tab-modules');
    assert.equal(await o.frame.getAttribute('.count', 'data-total'), '2');
    const grid = (await o.frame.textContent('.vgrid'))!;
    assert.match(grid, /\/\$bunfs\/root\/app-esm/);
    assert.match(grid, /\/\$bunfs\/root\/dyn-6vdftshp\.js/);
    // The modules are checked after the list is shown: their cache version appears.
    await o.frame.waitForFunction(() => /0xf1f0ed26/.test(document.querySelector('.vgrid')?.textContent ?? ''));
    // The 1.4.x shared tables, each a table of its own.
    await o.frame.click('#tab-slots');
    assert.equal(await o.frame.getAttribute('.count', 'data-total'), '9');
    assert.match((await o.frame.textContent('.vgrid'))!, /PI2/);
    await o.frame.click('#tab-prelinkedModules');
    assert.equal(await o.frame.getAttribute('.count', 'data-total'), '2');
    await o.frame.click('#tab-bytecodeStrings');
    assert.ok(Number(await o.frame.getAttribute('.count', 'data-total')) > 0);
    await o.frame.click('#tab-modules');
    await o.frame.locator('.vgrid-body [role="row"]', { hasText: 'dyn-6vdftshp.js' }).dblclick();
    await o.frame.waitForSelector('.breadcrumb .crumb-current');
    assert.match((await o.frame.textContent('.breadcrumb'))!, /#1 \/\$bunfs\/root\/dyn-6vdftshp\.js/);
    assert.match((await o.frame.textContent('.breadcrumb'))!, /prelinked graph/);
    await o.frame.click('#tab-exportEntries');
    assert.equal(await o.frame.getAttribute('.count', 'data-total'), '1');
    assert.match((await o.frame.textContent('.vgrid'))!, /late/);
    await o.frame.click('.breadcrumb button:has-text("Open source")');
    await o.page.waitForFunction(() => window.__host.sourcesOpened.length > 0);
    assert.deepEqual(await hostRecord<number[]>(o.page, 'sourcesOpened'), [1]);
    await o.frame.click('.breadcrumb button:has-text("Modules")');
    await o.frame.waitForFunction(() => !document.querySelector('.breadcrumb .crumb-current'));
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('a hostile module name is shown as text: no element from it, no script run', async () => {
  const o = await openFile(harness, 'hostile');
  try {
    await o.frame.click('#tab-modules');
    assert.match((await o.frame.textContent('.vgrid'))!, /<img src=x onerror=/);
    assert.equal(await o.frame.locator('.vgrid img').count(), 0);
    assert.equal(await o.frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0), 0);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('10,000 modules: the table counts them all, keeps few rows in the DOM and scrolls to the last', async () => {
  const o = await openFile(harness, 'many');
  try {
    await o.frame.click('#tab-modules');
    assert.equal(await o.frame.getAttribute('.count', 'data-total'), '10000');
    assert.equal(await o.frame.getAttribute('.vgrid', 'aria-rowcount'), '10001');
    const rendered = await o.frame.locator('.vgrid-body [role="row"]').count();
    assert.ok(rendered > 0 && rendered <= 60, `${rendered} rows in the DOM`);
    await o.frame.evaluate(() => {
      const grid = document.querySelector('.vgrid')!;
      grid.scrollTop = grid.scrollHeight;
    });
    await o.frame.waitForFunction(() => /chunk-09999\.js/.test(document.querySelector('.vgrid')?.textContent ?? ''));
    assert.ok((await o.frame.locator('.vgrid-body [role="row"]').count()) <= 60);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('an executable: "Regenerate cache" runs nothing, so no missing source or trust blocks it; the checks name its modules', async () => {
  const untrusted = ['Regenerating runs Bun or a generator command, and nothing is run in an untrusted workspace.'];
  const checks = {
    expectedVersion: 3,
    expectedJscVersion: 0xf1f0ed26,
    expectedJscVersionFrom: 'Bun 1.4.5',
    jscVersionProblem: null,
    sourcePath: null,
    canRegenerate: false,
    regenerateDisabledReasons: untrusted,
  };
  const o = await openFile(harness, 'app-1.4.5', { host: { expectedJscVersion: 0xf1f0ed26, checks } });
  try {
    const { frame } = o;
    await frame.waitForSelector('.checks');
    // The modules are checked after the list is shown: then the cache version line counts theirs.
    await frame.waitForFunction(() => /0xf1f0ed26 in all 2 modules with bytecode/.test(document.querySelector('.checks')?.textContent ?? ''));
    const labels = await frame.locator('.checks [data-check]').evaluateAll((els) => els.map((e) => e.getAttribute('data-check')));
    assert.deepEqual(labels, ['Cache version', 'Source']);
    assert.equal(await frame.getAttribute('.checks [data-check="Source"]', 'class'), 'check check-ok');
    const button = frame.locator('.checks vscode-button.regenerate');
    await button.waitFor();
    assert.equal(await frame.locator('.checks .regenerate-reason').count(), 0);
    assert.match((await button.getAttribute('title'))!, /bun build --compile/);
    await button.click();
    await o.page.waitForFunction(() => (window as unknown as { __host: { regenerates: number } }).__host.regenerates === 1);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});
