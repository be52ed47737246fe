import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The client size of an element that may mount later (a callback ref, so an element that appears after the
 * first render is observed too), kept current with a ResizeObserver. `ref` also holds the element.
 */
export function useElementSize(fallback: Size): { ref: { current: HTMLDivElement | null }; attach: (el: HTMLDivElement | null) => void; size: Size } {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const ref = useRef<HTMLDivElement | null>(null);
  const [size, setSize] = useState(fallback);
  const attach = useCallback((el: HTMLDivElement | null) => {
    ref.current = el;
    setElement(el);
  }, []);
  useLayoutEffect(() => {
    if (!element) return;
    const update = () => setSize((s) => (s.width === element.clientWidth && s.height === element.clientHeight ? s : { width: element.clientWidth, height: element.clientHeight }));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return { ref, attach, size };
}
