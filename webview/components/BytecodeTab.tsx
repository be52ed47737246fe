import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { attribute, type Attribution } from '../../extension/jscBytecode/attribution';
import type { BytecodeTree } from '../../extension/jscBytecode/model';
import type { CacheChecks } from '../../extension/protocol';
import type { ViewModel } from '../../extension/viewModel/types';
import { NONCE } from '../cspNonce';
import type { Host } from '../host';
import { useBytecodeSource } from '../hooks/useBytecodeSource';
import { useBytecodeTree } from '../hooks/useBytecodeTree';
import { positionsIn, rangeText, type SourcePosition } from '../lib/sourcePositions';
import { BytecodeInstructions } from './BytecodeInstructions';
import { useElementHeight } from '../hooks/useElementHeight';
import { bytecodeRows, initialExpansion, type BytecodeOrder, type BytecodeRow } from '../lib/bytecodeRows';
import { fmtBytes, fmtInt, hex } from '../lib/format';
import { injectStyles } from '../styles/inject';
import { BYTECODE_STYLES } from '../styles/bytecodeStyles';

const ROW_HEIGHT = 24;
const OVERSCAN = 8;

let stylesInjected = false;

/** Whether the source text is the one the payload was compiled from, as far as its recorded length tells. */
function sourceFits(tree: BytecodeTree, text: string): boolean {
  return tree.header.sourceLength === null || tree.header.sourceLength === text.length;
}

/**
 * The Bytecode tab: the JavaScriptCore code-block tree of the payload the model names (a BMES file's section, a
 * sidecar's payload, the open module of an executable), as a virtualized tree (or the largest functions first).
 * Selecting a node selects its bytes in the hex view, reveals its range in the source when the source is known
 * (the host opens it beside the inspector), and lists its instructions.
 */
export function BytecodeTab(props: {
  readonly model: ViewModel;
  readonly generation: number;
  readonly host: Host;
  readonly checks: CacheChecks | null;
  readonly onSelectSpan: (offset: number, length: number) => void;
}) {
  const { model, generation, host, checks, onSelectSpan } = props;
  if (!stylesInjected) {
    injectStyles(BYTECODE_STYLES, NONCE);
    stylesInjected = true;
  }
  const module = model.bytecode?.module ?? null;
  const loaded = useBytecodeTree(model.bytecode, generation, host);
  const source = useBytecodeSource(model.bytecode !== null, module, generation, host);
  const tree = loaded && 'tree' in loaded ? loaded.tree : null;
  const text = tree && source.state === 'known' && sourceFits(tree, source.text) ? source.text : null;
  const attribution = useMemo(() => (tree ? attribute(tree, text ?? undefined) : null), [tree, text]);
  const positions = useMemo(() => (text !== null ? positionsIn(text) : null), [text]);
  if (!model.bytecode) return <p className="muted">This file has no JavaScriptCore bytecode.</p>;
  if (!loaded) return <p className="muted">Decoding the bytecode…</p>;
  if ('error' in loaded) return <p role="alert">{loaded.error}</p>;
  const sourceNote =
    source.state === 'loading' ? (
      <>Looking for the source…</>
    ) : source.state === 'missing' ? (
      <>
        <span className="codicon codicon-circle-slash" aria-hidden="true" /> No source known: {source.reason}
      </>
    ) : text === null ? (
      <>
        <span className="codicon codicon-warning" aria-hidden="true" /> The source {source.name} has {fmtInt(source.text.length)} characters, the payload was compiled from{' '}
        {fmtInt(loaded.tree.header.sourceLength ?? 0)}: functions are not shown in it.
      </>
    ) : (
      <>
        <span className="codicon codicon-go-to-file" aria-hidden="true" /> Source: {source.name}. Selecting a function selects its text there.
      </>
    );
  const expected = checks?.expectedJscVersion ?? null;
  const cacheVersion = loaded.tree.header.cacheVersion;
  const tableNote = (table: string) =>
    module === null && expected !== null && expected !== cacheVersion
      ? `The opcode names come from ${table}, which is checked to write cache version ${hex8(expected)}; this payload has ${hex8(cacheVersion)}, so it comes from another build and the names may be wrong.`
      : null;
  return (
    <BytecodeTree
      tree={loaded.tree}
      attribution={attribution!}
      sourceNote={sourceNote}
      positions={positions}
      onSelectSpan={onSelectSpan}
      onRevealSource={text !== null ? (start, end) => host.post({ type: 'revealSource', start, end, module }) : null}
      instructions={(row) =>
        row.instructions ? (
          <BytecodeInstructions key={row.key} name={row.name} stream={row.instructions} module={module} generation={generation} host={host} tableNote={tableNote} />
        ) : null
      }
    />
  );
}

const hex8 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

