import type { BuildOptions } from 'esbuild';

/** The webview's bundles (webviewBuilds.mjs): esbuild options for webview.js and webviewToolkit.js. */
export function webviewBuilds(production: boolean, outdir?: string, root?: string): BuildOptions[];
