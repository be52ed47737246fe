import { memo } from 'react';
import type { ViewColumn, ViewDiagnostic, ViewTable } from '../../extension/viewModel/types';
import { cellString } from '../../extension/viewModel/viewTexts';
import { cellText } from '../lib/tableData';
import { DiagnosticMark } from './DiagnosticMark';
import { FlagNames } from './FlagChips';

interface RecordRowProps {
  readonly table: ViewTable;
  readonly columns: readonly (ViewColumn | null)[];
  readonly row: number;
  readonly pos: number;
  readonly active: boolean;
  readonly activeColumn: number;
  readonly tabbable: boolean;
  readonly marks: readonly ViewDiagnostic[] | undefined;
  readonly style: { position: 'absolute'; top: number } | undefined;
}

/** A cell shows at most this much of a string (a hostile file can hold megabytes in one); copying gives all. */
const MAX_CELL_TEXT = 512;
const MAX_TITLE_TEXT = 4096;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)` : text);

/** One record: "#" (with its diagnostics mark) and a cell per column; flags as chips. */
export const RecordRow = memo(function RecordRow(props: RecordRowProps) {
  const { table, columns, row, pos, active, activeColumn, tabbable } = props;
  return (
    <div
      role="row"
      aria-rowindex={pos + 2}
      aria-selected={active}
      data-row={row}
      data-pos={pos}
      className={`vgrid-row${active ? ' active' : ''}${props.marks ? ' marked' : ''}`}
      tabIndex={tabbable && activeColumn <= 0 ? 0 : -1}
      style={props.style}
    >
      {columns.map((c, i) => {
        const full = c ? cellText(table, c, row) : String(row);
        const text = clip(full, MAX_CELL_TEXT);
        return (
          <div
            role="gridcell"
            key={i}
            data-col={i}
            aria-colindex={i + 1}
            className={`cell${c ? ` col-${c.kind}` : ' col-index'}${active && i === activeColumn && i > 0 ? ' active-cell' : ''}`}
            tabIndex={active && i === activeColumn && i > 0 ? 0 : -1}
            title={c ? clip(full, MAX_TITLE_TEXT) : undefined}
          >
            {c === null ? (
              <>
                <DiagnosticMark list={props.marks} />
                {text}
              </>
            ) : c.key === 'flags' ? (
              <FlagNames names={cellString(table, c, row)} />
            ) : (
              text
            )}
          </div>
        );
      })}
    </div>
  );
});
