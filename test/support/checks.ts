import type { CacheChecks } from '../../extension/protocol';

/**
 * The checks of a host that asked Bun 1.4.5 for its cache version and found no source file, with `overrides`:
 * the tests' common starting point, so that a new field of `CacheChecks` is added in one place.
 */
export function hostChecks(overrides: Partial<CacheChecks> = {}): CacheChecks {
  return {
    expectedVersion: 3,
    expectedJscVersion: 0xf1f0ed26,
    expectedJscVersionFrom: 'Bun 1.4.5',
    jscVersionProblem: null,
    sourcePath: null,
    canRegenerate: true,
    regenerateDisabledReasons: [],
    ...overrides,
  };
}
