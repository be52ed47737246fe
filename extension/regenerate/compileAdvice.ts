/**
 * "Regenerate cache" on a `bun build --compile` executable: the inspector does not rebuild it (it does not know the
 * entry file, the plugins or the options of the user's build), so it explains which `bun build --compile` flags give
 * every module bytecode. Pure.
 *
 * What the flags are, measured with Bun 1.3.6–1.4.5 (spec bun-artifacts §3.1): `--bytecode` gives every CommonJS
 * module bytecode; ES modules get bytecode only with `--format=esm` and only from Bun 1.3.9 on (1.3.6 refuses ESM
 * bytecode); without `--splitting` the app is bundled into one module, so an executable with several JavaScript
 * modules was built with it.
 */
import type { ExecutableFile } from '../bunExecutable/model';
import { JS_LOADERS } from '../bunExecutable/graphFields';
import { commandLine } from './sidecarBuild';

export interface CompileAdvice {
  /** The flags to add to the user's own `bun build` (without the entry file and output name). */
  readonly flags: readonly string[];
  /** A whole command to copy, with the entry file to fill in and the executable's name as `--outfile`. */
  readonly command: string;
  /** JavaScript modules without bytecode now, by name. */
  readonly missingBytecode: readonly string[];
  /** The explanation, one paragraph per line. */
  readonly text: string;
}

const ROOTS = ['/$bunfs/root/', 'B:/~BUN/root/'];

/** The name a module has in the user's project: its virtual path without Bun's root. */
export function projectName(name: string): string {
  const root = ROOTS.find((r) => name.startsWith(r));
  return root ? name.slice(root.length) : name;
}

/** `1.3.9` ≥ `1.3.9`; null when the version is not `x.y.z`. */
function atLeast(version: string, minimum: readonly [number, number, number]): boolean | null {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return null;
  const parts = [Number(m[1]), Number(m[2]), Number(m[3])];
  for (let i = 0; i < 3; i++) if (parts[i] !== minimum[i]) return parts[i]! > minimum[i]!;
  return true;
}

/** `configuredBun`: the configured Bun's version (`1.4.5`), when known. */
export function compileAdvice(exe: ExecutableFile, configuredBun?: string): CompileAdvice {
  const js = exe.modules.filter((m) => JS_LOADERS.has(m.loader.value));
  const esm = js.some((m) => m.format.name === 'esm');
  const missingBytecode = js.filter((m) => !m.bytecode.present).map((m) => projectName(m.nameText));
  const entry = exe.modules.find((m) => m.isEntry);
  const outfile = entry ? projectName(entry.nameText) : 'app';
  const flags = ['--compile', '--bytecode', ...(esm ? ['--format=esm'] : []), ...(esm && js.length > 1 ? ['--splitting'] : [])];
  if (exe.execArgvText) flags.push(`--compile-exec-argv=${exe.execArgvText}`);
  const command = `${commandLine(['bun', 'build', ...flags])} <your entry file> --outfile ${commandLine([outfile])}`;

  const lines = [
    "An executable is rebuilt by your own build: it embeds every module's source, bytecode and module record, and only your build knows its entry file, plugins and options, so the inspector does not rebuild it.",
    missingBytecode.length === 0
      ? `Every one of its ${js.length} JavaScript modules has bytecode.`
      : `${missingBytecode.length} of its ${js.length} JavaScript modules have no bytecode: ${missingBytecode.slice(0, 5).join(', ')}${missingBytecode.length > 5 ? ', …' : ''}. Bun compiles those from source at every start.`,
    esm
      ? 'For bytecode in every module, add --bytecode and --format=esm (ES modules get bytecode only with --format=esm, from Bun 1.3.9 on; Bun 1.3.6 refuses ESM bytecode)' +
        (js.length > 1 ? ', and keep --splitting, which made its separate modules.' : '.')
      : 'For bytecode in every module, add --bytecode (CommonJS modules get bytecode with any Bun that has --compile --bytecode).',
    `The command, with your entry file: ${command}`,
  ];
  if (esm && configuredBun && atLeast(configuredBun, [1, 3, 9]) === false) {
    lines.push(`The configured Bun ${configuredBun} cannot write ESM bytecode: use Bun 1.3.9 or later, or build CommonJS.`);
  }
  return { flags, command, missingBytecode, text: lines.join('\n') };
}
