/**
 * Which `bun build` reproduces the `.js` a `.jsc` sidecar belongs to. Pure: no `vscode`, no Node modules; the
 * runner (`regenerateSidecar.ts`) builds each candidate with real Bun and compares bytes.
 *
 * What was measured with Bun 1.4.5 and 1.3.14 (`bun build <src> --target=bun --bytecode --outdir <dir>`):
 * - the pragma is `// @bun @bytecode @bun-cjs` whatever else is given (sidecars are CommonJS only: `--format=esm`
 *   is refused without `--compile`), so the pragma fixes `--target=bun --bytecode --format=cjs` and nothing more;
 * - every module of the bundle is preceded by a `// <path>` comment, the path relative to Bun's working folder,
 *   so the build must run in the same folder to reproduce the bytes;
 * - `--minify-whitespace` (and `--minify`) drop the comments and the line breaks: the module is one line after
 *   the wrapper; `--minify-identifiers` and `--minify-syntax` leave no trace that can be told from the text alone,
 *   so they are tried;
 * - `--sourcemap=linked` adds `//# debugId=…` and `//# sourceMappingURL=<name>.map`, `external` only the debugId,
 *   `inline` a data URL whose paths are relative to the output folder (so it cannot be reproduced in another
 *   folder); the `.js` and `.jsc` do not depend on the output folder otherwise.
 */

/** The pragma on the first line of Bun's output: `// @bun @bytecode @bun-cjs`. */
export interface BunPragma {
  readonly bytecode: boolean;
  readonly cjs: boolean;
  /** The tokens as written, for messages. */
  readonly tokens: readonly string[];
}

