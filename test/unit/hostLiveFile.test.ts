/**
 * The host's live file: decodes over positioned reads (a 50 MB file costs a few pages), serves clipped byte
 * ranges tagged with the generation, reopens the file on reload (a rebuild replaces it by a rename), never
 * closes a source under a read, and reads the classic layout's embedded source.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encodeBmes } from '../../extension/bmes';
import { LiveBmesFile, clipRange, tightBytes } from '../../extension/host/liveFile';
import type { ClosableRangeSource, HostLog } from '../../extension/host/ports';
import { FileRangeSource } from '../../extension/node/fileSource';
import { REAL, RICH_RECORD, withU32 } from '../support/bmes';

const dir = mkdtempSync(join(tmpdir(), 'bmes-host-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const sample = (name: string) => new URL(`../../samples/${name}`, import.meta.url);

class MemoryLog implements HostLog {
  readonly lines: string[] = [];
  info = (m: string) => void this.lines.push(`info ${m}`);
  warn = (m: string) => void this.lines.push(`warn ${m}`);
  error = (m: string) => void this.lines.push(`error ${m}`);
}

/** Opens real file handles and records what the live file does with them. */
class Opener {
  opened = 0;
  closed = 0;
  bytesRead = 0;
  constructor(private readonly path: string) {}
  readonly open = async (): Promise<ClosableRangeSource> => {
    const file = await FileRangeSource.open(this.path);
    this.opened++;
    return {
      size: file.size,
      read: async (offset, length) => {
        const bytes = await file.read(offset, length);
        this.bytesRead += bytes.length;
        return bytes;
      },
      close: async () => {
        this.closed++;
        await file.close();
      },
    };
  };
}

function liveCopy(name: string) {
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  copyFileSync(sample(name), path);
  const opener = new Opener(path);
  const log = new MemoryLog();
  return { path, opener, log, live: new LiveBmesFile(name, opener.open, log) };
}

describe('clipRange and tightBytes', () => {
  test('ranges are clipped to the file', () => {
    assert.deepEqual(clipRange(0, 16, 100), [0, 16]);
    assert.deepEqual(clipRange(90, 16, 100), [90, 100]);
    assert.deepEqual(clipRange(100, 16, 100), [100, 100]);
    assert.deepEqual(clipRange(500, 16, 100), [100, 100]);
  });
  test('a view into a larger buffer is copied, a whole buffer is not', () => {
    const whole = new Uint8Array(8);
    assert.equal(tightBytes(whole), whole);
    const part = tightBytes(new Uint8Array(64).subarray(8, 16));
    assert.equal(part.buffer.byteLength, 8);
  });
});

describe('LiveBmesFile', () => {
  test('load decodes, builds the model and logs bytes read and time', async () => {
    const { live, log } = liveCopy('v3-medium.bmes');
    const state = await live.load();
    assert.equal(state.kind, 'decoded');
    assert.equal(state.generation, 1);
    if (state.kind !== 'decoded') return;
    assert.equal(state.model.size, readFileSync(sample('v3-medium.bmes')).length);
    assert.equal(state.model.verdict.outcome.summary, 'Bun will use the bytecode and the module record');
    assert.match(log.lines.join('\n'), /info v3-medium\.bmes: decoded 289064 bytes in [\d.]+ ms, read \d+ bytes .*generation 1/);
    live.dispose();
  });

  test('reads are clipped to the file and carry the generation', async () => {
    const { live } = liveCopy('v3-tiny.bmes');
    await live.load();
    const data = readFileSync(sample('v3-tiny.bmes'));
    const head = await live.read(0, 16);
    assert.deepEqual(head, { generation: 1, offset: 0, bytes: new Uint8Array(data.subarray(0, 16)) });
    const tail = await live.read(data.length - 10, 4096);
    assert.equal(tail.bytes.length, 10);
    assert.deepEqual(tail.bytes, new Uint8Array(data.subarray(data.length - 10)));
    const past = await live.read(data.length + 5, 16);
    assert.equal(past.bytes.length, 0);
    live.dispose();
  });

  test('a 50 MB file is decoded from a few pages: the bytecode is never read', async () => {
    const bytecode = withU32(new Uint8Array(50 * 1024 * 1024), 12, 50 * 1024 * 1024);
    bytecode.set(REAL.esm().subarray(0, 12));
    const path = join(dir, 'huge.bmes');
    writeFileSync(path, encodeBmes(RICH_RECORD, bytecode));
    const opener = new Opener(path);
    const live = new LiveBmesFile('huge.bmes', opener.open, new MemoryLog());
    const state = await live.load();
    assert.equal(state.kind, 'decoded');
    assert.ok(state.kind === 'decoded' && state.model.tables.length === 6);
    assert.ok(opener.bytesRead < 256 * 1024, `read ${opener.bytesRead} bytes`);
    live.dispose();
  });

  test('reload reopens the file (replaced by a rename), bumps the generation and closes the old handle', async () => {
    const { path, live, opener } = liveCopy('v3-tiny.bmes');
    await live.load();
    const replacement = `${path}.tmp`;
    copyFileSync(sample('v3-small.bmes'), replacement);
    renameSync(replacement, path);
    const state = await live.load();
    assert.equal(state.generation, 2);
    assert.equal(state.kind === 'decoded' && state.model.size, readFileSync(sample('v3-small.bmes')).length);
    assert.equal(opener.opened, 2);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(opener.closed, 1, 'the first handle is closed');
    const served = await live.read(0, 4);
    assert.equal(served.generation, 2);
    live.dispose();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(opener.closed, 2);
  });

  test('a reload never closes a source under a read in flight', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const closed: number[] = [];
    let n = 0;
    const open = async (): Promise<ClosableRangeSource> => {
      const id = ++n;
      const data = readFileSync(sample('v3-tiny.bmes'));
      let open = true;
      return {
        size: data.length,
        read: async (offset, length) => {
          if (id === 1 && offset === 0 && length === 7) await gate;
          assert.ok(open, `source ${id} read after close`);
          return data.subarray(offset, offset + length);
        },
        close: async () => {
          open = false;
          closed.push(id);
        },
      };
    };
    const live = new LiveBmesFile('gate', open, new MemoryLog());
    await live.load();
    const pending = live.read(0, 7);
    await live.load();
    assert.deepEqual(closed, [], 'source 1 stays open while its read is pending');
    release();
    const served = await pending;
    assert.equal(served.generation, 1);
    assert.deepEqual(closed, [1]);
    live.dispose();
  });

  test('a file that cannot be opened becomes a failed state, and reads are refused', async () => {
    const log = new MemoryLog();
    const live = new LiveBmesFile('missing.bmes', () => FileRangeSource.open(join(dir, 'missing.bmes')), log);
    const state = await live.load();
    assert.equal(state.kind, 'failed');
    assert.match(state.kind === 'failed' ? state.message : '', /ENOENT/);
    await assert.rejects(live.read(0, 4), /ENOENT/);
    assert.match(log.lines.join('\n'), /error missing\.bmes: cannot read/);
  });

  test('the classic layout’s embedded source is read as text; other files have none', async () => {
    const classic = liveCopy('v3-bun-1.3.6-classic-cjs.bmes').live;
    await classic.load();
    const source = await classic.embeddedSource();
    assert.equal(source?.generation, 1);
    assert.equal(source?.text, readFileSync(sample('v3-bun-1.3.6-classic-cjs.js'), 'latin1'));
    classic.dispose();
    const compact = liveCopy('v3-tiny.bmes').live;
    await compact.load();
    assert.equal(await compact.embeddedSource(), null);
    compact.dispose();
  });
});
