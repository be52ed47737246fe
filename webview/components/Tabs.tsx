import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: string;
  /** Shown after the label, e.g. a row count. */
  readonly extra?: ReactNode;
  readonly title?: string;
}

export const tabId = (id: string) => `tab-${id}`;
export const PANEL_ID = 'tabpanel';

/** An ARIA tab list: arrow keys, Home and End move between tabs and select them. */
export function Tabs<T extends string>(props: { readonly tabs: readonly TabSpec<T>[]; readonly selected: T; readonly onSelect: (id: T) => void; readonly label: string }) {
  const { tabs, selected, onSelect } = props;
  const list = useRef<HTMLDivElement>(null);
  // The row scrolls sideways when it is too narrow: keep the selected tab in it, also when the row or its tabs are
  // resized (the split is laid out after the first paint).
  useEffect(() => {
    const row = list.current;
    if (!row) return;
    const reveal = () => row.querySelector<HTMLElement>(`#${tabId(selected)}`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    reveal();
    // Tabs widen after the first paint too (the font, a count's badge), moving the selected one.
    const observer = new ResizeObserver(reveal);
    observer.observe(row);
    for (const tab of row.children) observer.observe(tab);
    return () => observer.disconnect();
  }, [selected, tabs.length]);
  const move = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(tab.id)}`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    move(next);
  };
  return (
    <div role="tablist" aria-label={props.label} className="tabs" ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={tabId(t.id)}
          aria-selected={t.id === selected}
          aria-controls={PANEL_ID}
          tabIndex={t.id === selected ? 0 : -1}
          className="tab"
          title={t.title}
          onClick={() => onSelect(t.id)}
        >
          {t.label}
          {t.extra}
        </button>
      ))}
    </div>
  );
}
