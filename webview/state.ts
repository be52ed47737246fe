/**
 * The view state that survives hide/show (VS Code drops a hidden webview's page; `getState`/`setState` keep
 * this object) and a rebuild of the file on disk: tab, filters, sorts, scroll positions and selection.
 */
import { LIST_NAMES } from '../extension/bmes/recordTables';
import type { TableId } from '../extension/viewModel/types';
import { DEFAULT_SPLIT, loadSplit, type SplitState } from './lib/splitLayout';
import type { CopyFormat, SortSpec } from './lib/tableData';

export type TabId = 'overview' | TableId | 'bytecode' | 'problems';

export interface TableUi {
  readonly filter: string;
  /** Variable flags every shown row must carry. */
  readonly flags: readonly string[];
  readonly sort: SortSpec | null;
  /** The active row (an index into the table, not into the sorted/filtered view), or -1. */
  readonly activeRow: number;
  /** The active column (index into the shown columns, 0 = "#"). */
  readonly activeColumn: number;
}

/** A byte selection in the hex view: `anchor` stays put, `caret` moves; both inclusive. */
export interface ByteSelection {
  readonly anchor: number;
  readonly caret: number;
}

export interface UiState {
  readonly tab: TabId;
  readonly tables: Readonly<Partial<Record<TableId, TableUi>>>;
  readonly selection: ByteSelection | null;
  /** The header/layout/JavaScriptCore field last selected in the overview. */
  readonly selectedField: string | null;
  /** Index of the active entry in the Problems list. */
  readonly activeProblem: number;
  readonly copyFormat: CopyFormat;
  /** The split between structure and bytes: size and collapsed side. */
  readonly split: SplitState;
  /** The data inspector's byte order. */
  readonly littleEndian: boolean;
}

/** Scroll positions change at frame rate, so they are kept apart from the React state and saved throttled. */
export interface ScrollState {
  /** Pixels, per table. */
  tables: Partial<Record<TableId, number>>;
  /** The hex view's top row. */
  hexTopRow: number;
  overview: number;
  problems: number;
}

export interface Persisted {
  readonly v: 1;
  readonly ui: UiState;
  readonly scroll: ScrollState;
}

export const DEFAULT_TABLE_UI: TableUi = { filter: '', flags: [], sort: null, activeRow: -1, activeColumn: 0 };

export const DEFAULT_UI: UiState = {
  tab: 'overview',
  tables: {},
  selection: null,
  selectedField: null,
  activeProblem: 0,
  copyFormat: 'json',
  split: DEFAULT_SPLIT,
  littleEndian: true,
};

export function defaultScroll(): ScrollState {
  return { tables: {}, hexTopRow: 0, overview: 0, problems: 0 };
}

/** The tables a view can have: the BMES record lists and those of an executable. */
const TABLES = new Set<string>([...LIST_NAMES, 'modules', 'bytecodeStrings', 'slots', 'prelinkedModules'] satisfies TableId[]);
/** Every tab a saved state may name; one that is not here is dropped on restore. */
const TABS = new Set<string>(['overview', 'bytecode', 'problems', ...TABLES]);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number, min = 0): number => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback);
const int = (v: unknown, fallback: number, min = 0): number => Math.floor(num(v, fallback, min));

function tableUi(v: unknown): TableUi | null {
  if (!isObj(v)) return null;
  const sort = isObj(v['sort']) && typeof v['sort']['column'] === 'string' ? { column: v['sort']['column'], descending: v['sort']['descending'] === true } : null;
  return {
    filter: typeof v['filter'] === 'string' ? v['filter'] : '',
    flags: Array.isArray(v['flags']) ? v['flags'].filter((f): f is string => typeof f === 'string') : [],
    sort,
    activeRow: int(v['activeRow'], -1, -1),
    activeColumn: int(v['activeColumn'], 0),
  };
}

/** Whether `getState` returned a split of this editor's own (a restored editor), which then wins over the remembered one. */
export function hasSavedSplit(raw: unknown): boolean {
  return isObj(raw) && raw['v'] === 1 && isObj(raw['ui']) && isObj(raw['ui']['split']);
}

/** Reads whatever `getState` returned, keeping only well-formed parts (it may come from an older version). */
export function loadPersisted(raw: unknown): Persisted {
  const fallback: Persisted = { v: 1, ui: DEFAULT_UI, scroll: defaultScroll() };
  if (!isObj(raw) || raw['v'] !== 1 || !isObj(raw['ui'])) return fallback;
  const u = raw['ui'];
  const tables: Partial<Record<TableId, TableUi>> = {};
  if (isObj(u['tables'])) {
    for (const [key, value] of Object.entries(u['tables'])) {
      const t = tableUi(value);
      if (t && TABLES.has(key)) tables[key as TableId] = t;
    }
  }
  const sel = u['selection'];
  const selection = isObj(sel) ? { anchor: int(sel['anchor'], 0), caret: int(sel['caret'], 0) } : null;
  const ui: UiState = {
    tab: typeof u['tab'] === 'string' && TABS.has(u['tab']) ? (u['tab'] as TabId) : 'overview',
    tables,
    selection,
    selectedField: typeof u['selectedField'] === 'string' ? u['selectedField'] : null,
    activeProblem: int(u['activeProblem'], 0),
    copyFormat: u['copyFormat'] === 'text' ? 'text' : 'json',
    split: loadSplit(u['split']),
    littleEndian: u['littleEndian'] !== false,
  };
  const s = isObj(raw['scroll']) ? raw['scroll'] : {};
  const scrollTables: Partial<Record<TableId, number>> = {};
  if (isObj(s['tables'])) for (const [key, value] of Object.entries(s['tables'])) if (TABLES.has(key)) scrollTables[key as TableId] = num(value, 0);
  return {
    v: 1,
    ui,
    scroll: { tables: scrollTables, hexTopRow: num(s['hexTopRow'], 0), overview: num(s['overview'], 0), problems: num(s['problems'], 0) },
  };
}

/** The selection as a half-open byte range. */
export function selectionRange(s: ByteSelection): { start: number; end: number } {
  return { start: Math.min(s.anchor, s.caret), end: Math.max(s.anchor, s.caret) + 1 };
}

/** A selection covering a span (at least one byte), clamped to the file. */
export function selectionOfSpan(offset: number, length: number, size: number): ByteSelection | null {
  if (size <= 0) return null;
  const start = Math.min(Math.max(0, offset), size - 1);
  const end = Math.min(size, Math.max(start + 1, offset + length));
  return { anchor: start, caret: end - 1 };
}
