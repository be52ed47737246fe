import { useState, type KeyboardEvent } from 'react';
import { fmtInt, hex, parseOffset } from '../lib/format';
import { Button, TextField } from '../toolkit';

/** Ctrl+G: an offset in decimal or 0x… hex; Enter goes there, Escape closes. */
export function GoToOffset(props: { readonly size: number; readonly onGo: (offset: number) => void; readonly onClose: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const go = () => {
    const offset = parseOffset(text);
    if (offset === null) setError('Type a decimal offset or a hex one starting with 0x.');
    else if (offset >= props.size) setError(`The file has ${fmtInt(props.size)} bytes: the last offset is ${hex(Math.max(0, props.size - 1))}.`);
    else {
      setError(null);
      props.onGo(offset);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      go();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
    }
  };
  return (
    <div className="goto" role="search" aria-label="Go to offset">
      <TextField
        label="Go to offset (decimal or 0x…)"
        placeholder="Offset: 4096 or 0x1000"
        value={text}
        onValue={(v) => {
          setText(v);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        autoFocus
        invalid={error !== null}
        describedBy="goto-error"
        className="goto-input"
      />
      <Button onClick={go} appearance="primary">
        Go
      </Button>
      <Button onClick={props.onClose} appearance="icon" label="Close" title="Close (Escape)">
        <span className="codicon codicon-close" aria-hidden="true" />
      </Button>
      <span id="goto-error" className="error-text" role="alert">
        {error}
      </span>
    </div>
  );
}
