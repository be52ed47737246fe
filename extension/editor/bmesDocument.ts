import * as vscode from 'vscode';
import { LiveBmesFile } from '../host/liveFile';
import { handleWebviewMessage, previewMessage, stateMessage, type MessageContext } from '../host/messages';
import type { Localize } from '../host/ports';
import type { SplitMemory } from '../host/splitMemory';
import type { HostToWebview } from '../protocol';
import type { CacheChecker } from './cacheChecker';
import { REGENERATE_CACHE } from './commandIds';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import { watchFile } from './fileWatcher';
import type { OpenCache, OpenDocuments } from './openDocuments';
import type { OpcodeTables } from '../host/opcodeTables';
import { revealRange, type ModuleSources } from './moduleSources';
import { openRangeSource } from './rangeSource';

const localize: Localize = (message, ...args) => vscode.l10n.t(message, ...args);

export interface DocumentServices {
  readonly log: vscode.LogOutputChannel;
  readonly moduleSources: ModuleSources;
  readonly problems: DiagnosticsPublisher;
  readonly checker: CacheChecker;
  readonly documents: OpenDocuments;
  /** The structure/bytes split shared by all inspectors. */
  readonly split: SplitMemory;
  readonly opcodeTables: OpcodeTables;
}

/** A source file larger than this is not sent to the Bytecode tab (line numbers and ranges need the whole text). */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/** A big file's first decode waits this long at most for the first panel's `ready` to be answered (a small file's not at all). */
const FIRST_PANEL_WAIT_MS = 1500;

/**
 * One open BMES file, shared by every editor panel showing it: owns the decoded file (LiveBmesFile, with its
 * source kept open), the file watchers (the cache and its source candidates) and the list of panels. Each
 * decode is checked against the settings, the configured Bun and the source (CacheChecker). VS Code disposes
 * it when its last editor closes.
 */
export class BmesDocument implements vscode.CustomDocument, OpenCache {
  private readonly panels = new Set<vscode.WebviewPanel>();
  /** Executables: the module each panel shows (null: the module list). */
  private readonly openModules = new Map<vscode.WebviewPanel, number | null>();
  private readonly watcher: vscode.Disposable;
  private readonly checksSubscription: vscode.Disposable;
  /** Watchers of the files the checks read (source candidates), by path. */
  private readonly sourceWatchers = new Map<string, vscode.Disposable>();
  private readonly live: LiveBmesFile;
  /** The source file the last check found for this cache (what the Bytecode tab reveals functions in). */
  private sourceFile: vscode.Uri | null = null;
  private disposed = false;
  private deleted = false;
  /** Settles once the first panel's page is set and the preview posted to it, or after FIRST_PANEL_WAIT_MS. */
  private readonly firstPanel: Promise<void>;
  private firstPanelReady: () => void = () => undefined;
  /** Counts settled disk events, so that a slow decode never overrides a later change or deletion. */
  private diskTurn = 0;
  readonly fileName: string;

