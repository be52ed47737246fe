import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { fullSourceKey } from '../artifact/sourceKey';
import { type DecodeOptions, type SourceKey } from '../bmes';
import { BunProbeError, BunProber, type BunInfo } from '../bun';
import { cacheChecks, jscExpectation, needsProbe, type JscExpectation, type ProbeOutcome } from '../host/checks';
import type { DecodePlan } from '../host/liveFile';
import type { Localize } from '../host/ports';
import { readSettings, SETTING, SETTINGS_SECTION, type InspectorSettings } from '../host/settings';
import type { CacheChecks } from '../protocol';
import { findSource, sourceCandidates, type SourceRule } from '../regenerate/sourceDiscovery';
import type { HoverContext } from '../textView/hover';
import { watchFile } from './fileWatcher';

const t: Localize = (message, ...args) => vscode.l10n.t(message, ...args);

/** workspaceState key: cache URI → the source file the user picked for it. */
const REMEMBERED_SOURCES = 'bmesInspector.rememberedSources';
/** How long a check waits for a first probe of Bun before going on without it (it runs again when the probe ends). */
const PROBE_WAIT_MS = 2000;
/** A failed probe is not repeated for this long, unless the settings or the executable change. */
const FAILURE_KEPT_MS = 60_000;

/** Everything a decode of one cache is checked against, and what the views say about it. */
export interface CheckPlan extends DecodePlan {
  readonly checks: CacheChecks;
  readonly hover: HoverContext;
  readonly source: vscode.Uri | null;
  /** Files whose change means the checks must run again: every source candidate and the remembered source. */
  readonly watch: readonly string[];
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Works out what caches are checked against: the settings, the configured Bun's cache version (asked once per
 * executable, only in a trusted workspace) and each cache's source file. Fires `onDidChange` when any of these
 * may have changed (settings, trust, the Bun executable, a probe that finished late), so open views check again.
 */
