import { artifactKindName, decodeArtifactFrom, type Artifact } from '../artifact/decodeArtifact';
import type { RangeReader } from '../artifact/rangeReader';
import { readJscText, windowOver, type BmesFile, type DecodeOptions, type Diagnostic } from '../bmes';
import { inspectModules } from '../artifact/inspect';
import { summarizeGraph } from '../bunExecutable/graphSummary';
import type { ExecutableFile } from '../bunExecutable/model';
import { readContents } from '../bunExecutable/moduleRecords';
import type { ModuleRecordResult } from '../bunRecord/moduleRecord';
import { buildExecutableViewModel, type ExecutableExtras } from '../viewModel/artifactViewModel';
import { modelOfArtifact } from './artifactModel';
import type { CacheChecks } from '../protocol';
import { NO_EXPECTATIONS } from '../verdict/bmesVerdict';
import { buildPreviewModel, MIN_PREVIEW_FILE, PREVIEW_BYTES } from '../viewModel/previewModel';
import type { ViewModel } from '../viewModel/types';
import { expectationsOf } from './checks';
import type { ClosableRangeSource, HostLog } from './ports';

export type LiveState =
  | {
      readonly kind: 'decoded';
      readonly generation: number;
      /** The BMES file, when the file is one (null for Bun's other containers). */
      readonly file: BmesFile | null;
      readonly artifact: Artifact;
      readonly model: ViewModel;
      /** Every diagnostic of the file (for an executable, of its modules too once they are checked). */
      readonly diagnostics: readonly Diagnostic[];
      /** Executables: the modules' details and records, once read (after the module list is shown). */
      readonly extras?: ExecutableExtras;
      readonly checks?: CacheChecks;
    }
  | { readonly kind: 'failed'; readonly generation: number; readonly message: string };

export { MIN_PREVIEW_FILE };

/** Past this many modules, module details are read when a module is opened, not all after the list. */
const MAX_MODULES_CHECKED_UP_FRONT = 5000;

/** Bytes served by `read`, tagged with the generation of the decode whose file they come from. */
export interface ServedBytes {
  readonly generation: number;
  readonly offset: number;
  readonly bytes: Uint8Array;
}

/** A file's header and first bytes, before its decode ends (the `preview` message). */
export interface FilePreview {
  readonly generation: number;
  readonly model: ViewModel;
  /** The file's first bytes, from offset 0 (up to PREVIEW_BYTES), in a buffer of their own. */
  readonly bytes: Uint8Array;
}

/** An open source and the number of reads still using it, so a reload never closes it under a read. */
interface Lease {
  readonly source: ClosableRangeSource;
  readonly generation: number;
  users: number;
  retired: boolean;
}

/**
 * What a decode checks the file against (the settings, the configured Bun, the source file), worked out
 * before each decode: the decoder's options, the expected BMES version (`version-mismatch`, or the decoder's own version diagnostic), and the summary
 * that goes to the webview.
 */
export interface DecodePlan {
  readonly options: DecodeOptions;
  readonly expectedVersion: number;
  readonly checks: CacheChecks | null;
}

/** [start, end) of a request clipped to a file of `size` bytes; empty (start = end) when it starts past the end. */
export function clipRange(offset: number, length: number, size: number): readonly [start: number, end: number] {
  const start = Math.min(offset, size);
  return [start, Math.min(start + length, size)];
}

