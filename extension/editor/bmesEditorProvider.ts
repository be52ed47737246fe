import * as vscode from 'vscode';
import { BmesDocument, type DocumentServices } from './bmesDocument';
import { webviewHtml } from './webviewHtml';

/** Read-only custom editor: decodes in the extension host, the webview only presents. */
export class BmesEditorProvider implements vscode.CustomReadonlyEditorProvider<BmesDocument> {
  /** The default editor for `*.bmes`. */
  static readonly viewType = 'bmesInspector.editor';
  /** The same editor offered for any file ("Reopen Editor With…"), for caches saved under other names. */
  static readonly anyFileViewType = 'bmesInspector.anyFile';

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly services: DocumentServices,
  ) {}

  openCustomDocument(uri: vscode.Uri): Promise<BmesDocument> {
    return BmesDocument.open(uri, this.services);
  }

  resolveCustomEditor(document: BmesDocument, panel: vscode.WebviewPanel): void {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri);
    document.attach(panel);
  }
}
