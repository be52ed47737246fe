import { CURRENT_VERSION, type BmesFile, type Diagnostic } from '../bmes';
import { versionFacts } from './versionFacts';

export const VERSION_MISMATCH = 'version-mismatch';

/**
 * The `version-mismatch` diagnostic: the file's BMES version is not the expected one. An error when Bun gets
 * no benefit from the file (version 1, unknown versions), else a warning (version 2: half the benefit; or the
 * current version 3 when another was configured). None when the versions agree or there is no version to
 * compare (a file too short or with a wrong magic already has its own error).
 */
export function versionMismatchDiagnostic(file: BmesFile, expected: number = CURRENT_VERSION): Diagnostic | null {
  const version = file.header.version;
  if (!version || version.value === expected) return null;
  const facts = versionFacts(version.value);
  return {
    code: VERSION_MISMATCH,
    severity: facts.benefit === 'none' ? 'error' : 'warning',
    offset: version.offset,
    length: version.length,
    message:
      `The BMES version is ${version.value}: expected ${expected}. ${facts.bunDoes} ` + `Regenerate the cache (the "Regenerate cache" command) to write version ${expected}.`,
  };
}

/** The file with more diagnostics, merged by offset (stable), so views and the text view list them in order. */
export function withDiagnostics(file: BmesFile, extra: readonly (Diagnostic | null)[]): BmesFile {
  const added = extra.filter((d): d is Diagnostic => d !== null);
  if (!added.length) return file;
  const all = [...file.diagnostics, ...added].map((d, i) => [d, i] as const);
  all.sort((a, b) => a[0].offset - b[0].offset || a[1] - b[1]);
  return { ...file, diagnostics: all.map(([d]) => d) };
}
