import { GENERATOR_EXIT } from './exitCodes';

/** What the generator needs from its runtime; the script passes Bun's, the tests their own. */
export interface GeneratorRuntime {
  /** `import('bun:internal-for-testing')`. */
  readonly loadInternals: () => Promise<unknown>;
  /** `Bun.version` (with the revision), or null when not running in Bun. */
  readonly bunVersion: string | null;
  readonly readText: (path: string) => string;
  readonly writeBytes: (path: string, bytes: Uint8Array) => void;
  readonly absolute: (path: string) => string;
  readonly error: (line: string) => void;
}

type Generate = (sourceUrl: string, source: string) => unknown;

/** Bun's experimental generator, if this Bun has it; else why not. */
async function findGenerator(runtime: GeneratorRuntime): Promise<Generate | string> {
  if (runtime.bunVersion === null) return 'this script must be run by Bun';
  let internals: unknown;
  try {
    internals = await runtime.loadInternals();
  } catch (error) {
    return `importing bun:internal-for-testing failed (${error instanceof Error ? error.message : String(error)})`;
  }
  const cached = (internals as { CachedBytecode?: unknown } | null)?.CachedBytecode as { generateForESMWithMetadata?: unknown } | undefined;
  if (!cached) return 'bun:internal-for-testing has no CachedBytecode export';
  if (typeof cached.generateForESMWithMetadata !== 'function') return 'CachedBytecode has no generateForESMWithMetadata function';
  return (url, source) => (cached.generateForESMWithMetadata as Generate).call(cached, url, source);
}

/** Bytes from whatever the generator returned: an ArrayBuffer or a typed array; null for anything else. */
function bytesOf(value: unknown): Uint8Array | null {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

/**
 * `bun bmes-generator.mjs <source> <output>`: compiles the source with Bun's experimental ESM bytecode
 * generator (only in builds of the `bun-build-esm` branch, oven-sh/bun PR #25917) and writes the BMES bytes
 * to the output. Returns the exit code; a missing generator is `GENERATOR_EXIT.unavailable`.
 */
export async function runGenerator(args: readonly string[], runtime: GeneratorRuntime): Promise<number> {
  if (args.length !== 2) {
    runtime.error('usage: bun bmes-generator.mjs <source> <output>');
    return GENERATOR_EXIT.usage;
  }
  const [source, output] = args as [string, string];
  const generate = await findGenerator(runtime);
  if (typeof generate === 'string') {
    runtime.error(
      `bmes-generator: ${runtime.bunVersion ? `Bun ${runtime.bunVersion}` : 'this runtime'} cannot generate BMES caches: ${generate}. ` +
        'It needs a Bun built from the bun-build-esm branch (oven-sh/bun PR #25917), which has ' +
        'CachedBytecode.generateForESMWithMetadata; released Bun builds do not. The generator command setting can name any other tool.',
    );
    return GENERATOR_EXIT.unavailable;
  }
  let text: string;
  try {
    text = runtime.readText(source);
  } catch (error) {
    runtime.error(`bmes-generator: cannot read ${source}: ${(error as Error).message}`);
    return GENERATOR_EXIT.noInput;
  }
  // Bun's loader drops a leading byte-order mark, and so does the inspector's source key (sourceKeyOfFile).
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let result: unknown;
  try {
    // The source URL is the plain absolute path (no file:// prefix), as Bun's own tests pass it.
    result = generate(runtime.absolute(source), text);
  } catch (error) {
    runtime.error(`bmes-generator: Bun's generator failed on ${source}: ${error instanceof Error ? error.message : String(error)}`);
    return GENERATOR_EXIT.failed;
  }
  const bytes = bytesOf(result);
  if (!bytes || bytes.length === 0) {
    runtime.error(`bmes-generator: Bun's generator produced nothing for ${source} (is it a valid ES module?)`);
    return GENERATOR_EXIT.failed;
  }
  try {
    runtime.writeBytes(output, bytes);
  } catch (error) {
    runtime.error(`bmes-generator: cannot write ${output}: ${(error as Error).message}`);
    return GENERATOR_EXIT.cannotCreate;
  }
  return GENERATOR_EXIT.ok;
}
