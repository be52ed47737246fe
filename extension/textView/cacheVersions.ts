/**
 * JavaScriptCore cache versions seen in bytecode written by released Bun builds (spec §5 and the samples).
 * Only for telling the user who probably wrote a cache; the check itself compares with the user's own Bun.
 */
const KNOWN: ReadonlyMap<number, string> = new Map([
  [0xf1f0ed26, 'Bun 1.4.4 and 1.4.5'],
  [0x188ee0b9, 'Bun 1.3.6'],
]);

export function knownCacheVersion(cacheVersion: number): string | null {
  return KNOWN.get(cacheVersion >>> 0) ?? null;
}
