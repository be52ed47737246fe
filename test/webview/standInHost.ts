/**
 * A stand-in for the extension host, running in the test page around the webview's iframe (as VS Code runs
 * its webviews). It answers the real protocol from a file served over HTTP, reading it with Range requests
 * only where asked, so the page never holds more of a big file than the webview's own page cache:
 * - decodes with the real library (decodeArtifactFrom: any file kind) and builds the real view model; for an
 *   executable it checks the modules after posting the list, as the real host does, and answers `openModule`;
 * - answers `readBytes`, `readEmbeddedSource` and `find` (with the extension's own search), validating every message with the protocol's own parser;
 * - answers the Bytecode tab's `readSource` (an executable module's contents, or the `bytecodeSource` file of the
 *   config) and `disassemble` (the library's disassembler, with the opcode table read from the executable itself, or
 *   from the config's `opcodes` file, a real Bun served over HTTP), and records `revealSource` requests;
 * - records copies, reads and requests on `window.__host` for the tests, and lets them send `reveal`,
 *   `deleted`, a rebuilt `model`, `failed` or `regenerated`;
 * - checks the cache as the real host does when configured (the `config` query parameter, or `configure()`):
 *   decodes with an expected cache version and a source file's key, adds the `version-mismatch` diagnostic and
 *   sends `CacheChecks` with the model; `regenerate` requests are only recorded.
 * Bundled for the browser by test/webview/server.ts.
 */
import { decodeArtifactFrom, type Artifact } from '../../extension/artifact/decodeArtifact';
import { inspectModules } from '../../extension/artifact/inspect';
import type { RangeReader } from '../../extension/artifact/rangeReader';
import { fullSourceKey } from '../../extension/artifact/sourceKey';
import { type DecodeOptions, type RangeSource } from '../../extension/bmes';
import { summarizeGraph } from '../../extension/bunExecutable/graphSummary';
import { modelOfArtifact } from '../../extension/host/artifactModel';
import { buildExecutableViewModel, type ExecutableExtras } from '../../extension/viewModel/artifactViewModel';
import { decodeJscUnits } from '../../extension/bmes/jsc';
import { readContents } from '../../extension/bunExecutable/moduleRecords';
import { parseQuery, searchFile } from '../../extension/find';
import { disassemble } from '../../extension/jscBytecode/disassemble';
import { readOpcodeTable, type OpcodeTable } from '../../extension/jscBytecode/opcodes';
import { parseWebviewMessage, type CacheChecks, type HostToWebview, type SplitPreference, type WebviewToHost } from '../../extension/protocol';
import { expectationsOf } from '../../extension/host/checks';
import { NO_EXPECTATIONS } from '../../extension/verdict/bmesVerdict';
import { buildPreviewModel, MIN_PREVIEW_FILE, PREVIEW_BYTES } from '../../extension/viewModel/previewModel';
import type { ViewModel } from '../../extension/viewModel/types';

interface Read {
  readonly at: number;
  readonly offset: number;
  readonly length: number;
}

/** What the stand-in host checks the cache against, as the real host's settings, Bun probe and source discovery would. */
export interface StandInConfig {
  /** Sent with every model; absent: no checks (as an older host). */
  readonly checks?: CacheChecks;
  /** Decode with this expected cache version (a different one is `jsc-version-mismatch`). */
  readonly expectedJscVersion?: number;
  /** A file served under /files/: the cache is checked against its key (`source-mismatch`). */
  readonly source?: string;
  /** Add the host's `version-mismatch` diagnostic against this BMES version. */
  readonly expectedVersion?: number;
  /** The split remembered from other editors (the real host's global memento), sent after `ready`. */
  readonly split?: SplitPreference;
  /** A file under /files/: the source the Bytecode tab is given for a file that is not an executable. */
  readonly bytecodeSource?: string;
  /** A file under /files/ (a Bun executable): where the opcode table is read for a file that is not an executable. */
  readonly opcodes?: string;
}

