/** Requests to the host with ids, answered by `bytes`, `embeddedSource`, `found`, `sourceText`, `disassembly` or `requestFailed`. */
import type { HostToWebview, WebviewToHost } from '../../extension/protocol';

export type Response = Extract<HostToWebview, { requestId: number }>;
type Answer = Exclude<Response, { type: 'requestFailed' }>;

export class RequestFailed extends Error {}

export class RequestTracker {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (m: Answer) => void; reject: (e: Error) => void }>();

  constructor(private readonly post: (message: WebviewToHost) => void) {}

  send(build: (requestId: number) => WebviewToHost): Promise<Answer> {
    const requestId = this.next++;
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      this.post(build(requestId));
    });
  }

  /** Routes a response to its request; unknown ids (e.g. after a reload) are dropped. */
  settle(message: Response): void {
    const waiter = this.pending.get(message.requestId);
    if (!waiter) return;
    this.pending.delete(message.requestId);
    if (message.type === 'requestFailed') waiter.reject(new RequestFailed(message.message));
    else waiter.resolve(message);
  }

  get inFlight(): number {
    return this.pending.size;
  }
}
