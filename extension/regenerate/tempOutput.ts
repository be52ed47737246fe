import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Creates an empty, uniquely named file beside the cache for the generator to write: the same folder (so
 * the final rename is atomic, on one file system), hidden, and marked as the inspector's. Created with `wx`,
 * so the name is ours alone; the generator overwrites it.
 */
export async function createTempOutput(cachePath: string, mode = 0o644): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const path = join(dirname(cachePath), `.${basename(cachePath)}.${randomBytes(6).toString('hex')}.regenerating`);
    try {
      await (await open(path, 'wx', mode)).close();
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
    }
  }
}
