import { useLayoutEffect, useState, type RefObject } from 'react';

/** The element's client height, kept current with a ResizeObserver. */
export function useElementHeight(ref: RefObject<HTMLElement | null>, fallback = 400): number {
  const [height, setHeight] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight || fallback);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || fallback));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return height;
}
