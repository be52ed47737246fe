import type { Diagnostic, Severity } from '../bmes';

/** A decoded diagnostic as it goes to the Problems panel, before it becomes a `vscode.Diagnostic`. */
export interface Problem {
  readonly severity: Severity;
  readonly code: string;
  /** Starts with the byte offset in hex, e.g. "0x1c: …": a binary file has no lines to point at. */
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export function problemOf(d: Diagnostic): Problem {
  return { severity: d.severity, code: d.code, message: `0x${d.offset.toString(16)}: ${d.message}`, offset: d.offset, length: d.length };
}

export function problemsOf(diagnostics: readonly Diagnostic[]): Problem[] {
  return diagnostics.map(problemOf);
}
