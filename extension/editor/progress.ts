import * as vscode from 'vscode';

/**
 * Runs `task` under a cancellable progress notification: the notification's Cancel aborts the signal the task
 * gets (the regenerators stop Bun or the generator with their process group on it).
 */
export function withCancellableProgress<T>(title: string, task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    try {
      return await task((message) => progress.report({ message }), controller.signal);
    } finally {
      subscription.dispose();
    }
  });
}

const SCRIPT_EXTENSIONS = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'];

/** The open dialog for a source file (JavaScript and TypeScript first), starting in the folder of `near`. */
export async function pickSourceFile(title: string, near: vscode.Uri): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    defaultUri: vscode.Uri.joinPath(near, '..'),
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: vscode.l10n.t('Use as Source'),
    filters: { [vscode.l10n.t('JavaScript and TypeScript')]: SCRIPT_EXTENSIONS, [vscode.l10n.t('All files')]: ['*'] },
  });
  return picked?.[0];
}
