import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { parseQuery, type FindMode, type FindQuery } from '../../extension/find/pattern';
import type { Host } from '../host';
import { stepMatch } from '../lib/findSteps';
import { fmtInt } from '../lib/format';
import { RequestFailed } from '../lib/requests';
import { Button, Dropdown, TextField } from '../toolkit';

const MODES = [
  { value: 'hex', label: 'Hex' },
  { value: 'text', label: 'Text' },
] as const;

interface Found {
  readonly key: string;
  readonly generation: number;
  readonly length: number;
  readonly offsets: Float64Array;
  readonly count: number;
  readonly countCapped: boolean;
}

const keyOf = (q: FindQuery) => `${q.mode}:${q.caseSensitive ? 1 : 0}:${q.text}`;

export interface FindBarProps {
  readonly host: Host;
  readonly generation: number;
  /** The selection start, where next/previous step from. */
  readonly from: number;
  readonly onMatch: (offset: number, length: number) => void;
  readonly onClose: () => void;
}

/**
 * Find in the hex view: hex bytes with ?? wildcards, or text (UTF-8, optionally ignoring ASCII case). The host
 * searches the whole file with ranged reads; Enter finds (then the next match), Shift+Enter the previous one,
 * Escape closes. The count and the current match's number show beside the arrows.
 */
export function FindBar(props: FindBarProps) {
  const { host, generation, from, onMatch } = props;
  const [mode, setMode] = useState<FindMode>('hex');
  const [text, setText] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const [current, setCurrent] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const seq = useRef(0);
  const query: FindQuery = { mode, text, caseSensitive };
  const key = keyOf(query);
  const fresh = found !== null && found.key === key && found.generation === generation;

  // A new decode makes the matches stale.
  useEffect(() => {
    setFound((f) => (f && f.generation !== generation ? null : f));
  }, [generation]);

  const go = (result: Found, index: number) => {
    setCurrent(index);
    if (index >= 0) onMatch(result.offsets[index]!, result.length);
  };

  const search = (step: 'first' | 'next' | 'previous') => {
    if (fresh) {
      go(found, stepMatch(found.offsets, from, step));
      return;
    }
    const parsed = parseQuery(query);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setSearching(true);
    const mine = ++seq.current;
    host.tracker
      .send((requestId) => ({ type: 'find', requestId, generation, query }))
      .then(
        (answer) => {
          if (mine !== seq.current || answer.type !== 'found') return;
          setSearching(false);
          const result: Found = { key, generation: answer.generation, length: answer.length, offsets: answer.offsets, count: answer.count, countCapped: answer.countCapped };
          setFound(result);
          go(result, stepMatch(result.offsets, from, step === 'previous' ? 'previous' : 'first'));
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setSearching(false);
          setError(e instanceof RequestFailed || e instanceof Error ? e.message : String(e));
        },
      );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      search(event.shiftKey ? 'previous' : 'next');
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
    }
  };

  let status = '';
  if (searching) status = 'Searching…';
  else if (fresh) {
    const total = `${fmtInt(found.count)}${found.countCapped ? '+' : ''}`;
    if (found.count === 0) status = 'No matches';
    else if (current >= 0)
      status = `${fmtInt(current + 1)} of ${total}${current + 1 >= found.offsets.length && found.offsets.length < found.count ? ' (no more listed: refine the search)' : ''}`;
    else status = `${total} ${found.count === 1 ? 'match' : 'matches'}`;
  }
  const placeholder = mode === 'hex' ? 'Hex bytes: 53 45 ?? 42' : 'Text';
  return (
    <div className="find" role="search" aria-label="Find in the bytes">
      <Dropdown label="Find as" title="Search for hex bytes (?? is any byte) or for text (UTF-8)" value={mode} options={MODES} onValue={setMode} />
      <TextField
        label={mode === 'hex' ? 'Hex bytes to find, ?? for any byte' : 'Text to find'}
        placeholder={placeholder}
        value={text}
        onValue={(v) => {
          setText(v);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        autoFocus
        invalid={error !== null}
        describedBy="find-status"
        className="find-input"
      />
      {mode === 'text' && (
        <button type="button" className="chip chip-toggle find-case" aria-pressed={caseSensitive} title="Match case (ASCII letters)" onClick={() => setCaseSensitive((c) => !c)}>
          <span className="codicon codicon-case-sensitive" aria-hidden="true" />
          <span className="visually-hidden">Match case</span>
        </button>
      )}
      <Button appearance="icon" onClick={() => search('previous')} label="Previous match" title="Previous match (Shift+Enter)" className="find-previous">
        <span className="codicon codicon-arrow-up" aria-hidden="true" />
      </Button>
      <Button appearance="icon" onClick={() => search('next')} label="Next match" title="Next match (Enter)" className="find-next">
        <span className="codicon codicon-arrow-down" aria-hidden="true" />
      </Button>
      <span id="find-status" className={error ? 'error-text' : 'find-count'} role="status" aria-live="polite" data-testid="find-status">
        {error ?? status}
      </span>
      <Button appearance="icon" onClick={props.onClose} label="Close find" title="Close (Escape)">
        <span className="codicon codicon-close" aria-hidden="true" />
      </Button>
    </div>
  );
}
