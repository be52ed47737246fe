// The Bytecode tab on released Bun's other containers, in the real webview behind the stand-in host: a Bun 1.4.5
// sidecar (`.jsc`), and one module of a 1.4.5 `--compile` executable (its payload read where the module table
// points, its names resolved through the executable's shared string table). No tab on the module list. Selecting
// a function asks the host to reveal its source range (the text there is the function's), and lists its
// instructions, named by the opcode table of a real Bun 1.4.5 (or as raw bytes, with the reason, without one).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { readContents } from '../../extension/bunExecutable/moduleRecords';
import { attribute, decodeBytecodeTree, disassemble, readOpcodeTable } from '../../extension/jscBytecode';
import { FileRangeSource } from '../../extension/node/fileSource';
import { bytecodeRows, initialExpansion } from '../../webview/lib/bytecodeRows';
import { bunBinary } from '../support/realBun';
import { hostRecord, launch, openFile, type Harness } from './browser';

const ARTIFACTS = join(__dirname, '../../samples/bun-artifacts');
const SIDECAR = join(ARTIFACTS, 'sidecar-1.4.5/cjs.js.jsc');
const SIDECAR_SOURCE = join(ARTIFACTS, 'sidecar-1.4.5/cjs.js');
const EXECUTABLE = join(ARTIFACTS, 'graph-1.4.5-esm.bin');
const BUN = bunBinary('1.4.5');

let harness: Harness;
before(async () => {
  harness = await launch();
  harness.server.addFile('cjs.js.jsc', SIDECAR);
  harness.server.addFile('app-1.4.5', EXECUTABLE);
  harness.server.addFile('cjs.js', SIDECAR_SOURCE);
  harness.server.addFile('bun-1.4.5', BUN);
});
after(() => harness?.close());

const memory = (bytes: Uint8Array) => ({ size: bytes.length, read: async (o: number, l: number) => bytes.subarray(o, o + l) });
const decodeArtifact = async (bytes: Uint8Array) => (await decodeArtifactFrom(memory(bytes))).artifact;