function BytecodeTree(props: {
  readonly tree: BytecodeTree;
  readonly attribution: Attribution;
  readonly sourceNote: ReactNode;
  readonly positions: ((offset: number) => SourcePosition) | null;
  readonly onSelectSpan: (offset: number, length: number) => void;
  /** Null when no usable source is known (nothing is offered then). */
  readonly onRevealSource: ((start: number, end: number) => void) | null;
  readonly instructions: (row: BytecodeRow) => ReactNode;
}) {
  const { tree, attribution, sourceNote, positions, onSelectSpan, onRevealSource, instructions } = props;
  const [chosen, setChosen] = useState<BytecodeRow | null>(null);
  const [order, setOrder] = useState<BytecodeOrder>('tree');
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => initialExpansion(attribution));
  const [active, setActive] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const height = useElementHeight(list);
  const rows = useMemo(() => bytecodeRows(tree, attribution, expanded, order), [tree, attribution, expanded, order]);
  const at = Math.min(active, Math.max(0, rows.length - 1));
  const h = tree.header;

  const toggle = (row: BytecodeRow, open?: boolean) => {
    if (!row.hasChildren) return;
    setExpanded((s) => {
      const next = new Set(s);
      if (open ?? !next.has(row.key)) next.add(row.key);
      else next.delete(row.key);
      return next;
    });
  };
  const choose = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActive(index);
    setChosen(row);
    onSelectSpan(row.span.offset, row.span.length);
    if (row.source && onRevealSource) onRevealSource(row.source.functionStart, row.source.functionEnd + 1);
  };
  const reveal = (index: number) => {
    const el = list.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = rows[at];
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, PageDown: at + page, PageUp: at - page, Home: 0, End: rows.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      const to = Math.min(rows.length - 1, Math.max(0, move));
      setActive(to);
      reveal(to);
    } else if (row && event.key === 'ArrowRight') {
      event.preventDefault();
      toggle(row, true);
    } else if (row && event.key === 'ArrowLeft') {
      event.preventDefault();
      toggle(row, false);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(at);
    }
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const version = `0x${h.cacheVersion.toString(16).toUpperCase().padStart(8, '0')}`;
  return (
    <div className="bytecode">
      <p className="bytecode-summary">
        {h.build ?? 'An unknown Bun build'}, {h.layout} layout, cache version {version}
        {tree.topKind ? `, ${tree.topKind}` : ''}: {fmtBytes(attribution.payloadBytes)}
        {h.sourceLength ? ` (${(attribution.payloadBytes / h.sourceLength).toFixed(2)}× the source)` : ''}, {fmtInt(Math.max(0, attribution.functions.length - 1))} functions
      </p>
      {tree.diagnostics.map((d, i) => (
        <p key={i} className={`bytecode-diagnostic sev-${d.severity}`} role={d.severity === 'error' ? 'alert' : undefined}>
          <span className={`codicon codicon-${d.severity === 'info' ? 'info' : d.severity}`} aria-hidden="true" /> {d.code} at {hex(d.offset)}: {d.message}
        </p>
      ))}
      {tree.top && <p className="bytecode-source">{sourceNote}</p>}
      {tree.top && (
        <>
          <div className="bytecode-toolbar">
            <label>
              <input type="checkbox" checked={order === 'largest'} onChange={(e) => setOrder(e.currentTarget.checked ? 'largest' : 'tree')} /> Largest functions first
            </label>
          </div>
          <div className="bytecode-head" aria-hidden="true">
            <span className="bc-name">Function</span>
            <span className="bc-range">Source</span>
            <span className="bc-num">Instructions</span>
            <span className="bc-num">Own</span>
            <span className="bc-num">Total</span>
          </div>
          <div
            ref={list}
            className="bytecode-list"
            role="tree"
            aria-label="Code blocks and functions"
            tabIndex={0}
            aria-activedescendant={rows[at] ? `bc-row-${rows[at]!.key}` : undefined}
            onKeyDown={onKeyDown}
            onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          >
            <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
              {rows.slice(first, last).map((row, i) => {
                const index = first + i;
                return (
                  <div
                    key={row.key}
                    id={`bc-row-${row.key}`}
                    role="treeitem"
                    aria-level={row.depth + 1}
                    aria-expanded={row.hasChildren ? row.expanded : undefined}
                    aria-selected={index === at}
                    className={`bytecode-row${index === at ? ' active' : ''}`}
                    style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
                    onClick={() => choose(index)}
                    title={`${row.name} (${row.kind}) at ${hex(row.span.offset)}, ${fmtInt(row.span.length)} bytes`}
                  >
                    <span className="bc-name" style={{ paddingLeft: row.depth * 14 }}>
                      <span
                        className={`codicon codicon-${row.hasChildren ? (row.expanded ? 'chevron-down' : 'chevron-right') : 'blank'}`}
                        aria-hidden="true"
                        onClick={(e) => {
                          e.stopPropagation();
                          toggle(row);
                        }}
                      />
                      <span
                        className={`codicon codicon-${row.kind === 'code block' ? 'symbol-namespace' : row.kind === 'method' || row.kind === 'getter' || row.kind === 'setter' ? 'symbol-method' : row.kind === 'constructor' ? 'symbol-class' : 'symbol-function'}`}
                        aria-hidden="true"
                      />{' '}
                      {row.name}{' '}
                      <span className="muted">
                        {row.kind}
                        {row.parameters !== null ? `, ${row.parameters} param${row.parameters === 1 ? '' : 's'}` : ''}
                      </span>
                    </span>
                    <span className="bc-range">
                      {row.source
                        ? positions
                          ? rangeText(positions, row.source.functionStart, row.source.functionEnd + 1)
                          : `${row.source.functionStart}–${row.source.functionEnd + 1}`
                        : ''}
                    </span>
                    <span className="bc-num">{fmtInt(row.instructionBytes)}</span>
                    <span className="bc-num">{fmtInt(row.ownBytes)}</span>
                    <span className="bc-num">{fmtInt(row.totalBytes)}</span>
                  </div>
                );
              })}
            </div>
          </div>
          {chosen && instructions(chosen)}
        </>
      )}
    </div>
  );
}
