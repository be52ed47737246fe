/**
 * The one message protocol between the extension host and the webview. Data flows host → webview; the
 * webview only announces that it is ready. Types only: both sides import it, neither imports the other.
 */
import type { BmesDump } from './bmes/dumpJson';
import type { Verdict } from './bmes/model';

export type HostToWebview =
  | { readonly type: 'decoded'; readonly fileName: string; readonly dump: BmesDump; readonly verdict: Verdict }
  | { readonly type: 'failed'; readonly fileName: string; readonly message: string };

export type WebviewToHost = { readonly type: 'ready' };

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'ready';
}
