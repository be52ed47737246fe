import { basename, dirname, resolve } from 'node:path';

/**
 * One way to find a cache's source: when the cache's file name matches `cache` (one `*`, any text, case
 * ignored), try each of `sources` with `*` replaced by that text, relative to the cache's folder
 * (`../src/*.ts` works).
 */
export interface SourceRule {
  readonly cache: string;
  readonly sources: readonly string[];
}

const SCRIPT_EXTENSIONS = ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx'];

/**
 * `foo.js.bmes` → `foo.js` (any script extension kept as is); then `foo.bmes` → `foo.js`, `foo.mjs`,
 * `foo.ts`, `foo.tsx`; `foo.js.jsc` (a Bun sidecar) → `foo.js`.
 */
export const DEFAULT_SOURCE_RULES: readonly SourceRule[] = [
  ...SCRIPT_EXTENSIONS.map((ext) => ({ cache: `*.${ext}.bmes`, sources: [`*.${ext}`] })),
  { cache: '*.bmes', sources: ['*.js', '*.mjs', '*.ts', '*.tsx'] },
  // A Bun sidecar belongs to the output file it is named after: `foo.js.jsc` → `foo.js`.
  { cache: '*.jsc', sources: ['*'] },
];

function matchStar(pattern: string, name: string): string | null {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern.toLowerCase() === name.toLowerCase() ? '' : null;
  const prefix = pattern.slice(0, star).toLowerCase();
  const suffix = pattern.slice(star + 1).toLowerCase();
  const lower = name.toLowerCase();
  if (name.length <= prefix.length + suffix.length || !lower.startsWith(prefix) || !lower.endsWith(suffix)) return null;
  return name.slice(prefix.length, name.length - suffix.length);
}

/** Every candidate source path for a cache, in the order the rules give them, without repeats or the cache itself. */
export function sourceCandidates(cachePath: string, rules: readonly SourceRule[] = DEFAULT_SOURCE_RULES): string[] {
  const folder = dirname(cachePath);
  const name = basename(cachePath);
  const self = resolve(cachePath);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const rule of rules) {
    const stem = matchStar(rule.cache, name);
    if (stem === null) continue;
    for (const source of rule.sources) {
      const candidate = resolve(folder, source.split('*').join(stem));
      if (candidate === self || seen.has(candidate)) continue;
      seen.add(candidate);
      out.push(candidate);
    }
  }
  return out;
}

/** The first candidate that exists, or null. `exists` is the caller's (a file system, a workspace API, a test's set). */
export async function findSource(
  cachePath: string,
  exists: (path: string) => boolean | Promise<boolean>,
  rules: readonly SourceRule[] = DEFAULT_SOURCE_RULES,
): Promise<string | null> {
  for (const candidate of sourceCandidates(cachePath, rules)) {
    if (await exists(candidate)) return candidate;
  }
  return null;
}

/**
 * Reads the rules from a setting's value: an array of `{ cache, sources }`. Invalid entries are dropped and
 * described in `problems`, so one typo does not disable the rest.
 */
export function parseSourceRules(value: unknown): { rules: SourceRule[]; problems: string[] } {
  const rules: SourceRule[] = [];
  const problems: string[] = [];
  if (!Array.isArray(value)) return { rules, problems: ['expected an array of { "cache": "*.bmes", "sources": ["*.js"] }'] };
  value.forEach((entry, i) => {
    const rule = entry as { cache?: unknown; sources?: unknown } | null;
    const sources = rule?.sources;
    if (typeof rule?.cache !== 'string' || (rule.cache.match(/\*/g) ?? []).length !== 1) {
      problems.push(`entry ${i}: "cache" must be a file name pattern with one *`);
    } else if (!Array.isArray(sources) || sources.length === 0 || !sources.every((s) => typeof s === 'string' && s !== '')) {
      problems.push(`entry ${i}: "sources" must be a non-empty list of paths`);
    } else {
      rules.push({ cache: rule.cache, sources: sources as string[] });
    }
  });
  return { rules, problems };
}
