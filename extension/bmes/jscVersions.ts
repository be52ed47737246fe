/**
 * JavaScriptCore cache versions written by released Bun builds (spec bun-artifacts §1, bmes-format §5 corrections).
 * The cache version is an opaque per-build number: it cannot be derived from a Bun version string, so this table is
 * what lets a payload say which Bun wrote it. Each entry was measured on bytes written by that release.
 */
export interface KnownCacheVersion {
  readonly cacheVersion: number;
  /** Bun releases known to write this cache version. */
  readonly bun: readonly string[];
  readonly layout: 'classic' | 'compact';
  /**
   * Whether the source key hash is WebKit's SuperFastHash (checkable against a source file). Only the builds on
   * WebKit 0ddf6f47 use it; the others use a hash function the inspector does not know.
   */
  readonly sourceHash: 'superFastHash' | 'unknown';
}

export const KNOWN_CACHE_VERSIONS: readonly KnownCacheVersion[] = [
  { cacheVersion: 0x188ee0b9, bun: ['1.3.6'], layout: 'classic', sourceHash: 'superFastHash' },
  { cacheVersion: 0x45741b73, bun: ['1.3.9'], layout: 'classic', sourceHash: 'superFastHash' },
  { cacheVersion: 0x54467ad4, bun: ['1.3.14'], layout: 'classic', sourceHash: 'unknown' },
  { cacheVersion: 0xf101ecbd, bun: ['1.4.0'], layout: 'classic', sourceHash: 'unknown' },
  { cacheVersion: 0xf1f0ed26, bun: ['1.4.4', '1.4.5'], layout: 'compact', sourceHash: 'unknown' },
];

export function knownCacheVersion(cacheVersion: number): KnownCacheVersion | null {
  return KNOWN_CACHE_VERSIONS.find((known) => known.cacheVersion === cacheVersion >>> 0) ?? null;
}

/** "Bun 1.3.14", "Bun 1.4.4 or 1.4.5", or "an unknown Bun build". */
export function bunReleaseName(cacheVersion: number): string {
  const known = knownCacheVersion(cacheVersion);
  if (!known) return 'an unknown Bun build';
  const names = known.bun;
  return names.length === 1 ? `Bun ${names[0]}` : `Bun ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** True only where the source key hash function is known to be SuperFastHash. */
export function sourceHashCheckable(cacheVersion: number): boolean {
  return knownCacheVersion(cacheVersion)?.sourceHash === 'superFastHash';
}
