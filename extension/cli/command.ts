import { fullSourceKey } from '../artifact/sourceKey';
import { readFile } from 'node:fs/promises';
import { hex, type BmesFile, type DecodeOptions } from '../bmes';
import { FileRangeSource } from '../node/fileSource';
import type { BmesExpectations } from '../verdict/bmesVerdict';
import { NO_EXPECTATIONS } from '../verdict/bmesVerdict';
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
  /** The rest of `bmes <command> --help`: the arguments and options, one per line, and the exit status. */
  readonly help: string;
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

/** The decoder's options alone, for the commands that report no verdict. */
export async function decodeOptions(options: Map<string, string | true>): Promise<DecodeOptions> {
  return (await checkPlan(options)).decode;
}

/** The options' help lines. */
export const CHECK_OPTIONS_HELP = `  --source <file>            check the cache's JavaScriptCore key against this source file (length; the hash
                             where the build's hash function is known); one --source applies to every file
  --expect-jsc-version <hex> check the JavaScriptCore cache version (0x optional), e.g. the one your Bun writes`;

/** What the decoder compares (`DecodeOptions`) and, for the verdict, what was and was not given to compare. */
export interface CheckPlan {
  readonly decode: DecodeOptions;
  readonly expect: BmesExpectations;
}

export async function checkPlan(options: Map<string, string | true>): Promise<CheckPlan> {
  const expectedArg = options.get('--expect-jsc-version');
  const sourcePath = options.get('--source');
  const expected = typeof expectedArg === 'string' ? parseHexU32(expectedArg, '--expect-jsc-version') : undefined;
  const source = typeof sourcePath === 'string' ? fullSourceKey(await readInput(sourcePath)) : undefined;
  return {
    decode: { ...(expected !== undefined ? { expectedJscVersion: expected } : {}), ...(source ? { source } : {}) },
    expect: {
      version: NO_EXPECTATIONS.version,
      jscVersion: expected !== undefined ? { value: expected, from: `--expect-jsc-version ${hex(expected, 8)}` } : { value: null, reason: 'no --expect-jsc-version given' },
      source: typeof sourcePath === 'string' ? { value: sourcePath, from: null } : { value: null, reason: 'no --source given' },
    },
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
