import { Fragment } from 'react';
import { useRangeBytes } from '../hooks/useRangeBytes';
import type { ByteStore } from '../lib/byteStore';
import { fmtInt, hex } from '../lib/format';
import { readingsOf } from '../lib/inspector';
import { utf8Text } from '../lib/text';

const TEXT_LIMIT = 1024;

/** The values at the selection start (little-endian) and the selection as UTF-8 text. */
export function DataInspector(props: { readonly store: ByteStore; readonly generation: number; readonly start: number; readonly end: number; readonly size: number }) {
  const { store, generation, start, end, size } = props;
  const head = useRangeBytes(store, generation, start, Math.min(8, size - start));
  const text = useRangeBytes(store, generation, start, Math.min(TEXT_LIMIT, end - start));
  return (
    <section className="inspector" aria-label="Data inspector">
      <p className="inspector-caption">Values at {hex(start)}, little-endian</p>
      <dl className="readings">
        {head === null ? (
          <dd className="muted">Loading…</dd>
        ) : (
          readingsOf(head).map((r) => (
            <Fragment key={r.label}>
              <dt>{r.label}</dt>
              <dd data-reading={r.label} title={r.value ?? 'not enough bytes'}>
                {r.value ?? '—'}
              </dd>
            </Fragment>
          ))
        )}
        <dt>UTF-8</dt>
        <dd className="utf8" data-reading="utf8">
          {text === null ? '…' : utf8Text(text)}
          {end - start > TEXT_LIMIT && <span className="muted"> (first {fmtInt(TEXT_LIMIT)} of {fmtInt(end - start)} bytes)</span>}
        </dd>
      </dl>
    </section>
  );
}
