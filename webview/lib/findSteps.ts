/** Stepping through find results: the next or previous match from a position, wrapping at the ends. Pure. */

/** Index of the first offset ≥ `at` (offsets ascending); `offsets.length` when none. */
export function firstAtOrAfter(offsets: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The match to go to from the selection start `from`: `first` is the first at or after it (a new search),
 * `next` the first after it, `previous` the last before it; past either end it wraps. -1 when there are none.
 */
export function stepMatch(offsets: ArrayLike<number>, from: number, step: 'first' | 'next' | 'previous'): number {
  const n = offsets.length;
  if (n === 0) return -1;
  if (step === 'previous') {
    const i = firstAtOrAfter(offsets, from) - 1;
    return i >= 0 ? i : n - 1;
  }
  const i = firstAtOrAfter(offsets, step === 'next' ? from + 1 : from);
  return i < n ? i : 0;
}
