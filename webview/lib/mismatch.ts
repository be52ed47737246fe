/**
 * The mismatch cards: for the BMES version, the JavaScriptCore cache version and the source key, what was
 * found, what was expected (from the host's checks), what Bun does with the file and the fix. Plain text only:
 * the views render it as React text. Pure. The wording follows the text view's hovers
 * (extension/textView/explain.ts, versionFacts.ts), which are Markdown.
 */
import type { Severity } from '../../extension/bmes/model';
import type { CacheChecks } from '../../extension/protocol';
import { knownCacheVersion } from '../../extension/textView/cacheVersions';
import { versionFacts } from '../../extension/textView/versionFacts';
import type { ViewDiagnostic, ViewField, ViewModel } from '../../extension/viewModel/types';
import { worstSeverity } from './diagnosticIndex';

export type MismatchKind = 'version' | 'jsc' | 'source';

/** The diagnostics a card is made of, per kind. */
const CODES: Readonly<Record<MismatchKind, ReadonlySet<string>>> = {
  version: new Set(['version-mismatch', 'legacy-version', 'unknown-version']),
  jsc: new Set(['jsc-version-mismatch']),
  source: new Set(['source-mismatch']),
};

/** The fields a source mismatch is reported on: the key's length (compact / classic) or its hash. */
export const SOURCE_FIELDS: readonly string[] = ['jsc.sourceLength', 'jsc.sourceEnd', 'jsc.keyHash'];

/** The BMES version Bun's published reader takes in full; expected when the host sends no checks. */
const CURRENT = 3;

/** Diagnostics that stop Bun from ever handing the bytecode to JavaScriptCore as a cache. */
const HEADER_FAULTS = new Set(['truncated-header', 'bad-magic', 'bytecode-out-of-bounds']);

export interface MismatchCard {
  readonly kind: MismatchKind;
  /** The header or JavaScriptCore field the card belongs to. */
  readonly fieldKey: string;
  /** null when no diagnostic is behind the card (a legacy version without one). */
  readonly severity: Severity | null;
  /** The few words on the badge beside the value. */
  readonly badge: string;
  /** The line in the verdict area. */
  readonly headline: string;
  /** The card's heading: the field it is about. */
  readonly title: string;
  /** Found vs expected, in one sentence. */
  readonly found: string;
  /** What the value is, when that helps (e.g. which Bun wrote it). */
  readonly about: string | null;
  /** What Bun / JavaScriptCore do with the file. */
  readonly consequence: string;
  /** What to do about it; null when nothing needs doing. */
  readonly fix: string | null;
  readonly diagnostics: readonly ViewDiagnostic[];
}

/** 0x-prefixed, 8 hex digits: how cache versions are written everywhere else. */
export function hex8(value: number): string {
  return '0x' + (value >>> 0).toString(16).padStart(8, '0');
}

const numberOf = (field: ViewField | undefined): number | null => (field && typeof field.value === 'number' ? field.value : null);

/** Whether Bun would hand the bytecode to JavaScriptCore at all (BMES version 2 or 3 with a sane header). */
function bytecodeReachable(model: ViewModel): boolean {
  return (model.version === 2 || model.version === 3) && !model.diagnostics.some((d) => HEADER_FAULTS.has(d.code));
}

function rejection(model: ViewModel, why: string): string {
  return bytecodeReachable(model)
    ? `JavaScriptCore rejects this bytecode and compiles the module from source: ${why}.`
    : `Bun does not use this bytecode in any case (see the BMES version and the header); besides, ${why}.`;
}

function versionCard(model: ViewModel, checks: CacheChecks | null, diagnostics: readonly ViewDiagnostic[]): MismatchCard | null {
  const found = numberOf(model.header.find((f) => f.key === 'version'));
  if (found === null) return null;
  const list = diagnostics.filter((d) => d.fieldKey === 'version' && CODES.version.has(d.code));
  if (list.length === 0 && found !== 1 && found !== 2) return null;
  const expected = checks?.expectedVersion ?? CURRENT;
  const facts = versionFacts(found);
  const known = found >= 1 && found <= CURRENT;
  const older = known && found < CURRENT;
  let fix: string | null = null;
  if (found !== expected) fix = `Regenerate the cache to write version ${expected}.`;
  else if (facts.benefit !== 'full')
    fix = `Version ${found} is the expected version here (bmesInspector.expectedVersion); regenerating with a current Bun writes version ${CURRENT}.`;
  return {
    kind: 'version',
    fieldKey: 'version',
    severity: worstSeverity(list),
    badge: !known ? 'Unknown version' : older ? 'Old version' : `Expected ${expected}`,
    headline: !known ? `Unknown BMES version (${found})` : older ? `Old BMES version (${found})` : `BMES version ${found}, expected ${expected}`,
    title: 'BMES version',
    found: found === expected ? `Found BMES version ${found}, as expected` : `Found BMES version ${found} — expected ${expected}`,
    about: facts.meaning,
    consequence: facts.bunDoes,
    fix,
    diagnostics: list,
  };
}

