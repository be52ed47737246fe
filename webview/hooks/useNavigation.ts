import { useCallback, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { TableId, ViewField, ViewModel } from '../../extension/viewModel/types';
import { cellSpan, gridColumns, rowSpan } from '../lib/tableData';
import { DEFAULT_TABLE_UI, selectionOfSpan, type UiState } from '../state';

function allFields(model: ViewModel): ViewField[] {
  return [...model.header, ...model.layout, ...(model.codeFeatures ? [model.codeFeatures] : []), ...(model.jsc?.fields ?? [])];
}

export interface Navigation {
  /** Changes each time the hex view must scroll the selection into view. */
  readonly hexReveal: number;
  /** The table whose active row must be scrolled into view, once. */
  readonly tableReveal: TableId | null;
  readonly clearTableReveal: () => void;
  /** The overview must scroll its selected field into view, once. */
  readonly fieldReveal: boolean;
  readonly clearFieldReveal: () => void;
  /** Selects bytes and shows them in the hex view. */
  readonly selectSpan: (offset: number, length: number) => void;
  readonly selectField: (field: ViewField) => void;
  /** Shows a field in the overview (and by default selects its bytes). */
  readonly goToField: (key: string, select?: boolean) => void;
  /** A click or Enter on a table cell (column 0: the whole record). */
  readonly chooseCell: (id: TableId, row: number, column: number) => void;
  /** Shows a record in its table (and by default selects its bytes). */
  readonly goToRecord: (id: TableId, row: number, columnKey: string | undefined, select?: boolean) => void;
  /** Selects a diagnostic's bytes and shows the record or field it concerns. */
  readonly activateProblem: (index: number) => void;
}

/** The links between structure and bytes, both ways: every "select" and "go to" of the inspector. */
export function useNavigation(modelRef: RefObject<ViewModel | null>, setUi: Dispatch<SetStateAction<UiState>>): Navigation {
  const [hexReveal, setHexReveal] = useState(0);
  const [tableReveal, setTableReveal] = useState<TableId | null>(null);
  const [fieldReveal, setFieldReveal] = useState(false);
  const clearTableReveal = useCallback(() => setTableReveal(null), []);
  const clearFieldReveal = useCallback(() => setFieldReveal(false), []);

  const selectSpan = useCallback(
    (offset: number, length: number) => {
      const model = modelRef.current;
      const selection = model ? selectionOfSpan(offset, length, model.size) : null;
      if (!selection) return;
      setUi((u) => ({ ...u, selection }));
      setHexReveal((n) => n + 1);
    },
    [modelRef, setUi],
  );

  const selectField = useCallback(
    (field: ViewField) => {
      setUi((u) => ({ ...u, selectedField: field.key }));
      selectSpan(field.offset, field.length);
    },
    [setUi, selectSpan],
  );

  const goToField = useCallback(
    (key: string, select = true) => {
      const field = modelRef.current ? allFields(modelRef.current).find((f) => f.key === key) : undefined;
      if (!field) return;
      setUi((u) => ({ ...u, tab: 'overview', selectedField: key }));
      setFieldReveal(true);
      if (select) selectSpan(field.offset, field.length);
    },
    [modelRef, setUi, selectSpan],
  );

  const chooseCell = useCallback(
    (id: TableId, row: number, column: number) => {
      const table = modelRef.current?.tables.find((t) => t.id === id);
      if (!table || row < 0 || row >= table.rowCount) return;
      const col = column > 0 ? gridColumns(table)[column - 1] : undefined;
      const span = (col && cellSpan(col, row)) ?? rowSpan(table, row);
      selectSpan(span.offset, span.length);
    },
    [modelRef, selectSpan],
  );

  const goToRecord = useCallback(
    (id: TableId, row: number, columnKey: string | undefined, select = true) => {
      const table = modelRef.current?.tables.find((t) => t.id === id);
      if (!table || row < 0 || row >= table.rowCount) return;
      const column = columnKey ? gridColumns(table).findIndex((c) => c.key === columnKey) + 1 : 0;
      setUi((u) => ({ ...u, tab: id, tables: { ...u.tables, [id]: { ...(u.tables[id] ?? DEFAULT_TABLE_UI), activeRow: row, activeColumn: Math.max(0, column) } } }));
      setTableReveal(id);
      if (select) chooseCell(id, row, Math.max(0, column));
    },
    [modelRef, setUi, chooseCell],
  );

  const activateProblem = useCallback(
    (index: number) => {
      const d = modelRef.current?.diagnostics[index];
      if (!d) return;
      setUi((u) => ({ ...u, activeProblem: index }));
      if (d.target) goToRecord(d.target.table, d.target.row, d.target.column, false);
      else if (d.fieldKey) goToField(d.fieldKey, false);
      selectSpan(d.offset, Math.max(1, d.length));
    },
    [modelRef, setUi, goToRecord, goToField, selectSpan],
  );

  return { hexReveal, tableReveal, clearTableReveal, fieldReveal, clearFieldReveal, selectSpan, selectField, goToField, chooseCell, goToRecord, activateProblem };
}
