/**
 * The webview's page, without `vscode`, so the browser tests serve exactly what the extension ships: a strict
 * CSP with a fresh nonce per page, scripts and styles only from the extension's own `dist/` folder, and no
 * file content in the HTML (the data arrives later as a message).
 */

export function webviewCsp(nonce: string, cspSource: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource} 'nonce-${nonce}'`, `font-src ${cspSource}`, `img-src ${cspSource}`].join('; ');
}

export interface WebviewPageParts {
  readonly nonce: string;
  readonly cspSource: string;
  /** URLs of the built assets. */
  readonly codiconCss: string;
  readonly webviewJs: string;
  /** The toolkit's elements, which webview.js loads after its first paint (webview/toolkit.ts). */
  readonly toolkitJs: string;
  /** A script run before the webview's own, e.g. the browser tests' stand-in for `acquireVsCodeApi`. */
  readonly headScript?: string;
}

export function webviewPage(parts: WebviewPageParts): string {
  const { nonce } = parts;
  const head = parts.headScript === undefined ? '' : `\n<script nonce="${nonce}">${parts.headScript}</script>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${webviewCsp(nonce, parts.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${parts.codiconCss}" nonce="${nonce}">
<title>BMES Inspector</title>${head}
</head>
<body>
<div id="root"></div>
<script nonce="${nonce}" src="${parts.webviewJs}" data-toolkit="${parts.toolkitJs}"></script>
</body>
</html>`;
}
