import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Host } from '../host';
import { loadPersisted, type Persisted, type ScrollState, type UiState } from '../state';

const SAVE_DELAY_MS = 100;

/**
 * Loads the saved view state once and saves it back through `setState`: at once when the React state changes,
 * throttled when only scroll positions move (they are written into the returned mutable object).
 */
export function usePersistence(host: Host): { initial: Persisted; scroll: ScrollState; save: (ui: UiState) => void; touchScroll: () => void } {
  const initial = useMemo(() => loadPersisted(host.getState()), [host]);
  const scroll = useRef<ScrollState>(initial.scroll).current;
  const latestUi = useRef<UiState>(initial.ui);
  const timer = useRef<number | null>(null);

  const flush = useCallback(() => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    const state: Persisted = { v: 1, ui: latestUi.current, scroll };
    host.setState(state);
  }, [host, scroll]);

  const save = useCallback(
    (ui: UiState) => {
      latestUi.current = ui;
      flush();
    },
    [flush],
  );

  const touchScroll = useCallback(() => {
    if (timer.current === null) timer.current = window.setTimeout(flush, SAVE_DELAY_MS);
  }, [flush]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [flush]);

  return { initial, scroll, save, touchScroll };
}
