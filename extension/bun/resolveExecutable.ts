import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `~/x` → the home folder's `x`: settings are often written that way, and no shell will expand it. */
export function expandHome(command: string): string {
  return command === '~' || command.startsWith('~/') ? join(homedir(), command.slice(1)) : command;
}

/**
 * The absolute path of the executable a command names, as a shell would find it but without one: a name
 * with a path separator is taken as a path (relative to `cwd`); a bare name is looked up on PATH (with
 * PATHEXT on Windows). Null when there is no such executable file.
 */
export async function resolveExecutable(command: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<string | null> {
  const windows = process.platform === 'win32';
  const expanded = expandHome(command.trim());
  if (expanded === '') return null;
  const extensions = windows ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)] : [''];
  const hasSeparator = expanded.includes('/') || (windows && expanded.includes('\\'));
  const folders = hasSeparator || isAbsolute(expanded) ? [null] : (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  for (const folder of folders) {
    const base = folder === null ? resolve(cwd, expanded) : resolve(cwd, folder, expanded);
    for (const extension of extensions) {
      if (await isExecutableFile(base + extension)) return base + extension;
    }
  }
  return null;
}
