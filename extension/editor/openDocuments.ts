import type * as vscode from 'vscode';
import type { HostToWebview } from '../protocol';

/** An open cache as the commands see it: they refresh its views and tell its panels what happened. */
export interface OpenCache {
  readonly uri: vscode.Uri;
  /** Reads and checks the file again now, whatever the file watcher does. */
  refresh(): Promise<void>;
  /** Sends a message to every panel showing the file. */
  post(message: HostToWebview): void;
  /** Sends a message to the panel that is the active editor, if one of this file's is. */
  postToActive(message: HostToWebview): boolean;
}

/** Every open cache document, by URI (a file can be open as two documents: the `*.bmes` and the any-file editor). */
export class OpenDocuments {
  private readonly byUri = new Map<string, Set<OpenCache>>();

  add(document: OpenCache): void {
    const key = document.uri.toString();
    const set = this.byUri.get(key) ?? new Set<OpenCache>();
    set.add(document);
    this.byUri.set(key, set);
  }

  remove(document: OpenCache): void {
    const key = document.uri.toString();
    const set = this.byUri.get(key);
    if (set?.delete(document) && set.size === 0) this.byUri.delete(key);
  }

  all(): OpenCache[] {
    return [...this.byUri.values()].flatMap((set) => [...set]);
  }

  of(uri: vscode.Uri): OpenCache[] {
    return [...(this.byUri.get(uri.toString()) ?? [])];
  }
}
