/** Watching child processes from tests (Linux /proc): whether one still runs, and waiting on a condition. */
import { readdirSync, readFileSync } from 'node:fs';

/** Whether a process runs. A killed grandchild is re-parented, and may stay a zombie (dead, not reaped): not running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; Z is a zombie.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true;
  }
}

/** Running processes whose command line contains `marker` (e.g. a unique temporary folder they were given). */
export function processesNaming(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker) && isRunning(Number(entry))) found.push(Number(entry));
    } catch {
      // Gone while reading.
    }
  }
  return found;
}

/** Polls `check` until it holds or `ms` have passed; the last check's answer. */
export async function waitUntil(check: () => boolean, ms: number, everyMs = 25): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}
