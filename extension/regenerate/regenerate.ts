import { constants } from 'node:fs';
import { access, chmod, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CURRENT_VERSION, decodeBmes, type BmesFile, type Diagnostic } from '../bmes';
import { expandHome, resolveExecutable } from '../bun/resolveExecutable';
import { lastLines, runProcess, type RunResult } from '../bun/runProcess';
import { GENERATOR_EXIT } from '../generator/exitCodes';
import { withVersionCheck } from '../textView/versionMismatch';
import { defaultGeneratorArgv, defaultGeneratorScript } from './defaultGenerator';
import { resolveArgv } from './placeholders';
import { summarizeChange, type CacheChangeSummary } from './summary';
import { createTempOutput } from './tempOutput';

export interface RegenerateOptions {
  readonly bmesPath: string;
  readonly sourcePath: string;
  /** An argument list with `${bun}`, `${source}`, `${output}`, or the shipped generator run by `bunPath`. */
  readonly generator: { readonly argv: readonly string[] } | 'default';
  /** What `${bun}` stands for: a path, `~/…`, or a name on PATH. Default `bun`. */
  readonly bunPath?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Output of another BMES version gets `version-mismatch`; an error one (v1, unknown) is rejected. Default 3. */
  readonly expectedVersion?: number;
  /** The configured Bun's cache version, when known: output with another one is rejected (`jsc-version-mismatch`). */
  readonly expectedJscVersion?: number;
  /** The shipped generator script; default `bmes-generator.mjs` beside the running bundle. */
  readonly defaultScript?: string;
  /** Default: this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
}

export type RegenerateFailure =
  | 'invalid-command'
  | 'source-unreadable'
  | 'not-started'
  | 'generator-unavailable'
  | 'exit'
  | 'signal'
  | 'timeout'
  | 'cancelled'
  | 'no-output'
  | 'invalid-output'
  | 'io'
  // Sidecars (regenerateSidecar.ts):
  /** The `.jsc` has no `.js` beside it that Bun wrote with its bytecode pragma. */
  | 'not-a-sidecar'
  /** No candidate build reproduced the `.js`, and replacing both was declined. */
  | 'js-differs'
  /** The configured Bun could not be asked for its cache version. */
  | 'bun-probe';

/** Why a regeneration failed. Whatever the reason, the cache is as it was and the temporary file is gone. */
export class RegenerateError extends Error {
  constructor(
    readonly reason: RegenerateFailure,
    message: string,
    readonly details: {
      readonly argv?: readonly string[];
      readonly exitCode?: number | null;
      readonly signal?: string | null;
      /** The end of the generator's standard error. */
      readonly stderr?: string;
      /** For `invalid-output`: what the decoder found in the generator's output. */
      readonly diagnostics?: readonly Diagnostic[];
      /** For `js-differs`: the command that would rebuild the sidecar and its `.js`, to show and copy. */
      readonly command?: string;
    } = {},
  ) {
    super(message);
    this.name = 'RegenerateError';
  }
}

export interface RegenerateResult {
  readonly bmesPath: string;
  /** The command that ran, placeholders filled in. */
  readonly argv: readonly string[];
  /** The old file decoded, or null when there was none. */
  readonly before: BmesFile | null;
  readonly after: BmesFile;
  readonly summary: CacheChangeSummary;
  /** Warnings and notes about the new file (errors would have rejected it). */
  readonly warnings: readonly Diagnostic[];
  readonly durationMs: number;
  readonly stderr: string;
}

/** The message shown when the shipped generator finds no generator in the configured Bun. */
export const GENERATOR_UNAVAILABLE_MESSAGE =
  "The configured Bun cannot generate BMES caches: the default generator needs Bun's experimental ESM bytecode generator " +
  '(CachedBytecode.generateForESMWithMetadata in bun:internal-for-testing), which only a Bun built from the bun-build-esm branch ' +
  '(oven-sh/bun PR #25917) has; released Bun builds do not. Point the Bun setting at such a build, or set the generator command ' +
  'to any other tool that writes a BMES file (an argument list with ${bun}, ${source} and ${output}). The cache was not changed.';

const UNCHANGED = 'The cache was not changed.';

/** Output for people: control characters other than line breaks and tabs are shown, not obeyed. */
export function plain(text: string): string {
  // The controls (\p{Cc}: U+0000–U+001F, U+007F–U+009F) but tab and line feed.
  return text.replace(/(?![\t\n])\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Runs a generator and replaces the cache with what it wrote — atomically, and only if the decoder accepts it.
 * The generator writes to a fresh temporary file beside the cache (same folder, so the final rename is atomic);
 * it runs without a shell, with a time limit, and is killed (with its process group) on time-out or cancel.
 * On any failure or cancel, the cache is left byte-for-byte as it was, the temporary file is removed, and a
 * `RegenerateError` says why.
 */
export async function regenerateCache(options: RegenerateOptions): Promise<RegenerateResult> {
  const started = Date.now();
  // Absolute, since the generator runs in the source's folder.
  const bmesPath = resolve(options.bmesPath);
  const sourcePath = resolve(options.sourcePath);
  const signal = options.signal;
  if (signal?.aborted) throw new RegenerateError('cancelled', `Regeneration was cancelled. ${UNCHANGED}`);

  const isDefault = options.generator === 'default';
  const template = options.generator === 'default' ? defaultGeneratorArgv(options.defaultScript ?? defaultGeneratorScript()) : options.generator.argv;
  const bunCommand = options.bunPath ?? 'bun';
  const bun = (await resolveExecutable(bunCommand, options.env)) ?? bunCommand;

  // A cache that is a symbolic link: replace the file it points to, and keep the link.
  const target = await realpath(bmesPath).catch(() => bmesPath);
  const before = await readOld(target);
  try {
    await access(sourcePath, constants.R_OK);
  } catch (error) {
    throw new RegenerateError('source-unreadable', `Cannot read the source ${sourcePath}: ${(error as Error).message}. ${UNCHANGED}`);
  }

  let temp: string;
  try {
    temp = await createTempOutput(target, before ? before.mode : 0o644);
  } catch (error) {
    throw new RegenerateError('io', `Cannot create a temporary file beside ${bmesPath}: ${(error as Error).message}. ${UNCHANGED}`);
  }
  try {
    let argv: string[];
    try {
      argv = resolveArgv(template, { bun, source: sourcePath, output: temp });
    } catch (error) {
      throw new RegenerateError('invalid-command', `${(error as Error).message} ${UNCHANGED}`);
    }
    argv[0] = expandHome(argv[0]!);
    const result = await runProcess(argv, {
      // The source's folder, so that a tool's own configuration there (bunfig.toml, tsconfig.json) applies.
      cwd: dirname(sourcePath),
      timeoutMs: options.timeoutMs,
      ...(signal ? { signal } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    failOnRun(result, isDefault, bunCommand, options.timeoutMs);

    const bytes = await readFile(temp);
    if (bytes.length === 0) {
      throw new RegenerateError('no-output', `The generator exited successfully but wrote nothing to ${temp}. ${UNCHANGED}`, details(result));
    }
    const after = decodeBmes(bytes, options.expectedJscVersion === undefined ? {} : { expectedJscVersion: options.expectedJscVersion });
    const { diagnostics } = withVersionCheck(after, options.expectedVersion ?? CURRENT_VERSION);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) {
      const listed = errors.slice(0, 3).map((d) => `${d.code} at 0x${d.offset.toString(16)}: ${d.message}`);
      const more = errors.length > 3 ? ` (and ${errors.length - 3} more errors)` : '';
      throw new RegenerateError('invalid-output', `The generator's output is not a valid BMES cache: ${plain(listed.join(' '))}${more} ${UNCHANGED}`, {
        ...details(result),
        diagnostics,
      });
    }

    // A generator that recreates its output file may change the mode given at creation; the new cache keeps the old one's.
    if (before) await chmod(temp, before.mode);
    await flush(temp);
    // The last moment a cancel can still leave the cache as it was.
    if (signal?.aborted) throw new RegenerateError('cancelled', `Regeneration was cancelled. ${UNCHANGED}`, details(result));
    await rename(temp, target);
    return {
      bmesPath,
      argv,
      before: before?.file ?? null,
      after,
      summary: summarizeChange(before?.file ?? null, after),
      warnings: diagnostics.filter((d) => d.severity !== 'error'),
      durationMs: Date.now() - started,
      stderr: plain(lastLines(result.stderr)),
    };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (error instanceof RegenerateError) throw error;
    throw new RegenerateError('io', `Regeneration failed: ${(error as Error).message}. ${UNCHANGED}`);
  }
}

/** The old cache, decoded for the summary, and its permissions for the new one; null when there is none. */
async function readOld(path: string): Promise<{ file: BmesFile; mode: number } | null> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    return { file: decodeBmes(bytes), mode: info.mode & 0o7777 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new RegenerateError('io', `Cannot read ${path}: ${(error as Error).message}. ${UNCHANGED}`);
  }
}

function details(result: RunResult) {
  return { argv: result.argv, exitCode: result.exitCode, signal: result.signal, stderr: plain(lastLines(result.stderr)) };
}

/** Throws the error a finished run deserves, if any. */
function failOnRun(result: RunResult, isDefault: boolean, bunCommand: string, timeoutMs: number): void {
  if (result.startError) {
    const program = result.argv[0]!;
    const what = isDefault ? `Bun not found at '${bunCommand}'` : `The generator '${program}' could not be started`;
    throw new RegenerateError('not-started', `${what}: ${result.startError.message}. ${UNCHANGED}`, { argv: result.argv });
  }
  if (result.cancelled) throw new RegenerateError('cancelled', `Regeneration was cancelled and the generator stopped. ${UNCHANGED}`, details(result));
  if (result.timedOut) {
    throw new RegenerateError('timeout', `The generator did not finish within ${formatSeconds(timeoutMs)} and was stopped. ${UNCHANGED}`, details(result));
  }
  if (isDefault && result.exitCode === GENERATOR_EXIT.unavailable) {
    throw new RegenerateError('generator-unavailable', GENERATOR_UNAVAILABLE_MESSAGE, details(result));
  }
  const tail = plain(lastLines(result.stderr));
  const said = tail ? `:\n${tail}` : ' (it printed nothing on standard error).';
  if (result.signal) throw new RegenerateError('signal', `The generator was killed by ${result.signal}${said}\n${UNCHANGED}`, details(result));
  if (result.exitCode !== 0) throw new RegenerateError('exit', `The generator exited with code ${result.exitCode}${said}\n${UNCHANGED}`, details(result));
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** The generator may not have synced its file; the rename must not expose a file whose data is not on disk. */
export async function flush(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
