import type { RegenerateFailure } from '../regenerate/regenerate';

/**
 * The multi-line change summary (summaryText) as one line for a notification: one fact after another, and a
 * titled group ("Imports:" with its "+ …" lines) kept together. The full text goes to the log. Pure.
 */
export function compactSummary(text: string, maxLength = 600): string {
  const facts: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const indented = raw.startsWith(' ');
    const last = facts.length - 1;
    if (indented && last >= 0) facts[last] = facts[last]!.endsWith(':') ? `${facts[last]} ${line}` : `${facts[last]}, ${line}`;
    else facts.push(line.replace(/\.$/, ''));
  }
  const one = facts.join(' · ');
  return one.length > maxLength ? one.slice(0, maxLength - 1) + '…' : one;
}

/** What a failure notification offers besides its text. */
export type FailureAction = 'openGeneratorSetting' | 'openBunSetting' | 'showLog';

/**
 * The buttons for a failed regeneration: a missing generator points at the generator setting, a Bun that
 * cannot be started at the Bun setting (or, for a custom command, the generator setting), and anything the
 * generator printed is in the log.
 */
export function failureActions(reason: RegenerateFailure, usesDefaultGenerator: boolean): FailureAction[] {
  switch (reason) {
    case 'generator-unavailable':
      return ['openGeneratorSetting', 'showLog'];
    case 'not-started':
      return usesDefaultGenerator ? ['openBunSetting', 'openGeneratorSetting'] : ['openGeneratorSetting'];
    case 'invalid-command':
      return ['openGeneratorSetting'];
    case 'exit':
    case 'signal':
    case 'timeout':
    case 'no-output':
    case 'invalid-output':
      return ['showLog'];
    case 'bun-probe':
      return ['openBunSetting'];
    case 'cancelled':
    case 'source-unreadable':
    case 'io':
    case 'not-a-sidecar':
    case 'js-differs':
      return [];
  }
}
