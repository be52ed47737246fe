/**
 * Finds every match of a pattern in a file through positioned reads, a chunk at a time (so memory stays at one
 * chunk whatever the file size): the offsets of the first `maxOffsets` matches and the count of all of them up
 * to `maxCount`. Matches may overlap. Stops early when asked (a newer search, a changed file). Pure.
 */
import type { FindPattern } from './pattern';

export interface SearchLimits {
  /** Offsets kept (the view steps through these). */
  readonly maxOffsets: number;
  /** Matches counted before the search stops: bounds the time on a pattern that matches everywhere. */
  readonly maxCount: number;
  /** Bytes read at once. */
  readonly chunk: number;
}

export const DEFAULT_LIMITS: SearchLimits = { maxOffsets: 100_000, maxCount: 1_000_000, chunk: 1024 * 1024 };

export interface SearchResult {
  readonly offsets: number[];
  /** Matches counted; all of them unless `countCapped`. */
  readonly count: number;
  /** The search stopped counting at `maxCount`: there may be more. */
  readonly countCapped: boolean;
  /** The caller stopped the search before the end of the file. */
  readonly cancelled: boolean;
  readonly bytesRead: number;
}

/** `read(offset, length)` returns the bytes there (fewer at the end of the file). */
export async function searchFile(
  read: (offset: number, length: number) => Promise<Uint8Array>,
  size: number,
  pattern: FindPattern,
  limits: SearchLimits = DEFAULT_LIMITS,
  stopped: () => boolean = () => false,
): Promise<SearchResult> {
  const { length: m, a, b, wild } = pattern;
  const offsets: number[] = [];
  let count = 0;
  let bytesRead = 0;
  const step = Math.max(1, limits.chunk);
  // Each chunk is read with m − 1 bytes of the next, so a match across a chunk boundary is found exactly once.
  for (let start = 0; start + m <= size; start += step) {
    if (stopped()) return { offsets, count, countCapped: false, cancelled: true, bytesRead };
    const bytes = await read(start, Math.min(size - start, step + m - 1));
    bytesRead += bytes.length;
    const last = Math.min(step, bytes.length - m + 1);
    for (let i = 0; i < last; i++) {
      let j = 0;
      while (j < m) {
        const v = bytes[i + j]!;
        if (wild[j] === 0 && v !== a[j] && v !== b[j]) break;
        j++;
      }
      if (j < m) continue;
      if (offsets.length < limits.maxOffsets) offsets.push(start + i);
      if (++count >= limits.maxCount) return { offsets, count, countCapped: true, cancelled: false, bytesRead };
    }
    if (bytes.length < Math.min(size - start, step + m - 1)) break;
  }
  return { offsets, count, countCapped: false, cancelled: false, bytesRead };
}
