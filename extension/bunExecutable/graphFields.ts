/** Names of the graph's enumerations and flag bits (spec bun-artifacts §3.3, §3.4). */

export const GRAPH_FLAG_NAMES: readonly (string | null)[] = [
  'disable_default_env_files',
  'disable_autoload_bunfig',
  'disable_autoload_tsconfig',
  'disable_autoload_package_json',
  'source_text_contiguous',
  'has_source_hashes',
  'has_builtin_bytecode',
  'has_bytecode_string_table',
  'has_startup_module_count',
  'has_module_info_string_table',
  'cross_compiled_bytecode',
  // Bit 11's name is inferred from the data it adds (spec §3.3).
  'has_prelinked_module_graph',
];

export const FLAG = {
  sourceHashes: 5,
  builtinBytecode: 6,
  bytecodeStringTable: 7,
  startupModuleCount: 8,
  moduleInfoSlotTable: 9,
  prelinkedGraph: 11,
} as const;

export function flagNames(flags: number): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if ((flags >>> bit) & 1) names.push(GRAPH_FLAG_NAMES[bit] ?? `bit ${bit}`);
  }
  return names;
}

export function knownFlagMask(): number {
  return (1 << GRAPH_FLAG_NAMES.length) - 1;
}

export const ENCODING_NAMES = ['binary', 'latin1', 'utf8'] as const;
export const FORMAT_NAMES = ['none', 'esm', 'cjs'] as const;
export const SIDE_NAMES = ['server', 'client'] as const;
/** Bun's `options.Loader` in enum order; only `js` (1) is verified on bytes (spec §3.4). */
export const LOADER_NAMES = [
  'jsx',
  'js',
  'ts',
  'tsx',
  'css',
  'file',
  'json',
  'jsonc',
  'toml',
  'wasm',
  'napi',
  'base64',
  'dataurl',
  'text',
  'bunsh',
  'sqlite',
  'sqlite_embedded',
  'html',
  'yaml',
] as const;
/** Loaders whose modules are JavaScript and get bytecode with `--bytecode`. */
export const JS_LOADERS = new Set([0, 1, 2, 3]);

export function nameOf(names: readonly string[], value: number): string {
  return names[value] ?? `unknown (${value})`;
}
