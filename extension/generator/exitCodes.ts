/**
 * Exit codes of the shipped generator script, shared with the runner that reads them (sysexits.h numbers,
 * so that an ordinary failure, 1, is never taken for a missing generator).
 */
export const GENERATOR_EXIT = {
  ok: 0,
  /** Bun's generator threw or produced nothing (e.g. the source is not a valid ES module). */
  failed: 1,
  usage: 64,
  /** The source file cannot be read. */
  noInput: 66,
  /** The output file cannot be written. */
  cannotCreate: 73,
  /** This Bun has no `CachedBytecode.generateForESMWithMetadata`: a released build, not the ESM branch. */
  unavailable: 78,
} as const;

/** The file name of the bundled generator in dist/ (see scripts/build.mjs). */
export const GENERATOR_SCRIPT_NAME = 'bmes-generator.mjs';
