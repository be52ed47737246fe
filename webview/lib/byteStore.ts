/**
 * The file's bytes as the webview sees them: 64 KiB pages fetched from the host on demand, at most a few at a
 * time, kept in a bounded LRU cache and dropped when the file is decoded again (a new generation).
 */
import { MAX_READ_LENGTH } from '../../extension/protocol';
import { PageCache } from './pageCache';
import type { RequestTracker } from './requests';

export const PAGE_SIZE = 64 * 1024;
export const MAX_CACHED_PAGES = 64;
const MAX_IN_FLIGHT = 4;

export class ByteStore {
  private readonly cache = new PageCache(MAX_CACHED_PAGES);
  private generation = -1;
  private size = 0;
  private readonly inFlight = new Set<number>();
  private readonly failed = new Set<number>();
  private queue: number[] = [];
  private readonly listeners = new Set<() => void>();
  private version = 0;
  /** The last read failure, for the status line. */
  error: string | null = null;

  constructor(private readonly tracker: RequestTracker) {}

  /** A new decode of the file: everything cached belongs to the old bytes. */
  reset(generation: number, size: number): void {
    if (generation === this.generation && size === this.size) return;
    this.generation = generation;
    this.size = size;
    this.cache.clear();
    this.inFlight.clear();
    this.failed.clear();
    this.queue = [];
    this.error = null;
    this.notify();
  }

  /**
   * Bytes the host sent unasked (a preview's first page), for the current generation: every whole page they
   * cover (the last page of the file may be short) is cached as if read.
   */
  seed(offset: number, bytes: Uint8Array): void {
    if (this.generation < 0 || offset % PAGE_SIZE !== 0) return;
    let added = false;
    for (let at = offset; at < offset + bytes.length && at < this.size; at += PAGE_SIZE) {
      const length = Math.min(PAGE_SIZE, this.size - at);
      if (at - offset + length > bytes.length) break;
      this.cache.put(at / PAGE_SIZE, bytes.subarray(at - offset, at - offset + length));
      added = true;
    }
    if (added) this.notify();
  }

  get cachedPages(): number {
    return this.cache.size;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private notify(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** The cached page holding `offset`, if any (marks it recently used). */
  pageAt(offset: number): Uint8Array | undefined {
    return this.cache.get(Math.floor(offset / PAGE_SIZE));
  }

  isFailed(offset: number): boolean {
    return this.failed.has(Math.floor(offset / PAGE_SIZE));
  }

  /** The cached bytes [offset, offset + length), or null when any of them is not cached. */
  peek(offset: number, length: number): Uint8Array | null {
    const end = Math.min(this.size, offset + length);
    if (end <= offset) return new Uint8Array(0);
    const first = Math.floor(offset / PAGE_SIZE);
    const last = Math.floor((end - 1) / PAGE_SIZE);
    if (first === last) {
      const page = this.cache.get(first);
      return page ? page.subarray(offset - first * PAGE_SIZE, end - first * PAGE_SIZE) : null;
    }
    const out = new Uint8Array(end - offset);
    for (let p = first; p <= last; p++) {
      const page = this.cache.get(p);
      if (!page) return null;
      const from = Math.max(offset, p * PAGE_SIZE);
      const to = Math.min(end, (p + 1) * PAGE_SIZE);
      out.set(page.subarray(from - p * PAGE_SIZE, to - p * PAGE_SIZE), from - offset);
    }
    return out;
  }

  /**
   * Asks for the pages covering [start, end), replacing earlier wishes: while scrolling fast only the pages
   * under the viewport are fetched, never the ones scrolled past.
   */
  want(start: number, end: number): void {
    if (this.generation < 0 || this.size === 0) return;
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor((Math.min(this.size, end) - 1) / PAGE_SIZE);
    const queue: number[] = [];
    for (let p = first; p <= last; p++) if (!this.cache.has(p) && !this.inFlight.has(p) && !this.failed.has(p)) queue.push(p);
    this.queue = queue;
    this.pump();
  }

  private pump(): void {
    while (this.inFlight.size < MAX_IN_FLIGHT && this.queue.length > 0) {
      const page = this.queue.shift()!;
      if (this.cache.has(page) || this.inFlight.has(page)) continue;
      this.fetchPage(page);
    }
  }

  private fetchPage(page: number): void {
    const generation = this.generation;
    const offset = page * PAGE_SIZE;
    const length = Math.min(PAGE_SIZE, this.size - offset);
    this.inFlight.add(page);
    this.tracker
      .send((requestId) => ({ type: 'readBytes', requestId, generation, offset, length }))
      .then(
        (answer) => {
          if (generation !== this.generation) return;
          this.inFlight.delete(page);
          if (answer.type === 'bytes' && answer.generation === generation && answer.offset === offset) this.cache.put(page, answer.bytes);
          else this.failed.add(page);
          this.notify();
          this.pump();
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          this.inFlight.delete(page);
          this.failed.add(page);
          this.error = error instanceof Error ? error.message : String(error);
          this.notify();
          this.pump();
        },
      );
  }

  /** Any range (for copying): from the cache when possible, else read in pieces without filling the cache. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    const cached = this.peek(offset, end - offset);
    if (cached) return cached.slice();
    const generation = this.generation;
    const out = new Uint8Array(Math.max(0, end - offset));
    for (let at = offset; at < end; at += MAX_READ_LENGTH) {
      const n = Math.min(MAX_READ_LENGTH, end - at);
      const answer = await this.tracker.send((requestId) => ({ type: 'readBytes', requestId, generation, offset: at, length: n }));
      if (answer.type !== 'bytes' || answer.generation !== this.generation) throw new Error('The file changed while it was being read.');
      out.set(answer.bytes.subarray(0, n), at - offset);
    }
    return out;
  }
}
