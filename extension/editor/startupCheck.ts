/**
 * The check a file watcher makes once it is running. VS Code starts a watcher asynchronously and says nothing
 * when it is ready, so a file rebuilt in the first moments after opening can change before any event can be
 * seen: the file's size and modification time taken when watching began are compared with what they are once
 * the watcher has had time to start, and a difference is reported as a change. Pure: no VS Code or Node APIs.
 */

/** What identifies a version of a file on disk; null when the file does not exist. */
export interface FileStamp {
  readonly size: number;
  readonly mtime: number;
}

/** Whether two stamps say the file changed (appeared, went, or got another size or modification time). */
export function stampChanged(before: FileStamp | null, after: FileStamp | null): boolean {
  if (before === null || after === null) return before !== after;
  return before.size !== after.size || before.mtime !== after.mtime;
}

export interface StartupCheck {
  /** The file's stamp; null when it does not exist (or cannot be read). */
  readonly stamp: () => Promise<FileStamp | null>;
  /** Resolves once the watcher can be expected to report changes. */
  readonly started: Promise<void>;
  /** Whether the watcher has reported anything itself (then it is running, and no check is needed). */
  readonly seenEvent: () => boolean;
  /** Whether watching has stopped. */
  readonly disposed: () => boolean;
  readonly onChanged: () => void;
}

/**
 * Takes the stamp now and once more after `started`; reports a change when they differ and the watcher has
 * not already reported one. Resolves to whether it reported.
 */
export async function checkAfterStart(check: StartupCheck): Promise<boolean> {
  const before = check.stamp();
  await check.started;
  if (check.disposed() || check.seenEvent()) return false;
  const [first, now] = await Promise.all([before, check.stamp()]);
  if (check.disposed() || check.seenEvent() || !stampChanged(first, now)) return false;
  check.onChanged();
  return true;
}
