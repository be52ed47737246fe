import * as vscode from 'vscode';
import { checkAfterStart, type FileStamp } from './startupCheck';

/** How long a new watcher is given to start before the file is looked at once more (startupCheck.ts). */
const WATCHER_START_MS = 1000;

/** Escapes glob syntax in a file name, so that `a[1].bmes` matches only itself. */
export function globLiteral(name: string): string {
  return name.replace(/[*?[\]{}]/g, (c) => `[${c}]`);
}

/**
 * Watches one file (by its folder and name, so it works outside the workspace too). After a burst of events
 * has been quiet for `delayMs`, checks whether the file exists and reports it: a rebuild that replaces the
 * file by a rename (delete + create) is seen as one change, not as a deletion. The watcher starts
 * asynchronously, so the file is stamped now and again once it has started: a change in between (a rebuild
 * in the first moments after opening) is reported like any other.
 */
export function watchFile(uri: vscode.Uri, onSettled: (exists: boolean) => void, delayMs = 100): vscode.Disposable {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  const folder = vscode.Uri.joinPath(uri, '..');
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, globLiteral(name)));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  let seenEvent = false;
  let startTimer: ReturnType<typeof setTimeout> | undefined;
  let started = () => {};
  const settle = async () => {
    timer = undefined;
    let exists = true;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      exists = false;
    }
    if (!disposed) onSettled(exists);
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void settle(), delayMs);
  };
  const onEvent = () => {
    seenEvent = true;
    schedule();
  };
  const stamp = async (): Promise<FileStamp | null> => {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      return { size: stat.size, mtime: stat.mtime };
    } catch {
      return null;
    }
  };
  void checkAfterStart({
    stamp,
    started: new Promise((resolve) => {
      started = resolve;
      startTimer = setTimeout(resolve, WATCHER_START_MS);
    }),
    seenEvent: () => seenEvent,
    disposed: () => disposed,
    onChanged: schedule,
  });
  return vscode.Disposable.from(watcher, watcher.onDidChange(onEvent), watcher.onDidCreate(onEvent), watcher.onDidDelete(onEvent), {
    dispose: () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      if (startTimer) clearTimeout(startTimer);
      started();
    },
  });
}
