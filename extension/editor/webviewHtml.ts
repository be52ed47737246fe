import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewPage } from './webviewPage';

/** The webview's page (see webviewPage.ts) with a fresh nonce and the extension's own asset URLs. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', name)).toString();
  return webviewPage({
    nonce: randomBytes(16).toString('base64'),
    cspSource: webview.cspSource,
    codiconCss: asset('codicon.css'),
    webviewJs: asset('webview.js'),
    toolkitJs: asset('webviewToolkit.js'),
  });
}
