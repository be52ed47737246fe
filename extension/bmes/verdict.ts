import type { LoaderFate } from './diagnostics';
import type { Diagnostic, JscSection, Verdict } from './model';

const BYTECODE_REJECTED_BY = new Set(['program-bytecode-in-module-cache', 'jsc-size-mismatch', 'jsc-version-mismatch', 'source-mismatch']);

export const VERDICT_SUMMARY = {
  full: 'Bun will use the bytecode and the module record',
  'bytecode-only': 'Bytecode only: the module record is parsed from source',
  'record-only': 'Module record only: the bytecode is rejected',
  none: 'Nothing: the module is compiled from source',
} as const;

/** What Bun's loader does with the file (spec §4), once JavaScriptCore has had its say on the bytecode. */
export function verdictOf(input: { fate: LoaderFate; metadataRead: boolean; jsc: JscSection | null; diagnostics: readonly Diagnostic[] }): Verdict {
  const rejectedBy = input.diagnostics.find((d) => BYTECODE_REJECTED_BY.has(d.code));
  const firstError = input.diagnostics.find((d) => d.severity === 'error');
  const because = (d: Diagnostic | undefined, fallback: string) => (d ? `${d.code} at 0x${d.offset.toString(16)}` : fallback);
  const make = (level: Verdict['level'], reason: string): Verdict => ({
    level,
    bytecodeUsed: level === 'full' || level === 'bytecode-only',
    moduleRecordFromFile: level === 'full' || level === 'record-only',
    summary: VERDICT_SUMMARY[level],
    reason,
  });
  switch (input.fate) {
    case 'not-bmes': {
      const bareModule = input.jsc && input.jsc.layout !== 'unknown' && input.jsc.tag?.value === 1;
      if (bareModule) {
        return rejectedBy
          ? make(
              'none',
              `Not a BMES container but a bare JavaScriptCore module cache, and JavaScriptCore rejects it (${because(rejectedBy, '')}); the module is compiled from source.`,
            )
          : make(
              'bytecode-only',
              'Not a BMES container but a bare JavaScriptCore module cache: JavaScriptCore may use it if its cache version and source match; the module record is parsed.',
            );
      }
      return make('none', `Not a BMES file (${because(firstError, 'bad magic')}): JavaScriptCore rejects the bytes.`);
    }
    case 'unknown-version':
      return make('none', 'Unknown BMES version: Bun hands the whole file to JavaScriptCore, which rejects it.');
    case 'v1-ignored':
      return make('none', 'Version 1: Bun ignores the whole file; the cache is dead weight.');
    case 'header-rejected':
      return make(
        'none',
        `The header does not describe bytecode inside the file (${because(firstError, 'header')}): Bun hands the whole file to JavaScriptCore, which rejects it.`,
      );
    case 'v2-bytecode-only':
      return rejectedBy
        ? make('none', `Version 2 metadata is ignored, and JavaScriptCore rejects the bytecode (${because(rejectedBy, '')}).`)
        : make('bytecode-only', 'Version 2: Bun uses the bytecode but ignores the metadata, so the module is still parsed.');
    case 'v3':
      if (input.metadataRead) {
        return rejectedBy
          ? make(
              'record-only',
              `The module record is read from the file, but JavaScriptCore rejects the bytecode (${because(rejectedBy, '')}) and compiles the module from source.`,
            )
          : make('full', 'Version 3 with a valid header and readable metadata: parsing is skipped and the bytecode is used.');
      }
      return rejectedBy
        ? make('none', `The metadata cannot be read and JavaScriptCore rejects the bytecode (${because(rejectedBy, '')}).`)
        : make('bytecode-only', `The metadata cannot be read (${because(firstError, 'metadata')}): Bun uses the bytecode but parses the module; the metadata is wasted.`);
  }
}
