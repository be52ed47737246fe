/** Names of the numbered values in a BMES file (spec §3). */

export const BMES_MAGIC = 0x424d4553;
/** The magic as it reads on disk, byte by byte. */
export const BMES_MAGIC_TEXT = 'SEMB';
export const CURRENT_VERSION = 3;

export interface FlagBit {
  readonly bit: number;
  readonly name: string;
  readonly description: string;
}

export const VARIABLE_FLAGS: readonly FlagBit[] = [
  { bit: 0, name: 'captured', description: 'captured (closed over)' },
  { bit: 1, name: 'const', description: 'const' },
  { bit: 2, name: 'var', description: 'var' },
  { bit: 3, name: 'let', description: 'let' },
  { bit: 4, name: 'exported', description: 'exported' },
  { bit: 5, name: 'imported', description: 'imported' },
  { bit: 6, name: 'importedNamespace', description: 'imported namespace' },
  { bit: 7, name: 'function', description: 'function' },
  { bit: 8, name: 'parameter', description: 'parameter' },
  { bit: 9, name: 'sloppyModeHoistedFunction', description: 'sloppy-mode hoisted function' },
  { bit: 10, name: 'privateField', description: 'private field' },
  { bit: 11, name: 'privateMethod', description: 'private method' },
  { bit: 12, name: 'privateGetter', description: 'private getter' },
  { bit: 13, name: 'privateSetter', description: 'private setter' },
  { bit: 14, name: 'functionDeclaration', description: "function declaration (newer JavaScriptCore; Bun's v3 reader drops it)" },
  { bit: 15, name: 'using', description: "`using` declaration (newer JavaScriptCore; Bun's v3 reader drops it)" },
];

/** Bits 14 and 15: known to newer JavaScriptCore, dropped by Bun's v3 reader. */
export const VARIABLE_BITS_DROPPED_BY_BUN = 0xc000;
/** Bits 16–31: never set by a real JavaScriptCore. */
export const VARIABLE_BITS_UNKNOWN = 0xffff0000;

export const CODE_FEATURE_FLAGS: readonly FlagBit[] = [
  { bit: 0, name: 'eval', description: 'eval' },
  { bit: 1, name: 'arguments', description: 'arguments' },
  { bit: 2, name: 'with', description: 'with' },
  { bit: 3, name: 'this', description: 'this' },
  { bit: 4, name: 'nonSimpleParameterList', description: 'non-simple parameter list' },
  { bit: 5, name: 'shadowsArguments', description: 'shadows arguments' },
  { bit: 6, name: 'arrowFunction', description: 'arrow function' },
  { bit: 7, name: 'await', description: 'await' },
  { bit: 8, name: 'superCall', description: 'super call' },
  { bit: 9, name: 'superProperty', description: 'super property' },
  { bit: 10, name: 'newTarget', description: 'new.target' },
  { bit: 11, name: 'noEvalCache', description: 'no eval cache' },
  { bit: 12, name: 'importMeta', description: 'import.meta' },
  { bit: 13, name: 'asyncFunctionWithoutAwait', description: 'async function without await' },
];

/** All 14 code-feature bits of Bun's JavaScriptCore. */
export const CODE_FEATURES_KNOWN = 0x3fff;

export function flagNames(table: readonly FlagBit[], bits: number): string[] {
  const names: string[] = [];
  for (const flag of table) {
    if ((bits >>> flag.bit) & 1) names.push(flag.name);
  }
  return names;
}

export const IMPORT_TYPES = ['single', 'singleTypeScript', 'namespace'] as const;
export type ImportTypeName = (typeof IMPORT_TYPES)[number];

export const EXPORT_TYPES = ['local', 'indirect', 'namespace'] as const;
export type ExportTypeName = (typeof EXPORT_TYPES)[number];

/** The type's name, or the raw number when the value is not one Bun writes. */
export function importTypeName(type: number): ImportTypeName | number {
  return IMPORT_TYPES[type] ?? type;
}

export function exportTypeName(type: number): ExportTypeName | number {
  return EXPORT_TYPES[type] ?? type;
}

/** Which string fields each export type uses (spec §3); the rest are normally empty. */
export const EXPORT_FIELDS_USED: Readonly<Record<ExportTypeName, readonly ExportStringField[]>> = {
  local: ['exportName', 'localName'],
  indirect: ['exportName', 'moduleName', 'importName'],
  namespace: ['exportName', 'moduleName'],
};

export type ExportStringField = 'exportName' | 'moduleName' | 'importName' | 'localName';
export const EXPORT_STRING_FIELDS: readonly ExportStringField[] = ['exportName', 'moduleName', 'importName', 'localName'];

export function versionMeaning(version: number): string {
  switch (version) {
    case 1:
      return 'version 1 (legacy: Bun ignores the whole file)';
    case 2:
      return 'version 2 (legacy, layout inferred: Bun uses the bytecode and ignores the metadata)';
    case 3:
      return 'version 3 (current)';
    default:
      return `version ${version} (unknown: no public Bun writes it)`;
  }
}

/** JavaScriptCore cache tags: classic and compact agree on 0 and 1 and differ above. */
export function jscTagName(layout: 'classic' | 'compact', tag: number): string {
  if (tag === 0) return 'program';
  if (tag === 1) return 'module';
  if (layout === 'classic' && tag === 2) return 'eval';
  if (layout === 'compact' && tag === 3) return 'builtin';
  return `unknown (${tag})`;
}
