import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { decodeBmes, type BmesFile } from '../bmes';
import { dumpHover } from '../host/dumpHover';
import type { HoverContext } from '../textView/hover';
import type { TextView } from '../textView/lineMap';
import { expectationsOf } from '../host/checks';
import { renderTextView } from '../textView/render';
import { bmesVerdict } from '../verdict/bmesVerdict';
import { withVersionCheck } from '../textView/versionMismatch';
import type { CacheChecker } from '../editor/cacheChecker';
import { REGENERATE_CACHE } from '../editor/commandIds';
import { SEVERITY } from '../editor/diagnosticsPublisher';
import { watchFile } from '../editor/fileWatcher';
import { baseName, DUMP_LANGUAGE, DUMP_SCHEME, fromDumpUri, isDumpUri } from './dumpUri';

/** What one text view shows, kept for its hovers. */
interface Rendered {
  readonly cache: vscode.Uri;
  readonly file: BmesFile;
  readonly view: TextView;
  readonly hover: HoverContext;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "BMES: Open as Text": the text of `bmes dump` for any cache, as a read-only document on the `bmes-dump`
 * scheme, checked like the inspector (settings, Bun, source). Refreshes when the cache or the checks change;
 * hovers explain fields and diagnostics; diagnostics sit on exact lines in their own collection, so the
 * binary file's Problems entries stay as they are.
 */
export class DumpViews implements vscode.TextDocumentContentProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly rendered = new Map<string, Rendered>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('bmes-dump');
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly checker: CacheChecker,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      this.changed,
      this.diagnostics,
      checker.onDidChange(() => this.refreshAll()),
      vscode.workspace.onDidOpenTextDocument((d) => this.opened(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
    ];
    for (const document of vscode.workspace.textDocuments) this.opened(document);
  }

  /** Renders the view again for a cache (e.g. after it was regenerated). */
  refresh(cache: vscode.Uri): void {
    for (const [key, r] of this.rendered) if (r.cache.toString() === cache.toString()) this.changed.fire(vscode.Uri.parse(key, true));
  }

  private refreshAll(): void {
    for (const key of this.watchers.keys()) this.changed.fire(vscode.Uri.parse(key, true));
  }

  private opened(document: vscode.TextDocument): void {
    if (!isDumpUri(document.uri)) return;
    if (document.languageId !== DUMP_LANGUAGE) void vscode.languages.setTextDocumentLanguage(document, DUMP_LANGUAGE).then(undefined, () => undefined);
    const key = document.uri.toString();
    const cache = fromDumpUri(document.uri);
    if (!cache || this.watchers.has(key)) return;
    this.watchers.set(
      key,
      watchFile(cache, () => this.changed.fire(document.uri)),
    );
  }

  private closed(document: vscode.TextDocument): void {
    if (!isDumpUri(document.uri)) return;
    const key = document.uri.toString();
    // Changing a document's language closes and reopens it: forget the view only if it stays closed.
    setTimeout(() => {
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) return;
      this.watchers.get(key)?.dispose();
      this.watchers.delete(key);
      this.rendered.delete(key);
      this.diagnostics.delete(document.uri);
    }, 0);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const cache = fromDumpUri(uri);
    if (!cache) return vscode.l10n.t('This is not the text view of a BMES file.') + '\n';
    const key = uri.toString();
    try {
      const [bytes, plan] = await Promise.all([vscode.workspace.fs.readFile(cache), this.checker.plan(cache)]);
      const decoded = decodeBmes(bytes, plan.options);
      const file = withVersionCheck(decoded, plan.expectedVersion);
      const sha256 = file.bytecode
        ? createHash('sha256')
            .update(bytes.subarray(file.bytecode.offset, file.bytecode.offset + file.bytecode.length))
            .digest('hex')
        : null;
      const view = renderTextView(vscode.workspace.asRelativePath(cache, false), file, sha256, bmesVerdict(file, expectationsOf(plan.checks)));
      this.rendered.set(key, { cache, file, view, hover: plan.hover });
      this.publish(uri, file, view);
      return view.text;
    } catch (error) {
      this.log.error(`${baseName(cache)}: text view: ${errorText(error)}`);
      this.rendered.delete(key);
      this.diagnostics.delete(uri);
      return vscode.l10n.t('Cannot read {0}: {1}', baseName(cache), errorText(error)) + '\n';
    }
  }

  /** Each diagnostic on the line of the structure it concerns, pointing also at its line in the list. */
  private publish(uri: vscode.Uri, file: BmesFile, view: TextView): void {
    const entries = file.diagnostics.map((d, i) => {
      const place = view.diagnostics[i]!;
      const at = (r: typeof place.primary) => new vscode.Range(r.line, r.start, r.line, r.end);
      const diagnostic = new vscode.Diagnostic(at(place.primary), d.message, SEVERITY[d.severity]);
      diagnostic.code = d.code;
      diagnostic.source = 'BMES Inspector';
      if (place.listed.line !== place.primary.line) {
        diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, at(place.listed)), vscode.l10n.t('Listed under Diagnostics'))];
      }
      return diagnostic;
    });
    this.diagnostics.set(uri, entries);
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const r = this.rendered.get(document.uri.toString());
    if (!r || position.line >= document.lineCount) return undefined;
    const regenerate =
      vscode.workspace.isTrusted && r.cache.scheme === 'file' ? { label: vscode.l10n.t('Regenerate cache'), command: REGENERATE_CACHE, args: [r.cache.toString()] } : null;
    const hover = dumpHover(r.view, r.file, position.line, r.hover, regenerate);
    if (!hover) return undefined;
    const markdown = new vscode.MarkdownString(hover.markdown);
    // File-derived text is escaped by the explainers; the only link that may run anything is Regenerate's.
    markdown.isTrusted = hover.hasCommandLink ? { enabledCommands: [REGENERATE_CACHE] } : false;
    markdown.supportHtml = false;
    const line = document.lineAt(position.line);
    return new vscode.Hover(markdown, new vscode.Range(position.line, line.firstNonWhitespaceCharacterIndex, position.line, line.text.length));
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}

export const DUMP_SELECTOR: vscode.DocumentSelector = { scheme: DUMP_SCHEME };
