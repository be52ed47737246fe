import { useCallback, useDeferredValue, useEffect, useMemo } from 'react';
import { VARIABLE_FLAGS } from '../../extension/bmes/flags';
import type { ViewDiagnostic, ViewTable } from '../../extension/viewModel/types';
import { worstSeverity } from '../lib/diagnosticIndex';
import { fmtInt, hex } from '../lib/format';
import { bitsColumn, filterRows, flagCounts, flagMask, formatRows, rowHaystacks, sortedRows, type CopyFormat } from '../lib/tableData';
import type { TableUi } from '../state';
import { Button, Dropdown, TextField } from '../toolkit';
import { DiagnosticMark } from './DiagnosticMark';
import { RecordGrid } from './RecordGrid';

const FORMATS = [
  { value: 'json', label: 'JSON' },
  { value: 'text', label: 'Text (tab-separated)' },
] as const;

export interface TableViewProps {
  readonly table: ViewTable;
  readonly ui: TableUi;
  readonly initialScrollTop: number;
  /** Scroll the active row into view (clearing a filter that hides it), then call onRevealed. */
  readonly reveal: boolean;
  readonly onRevealed: () => void;
  readonly rowMarks: ReadonlyMap<number, readonly ViewDiagnostic[]> | undefined;
  readonly tableMarks: readonly ViewDiagnostic[] | undefined;
  readonly copyFormat: CopyFormat;
  readonly onUi: (patch: Partial<TableUi>) => void;
  readonly onScroll: (scrollTop: number) => void;
  readonly onChoose: (row: number, column: number) => void;
  readonly onCopy: (text: string, what: string) => void;
  readonly onCopyFormat: (format: CopyFormat) => void;
  /** The rows are a preview's: those in the file's first page, read before the decode ends (nothing checked yet). */
  readonly reading?: boolean;
  /** A table whose rows open something (an executable's modules): a toolbar button and double-click. */
  readonly rowAction?: { readonly label: string; readonly icon: string; readonly run: (row: number) => void };
}

