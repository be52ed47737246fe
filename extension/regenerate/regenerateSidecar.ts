import { link, mkdtemp, readFile, realpath, rename, rm, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fullSourceKey } from '../artifact/sourceKey';
import { bunReleaseName, hex, type Diagnostic } from '../bmes';
import { BunProbeError, probeBun } from '../bun/probe';
import { expandHome, resolveExecutable } from '../bun/resolveExecutable';
import { lastLines, runProcess, type RunResult } from '../bun/runProcess';
import { decodeJscPayload } from '../sidecar/decodeJscPayload';
import type { JscPayloadFile } from '../sidecar/model';
import { flush, formatSeconds, plain, RegenerateError } from './regenerate';
import { buildArgs, buildFolder, candidateFlags, commandLine, jsDifference, outputShape, sameBytes, type JsDifference, type OutputShape } from './sidecarBuild';
import { createTempOutput } from './tempOutput';

const UNCHANGED = 'The .js and the .jsc were not changed.';

/** What the user is asked before both files change: no candidate build gave the same `.js`. */
export interface JsChangeQuestion {
  readonly jsPath: string;
  readonly difference: JsDifference;
  /** The flags of the build that came closest, and the command that runs it. */
  readonly flags: readonly string[];
  readonly command: string;
  /** How many flag sets were tried. */
  readonly tried: number;
}

export interface RegenerateSidecarOptions {
  readonly jscPath: string;
  /** The file the user's build started from (`src/index.ts`), not Bun's output `.js`. */
  readonly sourcePath: string;
  /** The configured Bun: a path, `~/…`, or a name on PATH. Default `bun`. */
  readonly bunPath?: string;
  /** For all the builds together (and the probe, when it runs). */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The configured Bun's cache version; asked of Bun (spec §2.3) when not given. */
  readonly expectedJscVersion?: number;
  /** Asked when no build reproduces the `.js` byte for byte; true replaces both files. Default: never. */
  readonly confirmJsChange?: (question: JsChangeQuestion) => Promise<boolean>;
  /** Progress for people: which build runs now. */
  readonly onProgress?: (message: string) => void;
  /** Default: this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the temporary build folder goes; default the system's. */
  readonly tempRoot?: string;
}

/** What changed, for the summary: the `.jsc` always, the `.js` only when the user agreed. */
export interface SidecarChangeSummary {
  readonly cacheVersion: { readonly before: number | null; readonly after: number };
  readonly writtenBy: { readonly before: string; readonly after: string };
  readonly jscSize: { readonly before: number; readonly after: number };
  readonly jsSize: { readonly before: number; readonly after: number };
  readonly jsChanged: boolean;
  readonly text: string;
}

export interface RegenerateSidecarResult {
  readonly jscPath: string;
  readonly jsPath: string;
  /** Bun and its arguments for the build that was used, and the folder it ran in. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly before: JscPayloadFile;
  readonly after: JscPayloadFile;
  readonly summary: SidecarChangeSummary;
  /** Warnings and notes about the new `.jsc` (errors would have rejected it). */
  readonly warnings: readonly Diagnostic[];
  readonly durationMs: number;
}

interface Built {
  readonly flags: readonly string[];
  readonly argv: readonly string[];
  readonly js: Buffer;
  readonly jsc: Buffer;
  readonly difference: JsDifference | null;
}

const cancelled = (result?: RunResult) =>
  new RegenerateError('cancelled', `Regeneration was cancelled${result ? ' and Bun stopped' : ''}. ${UNCHANGED}`, result ? details(result) : {});

function details(result: RunResult) {
  return { argv: result.argv, exitCode: result.exitCode, signal: result.signal, stderr: plain(lastLines(result.stderr)) };
}

