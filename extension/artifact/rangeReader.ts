import type { RangeSource } from '../bmes/byteWindow';

/**
 * Ranged reads for container decoders, in small pages so that opening a 100 MB executable costs a few pages:
 * the ELF header, the section table, the graph's tail and its module table. Every read is clamped to the file by
 * the caller; a read past the end returns the bytes that exist (a shorter array), never throws.
 */
export class RangeReader {
  private readonly pages = new Map<number, Uint8Array>();
  bytesRead = 0;

  constructor(
    private readonly source: RangeSource,
    private readonly pageSize = 4096,
  ) {}

  get size(): number {
    return this.source.size;
  }

  /** The bytes [offset, offset + length) that exist in the file. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.max(start, Math.min(offset + Math.max(length, 0), this.size));
    if (end === start) return new Uint8Array(0);
    const first = Math.floor(start / this.pageSize);
    const last = Math.floor((end - 1) / this.pageSize);
    await this.fetchMissing(first, last);
    if (first === last) {
      const page = this.pages.get(first)!;
      const at = start - first * this.pageSize;
      return page.subarray(at, at + (end - start));
    }
    const out = new Uint8Array(end - start);
    for (let p = first; p <= last; p++) {
      const page = this.pages.get(p)!;
      const pageStart = p * this.pageSize;
      const from = Math.max(start, pageStart);
      const to = Math.min(end, pageStart + page.length);
      out.set(page.subarray(from - pageStart, to - pageStart), from - start);
    }
    return out;
  }

  async u32(offset: number): Promise<number | null> {
    const b = await this.read(offset, 4);
    return b.length < 4 ? null : (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }

  /** A u64 as a number when it is below 2^53, else null (no offset or size in a real file is that large). */
  async u64(offset: number): Promise<number | null> {
    const b = await this.read(offset, 8);
    if (b.length < 8) return null;
    const low = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
    const high = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0;
    return high >= 0x200000 ? null : high * 0x1_0000_0000 + low;
  }

  private async fetchMissing(first: number, last: number): Promise<void> {
    let runStart = -1;
    for (let p = first; p <= last + 1; p++) {
      const missing = p <= last && !this.pages.has(p);
      if (missing && runStart < 0) runStart = p;
      if (!missing && runStart >= 0) {
        const from = runStart * this.pageSize;
        const to = Math.min(p * this.pageSize, this.size);
        const data = await this.source.read(from, to - from);
        this.bytesRead += data.length;
        for (let q = runStart; q < p; q++) {
          const at = (q - runStart) * this.pageSize;
          this.pages.set(q, data.subarray(at, Math.min(at + this.pageSize, data.length)));
        }
        runStart = -1;
      }
    }
  }
}

/** A `RangeSource` over bytes in memory (tests, the CLI on small files). */
export function memorySource(data: Uint8Array): RangeSource {
  return { size: data.length, read: async (offset, length) => data.subarray(offset, offset + length) };
}
