import type { CacheChecks } from '../../extension/protocol';
import type { ViewModel } from '../../extension/viewModel/types';
import { checkLines, type MismatchCard } from '../lib/mismatch';
import { SEVERITY_ICON } from './DiagnosticMark';
import { RegenerateAction } from './RegenerateAction';

const ICON = { ok: 'pass', unchecked: 'circle-slash' } as const;
const STATE_TEXT = { ok: 'matches', mismatch: 'does not match', unchecked: 'not checked' } as const;

/** Regenerating would change something: a mismatch against the checks, or any error or warning in the file. */
export function wouldChange(model: ViewModel, cards: readonly MismatchCard[]): boolean {
  return cards.some((c) => c.severity !== null) || model.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning');
}

/** "Checked against": the expected BMES version, cache version and source file the host checked the cache against. */
export function ChecksSection(props: { readonly model: ViewModel; readonly checks: CacheChecks; readonly cards: readonly MismatchCard[]; readonly onRegenerate: () => void }) {
  const lines = checkLines(props.model, props.checks, props.cards);
  return (
    <section aria-labelledby="checks-heading" className="checks">
      <h2 id="checks-heading">Checked against</h2>
      <dl>
        {lines.map((l) => (
          <div key={l.label} className={`check check-${l.state}${l.severity ? ` check-${l.severity}` : ''}`} data-check={l.label}>
            <dt>
              <span
                className={`codicon codicon-${l.state === 'mismatch' ? SEVERITY_ICON[l.severity ?? 'warning'] : ICON[l.state]}`}
                role="img"
                aria-label={STATE_TEXT[l.state]}
                title={STATE_TEXT[l.state]}
              />
              {l.label}
            </dt>
            <dd>{l.text}</dd>
          </div>
        ))}
      </dl>
      <RegenerateAction
        checks={props.checks}
        forExecutable={props.model.kind === 'executable'}
        wouldChange={wouldChange(props.model, props.cards)}
        onRegenerate={props.onRegenerate}
      />
    </section>
  );
}
