/** A bounded least-recently-used cache of byte pages, keyed by page index. Pure. */
export class PageCache {
  private readonly pages = new Map<number, Uint8Array>();

  constructor(readonly maxPages: number) {}

  get size(): number {
    return this.pages.size;
  }

  /** The page, marked as most recently used. */
  get(index: number): Uint8Array | undefined {
    const page = this.pages.get(index);
    if (page !== undefined) {
      this.pages.delete(index);
      this.pages.set(index, page);
    }
    return page;
  }

  has(index: number): boolean {
    return this.pages.has(index);
  }

  put(index: number, page: Uint8Array): void {
    this.pages.delete(index);
    this.pages.set(index, page);
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }

  clear(): void {
    this.pages.clear();
  }
}
