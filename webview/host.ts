/** The webview's side of the protocol: the VS Code API, pending requests and the byte pages. */
import type { WebviewToHost } from '../extension/protocol';
import { ByteStore } from './lib/byteStore';
import { RequestTracker } from './lib/requests';
import { vscode } from './vscodeApi';

export interface Host {
  readonly post: (message: WebviewToHost) => void;
  readonly tracker: RequestTracker;
  readonly bytes: ByteStore;
  readonly getState: () => unknown;
  readonly setState: (state: unknown) => void;
}

export function createHost(): Host {
  const post = (message: WebviewToHost) => vscode.postMessage(message);
  const tracker = new RequestTracker(post);
  return {
    post,
    tracker,
    bytes: new ByteStore(tracker),
    getState: () => vscode.getState(),
    setState: (state) => vscode.setState(state),
  };
}
