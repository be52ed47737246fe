import { CURRENT_VERSION, type BmesFile, type Diagnostic } from '../bmes';
import { versionFacts } from './versionFacts';

export const VERSION_MISMATCH = 'version-mismatch';

/** The decoder's own diagnostics on the version field (spec §4): a version fault it has already reported. */
const DECODER_VERSION_CODES: ReadonlySet<string> = new Set(['legacy-version', 'unknown-version']);

function decoderVersionDiagnostic(file: BmesFile): Diagnostic | undefined {
  return file.diagnostics.find((d) => DECODER_VERSION_CODES.has(d.code));
}

/**
 * The `version-mismatch` diagnostic: the file's BMES version is not the expected one. An error when Bun gets
 * no benefit from the file (version 1, unknown versions), else a warning (version 2: half the benefit; or the
 * current version 3 when another was configured). None when the versions agree, when there is no version to
 * compare (a file too short or with a wrong magic already has its own error), or when the decoder already
 * reports the version as a fault (`legacy-version`, `unknown-version`): one fault, one diagnostic.
 */
export function versionMismatchDiagnostic(file: BmesFile, expected: number = CURRENT_VERSION): Diagnostic | null {
  const version = file.header.version;
  if (!version || version.value === expected) return null;
  if (decoderVersionDiagnostic(file)) return null;
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

/**
 * The file checked against the expected BMES version, with one diagnostic per version fault: the host's
 * `version-mismatch` when the decoder said nothing about the version; otherwise the decoder's own diagnostic,
 * which names version 3, also names the configured version when that is another one.
 */
export function withVersionCheck(file: BmesFile, expected: number = CURRENT_VERSION): BmesFile {
  const own = decoderVersionDiagnostic(file);
  if (!own) return withDiagnostics(file, [versionMismatchDiagnostic(file, expected)]);
  if (expected === CURRENT_VERSION || file.header.version?.value === expected) return file;
  const merged: Diagnostic = { ...own, message: `${own.message} This workspace expects version ${expected} (bmesInspector.expectedVersion).` };
  return { ...file, diagnostics: file.diagnostics.map((d) => (d === own ? merged : d)) };
}

/** The file with more diagnostics, merged by offset (stable), so views and the text view list them in order. */
export function withDiagnostics(file: BmesFile, extra: readonly (Diagnostic | null)[]): BmesFile {
  const added = extra.filter((d): d is Diagnostic => d !== null);
  if (!added.length) return file;
  const all = [...file.diagnostics, ...added].map((d, i) => [d, i] as const);
  all.sort((a, b) => a[0].offset - b[0].offset || a[1] - b[1]);
  return { ...file, diagnostics: all.map(([d]) => d) };
}
