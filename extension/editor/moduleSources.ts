import * as vscode from 'vscode';
import type { ModuleRecordResult } from '../bunRecord/moduleRecord';

/**
 * Shows `doc` beside the inspector with [start, end) (UTF-16 code units, as the bytecode records source positions and
 * as VS Code counts offsets) selected and in view, the focus left where it was.
 */
export async function revealRange(doc: vscode.TextDocument, start: number, end: number): Promise<void> {
  const selection = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true, selection });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Read-only documents of an executable's module contents: `bmes-module:/<module name>?<executable uri>`. */
export const MODULE_SCHEME = 'bmes-module';

const t = (message: string, ...args: (string | number)[]) => vscode.l10n.t(message, ...args);

/**
 * Serves the contents of modules inside `--compile` executables as JavaScript documents, opened beside the
 * inspector, with the module record's disagreements with the source marked on their lines (a diagnostic collection
 * of its own, so the Problems panel names the module). Nothing is written anywhere; the text is held while open.
 */
export class ModuleSources implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly problems = vscode.languages.createDiagnosticCollection('bmesInspector.moduleSource');
  private readonly subscription = vscode.workspace.onDidCloseTextDocument((doc) => {
    if (doc.uri.scheme !== MODULE_SCHEME) return;
    this.texts.delete(doc.uri.toString());
    this.problems.delete(doc.uri);
  });

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? t('This module is no longer open in the BMES Inspector.');
  }

  /**
   * Opens the module's contents beside the inspector; with `range` (UTF-16 offsets, from the Bytecode tab), selects
   * and reveals it and keeps the focus in the inspector, so the user can go on choosing functions.
   */
  async show(
    executable: vscode.Uri,
    index: number,
    module: { readonly name: string; readonly text: string; readonly record: ModuleRecordResult | null },
    range?: { readonly start: number; readonly end: number },
  ): Promise<void> {
    // The module's virtual path names the document; the query keeps modules of different executables apart.
    const path = module.name.startsWith('/') ? module.name : `/${module.name}`;
    const uri = vscode.Uri.from({ scheme: MODULE_SCHEME, path, query: `${executable.toString()}#${index}` });
    this.texts.set(uri.toString(), module.text);
    this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'javascript') doc = await vscode.languages.setTextDocumentLanguage(doc, 'javascript');
    this.problems.set(uri, this.diagnosticsOf(doc, module.record));
    if (range) await revealRange(doc, range.start, range.end);
    else await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
  }

  /** The record's disagreements with the source, on the lines of the source they concern. */
  private diagnosticsOf(doc: vscode.TextDocument, record: ModuleRecordResult | null): vscode.Diagnostic[] {
    if (!record) return [];
    const out: vscode.Diagnostic[] = [];
    for (const d of record.diagnostics) {
      if (!d.source) continue;
      const start = new vscode.Position(Math.max(0, d.source.line - 1), Math.max(0, d.source.column));
      const startOffset = doc.offsetAt(start);
      const end = doc.positionAt(startOffset + Math.max(1, d.source.length));
      const severity =
        d.severity === 'error' ? vscode.DiagnosticSeverity.Error : d.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
      const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), d.message, severity);
      diagnostic.code = d.code;
      diagnostic.source = 'BMES Inspector';
      out.push(diagnostic);
    }
    return out;
  }

  dispose(): void {
    this.subscription.dispose();
    this.problems.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
