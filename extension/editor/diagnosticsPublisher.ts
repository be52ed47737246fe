import * as vscode from 'vscode';
import type { Diagnostic, Severity } from '../bmes';
import { problemsOf, type Problem } from '../host/problems';

export const SEVERITY: Readonly<Record<Severity, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A binary file has no lines: every diagnostic sits on line 0 and its message starts with the byte offset. */
export function toVscodeDiagnostic(problem: Problem): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), problem.message, SEVERITY[problem.severity]);
  diagnostic.code = problem.code;
  diagnostic.source = 'BMES Inspector';
  return diagnostic;
}

/**
 * The "bmes" DiagnosticCollection: the Problems panel's entries for open BMES documents. A file can be open as
 * two documents (the `*.bmes` editor and the any-file one), so entries are kept per owner and a file's entries
 * go only when no owner publishes them any more.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('bmes');
  private readonly owners = new Map<string, Map<object, vscode.Diagnostic[]>>();

  publish(owner: object, uri: vscode.Uri, diagnostics: readonly Diagnostic[]): void {
    const key = uri.toString();
    const entries = problemsOf(diagnostics).map(toVscodeDiagnostic);
    const byOwner = this.owners.get(key) ?? new Map<object, vscode.Diagnostic[]>();
    byOwner.set(owner, entries);
    this.owners.set(key, byOwner);
    this.collection.set(uri, entries);
  }

  clear(owner: object, uri: vscode.Uri): void {
    const key = uri.toString();
    const byOwner = this.owners.get(key);
    if (!byOwner?.delete(owner)) return;
    const remaining = [...byOwner.values()].pop();
    if (remaining) {
      this.collection.set(uri, remaining);
    } else {
      this.owners.delete(key);
      this.collection.delete(uri);
    }
  }

  dispose(): void {
    this.collection.dispose();
  }
}
