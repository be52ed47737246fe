import { parseSplitPreference, type SplitPreference } from '../protocol';

/** The memento key of the split the user last chose in any inspector. */
export const SPLIT_KEY = 'bmesInspector.split';

/** What the split memory needs of a VS Code Memento (globalState), so that it is testable without VS Code. */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface SplitMemory {
  get(): SplitPreference | null;
  set(split: SplitPreference): PromiseLike<void>;
}

/**
 * The structure/bytes split remembered across editors and sessions: the last one the user chose, which a new
 * inspector starts with (an editor restored with its own state keeps its own). What the store holds is checked
 * on every read: it may come from an older version.
 */
export function splitMemory(store: KeyValueStore): SplitMemory {
  return {
    get: () => parseSplitPreference(store.get(SPLIT_KEY)),
    set: (split) => store.update(SPLIT_KEY, split),
  };
}
