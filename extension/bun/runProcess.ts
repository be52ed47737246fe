import { spawn } from 'node:child_process';

export interface RunOptions {
  /** The process (and its process group) is killed when it runs longer than this. */
  readonly timeoutMs: number;
  /** Aborting kills the process (and its process group). */
  readonly signal?: AbortSignal;
  readonly cwd?: string;
  /** Default: this process's environment, inherited as is. */
  readonly env?: NodeJS.ProcessEnv;
  /** Bytes of each output stream kept, from the end (default 256 KiB). */
  readonly maxOutputBytes?: number;
  /** Time between SIGTERM and SIGKILL on time-out or cancel (default 1000 ms). */
  readonly killGraceMs?: number;
}

export interface RunResult {
  readonly argv: readonly string[];
  /** The failure to start the process (`ENOENT`, `EACCES`, …), with the system's message; else null. */
  readonly startError: { readonly code: string; readonly message: string } | null;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The end of the output when it was longer than `maxOutputBytes`. */
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly cancelled: boolean;
  readonly durationMs: number;
}

/** Keeps the last `limit` bytes of a stream, so a chatty process cannot fill memory. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - this.chunks[0]!.length >= this.limit) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}

// POSIX: the child leads its own process group, so a time-out or cancel also ends whatever it started.
const GROUPS = process.platform !== 'win32';

/**
 * Runs a program without a shell: `argv[0]` is the executable, the rest are its arguments, passed as a list
 * (nothing is interpolated). Resolves when the process has exited and its output is read; never rejects.
 * On time-out or cancel it sends SIGTERM to the process group, then SIGKILL after a grace period.
 */
export function runProcess(argv: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const base = { argv, startError: null, exitCode: null, signal: null, stdout: '', stderr: '', timedOut: false, cancelled: false };
  if (options.signal?.aborted) return Promise.resolve({ ...base, cancelled: true, durationMs: 0 });

  return new Promise((resolve) => {
    const limit = options.maxOutputBytes ?? 256 * 1024;
    const stdout = new Tail(limit);
    const stderr = new Tail(limit);
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];

    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(argv[0]!, argv.slice(1), {
        cwd: options.cwd,
        env: options.env ?? process.env,
        shell: false,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: GROUPS,
        windowsHide: true,
      });
    } catch (error) {
      // Arguments Node refuses outright (an empty program, a NUL byte) throw instead of emitting 'error'.
      const e = error as NodeJS.ErrnoException;
      resolve({ ...base, startError: { code: e.code ?? 'EINVAL', message: e.message }, durationMs: Date.now() - started });
      return;
    }
    child.stdout!.on('data', (c: Buffer) => stdout.add(c));
    child.stderr!.on('data', (c: Buffer) => stderr.add(c));

    const kill = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        if (GROUPS) process.kill(-child.pid, signal);
        else child.kill(signal);
      } catch {
        // Already gone (ESRCH): nothing to kill.
      }
    };
    const stop = () => {
      kill('SIGTERM');
      timers.push(setTimeout(() => kill('SIGKILL'), options.killGraceMs ?? 1000));
    };
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(
      setTimeout(() => {
        timedOut = true;
        stop();
      }, options.timeoutMs),
    );

    const finish = (result: Partial<RunResult>) => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...base, stdout: stdout.text(), stderr: stderr.text(), timedOut, cancelled, durationMs: Date.now() - started, ...result });
    };

    child.on('error', (error: NodeJS.ErrnoException) => {
      // 'error' without a pid: the program never started.
      if (child.pid === undefined) finish({ startError: { code: error.code ?? 'UNKNOWN', message: error.message } });
    });
    child.on('exit', (code, signal) => {
      // The group is gone only if nothing in it outlived the leader: a survivor holding our pipes would keep
      // 'close' from ever firing, so the result is taken after a short wait regardless.
      if (timedOut || cancelled) kill('SIGKILL');
      timers.push(
        setTimeout(() => {
          child.stdout!.destroy();
          child.stderr!.destroy();
          finish({ exitCode: code, signal });
        }, 2000),
      );
    });
    child.on('close', (code, signal) => finish({ exitCode: code, signal }));
  });
}

/** The first non-blank line of a process's output, without terminal colours, cut to a readable length. */
export function firstLine(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  const line =
    plain
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  return line.length > max ? line.slice(0, max) + '…' : line;
}

/** The last lines of a process's output, for an error message. */
export function lastLines(text: string, lines = 10, max = 2000): string {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').trimEnd();
  const tail = plain.split(/\r?\n/).slice(-lines).join('\n');
  return tail.length > max ? '…' + tail.slice(-max) : tail;
}
