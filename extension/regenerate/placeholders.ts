/** The values a generator command's placeholders stand for. */
export interface PlaceholderValues {
  /** The configured Bun executable. */
  readonly bun: string;
  /** The source file the cache is generated from. */
  readonly source: string;
  /** Where the generator must write the cache (a temporary file beside the cache). */
  readonly output: string;
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;
const NAMES = new Set(['bun', 'source', 'output']);

/**
 * Fills `${bun}`, `${source}` and `${output}` into a generator command, inside any argument
 * (`--out=${output}` works). The result is an argument list for a program run WITHOUT a shell: values are
 * never split, quoted or interpreted, so a path with spaces or `;` stays one argument. Throws (with a
 * message for the user) on an empty command, an unknown placeholder, or a command that never names
 * `${output}` (the inspector could not find what it wrote).
 */
export function resolveArgv(argv: readonly string[], values: PlaceholderValues): string[] {
  if (argv.length === 0 || argv[0]!.trim() === '') throw new Error('The generator command is empty: it needs at least the program to run.');
  let namesOutput = false;
  const resolved = argv.map((arg) =>
    arg.replace(PLACEHOLDER, (_, name: string) => {
      if (!NAMES.has(name)) throw new Error(`The generator command has an unknown placeholder \${${name}}: only \${bun}, \${source} and \${output} are replaced.`);
      if (name === 'output') namesOutput = true;
      return values[name as keyof PlaceholderValues];
    }),
  );
  if (!namesOutput) throw new Error('The generator command never names ${output}, the file it must write the cache to.');
  return resolved;
}
