import { hex } from '../bmes';
import type { CacheChecks } from '../protocol';
import type { BmesExpectations } from '../verdict/bmesVerdict';
import type { BunIdentity } from '../textView/explain';
import type { Localize } from './ports';
import type { InspectorSettings } from './settings';

/** What asking the configured Bun gave, as far as the checks are concerned. */
export type ProbeOutcome =
  | { readonly kind: 'known'; readonly version: string; readonly revision: string; readonly cacheVersion: number }
  | { readonly kind: 'failed'; readonly message: string }
  /** Still running after the time the checks wait for it; the checks run again when it is done. */
  | { readonly kind: 'pending' };

/** The JavaScriptCore cache version a cache is checked against, where it came from, or why there is none. */
export interface JscExpectation {
  readonly value: number | null;
  readonly from: string | null;
  readonly problem: string | null;
  /** The Bun that reported `value`, for hovers. */
  readonly bun: BunIdentity | null;
  /** Why the configured Bun could not be asked (not found, failed), when it was asked. */
  readonly bunProblem?: string;
}

/** Whether the checks need the configured Bun: only for `auto`, and never in an untrusted workspace. */
export function needsProbe(settings: InspectorSettings, trusted: boolean): boolean {
  return trusted && settings.expectedJsc.kind === 'auto';
}

/** The expected cache version from the setting, or from the probe when the setting is `auto`. Pure. */
export function jscExpectation(settings: InspectorSettings, trusted: boolean, probe: ProbeOutcome | null, t: Localize): JscExpectation {
  const none = (problem: string): JscExpectation => ({ value: null, from: null, problem, bun: null });
  const setting = settings.expectedJsc;
  switch (setting.kind) {
    case 'hex':
      return { value: setting.value, from: t('setting bmesInspector.expectedJscVersion ({0})', hex(setting.value, 8)), problem: null, bun: null };
    case 'skip':
      return none(t('bmesInspector.expectedJscVersion is empty.'));
    case 'invalid':
      return none(t('bmesInspector.expectedJscVersion must be "auto", a hex number such as 0xF1F0ED26, or empty (it is "{0}").', setting.text));
    case 'auto':
      break;
  }
  if (!trusted) {
    return none(t('Bun is never run in an untrusted workspace. Trust the workspace, or set bmesInspector.expectedJscVersion to a hex value.'));
  }
  if (!probe || probe.kind === 'pending') return none(t("Asking Bun at '{0}' for its cache version…", settings.bunPath));
  if (probe.kind === 'failed') return { ...none(probe.message), bunProblem: probe.message };
  return {
    value: probe.cacheVersion,
    from: probe.revision && probe.revision !== probe.version ? `Bun ${probe.version} (${probe.revision})` : `Bun ${probe.version}`,
    problem: null,
    bun: { version: probe.version, revision: probe.revision },
  };
}

export interface ChecksInput {
  readonly settings: InspectorSettings;
  readonly expectation: JscExpectation;
  /** The source file checked against, as shown to the user (workspace-relative); null when none was found. */
  readonly sourcePath: string | null;
  readonly trusted: boolean;
  /** Whether the cache is a file on disk (only those can be regenerated). */
  readonly onDisk: boolean;
}

/** Every reason "Regenerate cache" cannot run for a cache (empty when it can): the trust, then where the cache is. Pure. */
export function regenerateBlockers(trusted: boolean, onDisk: boolean, t: Localize): string[] {
  const blockers: string[] = [];
  if (!trusted) blockers.push(t('Regenerating runs Bun or a generator command, and nothing is run in an untrusted workspace. Trust this workspace to regenerate caches.'));
  if (!onDisk) blockers.push(t('Only a cache stored as a file on disk can be regenerated.'));
  return blockers;
}

/** Whether the generator runs the configured Bun: the shipped one does, a custom command when it names `${bun}`. */
function generatorNeedsBun(command: readonly string[] | null): boolean {
  return command === null || command.some((a) => a.includes('${bun}'));
}

/** What the 'model' message tells the webview about the checks. Pure. */
export function cacheChecks(input: ChecksInput, t: Localize): CacheChecks {
  const noBun =
    input.expectation.bunProblem !== undefined && generatorNeedsBun(input.settings.generatorCommand)
      ? t('The generator runs Bun, which cannot be used: {0} Set bmesInspector.bunPath.', input.expectation.bunProblem)
      : null;
  // Bun is only asked in a trusted workspace, so an untrusted one has no Bun problem to add.
  const blockers = [...regenerateBlockers(input.trusted, input.onDisk, t), ...(noBun ? [noBun] : [])];
  return {
    expectedVersion: input.settings.expectedVersion,
    expectedJscVersion: input.expectation.value,
    expectedJscVersionFrom: input.expectation.from,
    jscVersionProblem: input.expectation.problem,
    sourcePath: input.sourcePath,
    canRegenerate: blockers.length === 0,
    regenerateDisabledReasons: blockers,
  };
}

/**
 * What the verdict says was and was not checked, from the checks the webview is sent (whose texts are already
 * localized; the webview's own words, like these, are English). Pure.
 */
export function expectationsOf(checks: CacheChecks): BmesExpectations {
  return {
    version: checks.expectedVersion,
    jscVersion:
      checks.expectedJscVersion !== null
        ? { value: checks.expectedJscVersion, from: checks.expectedJscVersionFrom }
        : { value: null, reason: checks.jscVersionProblem ?? 'no expected cache version' },
    source: checks.sourcePath !== null ? { value: checks.sourcePath, from: null } : { value: null, reason: 'no source file found' },
  };
}
