import { useRangeBytes } from '../hooks/useRangeBytes';
import type { ByteStore } from '../lib/byteStore';
import { fmtInt } from '../lib/format';
import { READING_BYTES, readingsOf } from '../lib/inspector';
import { utf8Text } from '../lib/text';

/** The UTF-8 row decodes at most this much of the selection: a row, not a text viewer. */
export const TEXT_LIMIT = 256;

export interface DataInspectorProps {
  readonly store: ByteStore;
  readonly generation: number;
  /** The selection [start, end); the readings are at its start. */
  readonly start: number;
  readonly end: number;
  readonly size: number;
  readonly littleEndian: boolean;
  readonly onLittleEndian: (littleEndian: boolean) => void;
  readonly onCopy: (text: string, what: string) => void;
}

/**
 * What the bytes at the selection start read as, in the chosen byte order, and the selection as UTF-8 text.
 * Every value shows in full (long ones wrap); a click copies it.
 */
export function DataInspector(props: DataInspectorProps) {
  const { store, generation, start, end, size, littleEndian, onCopy } = props;
  const head = useRangeBytes(store, generation, start, Math.min(READING_BYTES, size - start));
  const text = useRangeBytes(store, generation, start, Math.min(TEXT_LIMIT, end - start));
  const order = (le: boolean, label: string) => (
    <button type="button" className="chip chip-toggle" role="radio" aria-checked={littleEndian === le} onClick={() => props.onLittleEndian(le)}>
      {label}
    </button>
  );
  return (
    <section className="inspector" aria-label="Data inspector">
      <div className="inspector-head">
        <span className="muted">Read as</span>
        <span role="radiogroup" aria-label="Byte order" className="byte-order">
          {order(true, 'Little-endian')}
          {order(false, 'Big-endian')}
        </span>
      </div>
      <dl className="readings">
        {head === null ? (
          <dd className="muted">Loading…</dd>
        ) : (
          readingsOf(head, littleEndian).map((r) => (
            <div key={r.label} className="reading">
              <dt title={r.description}>{r.label}</dt>
              <dd data-reading={r.label}>
                {r.value === null ? (
                  <span className="muted" title="Not enough bytes before the end of the file">
                    —
                  </span>
                ) : (
                  <button type="button" className="reading-value" title={`${r.description}: ${r.value}. Click to copy.`} onClick={() => onCopy(r.value!, `the ${r.label} value`)}>
                    {r.value}
                  </button>
                )}
              </dd>
            </div>
          ))
        )}
        <div className="reading reading-text">
          <dt title="The selection decoded as UTF-8; control characters escaped">UTF-8</dt>
          <dd>
            <span className="utf8" data-reading="utf8">
              {text === null ? '…' : utf8Text(text)}
            </span>
            {end - start > TEXT_LIMIT && (
              <span className="muted" data-testid="utf8-limit">
                {' '}
                (first {fmtInt(TEXT_LIMIT)} of {fmtInt(end - start)} bytes)
              </span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
