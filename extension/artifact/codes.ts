import { DIAGNOSTIC_CODES } from '../bmes/diagnostics';
import type { Severity } from '../bmes/model';

/**
 * Diagnostic codes of released Bun's containers: `.jsc` sidecars and `bun build --compile` executables. The
 * JavaScriptCore codes they share with BMES (cache version, source key, payload size) keep their BMES names.
 */
export const ARTIFACT_DIAGNOSTIC_CODES = {
  'truncated-header': DIAGNOSTIC_CODES['truncated-header'],
  'jsc-unrecognized-layout': 'warning',
  'jsc-size-mismatch': DIAGNOSTIC_CODES['jsc-size-mismatch'],
  'jsc-version-mismatch': DIAGNOSTIC_CODES['jsc-version-mismatch'],
  'source-mismatch': DIAGNOSTIC_CODES['source-mismatch'],
  'source-hash-unchecked': DIAGNOSTIC_CODES['source-hash-unchecked'],
  'unknown-cache-version': 'info',
  'unexpected-payload-tag': 'error',
  'sidecar-size-mismatch': 'error',
  'sidecar-hash-mismatch': 'error',
  'sidecar-bad-magic': 'error',
  'sidecar-trailer-missing': 'error',
  'graph-truncated': 'error',
  'pointer-out-of-bounds': 'error',
  'pointer-overlap': 'warning',
  'missing-nul': 'warning',
  'entry-point-out-of-range': 'error',
  'module-table-size': 'error',
  'graph-bytecode-misaligned': 'warning',
  'mixed-cache-versions': 'error',
  'module-without-bytecode': 'warning',
  'optional-tables-mismatch': 'warning',
  'unknown-graph-flags': 'info',
  'module-limit': 'info',
  'unknown-module-field': 'info',
  'source-hash-table-mismatch': 'warning',
} as const satisfies Record<string, Severity>;

export type ArtifactDiagnosticCode = keyof typeof ARTIFACT_DIAGNOSTIC_CODES;
