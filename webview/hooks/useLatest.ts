import { useRef } from 'react';

/**
 * A ref that always holds this render's value: for an effect that runs on one change (a reveal request, the
 * mount) but reads everything else as it is then, so its dependency list says exactly what triggers it.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
