import type { MismatchCard } from '../lib/mismatch';
import { SEVERITY_ICON } from './DiagnosticMark';
import { worstSeverity } from '../lib/diagnosticIndex';

/**
 * The verdict area's line for mismatches ("Stale cache: built by another Bun", "Built from other source",
 * "Old BMES version"): each one a link that shows the field and opens its card.
 */
export function MismatchLine(props: { readonly cards: readonly MismatchCard[]; readonly onOpen: (card: MismatchCard) => void }) {
  const { cards } = props;
  if (cards.length === 0) return null;
  const severity = worstSeverity(cards.flatMap((c) => c.diagnostics)) ?? 'warning';
  return (
    <div className={`banner mismatch-line mismatch-line-${severity}`} aria-label="Cache checks">
      <span className={`codicon codicon-${SEVERITY_ICON[severity]}`} aria-hidden="true" />
      <ul>
        {cards.map((c) => (
          <li key={c.kind}>
            <button type="button" className="link" data-kind={c.kind} title={c.found} onClick={() => props.onOpen(c)}>
              {c.headline}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