  private constructor(
    readonly uri: vscode.Uri,
    private readonly services: DocumentServices,
  ) {
    this.fileName = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    this.firstPanel = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FIRST_PANEL_WAIT_MS);
      this.firstPanelReady = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    const label = uri.scheme === 'file' ? uri.fsPath : uri.toString();
    this.live = new LiveBmesFile(
      label,
      () => openRangeSource(uri),
      services.log,
      async () => {
        const plan = await services.checker.plan(uri);
        this.watchSources(plan.watch);
        this.sourceFile = plan.source;
        return plan;
      },
    );
    this.live.onDetails = () => {
      this.publishProblems();
      this.broadcastState();
    };
    this.watcher = watchFile(uri, (exists) => void this.onDiskChange(exists));
    this.checksSubscription = services.checker.onDidChange(() => void this.refresh());
    services.documents.add(this);
  }

  /**
   * Starts reading the file and returns at once, so that VS Code creates the webview while the file is decoded and
   * checked: the webview's start and the decode overlap, and its `ready` waits for the decode (messages.ts). The
   * decode itself waits for the first panel (attach): on a big file it keeps the extension host busy for a while,
   * and VS Code's call that creates the panel, and the preview posted to it, must not wait behind it.
   */
  static open(uri: vscode.Uri, services: DocumentServices): Promise<BmesDocument> {
    const document = new BmesDocument(uri, services);
    void document.live.load(document.firstPanel).then(() => {
      if (!document.disposed) document.publishProblems();
    });
    return Promise.resolve(document);
  }

  /** Decodes and checks again (after a regeneration, or when what the file is checked against changed). */
  async refresh(): Promise<void> {
    let exists = true;
    try {
      await vscode.workspace.fs.stat(this.uri);
    } catch {
      exists = false;
    }
    await this.onDiskChange(exists, 'checking again');
  }

  post(message: HostToWebview): void {
    this.broadcast(message);
  }

  postToActive(message: HostToWebview): boolean {
    const panel = [...this.panels].find((p) => p.active);
    if (!panel) return false;
    panel.webview.postMessage(message).then(undefined, (error: unknown) => this.services.log.warn(`${this.fileName}: post failed: ${String(error)}`));
    return true;
  }

  /** Watches exactly `paths` (the source candidates): a source that appears, changes or goes means checking again. */
  private watchSources(paths: readonly string[]): void {
    // A check that finishes after the document closed must not leave watchers behind.
    const wanted = new Set(this.disposed ? [] : paths);
    for (const [path, watcher] of this.sourceWatchers) {
      if (wanted.has(path)) continue;
      watcher.dispose();
      this.sourceWatchers.delete(path);
    }
    for (const path of wanted) {
      if (this.sourceWatchers.has(path)) continue;
      this.sourceWatchers.set(
        path,
        watchFile(vscode.Uri.file(path), () => {
          this.services.log.info(`${this.fileName}: the source ${path} changed, checking again`);
          void this.refresh();
        }),
      );
    }
  }

  /** Connects an editor panel: its messages, its lifetime, and the Problems entries while any panel is open. */
  attach(panel: vscode.WebviewPanel): void {
    this.panels.add(panel);
    const context: MessageContext = {
      fileName: this.fileName,
      file: this.live,
      isDeleted: () => this.deleted,
      copy: (text) => vscode.env.clipboard.writeText(text),
      log: this.services.log,
      t: localize,
      regenerate: () => vscode.commands.executeCommand(REGENERATE_CACHE, this.uri),
      layout: this.services.split,
      setOpenModule: (index) => this.openModules.set(panel, index),
      openModuleIndex: () => this.openModules.get(panel) ?? null,
      openModuleSource: async (index) => {
        const module = await this.live.moduleSource(index);
        if (module) await this.services.moduleSources.show(this.uri, index, module);
        else void vscode.window.showWarningMessage(vscode.l10n.t('Module {0} has no readable contents.', index));
      },
      sourceText: (module) => this.sourceText(module),
      revealSource: (start, end, module) => this.revealSource(start, end, module),
      opcodeTable: () => this.opcodeTable(),
      readyAnswered: () => this.firstPanelReady(),
    };
    const port = { post: (message: HostToWebview) => panel.webview.postMessage(message) };
    const subscription = panel.webview.onDidReceiveMessage((raw: unknown) =>
      handleWebviewMessage(raw, port, context).catch((error: unknown) => this.services.log.error(`${this.fileName}: ${String(error)}`)),
    );
    panel.onDidDispose(() => {
      subscription.dispose();
      this.panels.delete(panel);
      this.openModules.delete(panel);
      this.services.log.debug(`${this.fileName}: editor closed, ${this.panels.size} still open`);
      this.publishProblems();
    });
    this.services.log.debug(`${this.fileName}: editor opened, ${this.panels.size} open`);
    this.publishProblems();
    // A big file's preview goes now, without waiting for the page's `ready`: VS Code keeps it until the page has
    // loaded, so the header and first hex rows show as the page starts, not after a round trip through an extension
    // host that is decoding by then. Should it come before the page listens, the answer to `ready` brings it again.
    // A big file's decode (a synchronous stretch of the extension host) waits until the page's `ready` has been
    // answered with the preview, or FIRST_PANEL_WAIT_MS: VS Code may hand a pushed message to a page that is not
    // listening yet, and then the answer to `ready` is what paints, which a decode running by then would hold back.
    // A small file, with no preview, decodes at once.
    void this.live
      .preview()
      .then((early) => {
        if (!early || !this.panels.has(panel) || this.openModules.has(panel)) return this.firstPanelReady();
        panel.webview
          .postMessage(previewMessage(early, this.fileName))
          .then(undefined, (error: unknown) => this.services.log.warn(`${this.fileName}: post failed: ${String(error)}`));
      })
      .catch(() => this.firstPanelReady());
  }

  /** The Bytecode tab's source: an executable module's contents, or the source file found beside the cache. */
  private async sourceText(module: number | null): Promise<{ readonly name: string; readonly text: string } | { readonly missing: string }> {
    if (module !== null) {
      const found = await this.live.moduleSource(module);
      return found ? { name: found.name, text: found.text } : { missing: vscode.l10n.t('Module {0} has no readable contents.', module) };
    }
    const source = this.sourceFile;
    if (!source) return { missing: vscode.l10n.t('No source file found for this cache (bmesInspector.sourcePatterns), so functions cannot be shown in their source.') };
    const { size } = await vscode.workspace.fs.stat(source);
    if (size > MAX_SOURCE_BYTES) return { missing: vscode.l10n.t('The source {0} is larger than {1} MB.', vscode.workspace.asRelativePath(source, false), MAX_SOURCE_BYTES >> 20) };
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
    return { name: vscode.workspace.asRelativePath(source, false), text };
  }

  /** Selects [start, end) of the Bytecode tab's source in a document beside the inspector, the focus kept here. */
  private async revealSource(start: number, end: number, module: number | null): Promise<void> {
    if (module !== null) {
      const found = await this.live.moduleSource(module);
      if (found) await this.services.moduleSources.show(this.uri, module, found, { start, end });
      else void vscode.window.showWarningMessage(vscode.l10n.t('Module {0} has no readable contents.', module));
      return;
    }
    if (!this.sourceFile) {
      this.services.log.warn(`${this.fileName}: the view asked to reveal a source range, but no source file is known`);
      return;
    }
    await revealRange(await vscode.workspace.openTextDocument(this.sourceFile), start, end);
  }

  /** An executable's own opcode table (it is a Bun), else the configured Bun's; read, never run. */
  private opcodeTable() {
    const state = this.live.current;
    if (state.kind === 'decoded' && state.artifact.kind === 'executable') {
      const source = { size: state.model.size, read: async (offset: number, length: number) => (await this.live.read(offset, length)).bytes };
      return this.services.opcodeTables.ofInspected(`${this.uri.toString()}#${state.generation}`, source, this.fileName);
    }
    return this.services.opcodeTables.ofBun(this.services.checker.settings().bunPath);
  }

  private async onDiskChange(exists: boolean, why = 'changed on disk, decoding again'): Promise<void> {
    const turn = ++this.diskTurn;
    if (!exists) {
      if (this.deleted) return;
      this.deleted = true;
      this.services.log.info(`${this.fileName}: deleted on disk`);
      this.publishProblems();
      this.broadcast({ type: 'deleted' });
      return;
    }
    this.deleted = false;
    this.services.log.info(`${this.fileName}: ${why}`);
    await this.live.load();
    if (turn !== this.diskTurn) return; // a later event has taken over
    this.publishProblems();
    this.broadcastState();
  }

  /** The current state to every panel, each with the module it shows. */
  private broadcastState(): void {
    const state = this.live.current;
    for (const panel of this.panels) {
      const index = this.openModules.get(panel) ?? null;
      const model = index === null ? null : this.live.moduleModel(index);
      panel.webview
        .postMessage(stateMessage(state, this.fileName, localize, model))
        .then(undefined, (error: unknown) => this.services.log.warn(`${this.fileName}: post failed: ${String(error)}`));
    }
  }

  private broadcast(message: HostToWebview): void {
    for (const panel of this.panels) {
      panel.webview.postMessage(message).then(undefined, (error: unknown) => this.services.log.warn(`${this.fileName}: post failed: ${String(error)}`));
    }
  }

  /** Problems entries exist while at least one editor shows the file and the file is there. */
  private publishProblems(): void {
    const state = this.live.current;
    if (this.panels.size > 0 && !this.deleted && state.kind === 'decoded') this.services.problems.publish(this, this.uri, state.diagnostics);
    else this.services.problems.clear(this, this.uri);
  }

  dispose(): void {
    this.disposed = true;
    this.services.documents.remove(this);
    this.checksSubscription.dispose();
    for (const watcher of this.sourceWatchers.values()) watcher.dispose();
    this.sourceWatchers.clear();
    this.watcher.dispose();
    this.live.dispose();
    this.panels.clear();
    this.services.problems.clear(this, this.uri);
  }
}