export interface StandInHost {
  ready: boolean;
  started: boolean;
  generation: number;
  size: number;
  bytesRead: number;
  /** What the last decode read (decodeBmesFrom's own count): the header, the metadata, the bytecode's start. */
  decodeBytesRead: number;
  reads: Read[];
  requests: WebviewToHost[];
  invalid: unknown[];
  copies: string[];
  /** `regenerate` requests from the webview. */
  regenerates: number;
  /** `openModuleSource` requests from the webview (module indexes). */
  sourcesOpened: number[];
  /** `layout` messages from the webview: the splits the real host would remember. */
  layouts: SplitPreference[];
  /** `revealSource` requests from the webview. */
  revealed: { start: number; end: number; module: number | null }[];
  config: StandInConfig;
  /** Epoch milliseconds (performance.timeOrigin + now) of the last decode's start and of its model's post. */
  decodeStartedAt: number;
  /** When the decode returned, and when the view model was built (just before it was posted). */
  decodedAt: number;
  modelBuiltAt: number;
  modelPostedAt: number;
  start(): Promise<void>;
  /** As the extension host on the webview's `ready`: a preview first for a file from MIN_PREVIEW_FILE on, with the decode. */
  open(): Promise<void>;
  /** Posts the real host's preview (header and first page, before the model), as while a big file is decoded. */
  preview(): Promise<void>;
  rebuild(): Promise<void>;
  reveal(offset: number, length: number): void;
  goToOffset(): void;
  deleted(): void;
  fail(message: string): void;
  regenerated(summary: string): void;
  /** Replaces the checks and decodes again, posting a new model. */
  configure(config: StandInConfig): Promise<void>;
}

declare global {
  interface Window {
    __host: StandInHost;
  }
}

const now = () => performance.timeOrigin + performance.now();
const params = new URLSearchParams(location.search);
const fileName = params.get('file') ?? '';
const fileUrl = `/files/${encodeURIComponent(fileName)}`;
const manual = params.get('manual') === '1';
const stateParam = params.get('state');
const configParam = params.get('config');

class HttpRangeSource implements RangeSource {
  private constructor(
    readonly size: number,
    private readonly log: (offset: number, length: number) => void,
    private readonly url: string,
  ) {}

