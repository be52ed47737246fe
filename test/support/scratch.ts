/**
 * Temporary folders for tests: all under one folder per test process, removed when that process exits
 * (`node --test` runs each file in a process of its own), so that a run leaves nothing behind in the system's
 * temporary folder, whether its tests pass or fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let root: string | null = null;

/** A new empty folder named `prefix` + random characters; gone when the test process exits. */
export function scratchDir(prefix: string): string {
  if (root === null) {
    const made = mkdtempSync(join(tmpdir(), 'bmes-test-'));
    root = made;
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return mkdtempSync(join(root, prefix));
}
