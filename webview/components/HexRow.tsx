import { memo } from 'react';
import type { ViewRegion } from '../../extension/viewModel/types';
import { PAGE_SIZE } from '../lib/byteStore';
import { asciiChar, byteHex, padOffset } from '../lib/format';
import { regionIndexAt } from '../lib/regions';

export interface HexRowProps {
  readonly row: number;
  readonly start: number;
  readonly end: number;
  readonly digits: number;
  readonly page: Uint8Array | undefined;
  readonly failed: boolean;
  readonly selStart: number;
  readonly selEnd: number;
  readonly caret: number;
  readonly tabbable: number;
  readonly regions: readonly ViewRegion[];
  readonly starts: Uint32Array;
}

/**
 * One row of 16 bytes: offset, hex cells (one ARIA grid cell per byte, coloured by region) and the ASCII
 * column. Missing bytes show as ·· while their page loads, ?? when it cannot be read.
 */
export const HexRow = memo(function HexRow(props: HexRowProps) {
  const { start, end, page, regions, starts, selStart, selEnd, caret, tabbable } = props;
  const hexCells = [];
  // The ASCII column is drawn in runs of bytes that look alike (usually one per row): far fewer boxes to lay out.
  const asciiRuns = [];
  let runClass = '';
  let runStart = start;
  let runText = '';
  const base = start % PAGE_SIZE;
  let ri = regionIndexAt(regions, starts, start);
  for (let i = 0; i < 16; i++) {
    const offset = start + i;
    const gap = i === 7 ? '  ' : ' ';
    if (offset >= end) {
      hexCells.push('   '.repeat(16 - i) + (i <= 7 ? ' ' : ''));
      break;
    }
    while (ri >= 0 && ri < regions.length - 1 && offset >= regions[ri]!.offset + regions[ri]!.length) ri++;
    const region = ri >= 0 && offset >= regions[ri]!.offset && offset < regions[ri]!.offset + regions[ri]!.length ? regions[ri]! : null;
    const value = page ? page[base + i] : undefined;
    const selected = offset >= selStart && offset < selEnd;
    const cls = `r-${region?.kind ?? 'none'}${selected ? ' sel' : ''}${offset === caret ? ' caret' : ''}${value === undefined ? ' pending' : ''}`;
    hexCells.push(
      <span key={i} role="gridcell" className={`b ${cls}`} data-offset={offset} aria-selected={selected} tabIndex={offset === tabbable ? 0 : -1}>
        {value === undefined ? (props.failed ? '??' : '··') : byteHex(value)}
      </span>,
      gap,
    );
    const char = value === undefined ? ' ' : asciiChar(value);
    if (cls !== runClass && runText) {
      asciiRuns.push(
        <span key={runStart} className={runClass} data-a={runStart}>
          {runText}
        </span>,
      );
      runText = '';
    }
    if (!runText) {
      runClass = cls;
      runStart = offset;
    }
    runText += char;
  }
  if (runText) {
    asciiRuns.push(
      <span key={runStart} className={runClass} data-a={runStart}>
        {runText}
      </span>,
    );
  }
  return (
    <div role="row" aria-rowindex={props.row + 2} className="hex-row">
      <span role="rowheader" className="hex-off">
        {padOffset(start, props.digits)}
      </span>
      {'  '}
      {hexCells}
      <span className="hex-ascii" aria-hidden="true">
        {asciiRuns}
      </span>
    </div>
  );
});
