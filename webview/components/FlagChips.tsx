import type { FlagBit } from '../../extension/bmes/flags';

/** Flag names as chips, with each flag's description on hover; unknown bits as one warning chip. */
export function FlagChips(props: { readonly bits: number; readonly table: readonly FlagBit[]; readonly known: number }) {
  const { bits, table, known } = props;
  const unknown = (bits & ~known) >>> 0;
  const set = table.filter((f) => (bits >>> f.bit) & 1);
  return (
    <span className="chips">
      {set.map((f) => (
        <span key={f.name} className="chip" title={`bit ${f.bit}: ${f.description}`}>
          {f.name}
        </span>
      ))}
      {unknown !== 0 && (
        <span className="chip chip-unknown" title="bits no known flag uses">
          unknown 0x{unknown.toString(16)}
        </span>
      )}
      {set.length === 0 && unknown === 0 && <span className="muted">none</span>}
    </span>
  );
}

/** Flag chips from the space-separated names of a derived column (cheap: used in every table row). */
export function FlagNames(props: { readonly names: string }) {
  if (!props.names) return <span className="muted">none</span>;
  return (
    <span className="chips">
      {props.names.split(' ').map((name) => (
        <span key={name} className="chip">
          {name}
        </span>
      ))}
    </span>
  );
}