/** Reads the first line's pragma; null when the text does not start with `// @bun`. */
export function parseBunPragma(text: string): BunPragma | null {
  const end = text.indexOf('\n');
  const line = (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
  const match = /^\/\/ (@bun(?:\s+@[\w-]+)*)\s*$/.exec(line);
  if (!match) return null;
  const tokens = match[1]!.split(/\s+/);
  return { bytecode: tokens.includes('@bytecode'), cjs: tokens.includes('@bun-cjs'), tokens };
}

export type SourceMapKind = 'none' | 'linked' | 'external' | 'inline';

/** What the `.js` itself says about the build that wrote it. */
export interface OutputShape {
  readonly pragma: BunPragma | null;
  /** No line breaks inside the CommonJS wrapper: `--minify-whitespace` or `--minify`. */
  readonly whitespaceMinified: boolean;
  /** The `// <path>` comment before each module, in output order (Bun writes the entry module last). */
  readonly modulePaths: readonly string[];
  readonly sourceMap: SourceMapKind;
}

/**
 * Bun's source-map comment, spelled in two parts so that the extension's own bundle carries no source-map comment
 * (the package test checks that the production build points at no source map).
 */
const MAP_URL_COMMENT = ['//# source', 'MappingURL='].join('');
const WRAPPER = '(function(exports, require, module, __filename, __dirname) {';
/** A module comment: a relative path with a file extension Bun bundles. */
const MODULE_COMMENT = /^\/\/ ([^\s].*\.(?:[cm]?[jt]sx?|json|toml|txt))$/;

export function outputShape(text: string): OutputShape {
  const pragma = parseBunPragma(text);
  const lines = text.split('\n');
  const wrapperLine = lines[1] ?? '';
  const body = wrapperLine.startsWith(WRAPPER) ? lines.slice(1) : [];
  // The wrapper line and its closing `})` are the whole module when whitespace was minified.
  const closing = body.findIndex((l) => l.startsWith('})') || l.endsWith('})'));
  const whitespaceMinified = body.length > 0 && closing === 0;
  const modulePaths: string[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = i === 1 && raw.startsWith(WRAPPER) ? raw.slice(WRAPPER.length) : raw;
    const m = MODULE_COMMENT.exec(line);
    if (m) modulePaths.push(m[1]!);
  }
  const tail = lines.slice(-4);
  const mapUrl = tail.find((l) => l.startsWith(MAP_URL_COMMENT));
  const sourceMap: SourceMapKind = mapUrl
    ? mapUrl.startsWith(`${MAP_URL_COMMENT}data:`)
      ? 'inline'
      : 'linked'
    : tail.some((l) => l.startsWith('//# debugId='))
      ? 'external'
      : 'none';
  return { pragma, whitespaceMinified, modulePaths, sourceMap };
}

/** The flags the pragma implies: a sidecar is only ever written by a CommonJS bytecode build for Bun. */
export const PRAGMA_FLAGS: readonly string[] = ['--target=bun', '--bytecode', '--format=cjs'];

/**
 * The flag sets to try, most likely first: the pragma's flags, the source-map flag the text shows, and the
 * minify variants the text allows (with line breaks: none, syntax, identifiers, both; without: `--minify` and
 * the whitespace combinations).
 */
export function candidateFlags(shape: OutputShape): string[][] {
  const map = shape.sourceMap === 'none' ? [] : [`--sourcemap=${shape.sourceMap}`];
  const minify = shape.whitespaceMinified
    ? [['--minify'], ['--minify-whitespace'], ['--minify-whitespace', '--minify-syntax'], ['--minify-whitespace', '--minify-identifiers']]
    : [[], ['--minify-syntax'], ['--minify-identifiers'], ['--minify-syntax', '--minify-identifiers']];
  return minify.map((m) => [...PRAGMA_FLAGS, ...m, ...map]);
}

/** The arguments after the Bun executable for one candidate. */
export function buildArgs(source: string, flags: readonly string[], outdir: string): string[] {
  return ['build', source, ...flags, '--outdir', outdir];
}

const slashes = (path: string) => path.replace(/\\/g, '/');

/**
 * The folder Bun ran in, from the module comments: the one from which a comment's path names the source
 * (the entry module's comment is the last). Null when no comment names the source (minified output, or
 * a source that is not the one the `.js` was built from).
 */
export function buildFolder(sourcePath: string, modulePaths: readonly string[]): string | null {
  const source = slashes(sourcePath);
  for (const relative of [...modulePaths].reverse()) {
    const rel = slashes(relative);
    if (rel.startsWith('../') || rel.startsWith('/')) continue;
    if (source.endsWith('/' + rel)) return sourcePath.slice(0, source.length - rel.length - 1) || '/';
  }
  return null;
}

/**
 * Where the source could be, from the module comments: each comment's path under each folder from the
 * `.js`'s own up to the root, nearest first (an output folder such as `dist/` usually sits in the folder Bun
 * ran in). The caller keeps the first that exists.
 */
export function sourceGuesses(jsFolder: string, modulePaths: readonly string[], maxLevels = 8): string[] {
  const folder = slashes(jsFolder).replace(/\/+$/, '');
  const out: string[] = [];
  const entryFirst = [...modulePaths].reverse().filter((p) => !p.startsWith('../') && !p.startsWith('/') && !p.includes('node_modules/'));
  let current = folder;
  for (let level = 0; level <= maxLevels; level++) {
    for (const rel of entryFirst) {
      const candidate = `${current}/${slashes(rel)}`;
      if (!out.includes(candidate)) out.push(candidate);
    }
    const up = current.lastIndexOf('/');
    if (up <= 0) break;
    current = current.slice(0, up);
  }
  return out;
}

/** Where two outputs first differ, for the question shown before both files change. */
export interface JsDifference {
  readonly oldSize: number;
  readonly newSize: number;
  /** 1-based line of the first difference; null when one is a prefix of the other at a line boundary. */
  readonly line: number | null;
  readonly oldLine: string;
  readonly newLine: string;
  /** Bytes the two have in common at the start and at the end: how close the candidate came. */
  readonly commonPrefix: number;
  readonly commonSuffix: number;
}

const clip = (text: string, max = 160) => (text.length > max ? text.slice(0, max) + '…' : text);

export function jsDifference(before: Uint8Array, after: Uint8Array): JsDifference {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const decoder = new TextDecoder();
  const oldText = decoder.decode(before);
  const newText = decoder.decode(after);
  const oldLines = oldText.split('\n');
  const newLines = newText.split('\n');
  let line: number | null = null;
  for (let i = 0; i < Math.max(oldLines.length, newLines.length); i++) {
    if (oldLines[i] !== newLines[i]) {
      line = i + 1;
      break;
    }
  }
  const at = line === null ? 0 : line - 1;
  return {
    oldSize: before.length,
    newSize: after.length,
    line,
    oldLine: clip(oldLines[at] ?? ''),
    newLine: clip(newLines[at] ?? ''),
    commonPrefix: prefix,
    commonSuffix: suffix,
  };
}

/** Whether two byte strings are equal. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One argument as a POSIX shell reads it back: bare when safe, else single-quoted. For display and copying only. */
export function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line to show and copy (never run through a shell by the inspector). */
export function commandLine(argv: readonly string[], cwd?: string): string {
  const line = argv.map(shellWord).join(' ');
  return cwd ? `cd ${shellWord(cwd)} && ${line}` : line;
}