/** Line:column (from 1) of an offset, counted here from the text itself. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split('\n').length}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

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

test("a sidecar with its source and a Bun: the range as line:column, a click reveals the function's text, its instructions listed", async () => {
  const bytes = new Uint8Array(readFileSync(SIDECAR));
  const text = readFileSync(SIDECAR_SOURCE, 'utf8');
  const sidecar = await decodeArtifact(bytes);
  assert.equal(sidecar.kind, 'jsc-payload');
  const tree = decodeBytecodeTree(bytes.subarray(sidecar.payload.offset, sidecar.payload.offset + sidecar.payload.length), sidecar.payload.offset);
  const hi = bytecodeRows(tree, attribute(tree), initialExpansion(attribute(tree)), 'tree').find((r) => r.name === 'hi')!;
  const bun = await FileRangeSource.open(BUN);
  const table = await readOpcodeTable(bun).finally(() => bun.close());
  assert.ok(table.ok, 'Bun 1.4.5 has an opcode table');
  const stream = hi.instructions!;
  const expected = disassemble(bytes.subarray(stream.offset, stream.offset + stream.length), stream.offset, table.table);
  assert.equal(expected.rest, null, 'the table explains the whole stream');

  const o = await openFile(harness, 'cjs.js.jsc', { host: { bytecodeSource: 'cjs.js', opcodes: 'bun-1.4.5' } });
  try {
    await o.frame.click('#tab-bytecode');
    await o.frame.waitForFunction(() => /Source: cjs\.js/.test(document.querySelector('.bytecode-source')?.textContent ?? ''));
    const row = o.frame.locator(`#bc-row-${hi.key}`);
    const start = hi.source!.functionStart;
    const end = hi.source!.functionEnd + 1;
    assert.equal(await row.locator('.bc-range').textContent(), `${lineColumn(text, start)}–${lineColumn(text, end)}`);
    await row.click();
    await o.page.waitForFunction(() => window.__host.revealed.length > 0);
    const revealed = await hostRecord<{ start: number; end: number; module: number | null }[]>(o.page, 'revealed');
    assert.deepEqual(revealed, [{ start, end, module: null }]);
    // The text at that range is the method, whole.
    assert.match(text.slice(start, end), /^hi\(\) \{\s*return "hi from " \+ os\.platform\(\);\s*\}$/);
    // Its instructions, as the library disassembles them with Bun 1.4.5's table.
    await o.frame.waitForSelector('.bytecode-instruction');
    assert.match(
      (await o.frame.textContent('.bytecode-instructions-head')) ?? '',
      new RegExp(`${expected.instructions.length} instructions, opcode names from Bun at bun-1\\.4\\.5`),
    );
    const lines = await o.frame.$$eval('.bytecode-instruction', (rows) => rows.map((r) => r.textContent ?? ''));
    assert.equal(lines.length, expected.instructions.length);
    assert.match(lines[0]!, new RegExp(`^0x${expected.instructions[0]!.offset.toString(16)}\\s*enter$`));
    assert.ok(
      lines.some((l) => /get_by_id|call/.test(l)),
      lines.join(' | '),
    );
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test('a sidecar with no source and no Bun: the tab says so, a click reveals nothing, the instructions are raw bytes with the reason', async () => {
  const o = await openFile(harness, 'cjs.js.jsc');
  try {
    await o.frame.click('#tab-bytecode');
    await o.frame.waitForFunction(() => /No source known: No source file found/.test(document.querySelector('.bytecode-source')?.textContent ?? ''));
    await o.frame.locator('.bytecode-list [role="treeitem"]', { hasText: 'hi' }).click();
    await o.frame.waitForSelector('.bytecode-instruction');
    assert.match((await o.frame.textContent('.bytecode-instructions-note')) ?? '', /Raw bytes: no opcode table: Bun not found at 'bun'/);
    const stream = (await o.frame.textContent('.bytecode-instructions-head'))!.match(/: (\d+) bytes at/)!;
    assert.equal(await o.frame.locator('.bytecode-instruction.raw').count(), Math.ceil(Number(stream[1]) / 16));
    assert.deepEqual(await hostRecord(o.page, 'revealed'), []);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});

test("an executable's module: its contents are the source, a click reveals the function in that module", async () => {
  const bytes = new Uint8Array(readFileSync(EXECUTABLE));
  const { artifact: exe, reader } = await decodeArtifactFrom(memory(bytes));
  assert.equal(exe.kind, 'executable');
  const dyn = exe.modules.find((m) => m.nameText.endsWith('/dyn-6vdftshp.js'))!;
  const contents = (await readContents(reader, exe, dyn))!.text;
  const o = await openFile(harness, 'app-1.4.5');
  try {
    await o.frame.click('#tab-modules');
    await o.frame.locator('.vgrid-body [role="row"]', { hasText: 'dyn-6vdftshp.js' }).dblclick();
    await o.frame.waitForSelector('.breadcrumb .crumb-current');
    await o.frame.click('#tab-bytecode');
    await o.frame.waitForFunction(() => /Source: \/\$bunfs\/root\/dyn-6vdftshp\.js/.test(document.querySelector('.bytecode-source')?.textContent ?? ''));
    await o.frame.locator('.bytecode-list [role="treeitem"]', { hasText: 'late' }).click();
    await o.page.waitForFunction(() => window.__host.revealed.length > 0);
    const [revealed] = await hostRecord<{ start: number; end: number; module: number | null }[]>(o.page, 'revealed');
    assert.equal(revealed!.module, dyn.index);
    // Bun's bundler rewrote the module (its contents are what was compiled): the function, whole, as bundled.
    assert.match(contents.slice(revealed!.start, revealed!.end), /^function late\(\) \{\s*return "dynamic";\s*\}$/);
    // This sample is the executable's graph alone (no ELF around it), so it has no opcode table: said, not hidden.
    await o.frame.waitForSelector('.bytecode-instruction');
    assert.match((await o.frame.textContent('.bytecode-instructions-note')) ?? '', /no opcode table in this executable: not an ELF executable/);
    assert.deepEqual(o.errors, []);
  } finally {
    await o.close();
  }
});
