/**
 * The view's inbox from the host, open from the bundle's first moments: it listens and says `ready` while the rest
 * of the bundle is still being evaluated, so that the host's first messages (a big file's preview: its header and
 * first hex rows) travel while the bundle loads and React mounts, instead of after. They wait here until the view
 * takes them (listenToHost). main.tsx imports this module before the others.
 */
import { vscode } from './vscodeApi';

type Listener = (event: MessageEvent<unknown>) => void;

let listener: Listener | null = null;
/** What came before any listener, in order. */
let waiting: MessageEvent<unknown>[] = [];

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (listener) listener(event);
  else waiting.push(event);
});
vscode.postMessage({ type: 'ready' });

/**
 * Hands `next` the messages that came so far, then each later one as it comes (replacing any earlier listener).
 * Returns the function that stops it; messages then wait for the next listener again.
 */
export function listenToHost(next: Listener): () => void {
  listener = next;
  const early = waiting;
  waiting = [];
  for (const event of early) next(event);
  return () => {
    if (listener === next) listener = null;
  };
}
