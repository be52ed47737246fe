import { decodeBmesFrom, readJscText, windowOver, type BmesFile, type DecodeOptions } from '../bmes';
import type { CacheChecks } from '../protocol';
import { versionMismatchDiagnostic, withDiagnostics } from '../textView/versionMismatch';
import { bmesVerdict, NO_EXPECTATIONS } from '../verdict/bmesVerdict';
import { buildViewModel } from '../viewModel/buildViewModel';
import type { ViewModel } from '../viewModel/types';
import { expectationsOf } from './checks';
import type { ClosableRangeSource, HostLog } from './ports';

export type LiveState =
  | { readonly kind: 'decoded'; readonly generation: number; readonly file: BmesFile; readonly model: ViewModel; readonly checks?: CacheChecks }
  | { readonly kind: 'failed'; readonly generation: number; readonly message: string };

/** Bytes served by `read`, tagged with the generation of the decode whose file they come from. */
export interface ServedBytes {
  readonly generation: number;
  readonly offset: number;
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
 * before each decode: the decoder's options, the expected BMES version (`version-mismatch`), and the summary
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
 * model, and a generation that grows with every successful decode. `load` reopens the file each time, since a
 * rebuild may have replaced it by a rename. No `vscode` here: the editor layer wires it to watchers and panels.
 */
export class LiveBmesFile {
  private lease: Lease | null = null;
  private state: LiveState = { kind: 'failed', generation: 0, message: 'not read yet' };
  private generation = 0;
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

  /** (Re)opens and decodes the file; calls run one after another. Never rejects: failures become the state. */
  load(): Promise<LiveState> {
    const run = this.queue.then(() => this.loadNow());
    this.queue = run;
    return run;
  }

  private async loadNow(): Promise<LiveState> {
    if (this.disposed) return this.state;
    const started = performance.now();
    const plan = await this.planNow();
    let source: ClosableRangeSource;
    try {
      source = await this.open();
    } catch (error) {
      return this.fail(error);
    }
    let file: BmesFile;
    let model: ViewModel;
    let bytesRead: number;
    try {
      ({ file, bytesRead } = await decodeBmesFrom(source, plan?.options));
      if (plan) file = withDiagnostics(file, [versionMismatchDiagnostic(file, plan.expectedVersion)]);
      model = buildViewModel(file, bmesVerdict(file, planExpectations(plan)));
    } catch (error) {
      await source.close().catch(() => undefined);
      return this.fail(error);
    }
    if (this.disposed) {
      await source.close().catch(() => undefined);
      return this.state;
    }
    const generation = ++this.generation;
    this.swap({ source, generation, users: 0, retired: false });
    this.state = plan?.checks ? { kind: 'decoded', generation, file, model, checks: plan.checks } : { kind: 'decoded', generation, file, model };
    const ms = (performance.now() - started).toFixed(1);
    const share = file.size === 0 ? 100 : (100 * bytesRead) / file.size;
    this.log.info(
      `${this.name}: decoded ${file.size} bytes in ${ms} ms, read ${bytesRead} bytes (${share.toFixed(share < 1 ? 2 : 0)}%), ` +
        `${file.diagnostics.length} diagnostics, generation ${generation}`,
    );
    return this.state;
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

  /** Reads [offset, offset + length) clipped to the current file, from the current generation's source. */
  async read(offset: number, length: number): Promise<ServedBytes> {
    const lease = this.lease;
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
    const embedded = state.kind === 'decoded' ? state.file.jsc?.embeddedSource : null;
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