  static async open(log: (offset: number, length: number) => void, url = fileUrl): Promise<HttpRangeSource> {
    const head = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    if (!head.ok) throw new Error(`${url}: HTTP ${head.status}`);
    return new HttpRangeSource(Number(head.headers.get('content-length')), log, url);
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (end <= offset) return new Uint8Array(0);
    const response = await fetch(this.url, { headers: { Range: `bytes=${offset}-${end - 1}` }, cache: 'no-store' });
    if (response.status !== 206) throw new Error(`${this.url}: expected 206, got ${response.status}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    this.log(offset, bytes.length);
    return bytes;
  }
}

const host: StandInHost = {
  ready: false,
  started: false,
  generation: 0,
  size: 0,
  bytesRead: 0,
  decodeBytesRead: 0,
  reads: [],
  requests: [],
  invalid: [],
  copies: [],
  regenerates: 0,
  sourcesOpened: [],
  layouts: [],
  revealed: [],
  config: configParam ? (JSON.parse(configParam) as StandInConfig) : {},
  decodeStartedAt: 0,
  decodedAt: 0,
  modelBuiltAt: 0,
  modelPostedAt: 0,
  start: () => decodeAndPost(true),
  // What the extension host does once the webview is ready: a file from MIN_PREVIEW_FILE on gets a preview first,
  // while the decode (started when the document opened) runs.
  open: async () => {
    await Promise.all([postPreview(MIN_PREVIEW_FILE), decodeAndPost(true)]);
  },
  preview: () => postPreview(),
  rebuild: () => decodeAndPost(),
  reveal: (offset, length) => post({ type: 'reveal', offset, length }),
  goToOffset: () => post({ type: 'goToOffset' }),
  deleted: () => post({ type: 'deleted' }),
  fail: (message) => post({ type: 'failed', fileName, message }),
  regenerated: (summary) => post({ type: 'regenerated', summary }),
  configure: (config) => {
    host.config = config;
    return decodeAndPost();
  },
};
window.__host = host;

let source: HttpRangeSource | null = null;
let model: ViewModel | null = null;
let artifact: Artifact | null = null;
let extras: ExecutableExtras | null = null;
let openModule: number | null = null;
let reader: RangeReader | null = null;
/** The opcode table of this decode, read on the first `disassemble`. */
let opcodes: Promise<{ table: OpcodeTable; from: string } | { missing: string }> | null = null;
/** The generation a posted preview announced (the next model's); its `readBytes` are served too. */
let previewGeneration = -1;

const log = (offset: number, length: number) => {
  host.bytesRead += length;
  host.reads.push({ at: now(), offset, length });
};

if (stateParam !== null) sessionStorage.setItem('vscode-state', stateParam);
const iframe = document.createElement('iframe');
iframe.name = 'webview';
iframe.id = 'webview';
iframe.src = params.get('theme') ? `/webview.html?theme=${encodeURIComponent(params.get('theme')!)}` : '/webview.html';
document.body.appendChild(iframe);

function post(message: HostToWebview, transfer: Transferable[] = []): void {
  iframe.contentWindow?.postMessage(message, { targetOrigin: '*', transfer });
}

async function postPreview(minSize = 0): Promise<void> {
  source = await HttpRangeSource.open(log);
  host.size = source.size;
  if (source.size < minSize) return;
  const bytes = await source.read(0, Math.min(PREVIEW_BYTES, source.size));
  const preview = buildPreviewModel(bytes, source.size);
  if (!preview) return;
  previewGeneration = host.generation + 1;
  post({ type: 'preview', generation: previewGeneration, fileName, model: preview, bytes }, [bytes.buffer]);
}

/**
 * `answersReady`: the first model a view gets, which the real host sends with the file's first page (messages.ts),
 * unless a preview brought it (a BMES file from MIN_PREVIEW_FILE on).
 */
async function decodeAndPost(answersReady = false): Promise<void> {
  host.started = true;
  host.decodeStartedAt = now();
  try {
    source = await HttpRangeSource.open(log);
    host.size = source.size;
    const { config } = host;
    const options: DecodeOptions = {
      ...(config.expectedJscVersion !== undefined ? { expectedJscVersion: config.expectedJscVersion } : {}),
      ...(config.source ? { source: await sourceKey(config.source) } : {}),
    };
    const decoded = await decodeArtifactFrom(source, options);
    host.decodedAt = now();
    host.decodeBytesRead = decoded.bytesRead;
    const built = modelOfArtifact(decoded.artifact, config.expectedVersion ?? null, expectations());
    host.modelBuiltAt = now();
    artifact = built.artifact;
    reader = decoded.reader;
    opcodes = null;
    extras = null;
    openModule = null;
    model = built.model;
    host.generation++;
    const first = answersReady && source.size < MIN_PREVIEW_FILE ? await source.read(0, Math.min(PREVIEW_BYTES, source.size)).catch(() => null) : null;
    post(first ? { ...modelMessage(model), bytes: first } : modelMessage(model), first ? [first.buffer] : []);
    if (artifact.kind === 'executable') void checkModules(decoded.reader, artifact, options, host.generation);
    host.modelPostedAt = now();
  } catch (error) {
    post({ type: 'failed', fileName, message: error instanceof Error ? error.message : String(error) });
  }
}

async function checkModules(reader: RangeReader, exe: Extract<Artifact, { kind: 'executable' }>, options: DecodeOptions, generation: number): Promise<void> {
  const inspected = await inspectModules(reader, exe, options);
  if (generation !== host.generation) return;
  extras = {
    details: inspected.modules,
    records: inspected.records,
    shared: inspected.shared,
    summary: summarizeGraph(exe, inspected.modules, inspected.diagnostics),
    diagnostics: inspected.diagnostics,
  };
  model = buildExecutableViewModel(exe, extras, openModule, expectations());
  post(modelMessage(model));
}

const expectations = () => (host.config.checks ? expectationsOf(host.config.checks) : NO_EXPECTATIONS);

function modelMessage(m: ViewModel): Extract<HostToWebview, { type: 'model' }> {
  return { type: 'model', generation: host.generation, fileName, model: m, ...(host.config.checks ? { checks: host.config.checks } : {}) };
}

async function sourceKey(name: string) {
  const response = await fetch(`/files/${encodeURIComponent(name)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return fullSourceKey(new Uint8Array(await response.arrayBuffer()));
}

async function answer(message: WebviewToHost): Promise<void> {
  switch (message.type) {
    case 'ready':
      host.ready = true;
      if (host.config.split) post({ type: 'layout', split: host.config.split });
      if (model) post(modelMessage(model));
      else if (!manual && !host.started) await decodeAndPost(true);
      return;
    case 'copy':
      host.copies.push(message.text);
      return;
    case 'regenerate':
      host.regenerates++;
      return;
    case 'openModule':
      if (artifact?.kind !== 'executable' || (message.index !== null && !artifact.modules[message.index])) return;
      openModule = message.index;
      model = buildExecutableViewModel(artifact, extras, openModule, expectations());
      post(modelMessage(model));
      return;
    case 'openModuleSource':
      host.sourcesOpened.push(message.index);
      return;
    case 'layout':
      host.layouts.push(message.split);
      return;
    case 'revealSource':
      host.revealed.push({ start: message.start, end: message.end, module: message.module });
      return;
    case 'readSource': {
      const source = await bytecodeSource(message.module).catch((error: unknown) => ({ missing: String(error) }));
      post(
        'missing' in source
          ? { type: 'requestFailed', requestId: message.requestId, message: source.missing }
          : { type: 'sourceText', requestId: message.requestId, generation: message.generation, name: source.name, text: source.text },
      );
      return;
    }
    case 'disassemble': {
      if (!source || message.generation !== host.generation) {
        post({ type: 'requestFailed', requestId: message.requestId, message: 'stale generation' });
        return;
      }
      const stream = await source.read(message.offset, message.length);
      opcodes ??= opcodeTable();
      const outcome = await opcodes;
      const result = disassemble(stream, message.offset, 'table' in outcome ? outcome.table : null);
      post({
        type: 'disassembly',
        requestId: message.requestId,
        generation: message.generation,
        instructions: result.instructions,
        rest: result.rest,
        stopped: 'missing' in outcome ? outcome.missing : result.stopped,
        table: 'table' in outcome ? outcome.from : null,
      });
      return;
    }
    case 'readBytes': {
      if (!source || (message.generation !== host.generation && message.generation !== previewGeneration)) {
        post({ type: 'requestFailed', requestId: message.requestId, message: 'stale generation' });
        return;
      }
      try {
        const bytes = await source.read(message.offset, Math.min(message.length, source.size - message.offset));
        post({ type: 'bytes', requestId: message.requestId, generation: message.generation, offset: message.offset, bytes }, [bytes.buffer]);
      } catch (error) {
        post({ type: 'requestFailed', requestId: message.requestId, message: String(error) });
      }
      return;
    }
    case 'find': {
      // The real host's search (extension/find) over this page's ranged reads, as the extension runs it.
      const parsed = parseQuery(message.query);
      if (!source || message.generation !== host.generation || !parsed.ok) {
        post({ type: 'requestFailed', requestId: message.requestId, message: parsed.ok ? 'stale generation' : parsed.message });
        return;
      }
      const from = source;
      const result = await searchFile((offset, length) => from.read(offset, length), from.size, parsed.pattern);
      const offsets = Float64Array.from(result.offsets);
      post(
        {
          type: 'found',
          requestId: message.requestId,
          generation: message.generation,
          length: parsed.pattern.length,
          offsets,
          count: result.count,
          countCapped: result.countCapped,
        },
        [offsets.buffer],
      );
      return;
    }
    case 'readEmbeddedSource': {
      const text = model?.jsc?.embeddedSource;
      if (!source || !text || message.generation !== host.generation) {
        post({ type: 'requestFailed', requestId: message.requestId, message: 'no embedded source' });
        return;
      }
      const bytes = await source.read(text.offset, text.length);
      post({ type: 'embeddedSource', requestId: message.requestId, generation: message.generation, text: decodeJscUnits(bytes, text.latin1) });
      return;
    }
  }
}

/** As the real host: an executable module's contents, else the source file beside the cache (here: the config's). */
async function bytecodeSource(module: number | null): Promise<{ name: string; text: string } | { missing: string }> {
  if (module !== null) {
    const m = artifact?.kind === 'executable' ? artifact.modules[module] : undefined;
    const contents = m && reader && artifact?.kind === 'executable' ? await readContents(reader, artifact, m) : null;
    return m && contents ? { name: m.nameText, text: contents.text } : { missing: `Module ${module} has no readable contents.` };
  }
  const name = host.config.bytecodeSource;
  if (!name) return { missing: 'No source file found for this cache (bmesInspector.sourcePatterns), so functions cannot be shown in their source.' };
  const response = await fetch(`/files/${encodeURIComponent(name)}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return { name, text: await response.text() };
}

/** As the real host: an executable's own table (it is a Bun), else the configured Bun's; read with ranged reads. */
async function opcodeTable(): Promise<{ table: OpcodeTable; from: string } | { missing: string }> {
  const fromFile =
    artifact?.kind === 'executable' ? source : host.config.opcodes ? await HttpRangeSource.open(() => undefined, `/files/${encodeURIComponent(host.config.opcodes)}`) : null;
  if (!fromFile) return { missing: "no opcode table: Bun not found at 'bun' (bmesInspector.bunPath)" };
  const from = artifact?.kind === 'executable' ? 'this executable' : `Bun at ${host.config.opcodes}`;
  const result = await readOpcodeTable(fromFile);
  return result.ok ? { table: result.table, from } : { missing: `no opcode table in ${from}: ${result.error}` };
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (event.source !== iframe.contentWindow) return;
  const message = parseWebviewMessage(event.data);
  if (!message) {
    host.invalid.push(event.data);
    return;
  }
  host.requests.push(message);
  void answer(message);
});
