/**
 * The preview: while a big file is decoded, a `ready` gets its header, first page and the rows whole in it at once
 * (nothing checked), under the generation the model will have, then the model; reads for that
 * generation come from the file being decoded; a `ready` after the decode gets the preview, then the model. Small files, and files that are not BMES, get no preview. The
 * preview's header fields are the full model's, for every sample.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { decodeBmes, encodeBmes } from '../../extension/bmes';
import { LiveBmesFile, MIN_PREVIEW_FILE, type DecodePlan } from '../../extension/host/liveFile';
import { handleWebviewMessage, type MessageContext } from '../../extension/host/messages';
import type { ClosableRangeSource, HostLog } from '../../extension/host/ports';
import type { HostToWebview } from '../../extension/protocol';
import { buildViewModel } from '../../extension/viewModel/buildViewModel';
import { buildPreviewModel, PREVIEW_BYTES } from '../../extension/viewModel/previewModel';
import type { ViewModel } from '../../extension/viewModel/types';
import { cellString } from '../../extension/viewModel/viewTexts';
import { syntheticRecord } from '../../scripts/samples/synthetic';
import { REAL, RICH_RECORD, withU32 } from '../support/bmes';

const SAMPLES = new URL('../../samples/', import.meta.url);
const quiet: HostLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const t = (message: string, ...args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

function memorySource(data: Uint8Array): ClosableRangeSource {
  return { size: data.length, read: async (offset, length) => data.subarray(offset, offset + length), close: async () => undefined };
}

/** A v3 file of about 2 MB: the rich record, then bytecode that starts like Bun's. */
function bigFile(): Uint8Array {
  const bytecode = withU32(new Uint8Array(2 * 1024 * 1024), 12, 2 * 1024 * 1024);
  bytecode.set(REAL.esm().subarray(0, 12));
  return encodeBmes(RICH_RECORD, bytecode);
}

/** A plan that is worked out only when released: the decode waits for it, the preview does not. */
function gatedPlan() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const plan = async (): Promise<DecodePlan> => {
    await gate;
    return { options: {}, expectedVersion: 3, checks: null };
  };
  return { plan, release };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), 'condition never met');
}

/** Every list of the preview holds the full model's first rows, exactly (spans and texts), and only whole records of the first page. */
function assertRowsPrefix(preview: ViewModel, full: ViewModel): void {
  for (const table of preview.tables) {
    const whole = full.tables.find((t) => t.id === table.id);
    assert.ok(whole, `${table.id}: in the full model too`);
    assert.ok(table.rowCount <= whole.rowCount, `${table.id}: ${table.rowCount} rows of ${whole.rowCount}`);
    assert.equal(table.complete, table.rowCount === whole.rowCount, `${table.id}: complete only when it has every row`);
    for (let row = 0; row < table.rowCount; row++) {
      assert.ok(table.rowOffsets[row]! + table.rowLengths[row]! <= PREVIEW_BYTES, `${table.id} row ${row}: inside the first page`);
      assert.deepEqual([table.rowOffsets[row], table.rowLengths[row]], [whole.rowOffsets[row], whole.rowLengths[row]], `${table.id} row ${row}`);
      table.columns.forEach((column, c) => {
        const other = whole.columns[c]!;
        assert.equal(column.key, other.key);
        // "Used by" counts need every list: blank in a preview.
        const expected = column.key === 'references' ? '' : cellString(whole, other, row);
        assert.equal(cellString(table, column, row), expected, `${table.id} row ${row} ${column.key}`);
        if (column.offsets) assert.equal(column.offsets[row], other.offsets![row], `${table.id} row ${row} ${column.key}: span`);
      });
    }
  }
}

