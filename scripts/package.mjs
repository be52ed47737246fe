// npm run package: a production build (minified, no source maps), then the .vsix with @vscode/vsce, written to
// the repository root as <name>-<version>.vsix (ignored by git). .vscodeignore decides what goes in; the e2e
// suite's package test (test/e2e/package.e2e.test.ts) checks the exact list.
//
// --if-changed (npm start, scripts/e2e-setup.sh): skip vsce when everything that goes into the package is byte for
// byte what the existing .vsix was made from (a hash of those files is kept in .cache/package/inputs.sha256).
// The package has no repository URL: the project has none, so vsce runs with --allow-missing-repository.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
export const VSIX = join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
const STAMP = join(ROOT, '.cache/package/inputs.sha256');
const ifChanged = process.argv.includes('--if-changed');
const started = Date.now();

function run(command, args, quiet = false) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`package: ${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function files(dir) {
  const full = join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(join(ROOT, path)).isFile());
}

/** Everything that can end up in the package (a superset: .vscodeignore picks from it), hashed with its paths. */
function inputsHash() {
  const inputs = [
    ...files('dist').filter((path) => !path.endsWith('.map')),
    ...files('l10n'),
    ...files('syntaxes'),
    ...files('media'),
    'package.json',
    'package.nls.json',
    'README.md',
    'LICENSE',
    '.vscodeignore',
  ].sort();
  const hash = createHash('sha256');
  for (const path of inputs) {
    hash.update(`${path}\0`);
    hash.update(readFileSync(join(ROOT, path)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

run(process.execPath, ['scripts/build.mjs', '--production']);
const hash = inputsHash();
const name = relative(ROOT, VSIX);
if (ifChanged && existsSync(VSIX) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === `${hash} ${name}`) {
  console.log(`package: ${name} is up to date (${(statSync(VSIX).size / 1024).toFixed(0)} KB)`);
} else {
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  // From the scripts (--if-changed), only the summary line below; `npm run package` shows vsce's list of files.
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', VSIX], ifChanged);
  mkdirSync(dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, `${hash} ${name}\n`);
  console.log(`package: ${name}, ${(statSync(VSIX).size / 1024).toFixed(0)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
