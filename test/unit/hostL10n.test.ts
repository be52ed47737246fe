/**
 * Localization stays complete: every string the host passes to `l10n.t` (or the injected `t`) is in
 * l10n/bundle.l10n.json and nothing stale is left there, and every %key% of package.json is in package.nls.json.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const hostFiles = [
  'extension/extension.ts',
  ...['extension/editor', 'extension/host', 'extension/dumpView'].flatMap((dir) => readdirSync(join(root, dir)).map((f) => `${dir}/${f}`)),
];

test('bundle.l10n.json holds exactly the strings the host localizes', () => {
  const used = new Set<string>();
  for (const file of hostFiles) {
    // Single or double quotes (the formatter picks the one with fewer escapes).
    for (const match of read(file).matchAll(/\bt\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)) {
      used.add(match[1] !== undefined ? match[1].replace(/\\'/g, "'") : match[2]!.replace(/\\"/g, '"'));
    }
  }
  assert.ok(used.size >= 5, `found ${used.size} strings`);
  const bundle = JSON.parse(read('l10n/bundle.l10n.json')) as Record<string, string>;
  assert.deepEqual([...used].sort(), Object.keys(bundle).sort());
});

test('package.nls.json defines every %key% used in package.json', () => {
  const manifest = read('package.json');
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
  assert.ok(keys.length > 0);
  for (const key of keys) assert.ok(key in nls, `package.nls.json lacks ${key}`);
  assert.deepEqual(
    Object.keys(nls).filter((k) => !keys.includes(k)),
    [],
    'unused keys in package.nls.json',
  );
});
