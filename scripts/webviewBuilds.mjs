// The webview's two browser bundles, shared by build.mjs and the webview bench (which builds them elsewhere):
// - webview.js: the page's script (React, the views, the host protocol);
// - webviewToolkit.js: the toolkit's custom elements (FAST), which webview.js adds to the page once the first view has
//   painted (webview/toolkit.ts); webview.js leaves the toolkit out, since it never calls what defines them.
/**
 * @param {boolean} production
 * @param {string} [outdir] where they go (relative to the project, or absolute)
 * @param {string} [root] the project's folder (default: the working directory)
 */
export function webviewBuilds(production, outdir = 'dist', root = process.cwd()) {
  const browser = {
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  };
  return [
    { ...browser, entryPoints: ['webview/main.tsx'], outfile: `${outdir}/webview.js` },
    { ...browser, entryPoints: ['webview/toolkitEntry.ts'], outfile: `${outdir}/webviewToolkit.js` },
  ];
}
