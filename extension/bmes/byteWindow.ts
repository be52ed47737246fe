/**
 * Random access to a file's bytes for the decoder. The decoder only asks for ranges it has already checked
 * against `size`, so a window never has to handle reads past the end.
 *
 * A window over a ranged source holds only the pages fetched so far; asking for anything else throws
 * `BytesNotLoaded`, which the async driver answers by fetching and re-running the (cheap) decode.
 */
export interface ByteWindow {
  readonly size: number;
  /**
   * The bytes [offset, offset + length); callers guarantee the range is inside the file. `sequential` marks
   * forward reads through the metadata, where reading ahead pays off.
   */
  bytes(offset: number, length: number, sequential?: boolean): Uint8Array;
  /** The little-endian u32 at `offset`, without allocating: the metadata is mostly u32s. */
  u32(offset: number, sequential?: boolean): number;
  /**
   * The largest run of bytes already at hand that contains `offset` (all of an in-memory file, or the pages
   * fetched together), so that a reader walking the metadata indexes one array instead of calling per value.
   * Null when `offset` is not loaded.
   */
  chunk?(offset: number): ByteChunk | null;
}

/** Bytes [start, start + bytes.length) of the file. */
export interface ByteChunk {
  readonly start: number;
  readonly bytes: Uint8Array;
}

export class BytesNotLoaded {
  constructor(
    readonly offset: number,
    readonly length: number,
    /** True for reads that walk forward through the metadata, where reading ahead pays off. */
    readonly sequential: boolean,
  ) {}
}

export function windowOver(data: Uint8Array): ByteWindow {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const whole: ByteChunk = { start: 0, bytes: data };
  return {
    size: data.length,
    bytes: (offset, length) => data.subarray(offset, offset + length),
    u32: (offset) => view.getUint32(offset, true),
    chunk: () => whole,
  };
}

export function u32At(window: ByteWindow, offset: number): number {
  return window.u32(offset);
}

function u32Of(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

export function i32At(window: ByteWindow, offset: number): number {
  return u32At(window, offset) | 0;
}

/** A signed 64-bit little-endian value. */
export function i64At(window: ByteWindow, offset: number): bigint {
  const b = window.bytes(offset, 8);
  const low = BigInt((b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0);
  const high = BigInt(b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24) | 0);
  return (high << 32n) | low;
}

/** Async random access, e.g. positioned reads on a file handle. */
export interface RangeSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export const PAGE_SIZE = 64 * 1024;
const MAX_READ_AHEAD_PAGES = 128;
/** Concurrent reads of a prefetch are this many pages each (1 MiB). */
const PREFETCH_CHUNK_PAGES = 16;

/** A sparse set of pages fetched from a `RangeSource`. */
export class PagedWindow implements ByteWindow {
  private readonly pages = new Map<number, Uint8Array>();
  /** Each fetch, as one array: the reads ahead through the metadata are these runs. */
  private readonly runs: ByteChunk[] = [];
  private sequentialRun = 1;
  bytesRead = 0;

  constructor(private readonly source: RangeSource) {}

  get size(): number {
    return this.source.size;
  }

  u32(offset: number, sequential = false): number {
    const page = this.pages.get(Math.floor(offset / PAGE_SIZE));
    const at = offset % PAGE_SIZE;
    return page && at + 4 <= page.length ? u32Of(page, at) : u32Of(this.bytes(offset, 4, sequential), 0);
  }

  chunk(offset: number): ByteChunk | null {
    // The latest run first: a reader asks for the next chunk right after it was fetched.
    for (let i = this.runs.length - 1; i >= 0; i--) {
      const run = this.runs[i]!;
      if (offset >= run.start && offset < run.start + run.bytes.length) return run;
    }
    return null;
  }

  bytes(offset: number, length: number, sequential = false): Uint8Array {
    const first = Math.floor(offset / PAGE_SIZE);
    const last = Math.floor((offset + Math.max(length, 1) - 1) / PAGE_SIZE);
    if (first === last) {
      const page = this.pages.get(first);
      if (!page) throw new BytesNotLoaded(offset, length, sequential);
      const start = offset - first * PAGE_SIZE;
      return page.subarray(start, start + length);
    }
    const out = new Uint8Array(length);
    for (let p = first; p <= last; p++) {
      const page = this.pages.get(p);
      if (!page) throw new BytesNotLoaded(offset, length, sequential);
      const pageStart = p * PAGE_SIZE;
      const from = Math.max(offset, pageStart);
      const to = Math.min(offset + length, pageStart + page.length);
      out.set(page.subarray(from - pageStart, to - pageStart), from - offset);
    }
    return out;
  }

  /**
   * Fetches the pages a failed read needed. Forward reads through the metadata double the read-ahead each
   * time, so decoding N bytes of metadata costs O(log N) re-runs and reads at most about 2N bytes.
   */
  async load(miss: BytesNotLoaded): Promise<void> {
    const first = Math.floor(miss.offset / PAGE_SIZE);
    let last = Math.floor((miss.offset + Math.max(miss.length, 1) - 1) / PAGE_SIZE);
    if (miss.sequential) {
      last = Math.max(last, first + this.sequentialRun - 1);
      this.sequentialRun = Math.min(this.sequentialRun * 2, MAX_READ_AHEAD_PAGES);
    }
    const lastPage = Math.floor((this.size - 1) / PAGE_SIZE);
    last = Math.min(last, lastPage);
    let runStart = -1;
    for (let p = first; p <= last + 1; p++) {
      const missing = p <= last && !this.pages.has(p);
      if (missing && runStart < 0) runStart = p;
      if (!missing && runStart >= 0) {
        await this.fetchPages(runStart, p - 1);
        runStart = -1;
      }
    }
  }

  /**
   * Fetches the missing pages of [start, end) at once, in runs of `chunkPages` read concurrently: a range known to
   * be needed (a BMES file's metadata, from its header) costs one round of reads and one decode, not a doubling
   * read-ahead with a decode re-run after each read.
   */
  async prefetch(start: number, end: number, chunkPages = PREFETCH_CHUNK_PAGES): Promise<void> {
    const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
    const last = Math.floor((Math.min(end, this.size) - 1) / PAGE_SIZE);
    const runs: [number, number][] = [];
    for (let p = first; p <= last; p++) {
      if (this.pages.has(p)) continue;
      const run = runs[runs.length - 1];
      if (run && run[1] === p - 1 && run[1] - run[0] + 1 < chunkPages) run[1] = p;
      else runs.push([p, p]);
    }
    await Promise.all(runs.map(([from, to]) => this.fetchPages(from, to)));
    // What follows the range is read as before, with the read-ahead grown to what was just read.
    this.sequentialRun = Math.min(Math.max(this.sequentialRun, last - first + 1), MAX_READ_AHEAD_PAGES);
  }

  private async fetchPages(first: number, last: number): Promise<void> {
    const start = first * PAGE_SIZE;
    const end = Math.min((last + 1) * PAGE_SIZE, this.size);
    const data = await this.source.read(start, end - start);
    if (data.length !== end - start) {
      throw new Error(`short read at ${start}: wanted ${end - start} bytes, got ${data.length}`);
    }
    this.bytesRead += data.length;
    this.runs.push({ start, bytes: data });
    for (let p = first; p <= last; p++) {
      const from = (p - first) * PAGE_SIZE;
      this.pages.set(p, data.subarray(from, Math.min(from + PAGE_SIZE, data.length)));
    }
  }
}
