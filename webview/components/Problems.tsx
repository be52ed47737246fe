import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { locateByte } from '../../extension/viewModel/locate';
import type { ViewDiagnostic, ViewModel } from '../../extension/viewModel/types';
import { hex } from '../lib/format';
import { SeverityIcon } from './DiagnosticMark';

function where(model: ViewModel, d: ViewDiagnostic): string {
  const field = d.fieldKey ? [...model.header, ...(model.jsc?.fields ?? [])].find((f) => f.key === d.fieldKey) : undefined;
  if (field) return field.label;
  return locateByte(model, d.offset)?.path ?? (d.offset >= model.size ? 'past the end of the file' : '');
}

function summary(list: readonly ViewDiagnostic[]): string {
  const count = (s: ViewDiagnostic['severity']) => list.filter((d) => d.severity === s).length;
  const part = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [part(count('error'), 'error', 'errors'), part(count('warning'), 'warning', 'warnings'), part(count('info'), 'note', 'notes')].join(', ');
}

/** The diagnostics list. Activating an entry (click or Enter) selects its bytes and the record or field it concerns. */
export function Problems(props: { readonly model: ViewModel; readonly active: number; readonly onActivate: (index: number) => void }) {
  const { model, onActivate } = props;
  const list = model.diagnostics;
  const [active, setActive] = useState(Math.min(props.active, Math.max(0, list.length - 1)));
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => setActive((a) => Math.min(a, Math.max(0, list.length - 1))), [list.length]);
  const focusRow = (i: number) => (body.current?.children.item(i) as HTMLElement | null)?.focus();

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, i: number) => {
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: list.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      const to = Math.min(list.length - 1, Math.max(0, next));
      setActive(to);
      focusRow(to);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate(i);
    }
  };

  if (list.length === 0) {
    return (
      <p className="no-problems">
        <span className="codicon codicon-pass" aria-hidden="true" /> No problems: the file is exactly what Bun's writer produces.
      </p>
    );
  }
  return (
    <div className="problems">
      <p>{summary(list)}. Activate an entry to select its bytes and the record it concerns.</p>
      <table role="grid" aria-label="Problems" aria-rowcount={list.length + 1}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Severity</span>
            </th>
            <th scope="col">Code</th>
            <th scope="col">Offset</th>
            <th scope="col">Message</th>
            <th scope="col">Where</th>
          </tr>
        </thead>
        <tbody ref={body}>
          {list.map((d, i) => (
            <tr
              key={i}
              tabIndex={i === active ? 0 : -1}
              aria-selected={i === props.active}
              className={`problem sev-row-${d.severity}${i === props.active ? ' selected' : ''}`}
              onClick={() => {
                setActive(i);
                onActivate(i);
              }}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <td>
                <SeverityIcon severity={d.severity} />
              </td>
              <td>
                <code>{d.code}</code>
              </td>
              <td className="num">{hex(d.offset)}</td>
              <td className="message">{d.message}</td>
              <td>{where(model, d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
