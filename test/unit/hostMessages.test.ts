/**
 * The host's answers to webview messages, through a fake panel: every message is validated (malformed ones are
 * logged and dropped), `ready` gets the model, byte pages go out as tight Uint8Arrays with the current
 * generation, and failures become `requestFailed`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { LiveBmesFile } from '../../extension/host/liveFile';
import { describeMessage, handleWebviewMessage, type MessageContext } from '../../extension/host/messages';
import type { ClosableRangeSource, HostLog } from '../../extension/host/ports';
import { splitMemory, SPLIT_KEY } from '../../extension/host/splitMemory';
import { OpcodeTables } from '../../extension/host/opcodeTables';
import { decodeArtifactFrom } from '../../extension/artifact/decodeArtifact';
import { decodeBytecodeTree } from '../../extension/jscBytecode';
import type { HostToWebview } from '../../extension/protocol';
import { bunBinary } from '../support/realBun';

const sampleBytes = (name: string) => new Uint8Array(readFileSync(new URL(`../../samples/${name}`, import.meta.url)));

function memorySource(data: Uint8Array): ClosableRangeSource {
  return { size: data.length, read: async (offset, length) => data.subarray(offset, offset + length), close: async () => undefined };
}

/** English `l10n.t`: substitutes {0}, {1}, … */
const t = (message: string, ...args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

async function harness(
  name: string,
  options: { deleted?: boolean; open?: () => Promise<ClosableRangeSource>; layout?: MessageContext['layout']; context?: Partial<MessageContext> } = {},
) {
  let data = sampleBytes(name);
  const log: string[] = [];
  const hostLog: HostLog = { info: (m) => log.push(`info ${m}`), warn: (m) => log.push(`warn ${m}`), error: (m) => log.push(`error ${m}`) };
  const file = new LiveBmesFile(name, options.open ?? (async () => memorySource(data)), hostLog);
  await file.load();
  const posted: HostToWebview[] = [];
  const copied: string[] = [];
  const context: MessageContext = {
    fileName: name,
    file,
    isDeleted: () => options.deleted ?? false,
    copy: async (text) => void copied.push(text),
    log: hostLog,
    t,
    ...(options.layout ? { layout: options.layout } : {}),
    ...options.context,
  };
  const port = { post: async (message: HostToWebview) => posted.push(message) > 0 };
  const send = (message: unknown) => handleWebviewMessage(message, port, context);
  const replace = async (next: Uint8Array<ArrayBuffer>) => {
    data = next;
    await file.load();
  };
  return { posted, copied, log, send, replace, data: () => data };
}

/** A Memento as VS Code's globalState behaves: values kept by key, updates asynchronous. */
class MemoryStore {
  readonly values = new Map<string, unknown>();
  get = (key: string) => this.values.get(key);
  update = async (key: string, value: unknown) => void this.values.set(key, value);
}

describe('the split remembered across editors', () => {
  test("a view's layout message is stored; the next view gets it after ready, before its model", async () => {
    const store = new MemoryStore();
    const layout = splitMemory(store);
    const first = await harness('v3-tiny.bmes', { layout });
    await first.send({ type: 'ready' });
    assert.deepEqual(
      first.posted.map((m) => m.type),
      ['model'],
      'nothing remembered yet: no layout message',
    );
    await first.send({ type: 'layout', split: { structure: 0.42, collapsed: 'none' } });
    assert.deepEqual(store.values.get(SPLIT_KEY), { structure: 0.42, collapsed: 'none' });
    await first.send({ type: 'layout', split: { structure: null, collapsed: 'structure' } });

    const second = await harness('v3-small.bmes', { layout });
    await second.send({ type: 'ready' });
    assert.deepEqual(
      second.posted.map((m) => m.type),
      ['layout', 'model'],
    );
    assert.deepEqual(second.posted[0], { type: 'layout', split: { structure: null, collapsed: 'structure' } });
  });

  test('malformed layouts are dropped, and a malformed memento is ignored', async () => {
    const store = new MemoryStore();
    const h = await harness('v3-tiny.bmes', { layout: splitMemory(store) });
    for (const split of [
      null,
      {},
      { structure: 1.5, collapsed: 'none' },
      { structure: 0, collapsed: 'none' },
      { structure: 0.5, collapsed: 'left' },
      { structure: '0.5', collapsed: 'none' },
    ]) {
      await h.send({ type: 'layout', split });
    }
    assert.equal(store.values.size, 0);
    assert.equal(h.log.filter((l) => l.includes('dropped an invalid message')).length, 6);
    store.values.set(SPLIT_KEY, { structure: 7, collapsed: 'none' });
    assert.equal(splitMemory(store).get(), null);
    await h.send({ type: 'ready' });
    assert.deepEqual(
      h.posted.map((m) => m.type),
      ['model'],
    );
  });
});

const SIDECAR = 'bun-artifacts/sidecar-1.4.5/cjs.js.jsc';

describe("the Bytecode tab's messages", () => {
  test('malformed readSource, revealSource and disassemble messages are dropped', async () => {
    const revealed: unknown[] = [];
    const h = await harness(SIDECAR, { context: { revealSource: async (...args) => void revealed.push(args) } });
    for (const bad of [
      { type: 'revealSource', start: 10, end: 5, module: null },
      { type: 'revealSource', start: -1, end: 5, module: null },
      { type: 'revealSource', start: 0, end: 5 },
      { type: 'revealSource', start: 0, end: 5, module: -1 },
      { type: 'revealSource', start: 0, end: 2 ** 31, module: null },
      { type: 'readSource', requestId: 1, generation: 1 },
      { type: 'disassemble', requestId: 1, generation: 1, offset: 0, length: 2 ** 25, module: null },
      { type: 'disassemble', requestId: 1, generation: 1, offset: 0.5, length: 4, module: null },
    ]) {
      await h.send(bad);
    }
    assert.deepEqual(h.posted, []);
    assert.deepEqual(revealed, []);
    assert.equal(h.log.filter((l) => l.includes('dropped an invalid message')).length, 8);
  });

  test('revealSource goes to the document with its range and module', async () => {
    const revealed: unknown[] = [];
    const h = await harness(SIDECAR, { context: { revealSource: async (...args) => void revealed.push(args) } });
    await h.send({ type: 'revealSource', start: 140, end: 185, module: null });
    await h.send({ type: 'revealSource', start: 0, end: 0, module: 3 });
    assert.deepEqual(revealed, [
      [140, 185, null],
      [0, 0, 3],
    ]);
  });

  test('readSource: the source, or the reason there is none, or that the file changed', async () => {
    const sources: (number | null)[] = [];
    const h = await harness(SIDECAR, {
      context: { sourceText: async (module) => (sources.push(module), module === null ? { name: 'cjs.js', text: 'var x;' } : { missing: 'no such module' }) },
    });
    await h.send({ type: 'readSource', requestId: 1, generation: 1, module: null });
    await h.send({ type: 'readSource', requestId: 2, generation: 1, module: 4 });
    await h.send({ type: 'readSource', requestId: 3, generation: 7, module: null });
    assert.deepEqual(h.posted, [
      { type: 'sourceText', requestId: 1, generation: 1, name: 'cjs.js', text: 'var x;' },
      { type: 'requestFailed', requestId: 2, message: 'no such module' },
      { type: 'requestFailed', requestId: 3, message: 'The file changed.' },
    ]);
    assert.deepEqual(sources, [null, 4]);
    const bare = await harness(SIDECAR);
    await bare.send({ type: 'readSource', requestId: 1, generation: 1, module: null });
    assert.deepEqual(bare.posted, [{ type: 'requestFailed', requestId: 1, message: 'No source is known for this file.' }]);
  });

  test('disassemble: with a real Bun 1.4.5 table the stream is named to its end; without one, all raw with the reason', async () => {
    const bytes = sampleBytes(SIDECAR);
    const payload = (await decodeArtifactFrom(memorySource(bytes))).artifact;
    assert.equal(payload.kind, 'jsc-payload');
    const tree = decodeBytecodeTree(bytes.subarray(payload.payload.offset, payload.payload.offset + payload.payload.length), payload.payload.offset);
    const stream = tree.top!.functions[0]!.call!.instructions.span;
    const tables = new OpcodeTables({ info: () => undefined, warn: () => undefined, error: () => undefined }, t);
    const bun = bunBinary('1.4.5');
    const h = await harness(SIDECAR, { context: { opcodeTable: () => tables.ofBun(bun) } });
    await h.send({ type: 'disassemble', requestId: 5, generation: 1, offset: stream.offset, length: stream.length, module: null });
    const answer = h.posted[0]!;
    assert.equal(answer.type, 'disassembly');
    if (answer.type !== 'disassembly') return;
    assert.equal(answer.table, `Bun at ${bun}`);
    assert.equal(answer.rest, null);
    assert.equal(answer.stopped, null);
    assert.equal(answer.instructions[0]!.name, 'enter');
    assert.equal(answer.instructions[0]!.offset, stream.offset);
    assert.equal(
      answer.instructions.reduce((n, i) => n + i.length, 0),
      stream.length,
    );

    const missing = await harness(SIDECAR, { context: { opcodeTable: () => tables.ofBun('/nonexistent/bun') } });
    await missing.send({ type: 'disassemble', requestId: 6, generation: 1, offset: stream.offset, length: stream.length, module: null });
    assert.deepEqual(missing.posted, [
      {
        type: 'disassembly',
        requestId: 6,
        generation: 1,
        instructions: [],
        rest: stream,
        stopped: "no opcode table: Bun not found at '/nonexistent/bun' (bmesInspector.bunPath)",
        table: null,
      },
    ]);
  });
});

describe('handleWebviewMessage', () => {
  test('malformed messages are logged and dropped', async () => {
    const h = await harness('v3-tiny.bmes');
    for (const bad of [
      null,
      42,
      'ready',
      {},
      { type: 'eval' },
      { type: 'readBytes', requestId: 1, generation: 1, offset: -1, length: 4 },
      { type: 'readBytes', requestId: 1, generation: 1, offset: 0, length: 0 },
      { type: 'readBytes', requestId: 1, generation: 1, offset: 0, length: 2 ** 30 },
      { type: 'copy', text: 7 },
      { type: 'readEmbeddedSource', requestId: '1', generation: 1 },
    ]) {
      await h.send(bad);
    }
    assert.deepEqual(h.posted, []);
    assert.deepEqual(h.copied, []);
    assert.equal(h.log.filter((l) => l.startsWith('warn v3-tiny.bmes: dropped an invalid message')).length, 10);
  });

  test('ready is answered with the model, the file name and the generation', async () => {
    const h = await harness('v3-medium.bmes');
    await h.send({ type: 'ready' });
    assert.equal(h.posted.length, 1);
    const message = h.posted[0]!;
    assert.equal(message.type, 'model');
    if (message.type !== 'model') return;
    assert.equal(message.fileName, 'v3-medium.bmes');
    assert.equal(message.generation, 1);
    assert.equal(message.model.size, h.data().length);
    assert.equal(message.model.verdict.outcome.summary, 'Bun will use the bytecode and the module record');
    assert.deepEqual(new Set(message.model.diagnostics.map((d) => d.code)), new Set(['attributes-lost']));
  });

  test("the model answering ready carries the file's first page, so the hex view need not read it", async () => {
    for (const name of ['v3-tiny.bmes', 'v3-medium.bmes']) {
      const h = await harness(name);
      await h.send({ type: 'ready' });
      const message = h.posted[0]!;
      assert.equal(message.type, 'model');
      if (message.type !== 'model') return;
      const expected = h.data().subarray(0, Math.min(64 * 1024, h.data().length));
      assert.ok(message.bytes, `${name}: bytes with the model`);
      assert.deepEqual(Buffer.from(message.bytes), Buffer.from(expected), `${name}: the file's first ${expected.length} bytes`);
      // A buffer of its own: the message sends its whole ArrayBuffer (see postedBuffers.ts), not the file's.
      assert.equal(message.bytes.byteLength, message.bytes.buffer.byteLength, `${name}: a tight buffer`);
    }
    // The first page is the answer to ready's alone: a model sent later (a change on disk) is the model.
    const h = await harness('v3-tiny.bmes');
    await h.replace(sampleBytes('v3-small.bmes'));
    await h.send({ type: 'ready' });
    assert.equal(h.posted.length, 1);
    const again = h.posted[0]!;
    assert.ok(again.type === 'model' && again.generation === 2 && again.bytes?.length === Math.min(64 * 1024, h.data().length), "the current generation's first page");
  });

  test('ready on a file whose first page cannot be read still gets its model, without bytes', async () => {
    const data = sampleBytes('v3-tiny.bmes');
    let failing = false;
    // The decode's reads succeed; the first page's read, after it, fails.
    const source = (): ClosableRangeSource => ({
      ...memorySource(data),
      read: async (offset, length) => {
        if (failing) throw new Error('EIO: i/o error');
        return data.subarray(offset, offset + length);
      },
    });
    const h = await harness('v3-tiny.bmes', { open: async () => source() });
    failing = true;
    await h.send({ type: 'ready' });
    assert.equal(h.posted.length, 1);
    const message = h.posted[0]!;
    assert.ok(message.type === 'model' && message.bytes === undefined, 'the model, and the view reads the bytes itself');
  });

  test('ready on a deleted file sends the last model, then deleted', async () => {
    const h = await harness('v3-tiny.bmes', { deleted: true });
    await h.send({ type: 'ready' });
    assert.deepEqual(
      h.posted.map((m) => m.type),
      ['model', 'deleted'],
    );
  });

  test('ready on a file that cannot be read says why', async () => {
    const h = await harness('v3-tiny.bmes', { open: () => Promise.reject(new Error('EACCES: permission denied')) });
    await h.send({ type: 'ready' });
    assert.deepEqual(h.posted, [{ type: 'failed', fileName: 'v3-tiny.bmes', message: 'Cannot read v3-tiny.bmes: EACCES: permission denied' }]);
  });

  test('readBytes returns exactly that range, as a Uint8Array of its own, clipped to the file', async () => {
    const h = await harness('v3-small.bmes');
    const size = h.data().length;
    await h.send({ type: 'readBytes', requestId: 7, generation: 1, offset: 0x100, length: 64 });
    await h.send({ type: 'readBytes', requestId: 8, generation: 1, offset: size - 3, length: 65536 });
    const [page, tail] = h.posted;
    assert.ok(page?.type === 'bytes' && tail?.type === 'bytes');
    assert.deepEqual({ ...page, bytes: undefined }, { type: 'bytes', requestId: 7, generation: 1, offset: 0x100, bytes: undefined });
    assert.ok(page.bytes instanceof Uint8Array, 'binary, not a JSON array');
    assert.equal(page.bytes.buffer.byteLength, 64, 'only these bytes travel');
    assert.deepEqual(page.bytes, h.data().slice(0x100, 0x140));
    assert.equal(tail.requestId, 8);
    assert.deepEqual(tail.bytes, h.data().slice(size - 3));
  });

  test('a stale request is still answered, with the current generation', async () => {
    const h = await harness('v3-tiny.bmes');
    await h.replace(sampleBytes('v3-small.bmes'));
    await h.send({ type: 'readBytes', requestId: 1, generation: 1, offset: 0, length: 16 });
    const [reply] = h.posted;
    assert.ok(reply?.type === 'bytes');
    assert.equal(reply.generation, 2);
    assert.deepEqual(reply.bytes, sampleBytes('v3-small.bmes').slice(0, 16));
  });

  test('a read that fails is answered with requestFailed', async () => {
    const failing: ClosableRangeSource = { ...memorySource(sampleBytes('v3-tiny.bmes')), close: async () => undefined };
    let broken = false;
    const h = await harness('v3-tiny.bmes', {
      open: async () => ({ ...failing, read: (o, l) => (broken ? Promise.reject(new Error('EIO')) : failing.read(o, l)) }),
    });
    broken = true;
    await h.send({ type: 'readBytes', requestId: 3, generation: 1, offset: 0, length: 16 });
    assert.deepEqual(h.posted, [{ type: 'requestFailed', requestId: 3, message: 'Cannot read the bytes: EIO' }]);
    assert.match(h.log.join('\n'), /error v3-tiny\.bmes: reading 16 bytes at 0x0: EIO/);
  });

  test('readEmbeddedSource: the classic layout’s text, or requestFailed when there is none', async () => {
    const classic = await harness('v3-bun-1.3.6-classic-cjs.bmes');
    await classic.send({ type: 'readEmbeddedSource', requestId: 4, generation: 1 });
    const text = readFileSync(new URL('../../samples/v3-bun-1.3.6-classic-cjs.js', import.meta.url), 'latin1');
    assert.deepEqual(classic.posted, [{ type: 'embeddedSource', requestId: 4, generation: 1, text }]);
    const compact = await harness('v3-tiny.bmes');
    await compact.send({ type: 'readEmbeddedSource', requestId: 5, generation: 1 });
    assert.deepEqual(compact.posted, [{ type: 'requestFailed', requestId: 5, message: 'This file has no embedded source text.' }]);
  });

  test('copy puts the text on the clipboard and posts nothing', async () => {
    const h = await harness('v3-tiny.bmes');
    await h.send({ type: 'copy', text: 'a\tb\n<img src=x onerror=alert(1)>' });
    assert.deepEqual(h.copied, ['a\tb\n<img src=x onerror=alert(1)>']);
    assert.deepEqual(h.posted, []);
  });

  test('describeMessage keeps log lines short', () => {
    assert.equal(describeMessage({ type: 'x' }), '{"type":"x"}');
    assert.equal(describeMessage(undefined), 'undefined');
    assert.match(describeMessage({ text: 'a'.repeat(1000) }), /… \(1011 characters\)$/);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    assert.equal(describeMessage(cyclic), '[object Object]');
  });

  test('find: the whole file searched with ranged reads; malformed queries dropped; a bad pattern explained; a stale generation refused', async () => {
    const h = await harness('v3-medium.bmes');
    const data = h.data();
    const expected: number[] = [];
    for (let i = 0; i + 3 <= data.length; i++) if (data[i] === 0x6e && data[i + 1] === 0x6f && data[i + 2] === 0x64) expected.push(i);
    await h.send({ type: 'find', requestId: 7, generation: 1, query: { mode: 'hex', text: '6e 6f 64', caseSensitive: false } });
    const found = h.posted.pop();
    assert.ok(found && found.type === 'found');
    assert.deepEqual([found.requestId, found.generation, found.length, found.count, found.countCapped], [7, 1, 3, expected.length, false]);
    assert.ok(found.offsets instanceof Float64Array);
    assert.deepEqual([...found.offsets], expected);
    for (const bad of [
      { type: 'find', requestId: 1, generation: 1, query: { mode: 'regex', text: 'a', caseSensitive: true } },
      { type: 'find', requestId: 1, generation: 1, query: { mode: 'text', text: 'a'.repeat(5000), caseSensitive: true } },
      { type: 'find', requestId: 1, generation: 1, query: { mode: 'text', text: 'a' } },
      { type: 'find', requestId: 1, generation: 1 },
    ])
      await h.send(bad);
    assert.deepEqual(h.posted, []);
    await h.send({ type: 'find', requestId: 8, generation: 1, query: { mode: 'hex', text: '4', caseSensitive: false } });
    assert.match(JSON.stringify(h.posted.pop()), /"requestFailed".*two digits/);
    await h.send({ type: 'find', requestId: 9, generation: 5, query: { mode: 'text', text: 'node', caseSensitive: true } });
    assert.match(JSON.stringify(h.posted.pop()), /"requestFailed".*The file changed/);
  });
});

test('a ready that comes while the file is still being decoded gets the model once the decode is done', async () => {
  let release: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (release = resolve));
  const data = sampleBytes('v3-tiny.bmes');
  const hostLog: HostLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
  // The source opens only when released: the decode is in progress when the webview says ready.
  const file = new LiveBmesFile('v3-tiny.bmes', async () => (await opened, memorySource(data)), hostLog);
  const loading = file.load();
  assert.equal(file.current.kind, 'failed', 'nothing decoded yet');
  const posted: HostToWebview[] = [];
  const context: MessageContext = { fileName: 'v3-tiny.bmes', file, isDeleted: () => false, copy: async () => undefined, log: hostLog, t };
  const answered = handleWebviewMessage({ type: 'ready' }, { post: async (m: HostToWebview) => posted.push(m) > 0 }, context);
  release();
  await Promise.all([loading, answered]);
  assert.deepEqual(
    posted.map((m) => m.type),
    ['model'],
  );
});
