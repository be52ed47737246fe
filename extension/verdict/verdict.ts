/**
 * A verdict on a file, for any kind of file the inspector reads (BMES caches; `.jsc` sidecars and
 * `bun build --compile` executables build theirs the same way). Pure: no `vscode`, no Node.
 *
 * A verdict is built from three things: what the runtime does with the file (the outcome, which the file kind
 * works out), every diagnostic, and the list of checks, each either checked or not checked with the reason.
 * Its colour follows the worst diagnostic (red with errors, amber with warnings); it is green only when nothing
 * is wrong and everything was checked, and it names every check it could not make.
 */

export type Severity = 'error' | 'warning' | 'info';

/** The worst first: the order of the Problems tab. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** One thing a file is checked against (an expected version, a source file, …). */
export type VerdictCheck =
  | {
      readonly id: string;
      /** Lower case, as it reads inside a sentence: "cache version", "source". */
      readonly label: string;
      readonly state: 'checked';
      /** What it was checked against, e.g. "0xf1f0ed26, from Bun 1.4.5"; null when there is nothing to add. */
      readonly against: string | null;
      /** What the file has, where it is not one field of the view ("0xf1f0ed26 in all 2 modules"). */
      readonly found?: string;
    }
  | {
      readonly id: string;
      readonly label: string;
      readonly state: 'not-checked';
      /** Why not, e.g. "Bun not found at 'bun'", "no source file found". */
      readonly reason: string;
    };

export type NotChecked = Extract<VerdictCheck, { state: 'not-checked' }>;

/** What the runtime does with the file, in one sentence and why; the file kind works it out. */
export interface VerdictOutcome {
  readonly summary: string;
  readonly reason: string;
}

/**
 * The colour of a verdict: `error` and `warning` by the worst diagnostic; `unchecked` when nothing is wrong
 * but something could not be checked; `pass` only when nothing is wrong and everything was checked.
 */
export type VerdictTone = 'pass' | 'unchecked' | 'warning' | 'error';

export interface FileVerdict {
  readonly outcome: VerdictOutcome;
  readonly tone: VerdictTone;
  /** The worst severity among the diagnostics, null when there are none. */
  readonly severity: Severity | null;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly checks: readonly VerdictCheck[];
  /** No errors, no warnings, and every check made (notes may remain). */
  readonly clean: boolean;
  /**
   * One sentence on the diagnostics and the checks: "No problems: …" when clean; otherwise the counts, then
   * "cache version not checked: Bun not found at 'bun'" for each check not made.
   */
  readonly status: string;
}

export interface VerdictInput {
  readonly outcome: VerdictOutcome;
  readonly diagnostics: readonly { readonly severity: Severity }[];
  readonly checks: readonly VerdictCheck[];
  /** What "No problems" means for this kind of file, e.g. "the file is exactly what Bun's writer produces". */
  readonly cleanMeans: string;
}

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

export function worstSeverity(list: Iterable<{ readonly severity: Severity }>): Severity | null {
  let worst: Severity | null = null;
  for (const d of list) if (worst === null || RANK[d.severity] > RANK[worst]) worst = d.severity;
  return worst;
}

/** Errors, then warnings, then infos; within one severity the given (offset) order. Stable, returns a new array. */
export function bySeverity<T extends { readonly severity: Severity }>(list: readonly T[]): T[] {
  return SEVERITY_ORDER.flatMap((s) => list.filter((d) => d.severity === s));
}

export function countSeverities(list: Iterable<{ readonly severity: Severity }>): Record<Severity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}

const COUNT_WORDS: Readonly<Record<Severity, readonly [string, string]>> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

/** "1 error, 2 warnings", leaving out the severities with none; "" when all are zero. */
export function countsText(counts: Readonly<Record<Severity, number>>, include: readonly Severity[] = SEVERITY_ORDER): string {
  return include
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s].toLocaleString('en-US')} ${COUNT_WORDS[s][counts[s] === 1 ? 0 : 1]}`)
    .join(', ');
}

/** "cache version not checked: Bun not found at 'bun'" */
export function notCheckedText(check: NotChecked): string {
  return `${check.label} not checked: ${check.reason.replace(/\.$/, '')}`;
}

export function buildVerdict(input: VerdictInput): FileVerdict {
  const counts = countSeverities(input.diagnostics);
  const severity = worstSeverity(input.diagnostics);
  const notChecked = input.checks.filter((c): c is NotChecked => c.state === 'not-checked');
  const faulty = counts.error > 0 || counts.warning > 0;
  const clean = !faulty && notChecked.length === 0;
  const tone: VerdictTone = counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : notChecked.length > 0 ? 'unchecked' : 'pass';
  const parts: string[] = [];
  if (clean) {
    parts.push(`No problems: ${input.cleanMeans}${counts.info > 0 ? ` (${countsText(counts, ['info'])})` : ''}`);
  } else {
    parts.push(faulty ? countsText(counts) : counts.info > 0 ? `No errors or warnings (${countsText(counts, ['info'])})` : 'No errors or warnings');
    parts.push(...notChecked.map(notCheckedText));
  }
  return { outcome: input.outcome, tone, severity, counts, checks: input.checks, clean, status: parts.join('; ') + '.' };
}
