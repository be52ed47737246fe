import type { CacheChecks } from '../../extension/protocol';

const NO_SOURCE =
  'No source file found beside this cache to regenerate it from: set bmesInspector.sourcePatterns, or run "BMES: Regenerate Cache" from the Command Palette to choose one.';

/**
 * Every reason the view offers no regeneration, empty when it can run: the host's reasons (trust, where the cache
 * is, Bun) in its order, then a missing source; all of them, so that fixing one does not just reveal the next.
 */
export function regenerateReasons(checks: CacheChecks): string[] {
  const reasons = [...checks.regenerateDisabledReasons];
  if (!checks.canRegenerate && reasons.length === 0) reasons.push('Regenerating is not available here.');
  if (checks.sourcePath === null) reasons.push(NO_SOURCE);
  return reasons;
}