function jscCard(model: ViewModel, checks: CacheChecks | null, diagnostics: readonly ViewDiagnostic[]): MismatchCard | null {
  const list = diagnostics.filter((d) => d.fieldKey === 'jsc.cacheVersion' && CODES.jsc.has(d.code));
  const found = numberOf(model.jsc?.fields.find((f) => f.key === 'jsc.cacheVersion'));
  if (list.length === 0 || found === null) return null;
  // Without checks (an older host), the expected value is the one the diagnostic names.
  const fromMessage = /expected (0x[0-9a-f]+)/i.exec(list[0]!.message)?.[1];
  const expected = checks?.expectedJscVersion ?? (fromMessage ? Number.parseInt(fromMessage, 16) : null);
  const from = checks?.expectedJscVersionFrom ?? (expected !== null && !checks ? 'the version your Bun writes' : null);
  const known = knownCacheVersion(found);
  // Bytes that are no JavaScriptCore cache at all also read as "a version": do not call them another Bun's.
  const notBytecode = known === null && model.diagnostics.some((d) => d.code === 'jsc-unrecognized-layout');
  return {
    kind: 'jsc',
    fieldKey: 'jsc.cacheVersion',
    severity: worstSeverity(list),
    badge: notBytecode ? 'Not bytecode' : 'Other Bun',
    headline: notBytecode ? 'No known Bun wrote these bytes: not a JavaScriptCore cache' : 'Stale cache: built by another Bun',
    title: 'JavaScriptCore cache version',
    found: expected === null ? `Found cache version ${hex8(found)}` : `Found cache version ${hex8(found)} — expected ${hex8(expected)}${from ? ` (${from})` : ''}`,
    about:
      'It identifies the JavaScriptCore build that wrote the bytecode (in Bun, derived from its WebKit revision).' +
      (known ? ` ${hex8(found)} is seen in bytecode written by ${known}.` : ''),
    consequence: rejection(
      model,
      notBytecode ? 'its first bytes are no cache version of a known Bun and the rest matches no layout' : 'the cache was built by another Bun (another WebKit revision)',
    ),
    fix: 'Regenerate the cache with your Bun.',
    diagnostics: list,
  };
}

function sourceCard(model: ViewModel, checks: CacheChecks | null, diagnostics: readonly ViewDiagnostic[], fieldKey: string): MismatchCard | null {
  const list = diagnostics.filter((d) => d.fieldKey === fieldKey && CODES.source.has(d.code));
  if (list.length === 0) return null;
  const message = list[0]!.message;
  const source = checks?.sourcePath ?? null;
  const of = source ?? 'the source file';
  const length = /source is (\d+) code units long: expected (\d+)/.exec(message);
  const hash = /source hash (0x[0-9a-f]+) after[\s\S]*?expected source hash (0x[0-9a-f]+)/i.exec(message);
  let found: string;
  if (length) found = `Found a key for source ${length[1]} code units long — expected ${length[2]}, the length of ${of}`;
  else if (hash) found = `Found source hash ${hash[1]} — expected ${hash[2]}, the hash of ${of} (same length, different text)`;
  else found = `The cache's key does not match ${of}`;
  return {
    kind: 'source',
    fieldKey,
    severity: worstSeverity(list),
    badge: 'Other source',
    headline: 'Built from other source',
    title: fieldKey === 'jsc.keyHash' ? 'Source key hash' : 'Source length',
    found,
    about: source
      ? `The cache's key (the source's length${model.jsc?.layout === 'classic' ? ' and hash' : ''}) was checked against ${source}.`
      : "The cache's key (the source's length, and its hash in the classic layout) was checked against the source file.",
    consequence: rejection(model, 'the cache was generated from other source text'),
    fix: 'Regenerate the cache from this source.',
    diagnostics: list,
  };
}

/**
 * Every card for a model, in the order of the fields: version, cache version, source. `checks` null: the host
 * sent none (an older host); the cards then rest on the diagnostics alone.
 */
export function mismatchCards(model: ViewModel, checks: CacheChecks | null): MismatchCard[] {
  const cards = [versionCard(model, checks, model.diagnostics), jscCard(model, checks, model.diagnostics)];
  for (const key of SOURCE_FIELDS) cards.push(sourceCard(model, checks, model.diagnostics, key));
  return cards.filter((c): c is MismatchCard => c !== null);
}

/** The cards by field key. */
export function cardsByField(cards: readonly MismatchCard[]): ReadonlyMap<string, MismatchCard> {
  return new Map(cards.map((c) => [c.fieldKey, c]));
}

/** The lines for the verdict area: one per kind, for the cards that report a problem (a diagnostic). */
export function headlines(cards: readonly MismatchCard[]): MismatchCard[] {
  const seen = new Set<MismatchKind>();
  return cards.filter((c) => c.severity !== null && !seen.has(c.kind) && (seen.add(c.kind), true));
}

/** The "Checked against" lines, plain text. */
export interface CheckLine {
  readonly label: string;
  readonly text: string;
  /** The file does not match this expectation (or it could not be checked). */
  readonly state: 'ok' | 'mismatch' | 'unchecked';
  /** For a mismatch, the severity of the diagnostics behind it, so the line has the colour they have everywhere. */
  readonly severity: Severity | null;
}

