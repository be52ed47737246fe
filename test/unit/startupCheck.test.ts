/**
 * The file watcher's check once it has started (extension/editor/startupCheck.ts): a file rebuilt before the
 * watcher could see it is reported once; an unchanged file, a watcher that already reported, or a closed view
 * report nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAfterStart, stampChanged, type FileStamp } from '../../extension/editor/startupCheck';

test('a stamp changes with the size, the modification time, or whether the file exists', () => {
  const a = { size: 10, mtime: 1000 };
  assert.equal(stampChanged(a, { size: 10, mtime: 1000 }), false);
  assert.equal(stampChanged(a, { size: 11, mtime: 1000 }), true);
  assert.equal(stampChanged(a, { size: 10, mtime: 1001 }), true);
  assert.equal(stampChanged(a, null), true);
  assert.equal(stampChanged(null, a), true);
  assert.equal(stampChanged(null, null), false);
});

/** A file on disk whose stamp the test changes, and a watcher start the test releases. */
function harness(initial: FileStamp | null) {
  let current = initial;
  let release = () => {};
  const started = new Promise<void>((resolve) => (release = resolve));
  const state = { seenEvent: false, disposed: false, changes: 0, stamps: 0 };
  const check = checkAfterStart({
    stamp: () => {
      state.stamps++;
      return Promise.resolve(current);
    },
    started,
    seenEvent: () => state.seenEvent,
    disposed: () => state.disposed,
    onChanged: () => state.changes++,
  });
  return {
    state,
    check,
    set: (stamp: FileStamp | null) => (current = stamp),
    start: () => release(),
  };
}

test('a file rebuilt before the watcher started is reported once, after the start', async () => {
  const h = harness({ size: 100, mtime: 5 });
  await Promise.resolve();
  h.set({ size: 120, mtime: 9 });
  assert.equal(h.state.changes, 0, 'nothing is reported before the watcher started');
  h.start();
  assert.equal(await h.check, true);
  assert.equal(h.state.changes, 1);
  assert.equal(h.state.stamps, 2, 'the file is stamped when watching begins and once after the start');
});

test('a file that appears or goes before the start is a change', async () => {
  const appears = harness(null);
  await Promise.resolve();
  appears.set({ size: 1, mtime: 1 });
  appears.start();
  assert.equal(await appears.check, true);
  const goes = harness({ size: 1, mtime: 1 });
  await Promise.resolve();
  goes.set(null);
  goes.start();
  assert.equal(await goes.check, true);
});

test('an unchanged file reports nothing', async () => {
  const h = harness({ size: 100, mtime: 5 });
  h.start();
  assert.equal(await h.check, false);
  assert.equal(h.state.changes, 0);
});

test('a watcher that already reported an event, or a closed view, needs no check', async () => {
  const seen = harness({ size: 100, mtime: 5 });
  seen.set({ size: 1, mtime: 6 });
  seen.state.seenEvent = true;
  seen.start();
  assert.equal(await seen.check, false);
  assert.equal(seen.state.changes, 0);
  assert.equal(seen.state.stamps, 1, 'no second stat');

  const closed = harness({ size: 100, mtime: 5 });
  closed.set({ size: 1, mtime: 6 });
  closed.state.disposed = true;
  closed.start();
  assert.equal(await closed.check, false);
  assert.equal(closed.state.changes, 0);
});
