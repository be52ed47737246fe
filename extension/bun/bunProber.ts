import { stat } from 'node:fs/promises';
import { BunProbeError, probeBun, type BunInfo, type ProbeOptions } from './probe';
import { resolveExecutable } from './resolveExecutable';

/** What identifies one build of an executable: a replaced or upgraded binary changes at least one of these. */
async function identity(path: string): Promise<string> {
  const s = await stat(path);
  return [path, s.dev, s.ino, s.size, s.mtimeMs].join('\u0000');
}

/**
 * Probes each Bun once: results are kept per executable (its resolved path, device, inode, size and
 * modification time), so an upgraded or replaced binary is probed again and an unchanged one never is.
 * Failures are not kept (the next call tries again). Concurrent calls for the same executable share one
 * probe, which runs under the first caller's signal.
 */
export class BunProber {
  private readonly results = new Map<string, Promise<BunInfo>>();

  constructor(private readonly probe: typeof probeBun = probeBun) {}

  async get(command: string, options: ProbeOptions = {}): Promise<BunInfo> {
    const executable = await resolveExecutable(command, options.env);
    // Not found: let the probe say so, in its words.
    if (!executable) return this.probe(command, options);
    let key: string;
    try {
      key = await identity(executable);
    } catch (error) {
      throw new BunProbeError(`Bun not found at '${command}': ${(error as Error).message}.`);
    }
    const known = this.results.get(key);
    if (known) return { ...(await known), command };
    const pending = this.probe(command, options);
    this.results.set(key, pending);
    pending.catch(() => this.results.delete(key));
    return pending;
  }

  /** Drops every kept result, e.g. when the Bun path setting changes. */
  clear(): void {
    this.results.clear();
  }
}
