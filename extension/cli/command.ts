import { readFile } from 'node:fs/promises';
import { sourceKeyOfFile, type BmesFile, type DecodeOptions } from '../bmes';
import { FileRangeSource } from '../node/fileSource';
import { parseHexU32 } from './args';

/**
 * One `bmes` command. Each lives in its own module under `commands/` and is listed once in the registry in
 * `main.ts`; the usage text is built from the registry.
 */
export interface Command {
  readonly name: string;
  /** The arguments after the command name, as the usage text shows them. */
  readonly synopsis: string;
  /** What the command does, one line of the usage text. */
  readonly summary: string;
  /** Runs the command on the arguments after its name; resolves to the exit status. */
  run(argv: string[]): Promise<number>;
}

/** Exit statuses, as documented in the usage text. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

/** A file that cannot be read or written: exit status 2, the message without the usage text. */
export class IoError extends Error {}

/** The options `dump` and `check` share. */
export const CHECK_OPTIONS = ['--source', '--expect-jsc-version'];

export async function decodeOptions(options: Map<string, string | true>): Promise<DecodeOptions> {
  const expected = options.get('--expect-jsc-version');
  const sourcePath = options.get('--source');
  return {
    ...(typeof expected === 'string' ? { expectedJscVersion: parseHexU32(expected, '--expect-jsc-version') } : {}),
    ...(typeof sourcePath === 'string' ? { source: sourceKeyOfFile(await readInput(sourcePath)) } : {}),
  };
}

export async function readInput(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

export async function withFile<T>(path: string, use: (source: FileRangeSource) => Promise<T>): Promise<T> {
  let source: FileRangeSource;
  try {
    source = await FileRangeSource.open(path);
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}

export const hasErrors = (file: BmesFile) => file.diagnostics.some((d) => d.severity === 'error');