/** One list of the module record: filter, flag filter, counts, copy, and the virtualized grid. */
export function TableView(props: TableViewProps) {
  const { table, ui, onUi, copyFormat, onCopy } = props;
  const filter = useDeferredValue(ui.filter);
  const order = useMemo(() => sortedRows(table, ui.sort), [table, ui.sort]);
  const haystacks = useMemo(() => {
    let built: string[] | null = null;
    return () => (built ??= rowHaystacks(table));
  }, [table]);
  const mask = flagMask(ui.flags);
  const rows = useMemo(() => filterRows(table, order, filter, mask, haystacks), [table, order, filter, mask, haystacks]);
  const positions = useMemo(() => {
    const pos = new Int32Array(table.rowCount).fill(-1);
    for (let i = 0; i < rows.length; i++) pos[rows[i]!] = i;
    return pos;
  }, [rows, table.rowCount]);
  const counts = useMemo(() => (bitsColumn(table) ? flagCounts(table) : null), [table]);
  const filtered = rows.length !== table.rowCount;
  const activeRow = ui.activeRow >= 0 && ui.activeRow < table.rowCount && positions[ui.activeRow]! >= 0 ? ui.activeRow : -1;
  const format = FORMATS.find((f) => f.value === copyFormat)!;
  const hidden = props.reveal && ui.activeRow >= 0 && ui.activeRow < table.rowCount && positions[ui.activeRow]! < 0;
  useEffect(() => {
    if (hidden) onUi({ filter: '', flags: [] });
  }, [hidden, onUi]);

  const onSort = useCallback(
    (column: string) => {
      const s = ui.sort;
      onUi({ sort: s?.column !== column ? { column, descending: false } : s.descending ? null : { column, descending: true } });
    },
    [ui.sort, onUi],
  );
  const onActive = useCallback((row: number, column: number) => onUi({ activeRow: row, activeColumn: column }), [onUi]);
  const copyRow = useCallback((row: number) => onCopy(formatRows(table, [row], copyFormat), `row ${row} as ${format.label}`), [table, copyFormat, onCopy, format.label]);
  const toggleFlag = (name: string) => onUi({ flags: ui.flags.includes(name) ? ui.flags.filter((f) => f !== name) : [...ui.flags, name] });

  return (
    <div className="table-view">
      <div className="toolbar" role="toolbar" aria-label={`${table.title} tools`}>
        <TextField label={`Filter ${table.title}`} placeholder="Filter" value={ui.filter} onValue={(filter) => onUi({ filter })} className="filter">
          <span slot="start" className="codicon codicon-filter" aria-hidden="true" />
        </TextField>
        <span className="count" aria-live="polite" data-shown={rows.length} data-total={table.rowCount}>
          {filtered ? `${fmtInt(rows.length)} of ${fmtInt(table.rowCount)} rows` : `${fmtInt(table.rowCount)} ${table.rowCount === 1 ? 'row' : 'rows'}`}
        </span>
        {props.rowAction && (
          <Button onClick={() => activeRow >= 0 && props.rowAction!.run(activeRow)} disabled={activeRow < 0} title={`${props.rowAction.label} (or double-click a row)`}>
            <span className={`codicon codicon-${props.rowAction.icon}`} aria-hidden="true" /> {props.rowAction.label}
          </Button>
        )}
        <span className="spacer" />
        <Dropdown label="Copy format" title="Copy format" value={copyFormat} options={FORMATS} onValue={props.onCopyFormat} />
        <Button onClick={() => activeRow >= 0 && copyRow(activeRow)} disabled={activeRow < 0} title="Copy the active row (Ctrl+C in the table)">
          <span className="codicon codicon-copy" aria-hidden="true" /> Copy row
        </Button>
        <Button
          onClick={() => onCopy(formatRows(table, rows, copyFormat), `${fmtInt(rows.length)} rows as ${format.label}`)}
          disabled={rows.length === 0}
          title={filtered ? 'Copy the rows that match the filter' : 'Copy the whole table'}
        >
          <span className="codicon codicon-copy" aria-hidden="true" /> {filtered ? 'Copy filtered rows' : 'Copy table'}
        </Button>
      </div>
      {counts && counts.size > 0 && (
        <div className="flag-filter" role="group" aria-label="Show only rows with these flags">
          <span className="muted">Flags:</span>
          {VARIABLE_FLAGS.filter((f) => counts.has(f.name)).map((f) => (
            <button
              type="button"
              key={f.name}
              className="chip chip-toggle"
              aria-pressed={ui.flags.includes(f.name)}
              title={`${f.description} (bit ${f.bit}): show only rows with it`}
              onClick={() => toggleFlag(f.name)}
            >
              {f.name} <span className="muted">{fmtInt(counts.get(f.name)!)}</span>
            </button>
          ))}
          {ui.flags.length > 0 && (
            <button type="button" className="link" onClick={() => onUi({ flags: [] })}>
              Clear
            </button>
          )}
        </div>
      )}
      <p className="table-info">
        <DiagnosticMark list={props.tableMarks} />
        Count field at {hex(table.count.offset)} says {fmtInt(table.count.value)}; records span {hex(table.offset)}–{hex(table.offset + Math.max(0, table.length - 1))}.
        {props.reading ? (
          <span className="muted">
            {table.complete
              ? ' Reading the file: this list is whole; the checks follow.'
              : ` Reading the file: the first ${fmtInt(table.rowCount)} records so far; the rest and the checks follow.`}
          </span>
        ) : (
          !table.complete && (
            <span className={worstSeverity(props.tableMarks ?? []) === 'error' ? 'error-text' : 'warning-text'}> The list was cut short: only whole records are shown.</span>
          )
        )}{' '}
        <span className="muted">A cell (click or Enter) selects its bytes; “#” and Offset the whole record.</span>
      </p>
      <RecordGrid
        table={table}
        rows={rows}
        positions={positions}
        sort={ui.sort}
        activeRow={activeRow}
        activeColumn={ui.activeColumn}
        initialScrollTop={props.initialScrollTop}
        reveal={props.reveal}
        onRevealed={props.onRevealed}
        marks={props.rowMarks}
        onSort={onSort}
        onActive={onActive}
        onChoose={props.onChoose}
        onOpenRow={props.rowAction?.run}
        onCopyRow={copyRow}
        onScroll={props.onScroll}
      />
    </div>
  );
}
