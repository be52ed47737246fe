import * as vscode from 'vscode';
import { decodeBmesFrom, toDump } from '../bmes';
import { isWebviewToHost, type HostToWebview } from '../protocol';
import { openRangeSource } from './rangeSource';
import { webviewHtml } from './webviewHtml';

class BmesDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri) {}
  dispose(): void {}
}

/** Read-only custom editor: decodes in the extension host, the webview only presents. */
export class BmesEditorProvider implements vscode.CustomReadonlyEditorProvider<BmesDocument> {
  static readonly viewType = 'bmesInspector.editor';

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): BmesDocument {
    return new BmesDocument(uri);
  }

  resolveCustomEditor(document: BmesDocument, panel: vscode.WebviewPanel): void {
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist')],
    };
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri);
    panel.webview.onDidReceiveMessage(async (message: unknown) => {
      if (!isWebviewToHost(message)) {
        this.log.warn(`Ignored an unexpected message from the webview for ${document.uri.toString()}`);
        return;
      }
      await panel.webview.postMessage(await this.decode(document.uri));
    });
  }

  private async decode(uri: vscode.Uri): Promise<HostToWebview> {
    const fileName = uri.path.split('/').pop() ?? uri.path;
    try {
      const source = await openRangeSource(uri);
      try {
        const started = Date.now();
        const { file, bytesRead } = await decodeBmesFrom(source);
        this.log.info(`Decoded ${uri.fsPath}: ${file.size} bytes, read ${bytesRead}, ${Date.now() - started} ms`);
        return { type: 'decoded', fileName, dump: toDump(file), verdict: file.verdict };
      } finally {
        await source.close();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Cannot read ${uri.toString()}: ${message}`);
      return { type: 'failed', fileName, message: vscode.l10n.t('Cannot read {0}: {1}', fileName, message) };
    }
  }
}
