import { useSyncExternalStore } from 'react';
import type { TableId, ViewModel, ViewRegion } from '../../extension/viewModel/types';
import type { ByteStore } from '../lib/byteStore';
import { fmtSpan } from '../lib/format';
import { selectionRange, type ByteSelection } from '../state';
import { Button } from '../toolkit';
import { ByteLocation } from './ByteLocation';
import type { Host } from '../host';
import { DataInspector } from './DataInspector';
import { FindBar } from './FindBar';
import { GoToOffset } from './GoToOffset';
import { HexGrid } from './HexGrid';
import { Legend } from './Legend';

export interface HexPaneProps {
  readonly id: string;
  readonly hidden: boolean;
  readonly model: ViewModel;
  readonly generation: number;
  readonly store: ByteStore;
  readonly selection: ByteSelection | null;
  readonly initialTopRow: number;
  readonly revealSeq: number;
  readonly goToOpen: boolean;
  readonly findOpen: boolean;
  readonly host: Host;
  readonly onFindOpen: (open: boolean) => void;
  /** The byte details (location, data inspector) beside the grid rather than below it. */
  readonly detailsBeside: boolean;
  readonly gridWidth: number;
  readonly littleEndian: boolean;
  readonly structureHidden: boolean;
  readonly onToggleStructure: () => void;
  readonly onLittleEndian: (littleEndian: boolean) => void;
  readonly onGridWidth: (width: number) => void;
  readonly onGoToOpen: (open: boolean) => void;
  readonly onSelection: (selection: ByteSelection) => void;
  readonly onSelectSpan: (offset: number, length: number) => void;
  readonly onTopRow: (row: number) => void;
  readonly onCopyHex: () => void;
  readonly onCopy: (text: string, what: string) => void;
  readonly onGoToRecord: (table: TableId, row: number, column: string | undefined) => void;
  readonly onGoToField: (key: string) => void;
}

/** The hex view with its toolbar, legend, the location of the selected bytes and the data inspector. */
export function HexPane(props: HexPaneProps) {
  const { model, selection } = props;
  useSyncExternalStore(props.store.subscribe, props.store.getVersion);
  const range = selection ? selectionRange(selection) : null;
  return (
    <section
      id={props.id}
      className={`hex-pane ${props.detailsBeside ? 'details-beside' : 'details-below'}`}
      aria-label="Bytes"
      hidden={props.hidden}
      style={{ ['--grid-width' as string]: `${props.gridWidth}px` }}
    >
      <div className="toolbar" role="toolbar" aria-label="Hex view tools">
        <Button
          appearance="icon"
          onClick={props.onToggleStructure}
          label={props.structureHidden ? 'Show the structure' : 'Hide the structure'}
          title={props.structureHidden ? 'Show the structure pane' : 'Hide the structure pane: the bytes take the whole editor'}
          className="toggle-structure"
        >
          <span className={`codicon codicon-${props.structureHidden ? 'layout-sidebar-left-off' : 'layout-sidebar-left'}`} aria-hidden="true" />
        </Button>
        {props.goToOpen ? (
          <GoToOffset
            size={model.size}
            onGo={(offset) => {
              props.onSelectSpan(offset, 1);
              props.onGoToOpen(false);
            }}
            onClose={() => props.onGoToOpen(false)}
          />
        ) : (
          <Button onClick={() => props.onGoToOpen(true)} title="Go to offset (Ctrl+G)">
            <span className="codicon codicon-go-to-file" aria-hidden="true" /> Go to offset…
          </Button>
        )}
        <Button onClick={() => props.onFindOpen(!props.findOpen)} title="Find hex bytes or text in the whole file (Ctrl+F)" className="find-toggle">
          <span className="codicon codicon-search" aria-hidden="true" /> Find…
        </Button>
        <Button onClick={props.onCopyHex} disabled={!range} title="Copy the selected bytes as hex (Ctrl+C in the hex view)">
          <span className="codicon codicon-copy" aria-hidden="true" /> Copy hex
        </Button>
        <span className="selection-info" data-testid="selection" aria-live="polite">
          {range ? `Selected ${fmtSpan(range.start, range.end - range.start)}` : 'Click a byte to select it'}
        </span>
      </div>
      {props.findOpen && (
        <FindBar host={props.host} generation={props.generation} from={range ? range.start : 0} onMatch={props.onSelectSpan} onClose={() => props.onFindOpen(false)} />
      )}
      <Legend regions={model.regions} onSelect={(r: ViewRegion) => props.onSelectSpan(r.offset, r.length)} />
      {props.store.error && (
        <p className="error-text" role="alert">
          Some bytes could not be read: {props.store.error}
        </p>
      )}
      <HexGrid
        size={model.size}
        generation={props.generation}
        regions={model.regions}
        store={props.store}
        selection={selection}
        initialTopRow={props.initialTopRow}
        revealSeq={props.revealSeq}
        onSelection={props.onSelection}
        onTopRow={props.onTopRow}
        onCopy={props.onCopyHex}
        onNaturalWidth={props.onGridWidth}
      />
      <div className="hex-details">
        {selection && range ? (
          <>
            <ByteLocation model={model} offset={range.start} onGoToRecord={props.onGoToRecord} onGoToField={props.onGoToField} />
            <DataInspector
              store={props.store}
              generation={props.generation}
              start={range.start}
              end={range.end}
              size={model.size}
              littleEndian={props.littleEndian}
              onLittleEndian={props.onLittleEndian}
              onCopy={props.onCopy}
            />
          </>
        ) : (
          <p className="muted">Select a byte to see which field it belongs to and what it reads as.</p>
        )}
      </div>
    </section>
  );
}