/**
 * "Regenerate cache" for a `.jsc` sidecar: rebuilds Bun's output `.js` and its `.jsc` from the user's source with
 * the configured Bun, in a temporary folder, trying the flag sets the `.js` allows until one reproduces it byte for
 * byte; validates the new `.jsc` with the decoder (layout, trailer, the configured Bun's cache version, the new
 * `.js`'s length); then replaces the `.jsc` (and the `.js`, only when it differs and `confirmJsChange` agreed)
 * by renames in their own folder. Bun runs without a shell, in the folder the `.js`'s module comments name, with
 * one time limit for all builds, killed with its process group on time-out or cancel. On any failure, cancel or
 * refusal both files stay byte for byte as they were and a `RegenerateError` says why (and, when the `.js` does
 * not reproduce, which command would rebuild both).
 */
export async function regenerateSidecar(options: RegenerateSidecarOptions): Promise<RegenerateSidecarResult> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const signal = options.signal;
  if (signal?.aborted) throw cancelled();
  const jscPath = resolve(options.jscPath);
  const sourcePath = resolve(options.sourcePath);
  const jscTarget = await realpath(jscPath).catch(() => jscPath);
  if (!jscTarget.toLowerCase().endsWith('.jsc')) {
    throw new RegenerateError('not-a-sidecar', `${basename(jscPath)} is not named like a sidecar: Bun loads <file>.js.jsc for <file>.js only. ${UNCHANGED}`);
  }
  const jsPath = jscPath.slice(0, -4);
  const jsTarget = await realpath(jsPath).catch(() => jsPath);

  const [oldJsc, oldJs] = await Promise.all([readExisting(jscTarget, 'sidecar'), readExisting(jsTarget, 'output .js')]);
  const shape = outputShape(oldJs.bytes.toString('utf8'));
  if (!shape.pragma?.bytecode) {
    const found = shape.pragma ? `its pragma is "// ${shape.pragma.tokens.join(' ')}", without @bytecode` : 'it does not start with the "// @bun @bytecode" pragma';
    throw new RegenerateError(
      'not-a-sidecar',
      `${basename(jsPath)} is not the output of a bytecode build (${found}): Bun reads ${basename(jscPath)} only for a .js that \`bun build --bytecode\` wrote. ${UNCHANGED}`,
    );
  }
  const before = decodeJscPayload(oldJsc.bytes, { source: fullSourceKey(oldJs.bytes) });
  // An ES module's bytecode (as `bmes extract` writes it beside the module's contents) is not a sidecar: Bun loads
  // it only from inside a --compile executable, and `bun build --bytecode` refuses ESM without --compile.
  if (!shape.pragma.cjs || before.jsc?.tag?.value === 1) {
    throw new RegenerateError(
      'not-a-sidecar',
      `${basename(jscPath)} holds an ES module's bytecode (${shape.pragma.cjs ? 'its payload tag is 1, module' : `${basename(jsPath)} has no @bun-cjs in its pragma`}): Bun loads such bytecode only from inside a \`bun build --compile\` executable, so it is rebuilt by rebuilding the executable (bun build --compile --bytecode --format=esm). ${UNCHANGED}`,
    );
  }
  try {
    if (!(await stat(sourcePath)).isFile()) throw new Error('not a file');
  } catch (error) {
    throw new RegenerateError('source-unreadable', `Cannot read the source ${sourcePath}: ${(error as Error).message}. ${UNCHANGED}`);
  }

  const bunCommand = options.bunPath ?? 'bun';
  const bun = (await resolveExecutable(bunCommand, options.env)) ?? expandHome(bunCommand);
  const expected = options.expectedJscVersion ?? (await probeCacheVersion(bunCommand, deadline, options));
  // The folder Bun ran in: the module comments name the source relative to it. Minified output has none.
  const cwd = buildFolder(sourcePath, shape.modulePaths) ?? dirname(sourcePath);

  const temp = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'bmes-sidecar-'));
  try {
    const chosen = await findReproducingBuild({ bun, sourcePath, cwd, temp, shape, oldJs: oldJs.bytes, deadline, options });
    const reproduces = chosen.difference === null;
    if (!reproduces) {
      const question: JsChangeQuestion = {
        jsPath,
        difference: chosen.difference!,
        flags: chosen.flags,
        command: rebuildCommand(bun, sourcePath, chosen.flags, dirname(jsPath), cwd),
        tried: candidateFlags(shape).length,
      };
      const agreed = options.confirmJsChange ? await options.confirmJsChange(question) : false;
      if (signal?.aborted) throw cancelled();
      if (!agreed) throw new RegenerateError('js-differs', jsDiffersMessage(question), { argv: chosen.argv, command: question.command });
    }
    const after = validate(chosen, expected);
    const warnings = after.diagnostics.filter((d) => d.severity !== 'error');
    await replace({ jscTarget, jsTarget: reproduces ? null : jsTarget, jsc: chosen.jsc, js: chosen.js, jscMode: oldJsc.mode, jsMode: oldJs.mode, signal });
    return {
      jscPath,
      jsPath,
      argv: chosen.argv,
      cwd,
      before,
      after,
      summary: summarize(before, after, oldJsc.bytes.length, oldJs.bytes.length, chosen, !reproduces),
      warnings,
      durationMs: Date.now() - started,
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function readExisting(path: string, what: string): Promise<{ bytes: Buffer; mode: number }> {
  try {
    const [bytes, info] = await Promise.all([readFile(path), stat(path)]);
    return { bytes, mode: info.mode & 0o7777 };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && what !== 'sidecar') {
      throw new RegenerateError(
        'not-a-sidecar',
        `There is no ${basename(path)} beside the sidecar: a sidecar belongs to the .js that Bun wrote with it, and is rebuilt with it. ${UNCHANGED}`,
      );
    }
    throw new RegenerateError('io', `Cannot read the ${what} ${path}: ${(error as Error).message}. ${UNCHANGED}`);
  }
}

async function probeCacheVersion(bunCommand: string, deadline: number, options: RegenerateSidecarOptions): Promise<number> {
  try {
    const info = await probeBun(bunCommand, {
      timeoutMs: Math.max(1, deadline - Date.now()),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    return info.cacheVersion;
  } catch (error) {
    if (error instanceof BunProbeError && error.cancelled) throw cancelled();
    throw new RegenerateError('bun-probe', `${(error as Error).message} ${UNCHANGED}`);
  }
}

interface SearchInput {
  readonly bun: string;
  readonly sourcePath: string;
  readonly cwd: string;
  readonly temp: string;
  readonly shape: OutputShape;
  readonly oldJs: Buffer;
  readonly deadline: number;
  readonly options: RegenerateSidecarOptions;
}

/** Builds each candidate in turn until one gives the old `.js` exactly; else the closest (longest common start and end). */
async function findReproducingBuild(input: SearchInput): Promise<Built> {
  const { bun, sourcePath, cwd, temp, shape, oldJs, deadline, options } = input;
  const candidates = candidateFlags(shape);
  let closest: Built | null = null;
  for (const [i, flags] of candidates.entries()) {
    const outdir = join(temp, `out-${i}`);
    const argv = [bun, ...buildArgs(sourcePath, flags, outdir)];
    options.onProgress?.(`bun build ${flags.join(' ')} (${i + 1} of ${candidates.length})`);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timeout(options.timeoutMs);
    const result = await runProcess(argv, {
      cwd,
      timeoutMs: remaining,
      ...(options.signal ? { signal: options.signal } : {}),
      env: { ...(options.env ?? process.env), NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    failOnRun(result, options.bunPath ?? 'bun', options.timeoutMs);
    const built = await readBuilt(outdir, sourcePath, flags, argv, result);
    const difference = sameBytes(built.js, oldJs) ? null : jsDifference(oldJs, built.js);
    const candidate = { ...built, difference };
    if (difference === null) return candidate;
    const score = (d: JsDifference) => d.commonPrefix + d.commonSuffix;
    if (!closest || score(difference) > score(closest.difference!)) closest = candidate;
  }
  return closest!;
}

function timeout(timeoutMs: number): RegenerateError {
  return new RegenerateError('timeout', `Bun did not finish the builds within ${formatSeconds(timeoutMs)} and was stopped. ${UNCHANGED}`);
}

function failOnRun(result: RunResult, bunCommand: string, timeoutMs: number): void {
  if (result.startError) throw new RegenerateError('not-started', `Bun not found at '${bunCommand}': ${result.startError.message}. ${UNCHANGED}`, { argv: result.argv });
  if (result.cancelled) throw cancelled(result);
  if (result.timedOut) throw new RegenerateError('timeout', `Bun did not finish within ${formatSeconds(timeoutMs)} and was stopped. ${UNCHANGED}`, details(result));
  const tail = plain(lastLines(result.stderr) || lastLines(result.stdout));
  const said = tail ? `:\n${tail}` : ' (it printed nothing).';
  if (result.signal) throw new RegenerateError('signal', `bun build was killed by ${result.signal}${said}\n${UNCHANGED}`, details(result));
  if (result.exitCode !== 0) throw new RegenerateError('exit', `bun build exited with code ${result.exitCode}${said}\n${UNCHANGED}`, details(result));
}

/** Bun names the output after the source (`src/app.ts` → `app.js`, `app.js.jsc`); `--outfile` is refused with --bytecode. */
async function readBuilt(outdir: string, sourcePath: string, flags: readonly string[], argv: readonly string[], result: RunResult): Promise<Omit<Built, 'difference'>> {
  const stem = basename(sourcePath).replace(/\.[^.]*$/, '');
  const js = join(outdir, `${stem}.js`);
  try {
    const [jsBytes, jscBytes] = await Promise.all([readFile(js), readFile(`${js}.jsc`)]);
    return { flags, argv, js: jsBytes, jsc: jscBytes };
  } catch (error) {
    throw new RegenerateError(
      'no-output',
      `bun build exited successfully but did not write ${stem}.js and ${stem}.js.jsc: ${(error as Error).message}. ${UNCHANGED}`,
      details(result),
    );
  }
}

/** The new `.jsc` must be one Bun will use for the new `.js`: the configured Bun's cache version, no error at all. */
function validate(built: Built, expectedJscVersion: number): JscPayloadFile {
  const after = decodeJscPayload(built.jsc, { source: fullSourceKey(built.js), expectedJscVersion, expectedTag: 'program' });
  const errors = after.diagnostics.filter((d) => d.severity === 'error');
  if (!after.jsc || after.jsc.layout === 'unknown') {
    errors.unshift({ code: 'jsc-unrecognized-layout', severity: 'error', offset: 0, length: 4, message: 'The new .jsc is in no layout the inspector knows.' });
  }
  if (errors.length) {
    const listed = errors.slice(0, 3).map((d) => `${d.code} at ${hex(d.offset)}: ${d.message}`);
    throw new RegenerateError('invalid-output', `The .jsc Bun built is not one Bun would use: ${plain(listed.join(' '))} ${UNCHANGED}`, {
      argv: built.argv,
      diagnostics: after.diagnostics,
    });
  }
  return after;
}

interface Replacement {
  readonly jscTarget: string;
  /** Null: the `.js` came out identical and is left alone. */
  readonly jsTarget: string | null;
  readonly jsc: Buffer;
  readonly js: Buffer;
  readonly jscMode: number;
  readonly jsMode: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * Writes the new files beside the old ones (same folder: a rename is atomic), flushed, then renames them in. With
 * two files the `.js` goes first and is put back from a hard link of the old one if the `.jsc`'s rename fails;
 * between the two renames Bun would see a `.jsc` for another text, which it ignores (a cache miss, never wrong code).
 */
async function replace(r: Replacement): Promise<void> {
  const temps: string[] = [];
  let backup: string | null = null;
  try {
    const jscTemp = await writeTemp(r.jscTarget, r.jsc, r.jscMode, temps);
    const jsTemp = r.jsTarget ? await writeTemp(r.jsTarget, r.js, r.jsMode, temps) : null;
    // The last moment a cancel can still leave both files as they were.
    if (r.signal?.aborted) throw cancelled();
    if (r.jsTarget && jsTemp) {
      backup = `${jsTemp}.old`;
      await link(r.jsTarget, backup);
      await rename(jsTemp, r.jsTarget);
      try {
        await rename(jscTemp, r.jscTarget);
      } catch (error) {
        await rename(backup, r.jsTarget);
        backup = null;
        throw error;
      }
    } else {
      await rename(jscTemp, r.jscTarget);
    }
  } catch (error) {
    await Promise.all(temps.map((t) => unlink(t).catch(() => undefined)));
    if (error instanceof RegenerateError) throw error;
    throw new RegenerateError('io', `Replacing the files failed: ${(error as Error).message}. ${UNCHANGED}`);
  } finally {
    if (backup) await unlink(backup).catch(() => undefined);
  }
}

async function writeTemp(target: string, data: Buffer, mode: number, temps: string[]): Promise<string> {
  const temp = await createTempOutput(target, mode);
  temps.push(temp);
  await writeFile(temp, data);
  await chmod(temp, mode);
  await flush(temp);
  return temp;
}

/** The command to run by hand: Bun writes `<stem>.js` and `<stem>.js.jsc` into the `.js`'s folder. */
function rebuildCommand(bun: string, sourcePath: string, flags: readonly string[], outFolder: string, cwd: string): string {
  return commandLine([bun, ...buildArgs(sourcePath, flags, outFolder)], cwd);
}

function jsDiffersMessage(q: JsChangeQuestion): string {
  const d = q.difference;
  const where = d.line === null ? 'one ends where the other goes on' : `first at line ${d.line}`;
  return (
    `None of the ${q.tried} builds tried reproduces ${basename(q.jsPath)} byte for byte (the closest: ${q.flags.join(' ')}; ` +
    `${d.oldSize} → ${d.newSize} bytes, different ${where}), so the .jsc cannot be rebuilt for the .js as it is: a sidecar is ` +
    `only used for the exact text it was compiled from. Replacing both was not agreed. ${UNCHANGED} ` +
    `To rebuild both yourself (with the flags your build uses): ${q.command}`
  );
}

function summarize(before: JscPayloadFile, after: JscPayloadFile, oldJscSize: number, oldJsSize: number, built: Built, jsChanged: boolean): SidecarChangeSummary {
  const cacheVersion = { before: before.jsc?.cacheVersion.value ?? null, after: after.jsc!.cacheVersion.value };
  const writtenBy = { before: before.writtenBy, after: bunReleaseName(cacheVersion.after) };
  const jscSize = { before: oldJscSize, after: built.jsc.length };
  const jsSize = { before: oldJsSize, after: built.js.length };
  const version = (v: number | null) => (v === null ? 'none' : hex(v, 8));
  const lines = [
    cacheVersion.before === cacheVersion.after
      ? `Cache version: ${version(cacheVersion.after)} (unchanged)`
      : `Cache version: ${version(cacheVersion.before)} → ${version(cacheVersion.after)}`,
    writtenBy.before === writtenBy.after ? `Written by: ${writtenBy.after} (unchanged)` : `Written by: ${writtenBy.before} → ${writtenBy.after}`,
    jscSize.before === jscSize.after ? `.jsc: ${jscSize.after} bytes (unchanged size)` : `.jsc: ${jscSize.before} → ${jscSize.after} bytes`,
    jsChanged ? `.js: ${jsSize.before} → ${jsSize.after} bytes (replaced, as agreed)` : `.js: ${jsSize.after} bytes, reproduced byte for byte (not rewritten)`,
    `Built with: bun build ${built.flags.join(' ')}`,
  ];
  return { cacheVersion, writtenBy, jscSize, jsSize, jsChanged, text: lines.join('\n') };
}
