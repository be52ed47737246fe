/** Regenerating a cache: running a generator safely, finding a cache's source, and summarising what changed. */
export { regenerateCache, RegenerateError, GENERATOR_UNAVAILABLE_MESSAGE, type RegenerateFailure, type RegenerateOptions, type RegenerateResult } from './regenerate';
export { summarizeChange, summaryText, type CacheChangeSummary, type Change, type EntryDiff, type VariableDiff } from './summary';
export { findSource, sourceCandidates, parseSourceRules, DEFAULT_SOURCE_RULES, type SourceRule } from './sourceDiscovery';
export { resolveArgv, type PlaceholderValues } from './placeholders';
export { defaultGeneratorArgv, defaultGeneratorScript } from './defaultGenerator';
export { GENERATOR_EXIT, GENERATOR_SCRIPT_NAME } from '../generator/exitCodes';
export { regenerateSidecar, type RegenerateSidecarOptions, type RegenerateSidecarResult, type SidecarChangeSummary, type JsChangeQuestion } from './regenerateSidecar';
export {
  outputShape,
  candidateFlags,
  parseBunPragma,
  buildFolder,
  sourceGuesses,
  jsDifference,
  commandLine,
  PRAGMA_FLAGS,
  type OutputShape,
  type JsDifference,
} from './sidecarBuild';
