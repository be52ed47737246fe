// The Bytecode tab on released Bun's other containers, in the real webview behind the stand-in host: a Bun 1.4.5
// sidecar (`.jsc`), and one module of a 1.4.5 `--compile` executable (its payload read where the module table
// points, its names resolved through the executable's shared string table). No tab on the module list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { attribute, decodeBytecodeTree } from '../../extension/jscBytecode';
import { bytecodeRows, initialExpansion } from '../../webview/lib/bytecodeRows';
import { launch, openFile, type Harness } from './browser';

const ARTIFACTS = join(__dirname, '../../samples/bun-artifacts');
const SIDECAR = join(ARTIFACTS, 'sidecar-1.4.5/cjs.js.jsc');
const EXECUTABLE = join(ARTIFACTS, 'graph-1.4.5-esm.bin');

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile('cjs.js.jsc', SIDECAR);
  harness.server.addFile('app-1.4.5', EXECUTABLE);
});
after(() => harness?.close());

const decodeArtifact = async (bytes: Uint8Array) => (await decodeArtifactFrom({ size: bytes.length, read: async (o, l) => bytes.subarray(o, o + l) })).artifact;

/** The rows the tab shows at first for the payload at `offset`, as the library decodes them here. */
function expectedRows(file: Uint8Array, offset: number, length: number) {
  const tree = decodeBytecodeTree(file.subarray(offset, offset + length), offset);
  const attribution = attribute(tree);
  return bytecodeRows(tree, attribution, initialExpansion(attribution), 'tree');
}

const rowTexts = (frame: Frame) => frame.$$eval('.bytecode-list [role="treeitem"] .bc-name', (rows) => rows.map((r) => r.textContent ?? ''));

async function selectedOffsets(frame: Frame): Promise<number[]> {
  await frame.waitForFunction(() => document.querySelectorAll('.hex [role="gridcell"][aria-selected="true"]:not(.pending)').length > 0);
  return frame.evaluate(() => [...document.querySelectorAll<HTMLElement>('.hex [role="gridcell"][aria-selected="true"]')].map((el) => Number(el.dataset['offset'])));
}

test("a Bun 1.4.5 sidecar: its tree in the Bytecode tab, a click selects the method's code block", async () => {
  const bytes = new Uint8Array(readFileSync(SIDECAR));
  const sidecar = await decodeArtifact(bytes);
  assert.equal(sidecar.kind, 'jsc-payload');
  const expected = expectedRows(bytes, sidecar.payload.offset, sidecar.payload.length);
  const o = await openFile(harness, 'cjs.js.jsc');
  try {
    await o.frame.click('#tab-bytecode');
    await o.frame.waitForSelector('.bytecode-list [role="treeitem"]');
    assert.match((await o.frame.textContent('.bytecode-summary')) ?? '', /Bun 1\.4\.4 or 1\.4\.5, compact layout, cache version 0xF1F0ED26, program/);
    const texts = await rowTexts(o.frame);
    assert.equal(texts.length, expected.length);
    // The source's one method, named as written.
    const hi = expected.find((r) => r.name === 'hi');
    assert.ok(hi, 'the library finds the method hi');
    assert.ok(
      texts.some((t) => /^\s*hi method/.test(t)),
      texts.join(' | '),
    );
    await o.frame.click(`#bc-row-${hi.key}`);
    const offsets = await selectedOffsets(o.frame);
    assert.equal(offsets[0], hi.span.offset);
    assert.equal(offsets.length, hi.span.length);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test("an executable: no Bytecode tab on the module list; an open module's tree, its names from the string table", async () => {
  const bytes = new Uint8Array(readFileSync(EXECUTABLE));
  const exe = await decodeArtifact(bytes);
  assert.equal(exe.kind, 'executable');
  const dyn = exe.modules.find((m) => m.nameText.endsWith('/dyn-6vdftshp.js'))!;
  const o = await openFile(harness, 'app-1.4.5');
  try {
    await o.frame.waitForSelector('#tab-modules');
    assert.equal(await o.frame.$('#tab-bytecode'), null);
    await o.frame.click('#tab-modules');
    await o.frame.locator('.vgrid-body [role="row"]', { hasText: 'dyn-6vdftshp.js' }).dblclick();
    await o.frame.waitForSelector('.breadcrumb .crumb-current');
    await o.frame.click('#tab-bytecode');
    await o.frame.waitForSelector('.bytecode-list [role="treeitem"]');
    assert.match((await o.frame.textContent('.bytecode-summary')) ?? '', /compact layout, cache version 0xF1F0ED26, module/);
    const texts = await rowTexts(o.frame);
    assert.equal(texts.length, expectedRows(bytes, dyn.bytecode.offset, dyn.bytecode.length).length);
    // `late` is held as an ordinal into the executable's string table: resolved, not shown as #n.
    assert.ok(
      texts.some((t) => /^\s*late function/.test(t)),
      texts.join(' | '),
    );
    assert.ok(!texts.some((t) => /#\d+/.test(t)), texts.join(' | '));
    // The hex view selects inside this module's payload.
    await o.frame.click('.bytecode-list [role="treeitem"]:nth-child(2)');
    const offsets = await selectedOffsets(o.frame);
    assert.ok(offsets[0]! >= dyn.bytecode.offset && offsets.at(-1)! < dyn.bytecode.offset + dyn.bytecode.length);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});
