import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ByteStore } from '../lib/byteStore';

/**
 * The bytes [offset, offset + length): from the page cache when it has them (the usual case: the selection
 * is on screen), else read from the host once. Null while loading or when there is nothing to read.
 */
export function useRangeBytes(store: ByteStore, generation: number, offset: number, length: number): Uint8Array | null {
  useSyncExternalStore(store.subscribe, store.getVersion);
  const cached = length > 0 ? store.peek(offset, length) : null;
  const [fetched, setFetched] = useState<{ key: string; bytes: Uint8Array } | null>(null);
  const key = `${generation}:${offset}:${length}`;
  // Keyed by what is asked for: a new subarray of the same cached bytes is no reason to read again.
  const missing = cached === null;
  useEffect(() => {
    if (!missing || length <= 0) return;
    let live = true;
    store.read(offset, length).then(
      (bytes) => live && setFetched({ key, bytes }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key, missing, store, offset, length]);
  if (cached) return cached;
  return fetched?.key === key ? fetched.bytes : null;
}
