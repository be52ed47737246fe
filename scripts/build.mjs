// Bundles the extension host (CommonJS, Node, `vscode` external), the webview (browser) and the CLI.
// `--production` minifies and drops source maps, for packaging.
import * as esbuild from 'esbuild';
import { chmodSync, cpSync, mkdirSync } from 'node:fs';
import { webviewBuilds } from './webviewBuilds.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

const builds = [
  {
    ...common,
    entryPoints: ['extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['extension/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    // The default cache generator, run by the user's Bun (not by Node): an ES module, Bun's modules external.
    ...common,
    entryPoints: ['extension/generator/main.ts'],
    outfile: 'dist/bmes-generator.mjs',
    platform: 'node',
    format: 'esm',
    external: ['bun:*'],
  },
  ...webviewBuilds(production).map((b) => ({ ...common, ...b })),
];

mkdirSync('dist', { recursive: true });
// Codicons are the extension's own asset; the webview may load nothing from node_modules.
cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicon.css');
cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/codicon.ttf');

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
