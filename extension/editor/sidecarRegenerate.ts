import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { compactSummary } from '../host/regenerateReport';
import { RegenerateError } from '../regenerate/regenerate';
import { regenerateSidecar, type JsChangeQuestion, type RegenerateSidecarResult } from '../regenerate/regenerateSidecar';
import { plain } from '../regenerate/regenerate';
import { outputShape, sourceGuesses } from '../regenerate/sidecarBuild';
import { pickSourceFile, withCancellableProgress } from './progress';
import type { RegenerateServices } from './regenerateCommand';

/** workspaceState key: sidecar URI → the source file its `.js` is built from (not the `.js` it is checked against). */
const SIDECAR_SOURCES = 'bmesInspector.sidecarBuildSources';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * "Regenerate cache" on a `.jsc` sidecar: the source the user's build started from (remembered per sidecar, else
 * found from the module comments of the `.js`, else asked for), then `regenerateSidecar` under a cancellable
 * progress notification; a modal asks before the `.js` changes too. Trust was checked by the caller.
 */
export class SidecarRegenerate {
  constructor(
    private readonly services: RegenerateServices,
    private readonly state: vscode.Memento,
  ) {}

  async run(jsc: vscode.Uri, name: string): Promise<void> {
    const { checker, log } = this.services;
    const settings = checker.settings();
    const source = await this.source(jsc, name);
    if (!source) return;
    const expectation = await checker.expectation(settings);
    log.info(`${name}: rebuilding the sidecar and its .js from ${source.fsPath} with '${settings.bunPath}', time limit ${settings.generatorTimeoutMs / 1000} s`);
    let result: RegenerateSidecarResult;
    try {
      result = await withCancellableProgress(vscode.l10n.t('Regenerating {0}', name), (report, signal) =>
        regenerateSidecar({
          jscPath: jsc.fsPath,
          sourcePath: source.fsPath,
          bunPath: settings.bunPath,
          timeoutMs: settings.generatorTimeoutMs,
          signal,
          ...(expectation.value !== null ? { expectedJscVersion: expectation.value } : {}),
          onProgress: report,
          confirmJsChange: (question) => this.confirm(name, question),
        }),
      );
    } catch (error) {
      this.failed(name, error);
      return;
    }
    await this.succeeded(jsc, name, result);
  }

  private remembered(jsc: vscode.Uri): vscode.Uri | null {
    const value = this.state.get<Record<string, string>>(SIDECAR_SOURCES, {})[jsc.toString()];
    return value ? vscode.Uri.parse(value, true) : null;
  }

  private async remember(jsc: vscode.Uri, source: vscode.Uri): Promise<void> {
    await this.state.update(SIDECAR_SOURCES, { ...this.state.get<Record<string, string>>(SIDECAR_SOURCES, {}), [jsc.toString()]: source.toString() });
    this.services.log.info(`Build source of ${jsc.fsPath} remembered: ${source.fsPath}`);
  }

  /** The remembered pick, else a file the `.js`'s module comments name (not the `.js` itself), else the open dialog. */
  private async source(jsc: vscode.Uri, name: string): Promise<vscode.Uri | undefined> {
    const remembered = this.remembered(jsc);
    if (remembered?.scheme === 'file' && (await isFile(remembered.fsPath))) return remembered;
    const jsPath = jsc.fsPath.replace(/\.jsc$/i, '');
    try {
      const shape = outputShape((await readFile(jsPath)).subarray(0, 1 << 20).toString('utf8'));
      for (const guess of sourceGuesses(dirname(jsPath), shape.modulePaths)) {
        if (guess !== jsPath && (await isFile(guess))) {
          this.services.log.info(`${name}: building from ${guess}, named by the module comments of ${jsPath}`);
          return vscode.Uri.file(guess);
        }
      }
    } catch {
      // No readable .js: the runner says so once a source is chosen.
    }
    const source = await pickSourceFile(vscode.l10n.t('Choose the source file that {0} and its .js are built from', name), jsc);
    if (!source || source.scheme !== 'file') {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} was not regenerated: no source file on disk was chosen. The .js and the .jsc were not changed.', name));
      return undefined;
    }
    await this.remember(jsc, source);
    return source;
  }

  private async confirm(name: string, q: JsChangeQuestion): Promise<boolean> {
    const d = q.difference;
    const replace = vscode.l10n.t('Replace Both');
    const detail = [
      vscode.l10n.t(
        'None of the {0} builds tried gives the same {1}: a sidecar is only used for the exact text it was compiled from, so the .js would change too.',
        q.tried,
        vscode.workspace.asRelativePath(q.jsPath, false),
      ),
      d.line === null
        ? vscode.l10n.t('Size {0} → {1} bytes; one ends where the other goes on.', d.oldSize, d.newSize)
        : `${vscode.l10n.t('Size {0} → {1} bytes; first difference at line {2}:', d.oldSize, d.newSize, d.line)}\n− ${plain(d.oldLine)}\n+ ${plain(d.newLine)}`,
      vscode.l10n.t('Closest build: {0}', q.command),
      vscode.l10n.t('A source map beside the .js is not rebuilt.'),
    ].join('\n\n');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Replace both {0} and its .js?', name), { modal: true, detail }, replace);
    this.services.log.info(`${name}: the .js does not reproduce (${q.command}); replacing both ${choice === replace ? 'agreed' : 'declined'}`);
    return choice === replace;
  }

  private async succeeded(jsc: vscode.Uri, name: string, result: RegenerateSidecarResult): Promise<void> {
    const { log, documents } = this.services;
    log.info(`${name}: regenerated in ${result.durationMs} ms by ${JSON.stringify(result.argv)} in ${result.cwd}\n${result.summary.text}`);
    for (const w of result.warnings) log.info(`${name}: new file: ${w.severity} ${w.code} at 0x${w.offset.toString(16)}: ${w.message}`);
    const open = [...documents.of(jsc), ...(result.summary.jsChanged ? documents.of(vscode.Uri.file(result.jsPath)) : [])];
    for (const document of open) document.post({ type: 'regenerated', summary: result.summary.text });
    await Promise.all(open.map((d) => d.refresh()));
    this.services.refreshTextViews(jsc);
    const details = vscode.l10n.t('Show Details');
    void vscode.window.showInformationMessage(vscode.l10n.t('Regenerated {0}: {1}', name, compactSummary(result.summary.text)), details).then((choice) => {
      if (choice === details) log.show(true);
    });
  }

  private failed(name: string, error: unknown): void {
    const { log } = this.services;
    const message = error instanceof Error ? error.message : String(error);
    const reason = error instanceof RegenerateError ? error.reason : 'io';
    const d = error instanceof RegenerateError ? error.details : {};
    log.error(
      `${name}: regeneration failed (${reason}): ${message}` + (d.argv ? `\n  command: ${JSON.stringify(d.argv)}` : '') + (d.stderr ? `\n  standard error:\n${d.stderr}` : ''),
    );
    if (reason === 'cancelled') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Regenerating {0} was cancelled. The .js and the .jsc were not changed.', name));
      return;
    }
    const showLog = vscode.l10n.t('Show Log');
    const copy = vscode.l10n.t('Copy Command');
    const command = error instanceof RegenerateError ? error.details.command : undefined;
    const actions = command ? [copy, showLog] : [showLog];
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not regenerate {0} ({1}): {2}', name, reason, message), ...actions).then((choice) => {
      if (choice === showLog) log.show(true);
      else if (choice === copy && command) void vscode.env.clipboard.writeText(command);
    });
  }
}
