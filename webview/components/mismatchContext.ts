import { createContext } from 'react';
import type { CacheChecks } from '../../extension/protocol';
import type { MismatchCard } from '../lib/mismatch';

/** What the field tables need to show mismatch badges and cards, without threading it through every layer. */
export interface MismatchContextValue {
  readonly cards: ReadonlyMap<string, MismatchCard>;
  /** null: the host sent no checks, so the cards offer no "Regenerate cache". */
  readonly checks: CacheChecks | null;
  /** The file is a `--compile` executable: "Regenerate cache" shows how to rebuild it, and runs nothing. */
  readonly forExecutable: boolean;
  readonly onRegenerate: () => void;
  /** A card to open and focus (a link in the verdict area asked for it); `seq` grows with each request. */
  readonly request: { readonly key: string; readonly seq: number } | null;
  readonly onRequestHandled: () => void;
}

export const NO_MISMATCHES: MismatchContextValue = {
  cards: new Map(),
  checks: null,
  forExecutable: false,
  onRegenerate: () => {},
  request: null,
  onRequestHandled: () => {},
};

export const MismatchContext = createContext<MismatchContextValue>(NO_MISMATCHES);
