/**
 * The split between the structure (tabs, tables) and the bytes (hex view): side by side when the editor is wide
 * enough for the hex view's full width next to a usable structure pane, else stacked. The user's size is kept as
 * a fraction of the axis, so it survives resizes; either side can be collapsed. Pure.
 */

import type { SplitPreference } from '../../extension/protocol';

export type SplitCollapsed = SplitPreference['collapsed'];

/** The structure pane's share of the axis (0–1; null: the default for the orientation) and the collapsed side. */
export type SplitState = SplitPreference;

export const DEFAULT_SPLIT: SplitState = { structure: null, collapsed: 'none' };

export type SplitOrientation = 'row' | 'column';

export interface SplitLayout {
  readonly orientation: SplitOrientation;
  /** Pixels along the axis (width side by side, height stacked); 0 for a collapsed side. */
  readonly structure: number;
  readonly bytes: number;
  /** The range the structure pane can be dragged over while both sides show. */
  readonly min: number;
  readonly max: number;
}

/** The splitter's thickness in pixels. */
export const SPLITTER = 6;
/** Below this width the tables' columns no longer fit (headers cut): stack instead. */
export const STRUCTURE_MIN_WIDTH = 420;
export const STRUCTURE_MIN_HEIGHT = 150;
export const BYTES_MIN_HEIGHT = 140;
/** Stacked, by default the structure takes this share: at 1000×650 its tables show at least 8 rows. */
const STACKED_SHARE = 0.6;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * `bytesWidth`: the hex pane's natural width (the whole grid, offset to ASCII column, never clipped). Side by
 * side the bytes get at least that, the structure the rest; the default gives the bytes exactly that.
 */
export function splitLayout(width: number, height: number, bytesWidth: number, state: SplitState): SplitLayout {
  const orientation: SplitOrientation = width >= bytesWidth + STRUCTURE_MIN_WIDTH + SPLITTER ? 'row' : 'column';
  const axis = Math.max(0, (orientation === 'row' ? width : height) - SPLITTER);
  const min = Math.min(axis, orientation === 'row' ? STRUCTURE_MIN_WIDTH : STRUCTURE_MIN_HEIGHT);
  const max = Math.max(min, orientation === 'row' ? axis - bytesWidth : axis - BYTES_MIN_HEIGHT);
  if (state.collapsed === 'structure') return { orientation, structure: 0, bytes: axis, min, max };
  if (state.collapsed === 'bytes') return { orientation, structure: axis, bytes: 0, min, max };
  const wanted = state.structure === null ? (orientation === 'row' ? max : Math.round(axis * STACKED_SHARE)) : Math.round(state.structure * axis);
  const structure = clamp(wanted, min, max);
  return { orientation, structure, bytes: axis - structure, min, max };
}

/** The state after the user dragged or keyed the structure pane to `size` pixels on an axis of `axis` pixels. */
export function resizedTo(size: number, layout: SplitLayout): SplitState {
  const axis = layout.structure + layout.bytes;
  if (axis <= 0) return DEFAULT_SPLIT;
  return { structure: clamp(size, layout.min, layout.max) / axis, collapsed: 'none' };
}

/** Reads a persisted split state, keeping only well-formed parts. */
export function loadSplit(raw: unknown): SplitState {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SPLIT;
  const r = raw as Record<string, unknown>;
  const s = r['structure'];
  const c = r['collapsed'];
  return {
    structure: typeof s === 'number' && Number.isFinite(s) && s > 0 && s < 1 ? s : null,
    collapsed: c === 'structure' || c === 'bytes' ? c : 'none',
  };
}
