/**
 * The stand-in for VS Code's webview machinery, for the browser tests and the webview bench: a tiny HTTP
 * server on 127.0.0.1 serving
 * - `/?file=NAME` the outer page, running the stand-in host (standInHost.ts, bundled here with esbuild);
 * - `/webview.html[?theme=dark|light|hc-dark|hc-light]` the webview's own page (in that theme: the variables
 *   and classes VS Code gives a webview, captured in ./themes/), built by extension/editor/webviewPage.ts as the extension
 *   builds it (same HTML and Content-Security-Policy, a fresh nonce per page), with an `acquireVsCodeApi`
 *   defined in a nonce'd script before the real `dist/webview.js`;
 * - `/dist/*` the built assets, `/files/NAME` the files under test, with Range requests.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { webviewPage } from '../../extension/editor/webviewPage';
import { loadTheme, THEMES, type ThemeId } from './themes/themes';

const ROOT = join(__dirname, '../..');
const DIST = join(ROOT, 'dist');

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
};

/**
 * What VS Code does to every webview for its theme: the `--vscode-*` variables on <html>, the theme's classes on
 * <body> (before the webview's own script runs, as VS Code's are). Set through the CSSOM, which the CSP allows.
 */
function themeScript(theme: ThemeId | null): string {
  if (theme === null) return '';
  const fixture = loadTheme(theme);
  return `
(() => {
  const vars = ${JSON.stringify(fixture.variables)};
  for (const [name, value] of Object.entries(vars)) document.documentElement.style.setProperty(name, value);
  document.documentElement.dataset.theme = ${JSON.stringify(theme)};
  const classes = ${JSON.stringify(fixture.bodyClasses)};
  document.addEventListener('DOMContentLoaded', () => document.body.classList.add(...classes));
  if (document.body) document.body.classList.add(...classes);
})();`;
}

function standInPage(origin: string, theme: ThemeId | null): string {
  // What VS Code provides: acquireVsCodeApi (once per page), state kept across reloads of the frame.
  const api = `(() => {
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => window.parent.postMessage(message, '*'),
      getState: () => { const s = sessionStorage.getItem('vscode-state'); return s === null ? undefined : JSON.parse(s); },
      setState: (state) => { sessionStorage.setItem('vscode-state', JSON.stringify(state)); return state; },
    });
  };
})();`;
  return webviewPage({
    nonce: randomBytes(16).toString('base64'),
    cspSource: origin,
    codiconCss: `${origin}/dist/codicon.css`,
    webviewJs: `${origin}/dist/webview.js`,
    toolkitJs: `${origin}/dist/webviewToolkit.js`,
    headScript: api + themeScript(theme),
  });
}

const OUTER_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Stand-in host</title>
<style>html, body { margin: 0; height: 100%; overflow: hidden; } iframe { border: 0; width: 100%; height: 100%; display: block; }</style>
</head>
<body><script src="/standInHost.js"></script></body>
</html>`;

export interface TestServer {
  readonly origin: string;
  /** Serves `path` as /files/NAME. */
  addFile(name: string, path: string): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function serveFile(req: IncomingMessage, res: ServerResponse, path: string, type: string, cache = 'no-store'): void {
  const size = statSync(path).size;
  const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  const headers = { 'content-type': type, 'cache-control': cache, 'accept-ranges': 'bytes' };
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'content-length': size });
    res.end();
    return;
  }
  if (!range) {
    res.writeHead(200, { ...headers, 'content-length': size });
    createReadStream(path).pipe(res);
    return;
  }
  const start = Number(range[1]);
  const end = Math.min(size - 1, range[2] ? Number(range[2]) : size - 1);
  if (start >= size || end < start) {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` });
    res.end();
    return;
  }
  res.writeHead(206, { ...headers, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}` });
  createReadStream(path, { start, end }).pipe(res);
}

/** `dist`: where the built assets are (the bench serves a production build from elsewhere). */
export async function startServer(dist = DIST): Promise<TestServer> {
  if (!existsSync(join(dist, 'webview.js'))) throw new Error(`${join(dist, 'webview.js')} is missing: run \`npm run build\` first`);
  const host = await esbuild.build({
    entryPoints: [join(__dirname, 'standInHost.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  const hostJs = Buffer.from(host.outputFiles[0]!.contents);
  const files = new Map<string, string>();
  let origin = '';

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const path = decodeURIComponent(url.pathname);
    if (path === '/') return send(res, 200, TYPES['.html']!, OUTER_PAGE);
    if (path === '/favicon.ico') return send(res, 204, 'text/plain', '');
    if (path === '/webview.html') {
      const theme = url.searchParams.get('theme');
      return send(res, 200, TYPES['.html']!, standInPage(origin, THEMES.includes(theme as ThemeId) ? (theme as ThemeId) : null));
    }
    if (path === '/standInHost.js') return send(res, 200, TYPES['.js']!, hostJs);
    if (path.startsWith('/dist/')) {
      const name = path.slice('/dist/'.length);
      const file = join(dist, name);
      // Cacheable, as VS Code's own resources are: the browser then keeps the compiled bundle between pages.
      if (/^[\w.-]+$/.test(name) && existsSync(file)) return serveFile(req, res, file, TYPES[extname(name)] ?? 'application/octet-stream', 'max-age=600');
    }
    if (path.startsWith('/files/')) {
      const file = files.get(path.slice('/files/'.length));
      if (file) return serveFile(req, res, file, 'application/octet-stream');
    }
    send(res, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    addFile: (name, path) => files.set(name, path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