/** What a file without a readable version field is, for the "this file:" half of the version line. */
function fileWithoutVersion(model: ViewModel): string {
  if (model.diagnostics.some((d) => d.code === 'bad-magic')) return 'not BMES (no "SEMB" magic)';
  if (model.diagnostics.some((d) => d.code === 'truncated-header')) return 'too short to hold a version';
  return 'no version field';
}

/** The BMES version line of a BMES file. */
function bmesVersionLine(model: ViewModel, checks: CacheChecks, skipped: string | null, severity: Severity | null): CheckLine {
  const differs = model.version !== null && model.version !== checks.expectedVersion;
  return {
    label: 'BMES version',
    text: `expected ${checks.expectedVersion}; this file: ${model.version !== null ? model.version : fileWithoutVersion(model)}`,
    state: skipped || model.version === null ? 'unchecked' : differs ? 'mismatch' : 'ok',
    severity: differs ? (severity ?? 'warning') : null,
  };
}

/**
 * Each line says "expected X; this file: Y", so that an expectation never reads as the file's own value. The
 * states follow the verdict's checks (`model.verdict.checks`): what could not be checked is "not checked" here and
 * in the verdict alike, and a mismatch has the severity of its diagnostics.
 */
export function checkLines(model: ViewModel, checks: CacheChecks, cards: readonly MismatchCard[]): CheckLine[] {
  const made = (id: string) => model.verdict.checks.find((c) => c.id === id);
  const severityOf = (kind: MismatchKind) => worstSeverity(cards.filter((c) => c.kind === kind).flatMap((c) => c.diagnostics));
  const notChecked = (id: string) => {
    const check = made(id);
    return check?.state === 'not-checked' ? check.reason.replace(/\.$/, '') : null;
  };
  const lines: CheckLine[] = [];

  // The BMES version is a BMES file's own field: a sidecar or an executable has none to compare.
  if (model.kind === 'bmes') lines.push(bmesVersionLine(model, checks, notChecked('version'), severityOf('version')));

  const cacheVersion = numberOf(model.jsc?.fields.find((f) => f.key === 'jsc.cacheVersion'));
  const jscSkipped = notChecked('jsc-version');
  // An executable's list has no one payload: its modules' versions, as the verdict counted them.
  const jscCheck = made('jsc-version');
  const foundVersions = cacheVersion === null && jscCheck?.state === 'checked' ? (jscCheck.found ?? null) : null;
  if (checks.expectedJscVersion !== null) {
    const differs = cacheVersion !== null && cacheVersion >>> 0 !== checks.expectedJscVersion >>> 0;
    // Without one payload in view (an executable's list), the modules' own version diagnostics say it.
    const modulesDiffer = foundVersions !== null ? worstSeverity(model.diagnostics.filter((d) => d.code === 'jsc-version-mismatch')) : null;
    const mismatch = severityOf('jsc') !== null || differs || modulesDiffer !== null;
    lines.push({
      label: 'Cache version',
      text:
        `expected ${hex8(checks.expectedJscVersion)}${checks.expectedJscVersionFrom ? `, from ${checks.expectedJscVersionFrom}` : ''}; ` +
        `this file: ${cacheVersion !== null ? hex8(cacheVersion) : (foundVersions ?? (model.kind === 'executable' && jscSkipped ? `not read: ${jscSkipped}` : 'none (no JavaScriptCore cache to read it from)'))}`,
      state: mismatch ? 'mismatch' : jscSkipped || (cacheVersion === null && foundVersions === null) ? 'unchecked' : 'ok',
      severity: mismatch ? (severityOf('jsc') ?? modulesDiffer ?? 'error') : null,
    });
  } else {
    lines.push({ label: 'Cache version', text: `Not checked: ${checks.jscVersionProblem ?? 'no expected cache version'}`, state: 'unchecked', severity: null });
  }

  const sourceSkipped = notChecked('source');
  if (model.kind === 'executable') {
    // Every module carries its own source: the executable is checked against it, never against a file beside it.
    const mismatch = severityOf('source') !== null;
    lines.push({
      label: 'Source',
      text: sourceSkipped ? `each module's own contents; not checked yet: ${sourceSkipped}` : "each module's own contents, embedded in the executable",
      state: mismatch ? 'mismatch' : sourceSkipped ? 'unchecked' : 'ok',
      severity: mismatch ? severityOf('source') : null,
    });
  } else if (checks.sourcePath !== null) {
    const mismatch = severityOf('source') !== null;
    lines.push({
      label: 'Source file',
      text: `${checks.sourcePath}${sourceSkipped && !mismatch ? `; not checked: ${sourceSkipped}` : ''}`,
      state: mismatch ? 'mismatch' : sourceSkipped ? 'unchecked' : 'ok',
      severity: mismatch ? severityOf('source') : null,
    });
  } else {
    lines.push({ label: 'Source file', text: 'none found beside this cache (bmesInspector.sourcePatterns)', state: 'unchecked', severity: null });
  }
  return lines;
}
