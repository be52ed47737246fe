import { fullSourceKey } from '../artifact/sourceKey';
import { existsSync } from 'node:fs';
import { inspectArtifact, type Inspection } from '../artifact/inspect';
import { type DecodeOptions } from '../bmes';
import { readInput, withFile } from './command';

/**
 * Decodes any file kind for `dump` and `check`. A `.jsc` file is checked against the `.js` beside it (the file
 * Bun loads it for) unless `--source` names another.
 */
export async function inspectPath(path: string, options: DecodeOptions): Promise<Inspection & { sourceBeside: string | null }> {
  let decodeWith = options;
  let sourceBeside: string | null = null;
  if (!options.source && path.endsWith('.jsc') && existsSync(path.slice(0, -4))) {
    sourceBeside = path.slice(0, -4);
    decodeWith = { ...options, source: fullSourceKey(await readInput(sourceBeside)) };
  }
  return withFile(path, async (source) => ({ ...(await inspectArtifact(source, decodeWith)), sourceBeside }));
}
