import { CURRENT_VERSION } from '../bmes';

/** How much of a cache Bun's loader uses (spec §4). */
export type Benefit = 'full' | 'half' | 'none';

export interface VersionFacts {
  readonly benefit: Benefit;
  /** What the version is, in one sentence. */
  readonly meaning: string;
  /** What Bun's loader does with a file of this version (spec §4), in one or two sentences. */
  readonly bunDoes: string;
}

/** What a BMES version means and what Bun's loader does with it: one source for hovers and diagnostics. */
export function versionFacts(version: number): VersionFacts {
  switch (version) {
    case CURRENT_VERSION:
      return {
        benefit: 'full',
        meaning: 'Version 3 is the current layout: header, module record (requests, imports, exports, star exports, variable environments, code features), then the bytecode.',
        bunDoes: 'Bun takes the module record from the file, so parsing is skipped, and hands the bytecode to JavaScriptCore: the full benefit.',
      };
    case 2:
      return {
        benefit: 'half',
        meaning: 'Version 2 is an older layout (inferred: no version-2 writer survives in public) without variable environments and code features.',
        bunDoes: 'Bun uses the bytecode (zero-copy, from bytecodeOffset) but reads metadata only for version 3, so it still parses the module: half the benefit.',
      };
    case 1:
      return {
        benefit: 'none',
        meaning: 'Version 1 is the first layout: no bytecode offset in the header, the bytecode after the metadata.',
        bunDoes:
          'Bun hands the whole file to JavaScriptCore as bytecode, which rejects it (its first u32 is the magic, not a cache version), and compiles the module from source: no benefit at all, the cache is dead weight.',
      };
    default:
      return {
        benefit: 'none',
        meaning: `No public Bun writes version ${version}.`,
        bunDoes: 'Bun hands the whole file to JavaScriptCore as bytecode, which rejects it, and compiles the module from source: no benefit.',
      };
  }
}
