// The view model's packed texts (extension/viewModel/viewTexts.ts): what the webview reads back is exactly what the
// decoder read, whatever the characters; and what a model message sends as binary is the bytes its views cover.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { memorySource } from '../../extension/artifact/rangeReader';
import { decodeBmes, encodeBmes } from '../../extension/bmes';
import { columnOf, LIST_NAMES } from '../../extension/bmes/recordTables';
import { modelOfArtifact } from '../../extension/host/artifactModel';
import { buildViewModel } from '../../extension/viewModel/buildViewModel';
import type { ViewModel } from '../../extension/viewModel/types';
import { ViewTextsBuilder, cellString, viewText } from '../../extension/viewModel/viewTexts';
import { syntheticCompactBytecode, syntheticRecord } from '../../scripts/samples/synthetic';
import { postedBuffers } from '../support/postedBuffers';

const SAMPLES = join(__dirname, '../../samples');
const ARTIFACTS = join(SAMPLES, 'bun-artifacts');
const bmesSamples = readdirSync(SAMPLES).filter((f) => f.endsWith('.bmes'));

test('texts given as strings read back the same, equal ones share an id, and the ASCII flag says which tables are ASCII', () => {
  const awkward = ['', 'a', 'x'.repeat(5000), 'naïve', '日本語', '😀 astral', '\uFFFD replaced', 'tab\there\nnewline\u0000nul', 'a'];
  const builder = new ViewTextsBuilder();
  const ids = awkward.map((t) => builder.text(t));
  const texts = builder.build();
  assert.deepEqual(
    ids.map((id) => viewText(texts, id)),
    awkward,
  );
  assert.equal(ids[1], ids[8], 'equal texts, one id');
  assert.equal(texts.ascii, false);
  assert.equal(texts.utf8.byteLength, texts.utf8.buffer.byteLength, 'the bytes are a buffer of their own');

  const ascii = new ViewTextsBuilder();
  const bytes = new TextEncoder().encode('__exportName__');
  const fromBytes = ascii.asciiBytes(bytes, 2, 10);
  const fromText = ascii.text('plain');
  const built = ascii.build();
  assert.equal(built.ascii, true);
  assert.deepEqual([viewText(built, fromBytes), viewText(built, fromText)], ['exportName', 'plain']);
});

/** Every string cell of the record lists, next to the text the decoder has for it. */
function recordCells(model: ViewModel, strings: { text(id: number): string }, tables: NonNullable<ReturnType<typeof decodeBmes>['tables']>): [string, string][] {
  const out: [string, string][] = [];
  for (const name of LIST_NAMES) {
    const table = tables[name];
    const view = model.tables.find((t) => t.id === name);
    if (!table || !view) continue;
    for (const column of view.columns) {
      if (column.kind !== 'string') continue;
      const values = columnOf(table, column.key).values;
      for (let row = 0; row < view.rowCount; row++) out.push([cellString(view, column, row), strings.text(values[row]!)]);
    }
  }
  return out;
}

test("every string cell of every BMES sample reads back as the decoder's text (invalid UTF-8 and damaged files included)", () => {
  let cells = 0;
  for (const name of bmesSamples) {
    const file = decodeBmes(new Uint8Array(readFileSync(join(SAMPLES, name))));
    if (!file.tables) continue;
    const model = buildViewModel(file);
    for (const [shown, decoded] of recordCells(model, file.tables.strings, file.tables)) {
      assert.equal(shown, decoded, name);
      cells++;
    }
  }
  assert.ok(cells > 100, `${cells} cells compared`);
});

test('a record of non-ASCII names shows each name as written', () => {
  const shape = { requests: 3, imports: 4, exports: 6, declared: 5, lexical: 5 };
  const record = syntheticRecord(shape);
  const renamed = { ...record, exportEntries: record.exportEntries.map((e, i) => ({ ...e, exportName: `ëxport_${i}_日本`, localName: `ŀocal_${i}_😀` })) };
  const file = decodeBmes(encodeBmes(renamed, syntheticCompactBytecode(new Uint8Array(64), 64, 1)));
  const exports = buildViewModel(file).tables.find((t) => t.id === 'exportEntries')!;
  assert.equal(exports.texts.ascii, false);
  const names = exports.columns.find((c) => c.key === 'exportName')!;
  assert.deepEqual(
    Array.from({ length: exports.rowCount }, (_, row) => cellString(exports, names, row)),
    renamed.exportEntries.map((e) => e.exportName),
  );
});

test("an executable's module names and a sidecar's tables read back as the decoder's", async () => {
  for (const name of ['graph-1.4.5-esm.bin', 'graph-1.3.14-esm.bin', 'sidecar-1.4.5/cjs.js.jsc']) {
    const decoded = await decodeArtifactFrom(memorySource(new Uint8Array(readFileSync(join(ARTIFACTS, name)))), {});
    const { artifact, model } = modelOfArtifact(decoded.artifact, 3);
    if (artifact.kind !== 'executable') {
      assert.ok(
        model.tables.every((t) => t.columns.every((c) => (c.kind === 'u32') === (c.textIds === undefined))),
        name,
      );
      continue;
    }
    const modules = model.tables.find((t) => t.id === 'modules')!;
    const column = modules.columns.find((c) => c.key === 'name')!;
    assert.deepEqual(
      Array.from({ length: modules.rowCount }, (_, row) => cellString(modules, column, row)),
      artifact.modules.map((m) => m.nameText),
      name,
    );
  }
});

test('a model message sends, as binary, hardly more than the bytes its typed arrays view', () => {
  const shape = { requests: 50, imports: 100, exports: 20_000, declared: 20_000, lexical: 10 };
  const big = decodeBmes(encodeBmes(syntheticRecord(shape), syntheticCompactBytecode(new Uint8Array(64), 64, 1)));
  const files = [...bmesSamples.map((name) => ({ name, file: decodeBmes(new Uint8Array(readFileSync(join(SAMPLES, name)))) })), { name: '20k exports', file: big }];
  for (const { name, file } of files) {
    const posted = postedBuffers({ type: 'model', model: buildViewModel(file) });
    // A list keeps at most a sixteenth (or 64 values) of spare room past its rows (recordTablesBuilder.ts `take`).
    assert.ok(posted.sent <= posted.viewed * 1.07 + 64 * 4 * posted.buffers, `${name}: sends ${posted.sent} bytes for ${posted.viewed} viewed`);
  }
  const posted = postedBuffers({ type: 'model', model: buildViewModel(big) });
  assert.ok(posted.viewed > 40_000 * 4 * 3, 'the 40,000 rows travel as typed arrays');
});
