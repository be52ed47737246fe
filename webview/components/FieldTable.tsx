import { useContext, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ViewDiagnostic, ViewField } from '../../extension/viewModel/types';
import { fmtInt, hex } from '../lib/format';
import { visibleControls } from '../lib/text';
import { DiagnosticMark } from './DiagnosticMark';
import { MismatchContext } from './mismatchContext';
import { MismatchValue } from './MismatchValue';

function valueText(field: ViewField): string {
  if (typeof field.value === 'string') return field.value.length > 1024 ? `${visibleControls(field.value.slice(0, 1024))}…` : visibleControls(field.value);
  if (field.key === 'magic') return hex(field.value);
  return field.value > 9 ? `${fmtInt(field.value)} (${hex(field.value)})` : String(field.value);
}

export interface FieldTableProps {
  readonly label: string;
  readonly fields: readonly ViewField[];
  readonly selectedKey: string | null;
  /** The selected field must be scrolled into view (by the table that holds it, which then calls onRevealed). */
  readonly reveal: boolean;
  readonly onRevealed: () => void;
  readonly marks: ReadonlyMap<string, readonly ViewDiagnostic[]>;
  readonly onSelect: (field: ViewField) => void;
}

/**
 * Fields with offset, size, value and meaning. One click (or Enter) on a row selects its bytes in the hex view;
 * arrow keys move between rows.
 */
export function FieldTable(props: FieldTableProps) {
  const { fields, selectedKey, onSelect, marks } = props;
  const { cards } = useContext(MismatchContext);
  const [active, setActive] = useState(() =>
    Math.max(
      0,
      fields.findIndex((f) => f.key === selectedKey),
    ),
  );
  const body = useRef<HTMLTableSectionElement>(null);
  const rowAt = (i: number) => body.current?.children.item(i) as HTMLElement | null | undefined;

  const { reveal, onRevealed } = props;
  useEffect(() => {
    if (!reveal) return;
    const i = fields.findIndex((f) => f.key === selectedKey);
    if (i < 0) return;
    setActive(i);
    rowAt(i)?.scrollIntoView({ block: 'center' });
    onRevealed();
  }, [reveal, fields, selectedKey, onRevealed]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, i: number) => {
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: fields.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      const to = Math.min(fields.length - 1, Math.max(0, next));
      setActive(to);
      rowAt(to)?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(fields[i]!);
    }
  };

  if (fields.length === 0) return <p className="muted">Nothing decoded.</p>;
  return (
    <table role="grid" className="fields" aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Offset</th>
          <th scope="col">Size</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {fields.map((f, i) => {
          const card = cards.get(f.key);
          const classes = [f.key === selectedKey ? 'selected' : '', card ? `mismatch mismatch-${card.severity ?? 'info'}` : ''].filter(Boolean).join(' ');
          return (
            <tr
              key={f.key}
              data-field={f.key}
              data-mismatch={card?.kind}
              tabIndex={i === active ? 0 : -1}
              aria-selected={f.key === selectedKey}
              className={classes || undefined}
              title="Select its bytes in the hex view"
              onClick={() => {
                setActive(i);
                onSelect(f);
              }}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <td>
                <DiagnosticMark list={marks.get(f.key)} />
                {f.label}
              </td>
              <td className="num">{hex(f.offset)}</td>
              <td className="num">{fmtInt(f.length)}</td>
              <td className={typeof f.value === 'number' ? 'value value-number' : 'value'}>{card ? <MismatchValue card={card}>{valueText(f)}</MismatchValue> : valueText(f)}</td>
              <td>{f.meaning}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
