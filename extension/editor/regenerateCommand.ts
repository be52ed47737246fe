import * as vscode from 'vscode';
import { regenerateCache, RegenerateError, type RegenerateResult } from '../regenerate/regenerate';
import { defaultGeneratorScript } from '../regenerate/defaultGenerator';
import { regenerateBlockers } from '../host/checks';
import { compactSummary, failureActions, type FailureAction } from '../host/regenerateReport';
import { SETTING, SETTINGS_SECTION } from '../host/settings';
import { baseName } from '../dumpView/dumpUri';
import type { CacheChecker } from './cacheChecker';
import type { OpenDocuments } from './openDocuments';
import type { ExecutableFile } from '../bunExecutable/model';
import { decodeArtifactFrom, type Artifact } from '../artifact/decodeArtifact';
import { FileRangeSource } from '../node/fileSource';
import { showCompileAdvice } from './compileAdviceMessage';
import { pickSourceFile, withCancellableProgress } from './progress';
import { SidecarRegenerate } from './sidecarRegenerate';
import { cacheFor } from './targets';

export interface RegenerateServices {
  readonly checker: CacheChecker;
  readonly documents: OpenDocuments;
  /** Renders the text views of a cache again. */
  readonly refreshTextViews: (cache: vscode.Uri) => void;
  readonly log: vscode.LogOutputChannel;
  /** The extension's dist/ folder, where the shipped generator is. */
  readonly distFolder: string;
  /** Where the build source picked for each sidecar is remembered. */
  readonly state: vscode.Memento;
}

/** What a file is, by content (never by name): it decides what "Regenerate" means. Unreadable: the BMES path says why. */
async function recognise(uri: vscode.Uri): Promise<Artifact['kind'] | { readonly executable: ExecutableFile }> {
  if (uri.scheme !== 'file') return 'bmes';
  let source: FileRangeSource | undefined;
  try {
    source = await FileRangeSource.open(uri.fsPath);
    const { artifact } = await decodeArtifactFrom(source);
    return artifact.kind === 'executable' ? { executable: artifact } : artifact.kind;
  } catch {
    return 'bmes';
  } finally {
    await source?.close();
  }
}

/**
 * "BMES: Regenerate Cache": finds the cache's source (the patterns, the remembered pick, else the open dialog),
 * runs the generator with a cancellable progress notification and the configured time limit, and replaces the
 * cache atomically; open views refresh and a summary says what changed. Never runs anything in an untrusted
 * workspace. On any failure the cache is as it was and the message says why.
 */
export class RegenerateCommand {
  private readonly running = new Set<string>();
  private readonly sidecars: SidecarRegenerate;

  constructor(private readonly services: RegenerateServices) {
    this.sidecars = new SidecarRegenerate(services, services.state);
  }

