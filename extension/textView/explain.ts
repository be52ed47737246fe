import { CODE_FEATURE_FLAGS, CURRENT_VERSION, VARIABLE_FLAGS, hex, type Diagnostic, type FlagBit } from '../bmes';
import { knownCacheVersion } from './cacheVersions';
import { escapeMarkdown } from './markdown';
import { versionFacts } from './versionFacts';

/**
 * Hover texts, in Markdown. Every string that comes from a file or a process (names, messages, Bun's version
 * output) goes through `escapeMarkdown`; the rest is written here.
 */

/** The Bun the expectations came from, as its probe reported it. */
export interface BunIdentity {
  readonly version: string;
  readonly revision?: string | null;
}

const REGENERATE = 'Fix: regenerate the cache (the **Regenerate cache** command)';

export function explainVersion(found: number, expected: number = CURRENT_VERSION): string {
  const facts = versionFacts(found);
  const heading = found === expected ? `**BMES version ${found}**, as expected` : `**BMES version ${found}**, expected ${expected}`;
  const parts = [heading, facts.meaning, `What Bun does: ${facts.bunDoes}`];
  if (found !== expected) {
    if (found === CURRENT_VERSION) parts.push(`Bun's published reader takes version ${found} fully; the expected version is set to ${expected}.`);
    parts.push(`${REGENERATE} to write version ${expected}.`);
  }
  return parts.join('\n\n');
}

function bunLabel(bun: BunIdentity | null | undefined): string {
  if (!bun) return 'your Bun';
  const revision = bun.revision ? ` (${escapeMarkdown(bun.revision, 80)})` : '';
  return `your Bun ${escapeMarkdown(bun.version, 40)}${revision}`;
}

/**
 * The JavaScriptCore cache version: what it is, which Bun wrote it when known, and found vs expected.
 * `expected` null or undefined: the configured Bun's version is not known (not probed, or the probe failed).
 */
export function explainCacheVersion(found: number, expected?: number | null, bun?: BunIdentity | null): string {
  const known = knownCacheVersion(found);
  const parts = [
    `**JavaScriptCore cache version ${hex(found, 8)}**`,
    'It identifies the JavaScriptCore build that wrote the bytecode (in Bun, derived from its WebKit revision). JavaScriptCore rejects the bytecode outright when it differs from its own.' +
      (known ? ` Seen in bytecode written by ${known}.` : ''),
  ];
  if (expected === undefined || expected === null) {
    parts.push('The cache version your Bun writes is not known, so this cannot be checked (the Bun probe did not run or failed).');
  } else if (found === expected) {
    parts.push(
      `Matches ${hex(expected, 8)}, the cache version ${bunLabel(bun)} writes: JavaScriptCore accepts this bytecode, provided the source it is loaded for matches the cache's key.`,
    );
  } else {
    parts.push(
      `Expected ${hex(expected, 8)}, the cache version ${bunLabel(bun)} writes. JavaScriptCore rejects this bytecode and compiles the module from source; the cache was built by another Bun.`,
      `${REGENERATE} with your Bun.`,
    );
  }
  return parts.join('\n\n');
}

export type FlagKind = 'variable' | 'codeFeatures';

/** Each set bit of a variable's bits or of the code features: its name and meaning; unknown bits said so. */
export function explainFlags(kind: FlagKind, bits: number): string {
  const table: readonly FlagBit[] = kind === 'variable' ? VARIABLE_FLAGS : CODE_FEATURE_FLAGS;
  const title = kind === 'variable' ? 'Variable bits' : 'Code features';
  const lines: string[] = [];
  for (let bit = 0; bit < 32; bit++) {
    if (((bits >>> bit) & 1) === 0) continue;
    const flag = table.find((f) => f.bit === bit);
    // The description only where it says more than the name (`captured`: captured (closed over)).
    if (flag) lines.push(`- bit ${bit}: \`${flag.name}\`${sameWords(flag.name, flag.description) ? '' : ` — ${flag.description}`}`);
    else if (kind === 'variable') lines.push(`- bit ${bit}: unknown; a real JavaScriptCore never sets bits 16–31, so the file was altered or written by another tool`);
    else lines.push(`- bit ${bit}: unknown; Bun's JavaScriptCore has 14 code features (bits 0–13), so the file was altered or written by another tool`);
  }
  const heading = `**${title} ${hex(bits >>> 0, 4)}**`;
  return lines.length ? `${heading}\n\n${lines.join('\n')}` : `${heading}\n\nNo bits set.`;
}

function sameWords(name: string, description: string): boolean {
  return name.toLowerCase() === description.replace(/[^a-z]/gi, '').toLowerCase();
}

/** A diagnostic in full: severity, code, where, and the whole message. */
export function explainDiagnostic(d: Diagnostic): string {
  const where = d.length > 0 ? `${hex(d.offset)}, ${d.length} byte${d.length === 1 ? '' : 's'}` : hex(d.offset);
  return `**${escapeMarkdown(d.severity, 20)}** ${escapeMarkdown(d.code, 80)} at ${where}\n\n${escapeMarkdown(d.message, 8000)}`;
}
