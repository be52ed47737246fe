import { BMES_MAGIC, CURRENT_VERSION, bunReleaseName, hex, sourceHashCheckable, type BmesFile } from '../bmes';
import { buildVerdict, type FileVerdict, type VerdictCheck } from './verdict';

/** An expected value, or why there is none. */
export type Expected<T> = { readonly value: T; readonly from: string | null } | { readonly value: null; readonly reason: string };

/**
 * What a BMES cache is checked against: the BMES version (the decoder checks against the current one; the
 * host may expect another, `version-mismatch`), the JavaScriptCore cache version Bun writes
 * (`jsc-version-mismatch`) and the source file's key (`source-mismatch`). The decoder makes the comparisons;
 * this says which of them could be made.
 */
export interface BmesExpectations {
  readonly version: number;
  readonly jscVersion: Expected<number>;
  /** The source file, as shown to the user. */
  readonly source: Expected<string>;
}

/** Nothing configured: the current BMES version, no cache version, no source (the reasons say how to give them). */
export const NO_EXPECTATIONS: BmesExpectations = {
  version: CURRENT_VERSION,
  jscVersion: { value: null, reason: 'no expected cache version given' },
  source: { value: null, reason: 'no source file given' },
};

export const BMES_CLEAN_MEANS = "the file is exactly what Bun's writer produces";

/** Which of the expectations the file could be checked against. */
export function bmesChecks(file: BmesFile, expect: BmesExpectations): VerdictCheck[] {
  const checks: VerdictCheck[] = [];
  checks.push(
    file.header.version
      ? { id: 'version', label: 'BMES version', state: 'checked', against: String(expect.version) }
      : {
          id: 'version',
          label: 'BMES version',
          state: 'not-checked',
          reason: file.header.magic && file.header.magic.value !== BMES_MAGIC ? 'not a BMES file' : 'the file ends before its version field',
        },
  );
  const jsc = file.jsc;
  if (expect.jscVersion.value === null) {
    checks.push({ id: 'jsc-version', label: 'cache version', state: 'not-checked', reason: expect.jscVersion.reason });
  } else if (!jsc) {
    checks.push({ id: 'jsc-version', label: 'cache version', state: 'not-checked', reason: 'the file has no JavaScriptCore cache to read it from' });
  } else {
    const from = expect.jscVersion.from;
    checks.push({ id: 'jsc-version', label: 'cache version', state: 'checked', against: `${hex(expect.jscVersion.value, 8)}${from ? `, from ${from}` : ''}` });
  }
  if (expect.source.value === null) {
    checks.push({ id: 'source', label: 'source', state: 'not-checked', reason: expect.source.reason });
  } else if (!jsc || jsc.layout === 'unknown' || jsc.sourceLength === null) {
    checks.push({ id: 'source', label: 'source', state: 'not-checked', reason: 'the file has no JavaScriptCore source key to compare' });
  } else {
    // The decoder compares the hash only where the build's hash function is known (`source-hash-unchecked` otherwise).
    const what =
      sourceHashCheckable(jsc.cacheVersion.value) && !file.diagnostics.some((d) => d.code === 'source-hash-unchecked')
        ? 'length and hash'
        : `length only (the key hash function of ${bunReleaseName(jsc.cacheVersion.value)} is not known)`;
    checks.push({ id: 'source', label: 'source', state: 'checked', against: `${expect.source.value}: ${what}` });
  }
  return checks;
}

/**
 * The verdict on a decoded BMES file: what Bun's loader does with it (the decoder's outcome), coloured by
 * every diagnostic, with the checks it could not make.
 */
export function bmesVerdict(file: BmesFile, expect: BmesExpectations = NO_EXPECTATIONS): FileVerdict {
  return buildVerdict({
    outcome: { summary: file.verdict.summary, reason: file.verdict.reason },
    diagnostics: file.diagnostics,
    checks: bmesChecks(file, expect),
    cleanMeans: BMES_CLEAN_MEANS,
  });
}
