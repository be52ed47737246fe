import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Instruction } from '../../extension/jscBytecode/disassemble';
import type { Span } from '../../extension/jscBytecode/model';
import type { Host } from '../host';
import { useElementHeight } from '../hooks/useElementHeight';
import { fmtInt, hex } from '../lib/format';

const ROW_HEIGHT = 20;
const OVERSCAN = 10;
/** Raw bytes beyond this are not listed (a stream with no table can be long; the hex view has them all). */
const MAX_RAW = 1024 * 1024;
const RAW_PER_ROW = 16;

type Listing =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly message: string }
  | {
      readonly state: 'done';
      readonly instructions: readonly Instruction[];
      readonly rest: Span | null;
      readonly raw: Uint8Array | null;
      readonly stopped: string | null;
      readonly table: string | null;
    };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One line of the listing: `offset opcode operands…`, or 16 raw bytes. */
function lineOf(listing: Extract<Listing, { state: 'done' }>, index: number): { offset: number; text: string; raw: boolean } {
  const n = listing.instructions.length;
  if (index < n) {
    const i = listing.instructions[index]!;
    return { offset: i.offset, text: `${i.width > 1 ? `${i.name}/w${i.width * 8}` : i.name}${i.operands.length ? ' ' + i.operands.join(', ') : ''}`, raw: false };
  }
  const at = (index - n) * RAW_PER_ROW;
  const bytes = listing.raw!.subarray(at, at + RAW_PER_ROW);
  return { offset: listing.rest!.offset + at, text: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' '), raw: true };
}

/**
 * The instructions of the selected function's code block, disassembled by the host with the build's opcode table
 * (asked for on selection, with a request id), as a virtualized list; bytes the table does not explain, or all of
 * them without a table, as raw bytes, with the reason.
 */
export function BytecodeInstructions(props: {
  readonly name: string;
  readonly stream: Span;
  readonly module: number | null;
  readonly generation: number;
  readonly host: Host;
  /** A warning about the table (e.g. from another build than the payload's), or null. */
  readonly tableNote: (table: string) => string | null;
}) {
  const { name, stream, module, generation, host, tableNote } = props;
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [scrollTop, setScrollTop] = useState(0);
  const list = useRef<HTMLDivElement>(null);
  const height = useElementHeight(list);
  useEffect(() => {
    setListing({ state: 'loading' });
    setScrollTop(0);
    if (list.current) list.current.scrollTop = 0;
    let live = true;
    host.tracker
      .send((requestId) => ({ type: 'disassemble', requestId, generation, offset: stream.offset, length: stream.length, module }))
      .then(async (answer) => {
        if (answer.type !== 'disassembly') throw new Error('unexpected answer');
        const rawLength = answer.rest ? Math.min(answer.rest.length, MAX_RAW) : 0;
        const raw = answer.rest && rawLength > 0 ? await host.bytes.read(answer.rest.offset, rawLength) : null;
        if (live) setListing({ state: 'done', instructions: answer.instructions, rest: answer.rest, raw, stopped: answer.stopped, table: answer.table });
      })
      .catch((error: unknown) => live && setListing({ state: 'failed', message: errorText(error) }));
    return () => {
      live = false;
    };
  }, [stream.offset, stream.length, module, generation, host]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const el = list.current;
    if (!el) return;
    const step = { ArrowDown: ROW_HEIGHT, ArrowUp: -ROW_HEIGHT, PageDown: el.clientHeight, PageUp: -el.clientHeight, Home: -el.scrollHeight, End: el.scrollHeight }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    el.scrollTop += step;
  };

  const rows = listing.state === 'done' ? listing.instructions.length + (listing.raw ? Math.ceil(listing.raw.length / RAW_PER_ROW) : 0) : 0;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const note = listing.state === 'done' && listing.table ? tableNote(listing.table) : null;
  return (
    <section className="bytecode-instructions" aria-label={`Instructions of ${name}`}>
      <p className="bytecode-instructions-head">
        <span className="codicon codicon-list-ordered" aria-hidden="true" /> Instructions of {name}: {fmtInt(stream.length)} bytes at {hex(stream.offset)}
        {listing.state === 'done' && listing.table ? `, ${fmtInt(listing.instructions.length)} instructions, opcode names from ${listing.table}` : ''}
      </p>
      {listing.state === 'loading' && <p className="muted">Disassembling…</p>}
      {listing.state === 'failed' && <p role="alert">Cannot disassemble: {listing.message}</p>}
      {listing.state === 'done' && listing.stopped && (
        <p className="bytecode-instructions-note">
          <span className="codicon codicon-info" aria-hidden="true" /> {listing.instructions.length ? 'Raw bytes from ' + hex(listing.rest?.offset ?? 0) + ': ' : 'Raw bytes: '}
          {listing.stopped}
          {listing.rest && listing.rest.length > MAX_RAW ? ` (the first ${fmtInt(MAX_RAW)} bytes are listed)` : ''}
        </p>
      )}
      {note && (
        <p className="bytecode-instructions-note" role="status">
          <span className="codicon codicon-warning" aria-hidden="true" /> {note}
        </p>
      )}
      <div
        ref={list}
        className="bytecode-instruction-list"
        role="list"
        aria-label={`Instructions of ${name}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div style={{ height: rows * ROW_HEIGHT, position: 'relative' }}>
          {listing.state === 'done' &&
            Array.from({ length: Math.max(0, last - first) }, (_, i) => {
              const index = first + i;
              const line = lineOf(listing, index);
              return (
                <div key={index} role="listitem" className={`bytecode-instruction${line.raw ? ' raw' : ''}`} style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}>
                  <span className="bi-offset">{hex(line.offset)}</span>
                  <span className="bi-text">{line.text}</span>
                </div>
              );
            })}
        </div>
      </div>
    </section>
  );
}