  async run(argument?: unknown): Promise<void> {
    const cache = await cacheFor(argument, vscode.l10n.t('Regenerate which cache?'));
    if (!cache) return;
    const name = baseName(cache);
    const kind = await recognise(cache);
    if (typeof kind === 'object') {
      // Nothing runs for an executable, so this needs no trust; the configured Bun's version only where it may be asked.
      const bun = vscode.workspace.isTrusted ? (await this.services.checker.expectation()).bun?.version : undefined;
      await showCompileAdvice(kind.executable, name, bun, this.services.log);
      return;
    }
    const blockers = regenerateBlockers(vscode.workspace.isTrusted, cache.scheme === 'file', (m, ...a) => vscode.l10n.t(m, ...a));
    const blocker = blockers.join(' ');
    if (blockers.length) {
      this.services.log.info(`${name}: not regenerated: ${blocker}`);
      if (vscode.workspace.isTrusted) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Cannot regenerate {0}: {1}', name, blocker));
        return;
      }
      const manage = vscode.l10n.t('Manage Workspace Trust');
      void vscode.window.showWarningMessage(vscode.l10n.t('Cannot regenerate {0}: {1}', name, blocker), manage).then((choice) => {
        if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return;
    }
    if (this.running.has(cache.fsPath)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already being regenerated.', name));
      return;
    }
    this.running.add(cache.fsPath);
    try {
      if (kind === 'jsc-payload') await this.sidecars.run(cache, name);
      else await this.regenerate(cache, name);
    } finally {
      this.running.delete(cache.fsPath);
    }
  }

  private async regenerate(cache: vscode.Uri, name: string): Promise<void> {
    const { checker, log } = this.services;
    const settings = checker.settings();
    const source = (await checker.findSource(cache, settings.sourceRules)) ?? (await this.pickSource(cache, name));
    if (!source) return;
    const expectation = await checker.expectation(settings);
    const generator = settings.generatorCommand ? { argv: settings.generatorCommand } : ('default' as const);
    const how = generator === 'default' ? `the shipped generator run by '${settings.bunPath}'` : JSON.stringify(generator.argv);
    log.info(`${name}: regenerating from ${source.fsPath} with ${how}, time limit ${settings.generatorTimeoutMs / 1000} s`);
    let result: RegenerateResult;
    try {
      result = await withCancellableProgress(vscode.l10n.t('Regenerating {0}', name), (report, signal) => {
        report(vscode.l10n.t('from {0}', vscode.workspace.asRelativePath(source, false)));
        return regenerateCache({
          bmesPath: cache.fsPath,
          sourcePath: source.fsPath,
          generator,
          bunPath: settings.bunPath,
          timeoutMs: settings.generatorTimeoutMs,
          signal,
          expectedVersion: settings.expectedVersion,
          ...(expectation.value !== null ? { expectedJscVersion: expectation.value } : {}),
          defaultScript: defaultGeneratorScript(this.services.distFolder),
        });
      });
    } catch (error) {
      this.failed(name, error, generator === 'default');
      return;
    }
    await this.succeeded(cache, name, result);
  }

  private async pickSource(cache: vscode.Uri, name: string): Promise<vscode.Uri | undefined> {
    this.services.log.info(`${name}: no source file matches bmesInspector.sourcePatterns; asking for one`);
    const source = await pickSourceFile(vscode.l10n.t('Choose the source file {0} is generated from', name), cache);
    if (!source) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} was not regenerated: no source file was chosen. The cache was not changed.', name));
      return undefined;
    }
    if (source.scheme !== 'file') {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not regenerated: the source must be a file on disk. The cache was not changed.', name));
      return undefined;
    }
    await this.services.checker.remember(cache, source);
    return source;
  }

  private async succeeded(cache: vscode.Uri, name: string, result: RegenerateResult): Promise<void> {
    const { log, documents } = this.services;
    log.info(`${name}: regenerated in ${result.durationMs} ms by ${JSON.stringify(result.argv)}\n${result.summary.text}`);
    for (const w of result.warnings) log.info(`${name}: new file: ${w.severity} ${w.code} at 0x${w.offset.toString(16)}: ${w.message}`);
    if (result.stderr) log.info(`${name}: the generator printed:\n${result.stderr}`);
    const open = documents.of(cache);
    for (const document of open) document.post({ type: 'regenerated', summary: result.summary.text });
    // The file watchers reload too, but may be slow; refresh now so the views show the new file at once.
    await Promise.all(open.map((d) => d.refresh()));
    this.services.refreshTextViews(cache);
    const details = vscode.l10n.t('Show Details');
    void vscode.window.showInformationMessage(vscode.l10n.t('Regenerated {0}: {1}', name, compactSummary(result.summary.text)), details).then((choice) => {
      if (choice === details) log.show(true);
    });
  }

  private failed(name: string, error: unknown, usesDefaultGenerator: boolean): void {
    const { log } = this.services;
    if (!(error instanceof RegenerateError)) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${name}: regeneration failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not regenerate {0}: {1}', name, message));
      return;
    }
    const d = error.details;
    log.error(
      `${name}: regeneration failed (${error.reason}): ${error.message}` +
        (d.argv ? `\n  command: ${JSON.stringify(d.argv)}` : '') +
        (d.exitCode !== undefined && d.exitCode !== null ? `\n  exit code: ${d.exitCode}` : '') +
        (d.signal ? `\n  signal: ${d.signal}` : '') +
        (d.stderr ? `\n  standard error:\n${d.stderr}` : ''),
    );
    if (error.reason === 'cancelled') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Regenerating {0} was cancelled. The cache was not changed.', name));
      return;
    }
    const labels: Record<FailureAction, string> = {
      openGeneratorSetting: vscode.l10n.t('Open Generator Setting'),
      openBunSetting: vscode.l10n.t('Open Bun Setting'),
      showLog: vscode.l10n.t('Show Log'),
    };
    const actions = failureActions(error.reason, usesDefaultGenerator);
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Could not regenerate {0} ({1}): {2}', name, error.reason, error.message), ...actions.map((a) => labels[a]))
      .then((choice) => {
        const action = actions.find((a) => labels[a] === choice);
        if (action === 'showLog') log.show(true);
        else if (action === 'openGeneratorSetting') void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.${SETTING.generatorCommand}`);
        else if (action === 'openBunSetting') void vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.${SETTING.bunPath}`);
      });
  }
}