describe('preview', () => {
  test("a big list's first rows come with the preview: the rows whole in the first page, cut short there", async () => {
    const shape = { requests: 5, imports: 10, exports: 20_000, declared: 20_000, lexical: 10 };
    const bytecode = withU32(new Uint8Array(1024 * 1024), 12, 1024 * 1024);
    bytecode.set(REAL.esm().subarray(0, 12));
    const data = encodeBmes(syntheticRecord(shape), bytecode);
    const preview = buildPreviewModel(data.subarray(0, PREVIEW_BYTES), data.length)!;
    const full = buildViewModel(decodeBmes(data));
    const exports = preview.tables.find((t) => t.id === 'exportEntries');
    assert.ok(exports && exports.rowCount > 100 && !exports.complete, `exports in the preview: ${exports?.rowCount}`);
    assert.equal(exports.count.value, 20_000, 'the count field as read');
    assert.ok(!preview.tables.some((t) => t.id === 'lexicalVariables'), 'a list past the first page is absent');
    assertRowsPrefix(preview, full);
    assert.deepEqual(preview.diagnostics, [], 'a preview reports nothing: its page ends where the file does not');
  });

  test('a ready during a big decode gets the header and first page at once, then the model of the same generation', async () => {
    const data = bigFile();
    assert.ok(data.length >= MIN_PREVIEW_FILE);
    const { plan, release } = gatedPlan();
    const file = new LiveBmesFile('big.bmes', async () => memorySource(data), quiet, plan);
    const loading = file.load();
    const posted: HostToWebview[] = [];
    // What had been posted when the host was told the ready was answered (the editor lets a big decode start then).
    const readyAnsweredAt: number[] = [];
    const context: MessageContext = {
      fileName: 'big.bmes',
      file,
      isDeleted: () => false,
      copy: async () => undefined,
      log: quiet,
      t,
      readyAnswered: () => readyAnsweredAt.push(posted.length),
    };
    const port = { post: async (m: HostToWebview) => posted.push(m) > 0 };
    const answered = handleWebviewMessage({ type: 'ready' }, port, context);
    await until(() => posted.length > 0);
    const preview = posted[0]!;
    assert.ok(preview.type === 'preview', preview.type);
    assert.equal(preview.generation, 1);
    assert.equal(preview.fileName, 'big.bmes');
    assert.deepEqual(preview.bytes, data.subarray(0, PREVIEW_BYTES));
    assert.equal(preview.bytes.buffer.byteLength, PREVIEW_BYTES, 'only the first page travels');
    assert.equal(preview.model.size, data.length);
    assert.deepEqual(preview.model.diagnostics, []);
    assert.equal(preview.model.verdict.clean, false, 'nothing is checked yet');
    assert.equal(preview.model.verdict.tone, 'unchecked');
    assert.equal(file.current.kind, 'failed', 'the decode has not ended');
    assert.deepEqual(readyAnsweredAt, [1], 'told once the preview is posted, while the decode still waits');

    // The view asks for more bytes under the preview's generation: they come from the file being decoded.
    await handleWebviewMessage({ type: 'readBytes', requestId: 9, generation: 1, offset: 0x10000, length: 32 }, port, context);
    const page = posted[1]!;
    assert.ok(page.type === 'bytes', page.type);
    assert.equal(page.generation, 1);
    assert.deepEqual(page.bytes, data.subarray(0x10000, 0x10020));

    release();
    await Promise.all([loading, answered]);
    const model = posted[2]!;
    assert.ok(model.type === 'model', model.type);
    assert.equal(model.generation, 1);
    assert.deepEqual(preview.model.header, model.model.header);
    assertRowsPrefix(preview.model, model.model);
    assert.equal(model.bytes, undefined, 'the preview of the same decode brought the first page already');
    assert.equal(posted.length, 3);

    // A view that starts once the decode is done gets the preview first too: the model takes a while to travel.
    await handleWebviewMessage({ type: 'ready' }, port, context);
    assert.deepEqual(
      posted.slice(3).map((m) => [m.type, 'generation' in m ? m.generation : null]),
      [
        ['preview', 1],
        ['model', 1],
      ],
    );
    file.dispose();
  });

  test('a load told to decode after something reads the preview at once and decodes only then', async () => {
    const data = bigFile();
    let letDecode: () => void = () => undefined;
    const panelSet = new Promise<void>((resolve) => (letDecode = resolve));
    const file = new LiveBmesFile('big.bmes', async () => memorySource(data), quiet);
    const loading = file.load(panelSet);
    const preview = await file.preview();
    assert.ok(preview, 'the preview does not wait');
    assert.equal(preview.generation, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(file.current.kind, 'failed', 'not decoded while waiting');
    letDecode();
    const state = await loading;
    assert.equal(state.kind, 'decoded');
    assert.equal(state.generation, 1);
    file.dispose();
  });

  test('no preview for a small file, or for a big one that is not BMES', async () => {
    for (const data of [new Uint8Array(readFileSync(new URL('v3-tiny.bmes', SAMPLES))), new Uint8Array(MIN_PREVIEW_FILE * 2).fill(7)]) {
      const { plan, release } = gatedPlan();
      const file = new LiveBmesFile('x', async () => memorySource(data), quiet, plan);
      const loading = file.load();
      assert.equal(await file.preview(), null);
      release();
      await loading;
      file.dispose();
    }
  });

  test("every sample's preview header is the full model's (version 1's size field comes after the metadata)", () => {
    const names = readdirSync(SAMPLES).filter((n) => n.endsWith('.bmes'));
    assert.ok(names.length > 20);
    let previewed = 0;
    for (const name of names) {
      const data = new Uint8Array(readFileSync(new URL(name, SAMPLES)));
      const preview = buildPreviewModel(data.subarray(0, PREVIEW_BYTES), data.length);
      const full = buildViewModel(decodeBmes(data));
      if (full.header[0]?.key !== 'magic' || full.header[0].value !== 0x424d4553) {
        assert.equal(preview, null, `${name}: not BMES, no preview`);
        continue;
      }
      assert.ok(preview, name);
      previewed++;
      const expected = full.version === 1 ? full.header.filter((f) => f.key !== 'bytecodeSize') : full.header;
      assert.deepEqual(preview.header, expected, name);
      assert.equal(preview.kindName, full.kindName, name);
      assert.deepEqual(
        preview.regions[0],
        full.regions.find((r) => r.kind === 'header'),
        name,
      );
    }
    assert.ok(previewed > 20, `${previewed} previewed`);
  });
});
