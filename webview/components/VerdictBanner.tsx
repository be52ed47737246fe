import type { FileVerdict, VerdictTone } from '../../extension/verdict/verdict';

const ICON: Readonly<Record<VerdictTone, string>> = { pass: 'pass', unchecked: 'question', warning: 'warning', error: 'error' };

/**
 * What Bun's loader will do with the file and why (spec §4), coloured by the worst diagnostic (red with errors,
 * amber with warnings, green only when nothing is wrong and everything was checked), then the counts and every
 * check that could not be made.
 */
export function VerdictBanner(props: { readonly verdict: FileVerdict; readonly onShowProblems?: () => void }) {
  const { verdict } = props;
  const faulty = verdict.counts.error + verdict.counts.warning > 0;
  return (
    <div className={`banner verdict verdict-${verdict.tone}`} role="status" data-tone={verdict.tone}>
      <span className={`codicon codicon-${ICON[verdict.tone]}`} aria-hidden="true" />
      <div>
        <strong>{verdict.outcome.summary}.</strong> <span className="verdict-reason">{verdict.outcome.reason}</span>
        <div className="verdict-status">
          {faulty && props.onShowProblems ? (
            <button type="button" className="link" onClick={props.onShowProblems}>
              {verdict.status}
            </button>
          ) : (
            verdict.status
          )}
        </div>
      </div>
    </div>
  );
}
