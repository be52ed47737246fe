import type { Verdict } from '../../extension/bmes/model';

const ICON: Readonly<Record<Verdict['level'], string>> = { full: 'pass', 'bytecode-only': 'warning', 'record-only': 'warning', none: 'error' };

/** What Bun's loader will do with the file, and why (spec §4). */
export function VerdictBanner(props: { readonly verdict: Verdict }) {
  const { verdict } = props;
  return (
    <div className={`banner verdict verdict-${verdict.level}`} role="status">
      <span className={`codicon codicon-${ICON[verdict.level]}`} aria-hidden="true" />
      <div>
        <strong>{verdict.summary}.</strong> <span>{verdict.reason}</span>
      </div>
    </div>
  );
}
