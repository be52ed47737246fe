import type { RegionKind, ViewRegion } from '../../extension/viewModel/types';
import { REGION_LABELS, presentKinds } from '../lib/regions';

/** What each colour means; clicking an entry selects that region's bytes. */
export function Legend(props: { readonly regions: readonly ViewRegion[]; readonly onSelect: (region: ViewRegion) => void }) {
  const kinds = presentKinds(props.regions);
  const first = (kind: RegionKind) => props.regions.find((r) => r.kind === kind)!;
  return (
    <ul className="legend" aria-label="Colours of the hex view">
      {kinds.map((kind) => (
        <li key={kind}>
          <button type="button" className={`legend-item r-${kind}`} onClick={() => props.onSelect(first(kind))} title={`Select the ${REGION_LABELS[kind].toLowerCase()}`}>
            <span className="swatch" aria-hidden="true">
              ■
            </span>
            {REGION_LABELS[kind]}
          </button>
        </li>
      ))}
    </ul>
  );
}
