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
   * The string hash this build's source key uses (the key stores `hash(source) ^ keyFlags`): SuperFastHash on WebKit
   * 0ddf6f47 (1.3.6, 1.3.9); SuperFastHash up to 48 characters and WebKit's WYHash above on 1.3.14; rapidhash on
   * 1.4.4/1.4.5 (each measured on real payloads, test/unit/bunStringHash.test.ts); unknown for 1.4.0.
   */
  readonly sourceHash: SourceHashFunction | 'unknown';
}

export type SourceHashFunction = 'superFastHash' | 'webkitWyHash' | 'rapidHash';

export const SOURCE_HASH_NAMES: Readonly<Record<SourceHashFunction, string>> = {
  superFastHash: 'SuperFastHash',
  webkitWyHash: "WebKit's string hash (SuperFastHash up to 48 characters, WYHash above)",
  rapidHash: "WebKit's string hash (rapidhash)",
};

export const KNOWN_CACHE_VERSIONS: readonly KnownCacheVersion[] = [
  { cacheVersion: 0x188ee0b9, bun: ['1.3.6'], layout: 'classic', sourceHash: 'superFastHash' },
  { cacheVersion: 0x45741b73, bun: ['1.3.9'], layout: 'classic', sourceHash: 'superFastHash' },
  { cacheVersion: 0x54467ad4, bun: ['1.3.14'], layout: 'classic', sourceHash: 'webkitWyHash' },
  { cacheVersion: 0xf101ecbd, bun: ['1.4.0'], layout: 'classic', sourceHash: 'unknown' },
  { cacheVersion: 0xf1f0ed26, bun: ['1.4.4', '1.4.5'], layout: 'compact', sourceHash: 'rapidHash' },
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

/** The source key's hash function of the build that wrote `cacheVersion`, or null where it is not known. */
export function sourceHashFunction(cacheVersion: number): SourceHashFunction | null {
  const fn = knownCacheVersion(cacheVersion)?.sourceHash;
  return fn && fn !== 'unknown' ? fn : null;
}

/** True where the source key's hash function is known. */
export function sourceHashCheckable(cacheVersion: number): boolean {
  return sourceHashFunction(cacheVersion) !== null;
}
