import { useEffect, useState } from 'react';
import type { ViewJsc } from '../../extension/viewModel/types';
import type { RequestTracker } from '../lib/requests';
import { fmtInt, hex } from '../lib/format';
import { Button } from '../toolkit';

type Load = { readonly state: 'idle' } | { readonly state: 'loading' } | { readonly state: 'done'; readonly text: string } | { readonly state: 'error'; readonly message: string };

/** The classic layout's embedded source text: fetched from the host only when asked for, shown read-only. */
export function EmbeddedSource(props: {
  readonly source: NonNullable<ViewJsc['embeddedSource']>;
  readonly generation: number;
  readonly tracker: RequestTracker;
  readonly onSelectBytes: () => void;
}) {
  const { source, generation, tracker } = props;
  const [load, setLoad] = useState<Load>({ state: 'idle' });
  useEffect(() => setLoad({ state: 'idle' }), [generation]);

  const show = () => {
    setLoad({ state: 'loading' });
    tracker
      .send((requestId) => ({ type: 'readEmbeddedSource', requestId, generation }))
      .then(
        (answer) => setLoad(answer.type === 'embeddedSource' ? { state: 'done', text: answer.text } : { state: 'error', message: 'Unexpected answer' }),
        (error: unknown) => setLoad({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
  };

  return (
    <div className="embedded-source">
      <p>
        Embedded source text: {fmtInt(source.units)} {source.latin1 ? 'Latin-1' : 'UTF-16'} code units ({fmtInt(source.length)} bytes) at {hex(source.offset)}.
      </p>
      <div className="actions">
        {load.state !== 'done' && (
          <Button appearance="primary" onClick={show} disabled={load.state === 'loading'}>
            {load.state === 'loading' ? 'Loading…' : 'Show embedded source'}
          </Button>
        )}
        {load.state === 'done' && <Button onClick={() => setLoad({ state: 'idle' })}>Hide source</Button>}
        <Button onClick={props.onSelectBytes}>Select its bytes</Button>
      </div>
      {load.state === 'error' && (
        <p role="alert" className="error-text">
          Cannot read the embedded source: {load.message}
        </p>
      )}
      {load.state === 'done' && (
        <pre className="source-text" tabIndex={0} aria-label="Embedded source text (read-only)" aria-readonly="true">
          {load.text}
        </pre>
      )}
    </div>
  );
}
