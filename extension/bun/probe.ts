import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveExecutable } from './resolveExecutable';
import { firstLine, runProcess, type RunResult } from './runProcess';

/** What the configured Bun says about itself. */
export interface BunInfo {
  /** The setting as given (`bun`, `~/.bun/bin/bun`, …). */
  readonly command: string;
  /** The absolute path that was run. */
  readonly executable: string;
  /** `bun --version`, e.g. `1.4.5`. */
  readonly version: string;
  /** `bun --revision`, e.g. `1.4.5+a7733435c`. */
  readonly revision: string;
  /** The JavaScriptCore cache version its `--bytecode` output starts with (spec §5). */
  readonly cacheVersion: number;
  readonly durationMs: number;
}

/** A probe failure: the message is the one line to show the user; `cancelled` ones need not be shown. */
export class BunProbeError extends Error {
  constructor(
    message: string,
    readonly cancelled = false,
  ) {
    super(message);
    this.name = 'BunProbeError';
  }
}

export interface ProbeOptions {
  /** For the whole probe (three runs of Bun); default 30 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Default: this process's environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where the temporary folder goes; default the system's. */
  readonly tempRoot?: string;
}

const PROBE_SOURCE = 'globalThis.bmesProbe = 1;\n';

/**
 * Asks a Bun executable for its version, revision and JavaScriptCore cache version. The cache version is
 * not a literal in the binary, so it is learnt the way spec §5 says: build a one-line file with `--bytecode`
 * in a fresh temporary folder (also the working folder, so no project's bunfig applies) and read the first
 * u32 of the `.jsc` it writes. The folder is removed whatever happens. Rejects only with `BunProbeError`.
 */
export async function probeBun(command: string, options: ProbeOptions = {}): Promise<BunInfo> {
  const started = Date.now();
  const executable = await resolveExecutable(command, options.env);
  if (!executable) {
    const where = command.includes('/') || command.includes('\\') ? 'no executable file there' : 'no executable of that name on PATH';
    throw new BunProbeError(`Bun not found at '${command}': ${where}.`);
  }
  const deadline = started + (options.timeoutMs ?? 30_000);
  // Plain output: error lines are quoted to the user, so no colour codes.
  const env = { ...(options.env ?? process.env), NO_COLOR: '1', FORCE_COLOR: '0' };
  const run = async (args: string[], what: string, cwd?: string): Promise<RunResult> => {
    const result = await runProcess([executable, ...args], {
      timeoutMs: Math.max(1, deadline - Date.now()),
      ...(options.signal ? { signal: options.signal } : {}),
      env,
      ...(cwd ? { cwd } : {}),
    });
    if (result.startError) throw new BunProbeError(`Bun not found at '${command}': ${result.startError.message}.`);
    if (result.cancelled) throw new BunProbeError(`The Bun probe was cancelled.`, true);
    if (result.timedOut) throw new BunProbeError(`${what} did not finish within ${Math.round((options.timeoutMs ?? 30_000) / 1000)} s (Bun at '${command}').`);
    if (result.exitCode !== 0) throw new BunProbeError(`${what} failed: ${firstLine(result.stderr) || firstLine(result.stdout) || exitText(result)}.`);
    return result;
  };

  const version = firstLine((await run(['--version'], 'bun --version')).stdout);
  if (!/^\d+\.\d+\.\d+/.test(version)) throw new BunProbeError(`'${command}' is not Bun: --version printed '${version}'.`);
  const revision = firstLine((await run(['--revision'], 'bun --revision')).stdout);
  const cacheVersion = await buildCacheVersion(run, version, options.tempRoot ?? tmpdir());
  return { command, executable, version, revision, cacheVersion, durationMs: Date.now() - started };
}

function exitText(result: RunResult): string {
  return result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}`;
}

async function buildCacheVersion(run: (args: string[], what: string, cwd?: string) => Promise<RunResult>, version: string, tempRoot: string): Promise<number> {
  const folder = await mkdtemp(join(tempRoot, 'bmes-bun-probe-'));
  try {
    await writeFile(join(folder, 'x.js'), PROBE_SOURCE);
    await mkdir(join(folder, 'out'));
    await run(['build', 'x.js', '--target=bun', '--bytecode', '--outdir', 'out'], 'bun build --bytecode', folder);
    const header = await readStart(join(folder, 'out', 'x.js.jsc'), 4);
    if (header === null) throw new BunProbeError(`bun build --bytecode wrote no x.js.jsc (Bun ${version}).`);
    if (header.length < 4) throw new BunProbeError(`bun build --bytecode wrote a ${header.length}-byte x.js.jsc, too short for a cache version (Bun ${version}).`);
    return header.readUInt32LE(0);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The first bytes of a file, or null when it does not exist. */
async function readStart(path: string, length: number): Promise<Buffer | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
