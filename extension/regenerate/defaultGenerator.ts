import { join } from 'node:path';
import { GENERATOR_SCRIPT_NAME } from '../generator/exitCodes';

/**
 * The command that runs the shipped generator with the configured Bun. `--expose-internals` lets a release
 * build of Bun import `bun:internal-for-testing` (debug builds always may); a Bun that does not know the flag
 * ignores it.
 */
export function defaultGeneratorArgv(scriptPath: string): string[] {
  return ['${bun}', '--expose-internals', scriptPath, '${source}', '${output}'];
}

/**
 * Where the shipped generator is: beside the bundle that runs this code (dist/extension.js and
 * dist/bmes-generator.mjs share a folder). Unbundled callers (tests) pass the path themselves.
 */
export function defaultGeneratorScript(distFolder: string = __dirname): string {
  return join(distFolder, GENERATOR_SCRIPT_NAME);
}
