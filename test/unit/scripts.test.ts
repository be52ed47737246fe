/** The npm scripts: a suite run alone builds what it runs first, so it never tests a stale dist/. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const scripts = (JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

test('test:unit and test:webview build before they run (the CLI, webview and generator bundles they use)', () => {
  for (const suite of ['test:unit', 'test:webview']) {
    assert.match(scripts[`pre${suite}`] ?? '', /node scripts\/build\.mjs|npm run (-s )?build/, `${suite} has no build before it`);
  }
  // The e2e suite packages the production build itself (scripts/e2e-setup.sh runs npm run package).
  assert.match(scripts['test:e2e'] ?? '', /e2e-setup\.sh/);
});