export class CacheChecker implements vscode.Disposable {
  private readonly prober = new BunProber();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private failure: { readonly bunPath: string; readonly message: string; readonly until: number } | null = null;
  /** Bun paths whose probe outlived a check's wait: a change fires when it ends. */
  private readonly awaited = new Set<string>();
  private lastProbeLog = '';
  private lastSettingsProblems = '';
  private bunWatch: { readonly path: string; readonly watcher: vscode.Disposable } | null = null;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTINGS_SECTION)) this.settingsChanged(e.affectsConfiguration(`${SETTINGS_SECTION}.${SETTING.bunPath}`));
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info('The workspace is trusted now: checking open caches again');
        this.changed.fire();
      }),
    ];
  }

  settings(): InspectorSettings {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const settings = readSettings((key) => config.get(key));
    const problems = settings.problems.join('; ');
    if (problems !== this.lastSettingsProblems) {
      this.lastSettingsProblems = problems;
      if (problems) this.log.warn(`Settings: ${problems}`);
    }
    return settings;
  }

  private settingsChanged(bunPathChanged: boolean): void {
    if (bunPathChanged) {
      this.prober.clear();
      this.failure = null;
      this.bunWatch?.watcher.dispose();
      this.bunWatch = null;
    }
    this.log.info('BMES Inspector settings changed: checking open caches again');
    this.changed.fire();
  }

  /** The cache version to expect; asks the configured Bun only for `auto` in a trusted workspace. */
  async expectation(settings: InspectorSettings = this.settings()): Promise<JscExpectation> {
    const trusted = vscode.workspace.isTrusted;
    const probe = needsProbe(settings, trusted) ? await this.probe(settings.bunPath) : null;
    return jscExpectation(settings, trusted, probe, t);
  }

  private async probe(bunPath: string): Promise<ProbeOutcome> {
    const failure = this.failure;
    if (failure && failure.bunPath === bunPath && Date.now() < failure.until) return { kind: 'failed', message: failure.message };
    const outcome: Promise<ProbeOutcome> = this.prober.get(bunPath, { timeoutMs: 30_000 }).then(
      (info) => this.probed(info),
      (error: unknown) => this.probeFailed(bunPath, error),
    );
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([outcome, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), PROBE_WAIT_MS)))]);
    clearTimeout(timer);
    if (waited) return waited;
    if (!this.awaited.has(bunPath)) {
      this.awaited.add(bunPath);
      this.log.info(`Still asking Bun at '${bunPath}' for its cache version; the checks run again when it answers`);
      void outcome.finally(() => {
        this.awaited.delete(bunPath);
        this.changed.fire();
      });
    }
    return { kind: 'pending' };
  }

  private probed(info: BunInfo): ProbeOutcome {
    const line = `Bun ${info.version} (${info.revision}) at ${info.executable} writes JavaScriptCore cache version 0x${info.cacheVersion.toString(16).padStart(8, '0')}`;
    if (line !== this.lastProbeLog) {
      this.lastProbeLog = line;
      this.log.info(`${line} (asked in ${info.durationMs} ms)`);
    }
    this.watchBun(info.executable);
    return { kind: 'known', version: info.version, revision: info.revision, cacheVersion: info.cacheVersion };
  }

  private probeFailed(bunPath: string, error: unknown): ProbeOutcome {
    const message = error instanceof BunProbeError ? error.message : `Asking Bun at '${bunPath}' failed: ${errorText(error)}`;
    this.failure = { bunPath, message, until: Date.now() + FAILURE_KEPT_MS };
    if (message !== this.lastProbeLog) {
      this.lastProbeLog = message;
      this.log.warn(`Bun probe failed, so caches are not checked against a cache version: ${message}`);
    }
    return { kind: 'failed', message };
  }

  /** An upgraded or replaced Bun is asked again (the prober keys its answers by the executable's identity). */
  private watchBun(executable: string): void {
    if (this.bunWatch?.path === executable) return;
    this.bunWatch?.watcher.dispose();
    const watcher = watchFile(vscode.Uri.file(executable), () => {
      this.log.info(`The Bun executable ${executable} changed: asking it again`);
      this.failure = null;
      this.changed.fire();
    });
    this.bunWatch = { path: executable, watcher };
  }

  remembered(cache: vscode.Uri): vscode.Uri | null {
    const value = this.state.get<Record<string, string>>(REMEMBERED_SOURCES, {})[cache.toString()];
    return typeof value === 'string' ? vscode.Uri.parse(value, true) : null;
  }

  /** Remembers the source the user picked for a cache (for this workspace), and checks again. */
  async remember(cache: vscode.Uri, source: vscode.Uri): Promise<void> {
    const all = { ...this.state.get<Record<string, string>>(REMEMBERED_SOURCES, {}), [cache.toString()]: source.toString() };
    await this.state.update(REMEMBERED_SOURCES, all);
    this.log.info(`Source of ${cache.fsPath} remembered: ${source.fsPath}`);
    this.changed.fire();
  }

  /** The cache's source: the first existing file the patterns name, else the one the user picked before. */
  async findSource(cache: vscode.Uri, rules: readonly SourceRule[] = this.settings().sourceRules): Promise<vscode.Uri | null> {
    if (cache.scheme !== 'file') return null;
    const found = await findSource(cache.fsPath, isFile, rules);
    if (found) return vscode.Uri.file(found);
    const remembered = this.remembered(cache);
    return remembered && remembered.scheme === 'file' && (await isFile(remembered.fsPath)) ? remembered : null;
  }

  async plan(cache: vscode.Uri): Promise<CheckPlan> {
    const settings = this.settings();
    const trusted = vscode.workspace.isTrusted;
    const [expectation, source] = await Promise.all([this.expectation(settings), this.findSource(cache, settings.sourceRules)]);
    let key: SourceKey | null = null;
    if (source) {
      try {
        key = fullSourceKey(await readFile(source.fsPath));
      } catch (error) {
        this.log.warn(`Cannot read the source ${source.fsPath} of ${cache.fsPath}: ${errorText(error)}`);
      }
    }
    const options: DecodeOptions = {
      ...(expectation.value !== null ? { expectedJscVersion: expectation.value } : {}),
      ...(key ? { source: key } : {}),
    };
    const sourcePath = source && key ? vscode.workspace.asRelativePath(source, false) : null;
    const checks = cacheChecks({ settings, expectation, sourcePath, trusted, onDisk: cache.scheme === 'file' }, t);
    const remembered = this.remembered(cache);
    const watch = cache.scheme === 'file' ? [...sourceCandidates(cache.fsPath, settings.sourceRules), ...(remembered?.scheme === 'file' ? [remembered.fsPath] : [])] : [];
    return {
      options,
      expectedVersion: settings.expectedVersion,
      checks,
      hover: { expectedVersion: settings.expectedVersion, expectedJscVersion: expectation.value, bun: expectation.bun },
      source: key ? source : null,
      watch: [...new Set(watch)],
    };
  }

  dispose(): void {
    this.bunWatch?.watcher.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
