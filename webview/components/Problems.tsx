import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { SEVERITY_ORDER, countsText, type Severity } from '../../extension/verdict/verdict';
import { locateByte } from '../../extension/viewModel/locate';
import type { ViewDiagnostic, ViewModel } from '../../extension/viewModel/types';
import { hex } from '../lib/format';
import { SeverityIcon } from './DiagnosticMark';

function where(model: ViewModel, d: ViewDiagnostic): string {
  const field = d.fieldKey ? [...model.header, ...(model.jsc?.fields ?? [])].find((f) => f.key === d.fieldKey) : undefined;
  if (field) return field.label;
  return locateByte(model, d.offset)?.path ?? (d.offset >= model.size ? 'past the end of the file' : '');
}

const GROUP_TITLE: Readonly<Record<Severity, readonly [string, string]>> = {
  error: ['Error', 'Errors'],
  warning: ['Warning', 'Warnings'],
  info: ['Note', 'Notes'],
};

/**
 * The order of the list: errors, then warnings, then notes, each in offset order (the model's order), as
 * indices into `model.diagnostics` (which the rest of the view, the host and the Problems panel use).
 */
export function problemOrder(list: readonly ViewDiagnostic[]): { readonly severity: Severity; readonly indices: readonly number[] }[] {
  return SEVERITY_ORDER.map((severity) => ({ severity, indices: list.flatMap((d, i) => (d.severity === severity ? [i] : [])) })).filter((g) => g.indices.length > 0);
}

/** The diagnostics list. Activating an entry (click or Enter) selects its bytes and the record or field it concerns. */
export function Problems(props: { readonly model: ViewModel; readonly active: number; readonly onActivate: (index: number) => void }) {
  const { model, onActivate } = props;
  const list = model.diagnostics;
  const groups = useMemo(() => problemOrder(list), [list]);
  const order = useMemo(() => groups.flatMap((g) => g.indices), [groups]);
  // The focusable row, as a position in display order.
  const [position, setPosition] = useState(() => Math.max(0, order.indexOf(props.active)));
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => setPosition((p) => Math.min(p, Math.max(0, order.length - 1))), [order.length]);
  const focusRow = (p: number) => body.current?.querySelector<HTMLElement>(`tr[data-position="${p}"]`)?.focus();

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, p: number) => {
    const next = { ArrowDown: p + 1, ArrowUp: p - 1, Home: 0, End: order.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      const to = Math.min(order.length - 1, Math.max(0, next));
      setPosition(to);
      focusRow(to);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate(order[p]!);
    }
  };

  if (list.length === 0) {
    return (
      <p className={`no-problems no-problems-${model.verdict.clean ? 'clean' : 'unchecked'}`}>
        <span className={`codicon codicon-${model.verdict.clean ? 'pass' : 'question'}`} aria-hidden="true" /> {model.verdict.status}
      </p>
    );
  }
  const counts = model.verdict.counts;
  return (
    <div className="problems">
      <p>
        <span className="problem-counts">{countsText(counts)}</span>. Errors first, then warnings, then notes, each in offset order; activate an entry to select its bytes and the
        record it concerns.
      </p>
      <table role="grid" aria-label="Problems" aria-rowcount={list.length + groups.length + 1}>
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
          {groups.map((g) => {
            const first = order.indexOf(g.indices[0]!);
            return [
              <tr key={`group-${g.severity}`} className={`problem-group sev-group-${g.severity}`}>
                <th scope="rowgroup" colSpan={5}>
                  <SeverityIcon severity={g.severity} /> {GROUP_TITLE[g.severity][g.indices.length === 1 ? 0 : 1]} ({g.indices.length.toLocaleString('en-US')})
                </th>
              </tr>,
              ...g.indices.map((i, k) => {
                const d = list[i]!;
                const p = first + k;
                return (
                  <tr
                    key={i}
                    data-index={i}
                    data-position={p}
                    tabIndex={p === position ? 0 : -1}
                    aria-selected={i === props.active}
                    className={`problem sev-row-${d.severity}${i === props.active ? ' selected' : ''}`}
                    onClick={() => {
                      setPosition(p);
                      onActivate(i);
                    }}
                    onKeyDown={(e) => onKeyDown(e, p)}
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
                );
              }),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
