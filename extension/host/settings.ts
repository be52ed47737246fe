import { DEFAULT_SOURCE_RULES, parseSourceRules, type SourceRule } from '../regenerate/sourceDiscovery';

/** Every setting lives under this one prefix. */
export const SETTINGS_SECTION = 'bmesInspector';

/** The keys, without the prefix (`bmesInspector.bunPath` is `bunPath`). */
export const SETTING = {
  bunPath: 'bunPath',
  expectedVersion: 'expectedVersion',
  expectedJscVersion: 'expectedJscVersion',
  sourcePatterns: 'sourcePatterns',
  generatorCommand: 'generatorCommand',
  generatorTimeoutSeconds: 'generatorTimeoutSeconds',
} as const;

/** `bmesInspector.expectedJscVersion`: ask the configured Bun, a fixed value, or no check. */
export type JscSetting =
  { readonly kind: 'auto' } | { readonly kind: 'hex'; readonly value: number } | { readonly kind: 'skip' } | { readonly kind: 'invalid'; readonly text: string };

export interface InspectorSettings {
  readonly bunPath: string;
  readonly expectedVersion: number;
  readonly expectedJsc: JscSetting;
  readonly sourceRules: readonly SourceRule[];
  /** Null: the shipped generator, run by `bunPath`. */
  readonly generatorCommand: readonly string[] | null;
  readonly generatorTimeoutMs: number;
  /** What was wrong with the values read (for the log); each bad value fell back to its default. */
  readonly problems: readonly string[];
}

export const DEFAULT_TIMEOUT_SECONDS = 120;

/** `auto`, a u32 in hex (`0xF1F0ED26` or `f1f0ed26`), or empty for no check. */
export function parseJscSetting(value: unknown): JscSetting {
  if (value === undefined || value === null) return { kind: 'auto' };
  if (typeof value !== 'string') return { kind: 'invalid', text: String(value) };
  const text = value.trim();
  if (text === '') return { kind: 'skip' };
  if (text.toLowerCase() === 'auto') return { kind: 'auto' };
  const digits = text.replace(/^0x/i, '');
  return /^[0-9a-f]{1,8}$/i.test(digits) ? { kind: 'hex', value: parseInt(digits, 16) >>> 0 } : { kind: 'invalid', text };
}

/**
 * The settings from a `get(key)` (VS Code's `WorkspaceConfiguration.get`, or a test's map), checked: a value of
 * the wrong type falls back to the default and is described in `problems`. Pure.
 */
export function readSettings(get: (key: string) => unknown): InspectorSettings {
  const problems: string[] = [];
  const name = (key: string) => `${SETTINGS_SECTION}.${key}`;

  const rawBun = get(SETTING.bunPath);
  let bunPath = 'bun';
  if (typeof rawBun === 'string' && rawBun.trim() !== '') bunPath = rawBun.trim();
  else if (rawBun !== undefined && rawBun !== null && rawBun !== '') problems.push(`${name(SETTING.bunPath)} must be a path or a command name; using "bun"`);

  const rawVersion = get(SETTING.expectedVersion);
  let expectedVersion = 3;
  if (typeof rawVersion === 'number' && Number.isSafeInteger(rawVersion) && rawVersion >= 0 && rawVersion <= 0xffffffff) expectedVersion = rawVersion;
  else if (rawVersion !== undefined && rawVersion !== null) problems.push(`${name(SETTING.expectedVersion)} must be a whole number; using 3`);

  const expectedJsc = parseJscSetting(get(SETTING.expectedJscVersion));
  if (expectedJsc.kind === 'invalid') problems.push(`${name(SETTING.expectedJscVersion)} must be "auto", a hex number such as "0xF1F0ED26", or empty; got "${expectedJsc.text}"`);

  const rawRules = get(SETTING.sourcePatterns);
  let sourceRules: readonly SourceRule[] = DEFAULT_SOURCE_RULES;
  if (rawRules !== undefined && rawRules !== null) {
    const parsed = parseSourceRules(rawRules);
    problems.push(...parsed.problems.map((p) => `${name(SETTING.sourcePatterns)}: ${p}`));
    sourceRules = parsed.rules;
  }

  const rawCommand = get(SETTING.generatorCommand);
  let generatorCommand: readonly string[] | null = null;
  if (Array.isArray(rawCommand) && rawCommand.length > 0) {
    if (rawCommand.every((a): a is string => typeof a === 'string') && rawCommand[0]!.trim() !== '') generatorCommand = rawCommand;
    else problems.push(`${name(SETTING.generatorCommand)} must be a list of strings starting with the program; using the shipped generator`);
  } else if (rawCommand !== undefined && rawCommand !== null && !Array.isArray(rawCommand)) {
    problems.push(`${name(SETTING.generatorCommand)} must be a list of strings; using the shipped generator`);
  }

  const rawTimeout = get(SETTING.generatorTimeoutSeconds);
  let seconds = DEFAULT_TIMEOUT_SECONDS;
  if (typeof rawTimeout === 'number' && Number.isFinite(rawTimeout) && rawTimeout > 0) seconds = Math.min(rawTimeout, 24 * 3600);
  else if (rawTimeout !== undefined && rawTimeout !== null) problems.push(`${name(SETTING.generatorTimeoutSeconds)} must be a positive number; using ${DEFAULT_TIMEOUT_SECONDS}`);

  return { bunPath, expectedVersion, expectedJsc, sourceRules, generatorCommand, generatorTimeoutMs: Math.round(seconds * 1000), problems };
}
