// The overview's field tables: the Meaning column adds to the Value column (never repeats it, in any base), a
// bytecode offset past the end of the file says so, and a bare JavaScriptCore file is not coloured as a BMES header.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBmes } from '../../extension/bmes';
import { buildViewModel } from '../../extension/viewModel/buildViewModel';

const SAMPLES = join(__dirname, '../../samples');
const samples = readdirSync(SAMPLES).filter((n) => n.endsWith('.bmes'));
const modelOf = (bytes: Uint8Array) => buildViewModel(decodeBmes(bytes));

test('no Meaning repeats its Value, in decimal, with separators, or in hex, on any sample', () => {
  let checked = 0;
  for (const name of samples) {
    const model = modelOf(new Uint8Array(readFileSync(join(SAMPLES, name))));
    for (const f of [...model.header, ...model.layout, ...(model.jsc?.fields ?? [])]) {
      if (typeof f.value !== 'number' || f.value < 10) continue;
      const forms = [String(f.value), f.value.toLocaleString('en-US'), `0x${f.value.toString(16)}`, `0x${f.value.toString(16).padStart(8, '0')}`];
      for (const form of forms) assert.ok(!f.meaning.toLowerCase().includes(form.toLowerCase()), `${name} ${f.key}: "${f.meaning}" repeats ${form}`);
      checked++;
    }
  }
  assert.ok(checked > 100, `${checked} fields checked`);
});

test('a bytecode offset past the end of the file says so in its Meaning', () => {
  const bytes = new Uint8Array(64);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x424d4553, true);
  view.setUint32(4, 3, true);
  view.setUint32(8, 0x1000, true);
  view.setUint32(12, 8, true);
  const model = modelOf(bytes);
  const offset = model.header.find((f) => f.key === 'bytecodeOffset')!;
  assert.equal(offset.value, 0x1000);
  assert.match(offset.meaning, /past the end of the file \(64 bytes\)/);
  assert.match(model.header.find((f) => f.key === 'bytecodeSize')!.meaning, /past the end of the file/);
  assert.ok(decodeBmes(bytes).diagnostics.some((d) => d.code === 'bytecode-out-of-bounds'));
  // In bounds: no such words.
  const medium = modelOf(new Uint8Array(readFileSync(join(SAMPLES, 'v3-medium.bmes'))));
  assert.doesNotMatch(medium.header.find((f) => f.key === 'bytecodeOffset')!.meaning, /past the end/);
});

test('a bare JavaScriptCore cache is coloured as bytecode from offset 0, with no BMES header region', () => {
  const bare = modelOf(new Uint8Array(readFileSync(join(SAMPLES, 'bare-jsc-module.bmes'))));
  assert.equal(
    bare.regions.some((r) => r.kind === 'header'),
    false,
  );
  assert.deepEqual([bare.regions[0]!.kind, bare.regions[0]!.offset], ['bytecode', 0]);
  // A wrong magic on something else: only the 4 magic bytes are the header.
  const alien = modelOf(new Uint8Array(readFileSync(join(SAMPLES, 'corrupt-bad-magic.bmes'))));
  assert.deepEqual(
    alien.regions.filter((r) => r.kind === 'header').map((r) => [r.offset, r.length]),
    [[0, 4]],
  );
  const good = modelOf(new Uint8Array(readFileSync(join(SAMPLES, 'v3-small.bmes'))));
  assert.deepEqual(
    good.regions.filter((r) => r.kind === 'header').map((r) => [r.offset, r.length]),
    [[0, 16]],
  );
});