/** A view that spans its whole buffer, so posting it to a webview transfers exactly these bytes. */
export function tightBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** What a decode with this plan checks the file against, as the verdict reports it. */
function planExpectations(plan: DecodePlan | null) {
  if (!plan) return NO_EXPECTATIONS;
  return plan.checks ? expectationsOf(plan.checks) : { ...NO_EXPECTATIONS, version: plan.expectedVersion };
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One BMES file as the host sees it: the source kept open (positioned reads), the decoded file and its view
 * model, and a generation that grows with every decode (taken when the file is opened, so a preview has it). `load` reopens the file each time, since a
 * rebuild may have replaced it by a rename. No `vscode` here: the editor layer wires it to watchers and panels.
 */
export class LiveBmesFile {
  private lease: Lease | null = null;
  private reader: RangeReader | null = null;
  /** What the current decode was checked against (for the verdicts of models built later: modules, details). */
  private expectations = NO_EXPECTATIONS;
  /** Called when an executable's modules have been checked after the list was shown. */
  onDetails: ((state: LiveState) => void) | null = null;
  private state: LiveState = { kind: 'failed', generation: 0, message: 'not read yet' };
  private generation = 0;
  /** The source the decode in progress reads, under the generation it will have. */
  private pending: Lease | null = null;
  /** The preview of the load in progress (resolved once the header is read), and that of the last load. */
  private previewing: Promise<FilePreview | null> | null = null;
  private lastPreview: Promise<FilePreview | null> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly name: string,
    private readonly open: () => Promise<ClosableRangeSource>,
    private readonly log: HostLog,
    /** Called before every decode; without it, the file is decoded with no expectations. */
    private readonly plan?: () => Promise<DecodePlan>,
  ) {}

  get current(): LiveState {
    return this.state;
  }

  /** The state once every load started so far has finished. Never rejects. */
  settled(): Promise<LiveState> {
    return this.queue.then(() => this.state);
  }

  /**
   * (Re)opens and decodes the file; calls run one after another. Never rejects: failures become the state.
   * `decodeAfter`: the decode (not the preview) waits for it, e.g. until the editor's page is set, so that the
   * decode, which holds the extension host for a while on a big file, does not hold up the view's start.
   */
  load(decodeAfter?: Promise<unknown>): Promise<LiveState> {
    // The preview promise exists from now on, so that a `ready` that comes before the decode starts waits for it.
    let settle: (preview: FilePreview | null) => void = () => undefined;
    const previewing = new Promise<FilePreview | null>((resolve) => (settle = resolve));
    this.previewing = previewing;
    const run = this.queue
      .then(() => this.loadNow(settle, decodeAfter))
      .finally(() => {
        settle(null);
        if (this.previewing === previewing) this.previewing = null;
        this.lastPreview = previewing;
      });
    this.queue = run;
    return run;
  }

  private async loadNow(settlePreview: (preview: FilePreview | null) => void, decodeAfter?: Promise<unknown>): Promise<LiveState> {
    if (this.disposed) return this.state;
    const started = performance.now();
    // The plan (which may ask Bun) and the open run side by side: the preview needs only the file.
    const planning = this.planNow();
    const leasing = this.open().then((source): Lease => {
      const lease = { source, generation: ++this.generation, users: 0, retired: false };
      this.pending = lease;
      return lease;
    });
    leasing.then(
      (lease) => this.previewOf(lease).then(settlePreview),
      () => settlePreview(null),
    );
    try {
      return await this.decodeInto(leasing, planning, started, decodeAfter);
    } finally {
      this.pending = null;
    }
  }

  private async decodeInto(leasing: Promise<Lease>, planning: Promise<DecodePlan | null>, started: number, decodeAfter?: Promise<unknown>): Promise<LiveState> {
    const plan = await planning;
    const waitStarted = performance.now();
    await decodeAfter?.catch(() => undefined);
    const waited = performance.now() - waitStarted;
    let lease: Lease;
    try {
      lease = await leasing;
    } catch (error) {
      return this.fail(error);
    }
    const { source, generation } = lease;
    let decoded: { file: BmesFile | null; artifact: Artifact; model: ViewModel; diagnostics: readonly Diagnostic[] };
    let bytesRead: number;
    let reader: RangeReader;
    try {
      let artifact: Artifact;
      ({ artifact, bytesRead, reader } = await decodeArtifactFrom(source, plan?.options));
      this.expectations = planExpectations(plan);
      decoded = modelOfArtifact(artifact, plan ? plan.expectedVersion : null, this.expectations);
    } catch (error) {
      this.retire(lease);
      return this.fail(error);
    }
    if (this.disposed) {
      this.retire(lease);
      return this.state;
    }
    this.swap(lease);
    this.reader = reader;
    this.state = { kind: 'decoded', generation, ...decoded, ...(plan?.checks ? { checks: plan.checks } : {}) };
    if (decoded.artifact.kind === 'executable') void this.checkModules(generation, decoded.artifact, plan?.options);
    const size = source.size;
    const file = { size, diagnostics: decoded.diagnostics };
    const ms = (performance.now() - started - waited).toFixed(1);
    const share = file.size === 0 ? 100 : (100 * bytesRead) / file.size;
    this.log.info(
      `${this.name}: decoded ${file.size} bytes in ${ms} ms, read ${bytesRead} bytes (${share.toFixed(share < 1 ? 2 : 0)}%), ` +
        `${file.diagnostics.length} diagnostics, generation ${generation}: ${artifactKindName(decoded.artifact)}`,
    );
    return this.state;
  }

  /**
   * The header and first page of the file being decoded, as a preview model (null when it is small, not BMES,
   * or the read fails: the decode reports that). The first page is read once more by the decode; it is one page.
   */
  private async previewOf(lease: Lease): Promise<FilePreview | null> {
    if (lease.source.size < MIN_PREVIEW_FILE) return null;
    lease.users++;
    try {
      const length = Math.min(PREVIEW_BYTES, lease.source.size);
      const bytes = length > 0 ? tightBytes(await lease.source.read(0, length)) : new Uint8Array(0);
      const model = buildPreviewModel(bytes, lease.source.size);
      return model ? { generation: lease.generation, model, bytes } : null;
    } catch {
      return null;
    } finally {
      lease.users--;
      if (lease.retired && lease.users === 0) this.retire(lease);
    }
  }

  /**
   * The preview of the decode in progress once its header is read, else that of the current decode; null when
   * there is none, or the file is under MIN_PREVIEW_FILE or not BMES. Never rejects.
   */
  preview(): Promise<FilePreview | null> {
    if (this.previewing) return this.previewing;
    // Decoded already: the same preview goes first all the same, since the model of a big file takes a while to
    // travel and be shown, and the preview does not.
    const state = this.state;
    const last = this.lastPreview;
    if (!last || state.kind !== 'decoded') return Promise.resolve(null);
    return last.then((preview) => (preview && preview.generation === state.generation ? preview : null));
  }

  /**
   * After the module list is shown: every module's bytecode header and record, checked (ranged reads, a few pages
   * per module), then the state is updated and `onDetails` told. A newer decode makes the result moot.
   */
  private async checkModules(generation: number, exe: ExecutableFile, options: DecodeOptions | undefined): Promise<void> {
    const reader = this.reader;
    if (!reader || exe.modules.length > MAX_MODULES_CHECKED_UP_FRONT) return;
    try {
      const started = performance.now();
      const { modules: details, records, shared, diagnostics } = await inspectModules(reader, exe, options);
      const extras: ExecutableExtras = { details, records, shared, summary: summarizeGraph(exe, details, diagnostics), diagnostics };
      const state = this.state;
      if (generation !== this.generation || state.kind !== 'decoded' || this.disposed) return;
      this.state = { ...state, extras, diagnostics, model: buildExecutableViewModel(exe, extras, null, this.expectations) };
      this.log.info(`${this.name}: checked ${exe.modules.length} modules in ${(performance.now() - started).toFixed(1)} ms, ${diagnostics.length} diagnostics`);
      this.onDetails?.(this.state);
    } catch (error) {
      this.log.warn(`${this.name}: checking the modules: ${errorMessage(error)}`);
    }
  }

  /** The view model with one module of an executable open (its record, bytecode, location); null when not one. */
  moduleModel(index: number | null): ViewModel | null {
    const state = this.state;
    if (state.kind !== 'decoded' || state.artifact.kind !== 'executable') return null;
    if (index !== null && !state.artifact.modules[index]) return null;
    return buildExecutableViewModel(state.artifact, state.extras ?? null, index, this.expectations);
  }

  /** A module's contents as text, with the record's source positions, for the source document beside the view. */
  async moduleSource(index: number): Promise<{ readonly name: string; readonly text: string; readonly record: ModuleRecordResult | null } | null> {
    const state = this.state;
    const reader = this.reader;
    if (state.kind !== 'decoded' || state.artifact.kind !== 'executable' || !reader) return null;
    const module = state.artifact.modules[index];
    if (!module) return null;
    const contents = await readContents(reader, state.artifact, module);
    return contents ? { name: module.nameText, text: contents.text, record: state.extras?.records[index] ?? null } : null;
  }

  /** The plan for the next decode; a plan that fails is logged and the file decoded without expectations. */
  private async planNow(): Promise<DecodePlan | null> {
    if (!this.plan) return null;
    try {
      return await this.plan();
    } catch (error) {
      this.log.warn(`${this.name}: cannot work out what to check the file against: ${errorMessage(error)}`);
      return null;
    }
  }

  private fail(error: unknown): LiveState {
    const message = errorMessage(error);
    this.log.error(`${this.name}: cannot read: ${message}`);
    this.swap(null);
    this.reader = null;
    this.state = { kind: 'failed', generation: this.generation, message };
    return this.state;
  }

  private swap(next: Lease | null): void {
    const previous = this.lease;
    this.lease = next;
    if (previous) this.retire(previous);
  }

  private retire(lease: Lease): void {
    lease.retired = true;
    if (lease.users === 0) lease.source.close().catch((error: unknown) => this.log.warn(`${this.name}: closing: ${errorMessage(error)}`));
  }

  /**
   * Reads [offset, offset + length) clipped to the file, from the current generation's source, or from the
   * source being decoded when `generation` is its (a view showing its preview).
   */
  async read(offset: number, length: number, generation?: number): Promise<ServedBytes> {
    const pending = this.pending;
    const lease = pending && generation === pending.generation ? pending : this.lease;
    if (!lease) throw new Error(this.state.kind === 'failed' ? this.state.message : 'no file');
    lease.users++;
    try {
      const [start, end] = clipRange(offset, length, lease.source.size);
      const bytes = end > start ? await lease.source.read(start, end - start) : new Uint8Array(0);
      return { generation: lease.generation, offset: start, bytes: tightBytes(bytes) };
    } finally {
      lease.users--;
      if (lease.retired && lease.users === 0) this.retire(lease);
    }
  }

  /** The classic layout's embedded source text, or null when the current file has none. */
  async embeddedSource(): Promise<{ readonly generation: number; readonly text: string } | null> {
    const state = this.state;
    const embedded = state.kind === 'decoded' ? state.file?.jsc?.embeddedSource : null;
    if (!embedded) return null;
    const served = await this.read(embedded.offset, embedded.length);
    if (served.generation !== state.generation || served.bytes.length !== embedded.length) return null;
    return { generation: served.generation, text: readJscText(windowOver(served.bytes), { ...embedded, offset: 0 }, embedded.units) };
  }

  dispose(): void {
    this.disposed = true;
    this.swap(null);
  }
}
