/**
 * Small tables (an executable's modules, Bun's shared tables) are easiest built with each cell's text at hand;
 * `packTable` turns such a draft into what travels: the texts packed once (`ViewTextsBuilder`), the cells ids.
 */
import type { ViewColumn, ViewTable } from './types';
import { ViewTextsBuilder } from './viewTexts';

/** A column whose string cells are still texts. */
export type DraftColumn = Omit<ViewColumn, 'textIds'> & { readonly strings?: readonly string[] };

export type DraftTable = Omit<ViewTable, 'columns' | 'texts'> & { readonly columns: readonly DraftColumn[] };

export function packTable(draft: DraftTable): ViewTable {
  const texts = new ViewTextsBuilder();
  const columns = draft.columns.map(({ strings, ...column }): ViewColumn => (strings ? { ...column, textIds: Uint32Array.from(strings, (s) => texts.text(s)) } : column));
  return { ...draft, columns, texts: texts.build() };
}
