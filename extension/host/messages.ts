import { parseQuery, searchFile } from '../find';
import { disassemble } from '../jscBytecode/disassemble';
import { parseWebviewMessage, type HostToWebview, type SplitPreference, type WebviewToHost } from '../protocol';
import type { ViewModel } from '../viewModel/types';
import { PREVIEW_BYTES } from '../viewModel/previewModel';
import type { FilePreview, LiveState } from './liveFile';
import type { OpcodeTableOutcome } from './opcodeTables';
import type { HostLog, Localize } from './ports';

/** One webview panel, as the message handler sees it. */
export interface WebviewPort {
  post(message: HostToWebview): PromiseLike<boolean>;
}

/** What a document offers the message handler (LiveBmesFile and the document's own state). */
export interface MessageContext {
  readonly fileName: string;
  readonly file: {
    readonly current: LiveState;
    /** The state once the decode in progress (if any) has finished; without it, `current` is taken as final. */
    settled?(): Promise<LiveState>;
    /** `generation`: the one the view shows (a preview's is the decode in progress); the current file otherwise. */
    read(offset: number, length: number, generation?: number): Promise<{ readonly generation: number; readonly offset: number; readonly bytes: Uint8Array }>;
    /** The header and first bytes of the decode in progress, once read; null when there is none. */
    preview?(): Promise<FilePreview | null>;
    embeddedSource(): Promise<{ readonly generation: number; readonly text: string } | null>;
    moduleModel(index: number | null): ViewModel | null;
  };
  /** Executables: this panel now shows module `index` (null: the list); the document keeps it across reloads. */
  setOpenModule?(index: number | null): void;
  openModuleIndex?(): number | null;
  /** Called once a `ready` has been answered with what goes before the model (the preview, if any). */
  readyAnswered?(): void;
  /** Executables: open module `index`'s contents as a source document beside the inspector. */
  openModuleSource?(index: number): PromiseLike<unknown>;
  /**
   * The source the payload was compiled from (`module`: an executable's module, whose contents are its source; null:
   * the file beside the cache), or why none is known.
   */
  sourceText?(module: number | null): Promise<{ readonly name: string; readonly text: string } | { readonly missing: string }>;
  /** Shows [start, end) (UTF-16 code units) of that source in a document beside the inspector. */
  revealSource?(start: number, end: number, module: number | null): PromiseLike<unknown>;
  /** The opcode table that names this file's instructions (the configured Bun's, or an executable's own), or why none. */
  opcodeTable?(): Promise<OpcodeTableOutcome>;
  /** True while the file is gone from disk. */
  isDeleted(): boolean;
  copy(text: string): PromiseLike<void>;
  /** The view asked for "Regenerate cache" (the command checks trust and everything else itself). */
  regenerate?(): PromiseLike<unknown>;
  /** The split the user last chose in any inspector (a global memento); absent: not remembered. */
  readonly layout?: {
    get(): SplitPreference | null;
    set(split: SplitPreference): PromiseLike<void>;
  };
  readonly log: HostLog;
  readonly t: Localize;
}

/** The message that tells a webview the current state: the model (or `model`, a module's), or why there is none. */
export function stateMessage(state: LiveState, fileName: string, t: Localize, model?: ViewModel | null): HostToWebview {
  const shown = model ?? (state.kind === 'decoded' ? state.model : null);
  return state.kind === 'decoded' && shown
    ? state.checks
      ? { type: 'model', generation: state.generation, fileName, model: shown, checks: state.checks }
      : { type: 'model', generation: state.generation, fileName, model: shown }
    : { type: 'failed', fileName, message: t('Cannot read {0}: {1}', fileName, state.kind === 'failed' ? state.message : 'no model') };
}

/** The message that shows a big file's header and first page while it is decoded. */
export function previewMessage(preview: FilePreview, fileName: string): HostToWebview {
  return { type: 'preview', generation: preview.generation, fileName, model: preview.model, bytes: preview.bytes };
}

/** The file's first page as the decode of `generation` reads it, or null if it cannot (the view then reads it itself). */
async function firstPage(ctx: MessageContext, generation: number, size: number): Promise<Uint8Array | null> {
  try {
    const served = await ctx.file.read(0, Math.min(PREVIEW_BYTES, size), generation);
    return served.generation === generation && served.offset === 0 ? served.bytes : null;
  } catch {
    return null;
  }
}

/** A short, single-line description of a rejected message for the log (never the whole payload). */
export function describeMessage(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = Object.prototype.toString.call(raw);
  }
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The latest find of each view: an older one still scanning stops at its next chunk. */
const latestFind = new WeakMap<WebviewPort, number>();

/** Runs a find over the current file with ranged reads; stops when a newer find or a new decode comes. */
async function answerFind(message: Extract<WebviewToHost, { type: 'find' }>, port: WebviewPort, ctx: MessageContext): Promise<void> {
  const { requestId, generation } = message;
  latestFind.set(port, requestId);
  const state = ctx.file.current;
  const parsed = parseQuery(message.query);
  if (!parsed.ok) return void (await port.post({ type: 'requestFailed', requestId, message: parsed.message }));
  if (state.kind !== 'decoded' || state.generation !== generation) {
    return void (await port.post({ type: 'requestFailed', requestId, message: ctx.t('The file changed: search again.') }));
  }
  let changed = false;
  const read = async (offset: number, length: number) => {
    const served = await ctx.file.read(offset, length);
    if (served.generation !== generation) changed = true;
    return served.bytes;
  };
  try {
    const result = await searchFile(read, state.model.size, parsed.pattern, undefined, () => changed || latestFind.get(port) !== requestId);
    if (result.cancelled) {
      if (changed) await port.post({ type: 'requestFailed', requestId, message: ctx.t('The file changed: search again.') });
      return;
    }
    await port.post({
      type: 'found',
      requestId,
      generation,
      length: parsed.pattern.length,
      offsets: Float64Array.from(result.offsets),
      count: result.count,
      countCapped: result.countCapped,
    });
  } catch (error) {
    ctx.log.error(`${ctx.fileName}: find: ${errorMessage(error)}`);
    await port.post({ type: 'requestFailed', requestId, message: ctx.t('Cannot search the file: {0}', errorMessage(error)) });
  }
}

/** Past this many instructions a stream is left as raw bytes (a view lists one function's, virtualized). */
const MAX_INSTRUCTIONS = 1 << 18;

async function answerReadSource(message: Extract<WebviewToHost, { type: 'readSource' }>, port: WebviewPort, ctx: MessageContext): Promise<void> {
  const { requestId, generation } = message;
  const state = ctx.file.current;
  if (state.generation !== generation) return void (await port.post({ type: 'requestFailed', requestId, message: ctx.t('The file changed.') }));
  if (!ctx.sourceText) return void (await port.post({ type: 'requestFailed', requestId, message: ctx.t('No source is known for this file.') }));
  try {
    const source = await ctx.sourceText(message.module);
    await port.post(
      'missing' in source ? { type: 'requestFailed', requestId, message: source.missing } : { type: 'sourceText', requestId, generation, name: source.name, text: source.text },
    );
  } catch (error) {
    ctx.log.error(`${ctx.fileName}: reading the source: ${errorMessage(error)}`);
    await port.post({ type: 'requestFailed', requestId, message: ctx.t('Cannot read the source: {0}', errorMessage(error)) });
  }
}

/** Reads one code block's stream (ranged) and names its instructions with the build's opcode table, when there is one. */
async function answerDisassemble(message: Extract<WebviewToHost, { type: 'disassemble' }>, port: WebviewPort, ctx: MessageContext): Promise<void> {
  const { requestId, generation } = message;
  try {
    const served = await ctx.file.read(message.offset, message.length);
    if (served.generation !== generation) return void (await port.post({ type: 'requestFailed', requestId, message: ctx.t('The file changed.') }));
    const outcome: OpcodeTableOutcome = ctx.opcodeTable ? await ctx.opcodeTable() : { missing: ctx.t('no opcode table: no Bun to read it from') };
    const table = 'table' in outcome ? outcome.table : null;
    const result = disassemble(served.bytes, served.offset, table, MAX_INSTRUCTIONS);
    await port.post({
      type: 'disassembly',
      requestId,
      generation,
      instructions: result.instructions,
      rest: result.rest,
      stopped: 'missing' in outcome ? outcome.missing : result.stopped,
      table: 'table' in outcome ? outcome.from : null,
    });
  } catch (error) {
    ctx.log.error(`${ctx.fileName}: disassembling ${message.length} bytes at 0x${message.offset.toString(16)}: ${errorMessage(error)}`);
    await port.post({ type: 'requestFailed', requestId, message: ctx.t('Cannot disassemble: {0}', errorMessage(error)) });
  }
}

/**
 * Answers one message from a webview. The webview renders file content, so every message is validated first;
 * anything malformed is logged and dropped. Requests that fail are answered with `requestFailed`.
 */
export async function handleWebviewMessage(raw: unknown, port: WebviewPort, ctx: MessageContext): Promise<void> {
  const message = parseWebviewMessage(raw);
  if (!message) {
    ctx.log.warn(`${ctx.fileName}: dropped an invalid message from the webview: ${describeMessage(raw)}`);
    return;
  }
  switch (message.type) {
    case 'ready': {
      // The webview starts while the file is still being decoded (the document does not wait for it). A big
      // file's header and first page go first (a preview, as soon as the header is read), so the view shows
      // them and the first hex rows while the model is decoded, sent and shown. A panel that showed a module
      // (and was reloaded, e.g. moved) shows it again.
      const split = ctx.layout?.get() ?? null;
      if (split) await port.post({ type: 'layout', split });
      const settled = ctx.file.settled ? ctx.file.settled() : Promise.resolve(ctx.file.current);
      const index = ctx.openModuleIndex?.() ?? null;
      const early = index === null && ctx.file.preview ? await ctx.file.preview() : null;
      if (early) await port.post(previewMessage(early, ctx.fileName));
      ctx.readyAnswered?.();
      const state = await settled;
      const answer = stateMessage(state, ctx.fileName, ctx.t, index === null ? null : ctx.file.moduleModel(index));
      // The first hex rows come with the model, unless the preview of the same decode just brought them (the view
      // keeps a generation's pages); a module's view shows other bytes first and reads them itself.
      const needsFirst = answer.type === 'model' && index === null && early?.generation !== answer.generation;
      const first = needsFirst ? await firstPage(ctx, answer.generation, answer.model.size) : null;
      await port.post(answer.type === 'model' && first ? { ...answer, bytes: first } : answer);
      if (ctx.isDeleted()) await port.post({ type: 'deleted' });
      return;
    }
    case 'readBytes': {
      const { requestId } = message;
      try {
        const served = await ctx.file.read(message.offset, message.length, message.generation);
        await port.post({ type: 'bytes', requestId, generation: served.generation, offset: served.offset, bytes: served.bytes });
      } catch (error) {
        ctx.log.error(`${ctx.fileName}: reading ${message.length} bytes at 0x${message.offset.toString(16)}: ${errorMessage(error)}`);
        await port.post({ type: 'requestFailed', requestId, message: ctx.t('Cannot read the bytes: {0}', errorMessage(error)) });
      }
      return;
    }
    case 'readEmbeddedSource': {
      const { requestId } = message;
      try {
        const source = await ctx.file.embeddedSource();
        await port.post(
          source
            ? { type: 'embeddedSource', requestId, generation: source.generation, text: source.text }
            : { type: 'requestFailed', requestId, message: ctx.t('This file has no embedded source text.') },
        );
      } catch (error) {
        ctx.log.error(`${ctx.fileName}: reading the embedded source: ${errorMessage(error)}`);
        await port.post({ type: 'requestFailed', requestId, message: ctx.t('Cannot read the embedded source: {0}', errorMessage(error)) });
      }
      return;
    }
    case 'copy':
      await ctx.copy(message.text);
      return;
    case 'find':
      await answerFind(message, port, ctx);
      return;
    case 'regenerate':
      if (ctx.regenerate) await ctx.regenerate();
      else ctx.log.warn(`${ctx.fileName}: the view asked to regenerate the cache, which is not available here`);
      return;
    case 'openModule': {
      const model = ctx.file.moduleModel(message.index);
      if (!model) {
        ctx.log.warn(`${ctx.fileName}: the view asked for module ${message.index}, which this file does not have`);
        return;
      }
      ctx.setOpenModule?.(message.index);
      await port.post(stateMessage(ctx.file.current, ctx.fileName, ctx.t, model));
      return;
    }
    case 'openModuleSource':
      if (ctx.openModuleSource) await ctx.openModuleSource(message.index);
      return;
    case 'layout':
      await ctx.layout?.set(message.split);
      return;
    case 'readSource':
      await answerReadSource(message, port, ctx);
      return;
    case 'revealSource':
      if (ctx.revealSource) await ctx.revealSource(message.start, message.end, message.module);
      else ctx.log.warn(`${ctx.fileName}: the view asked to reveal a source range, which is not available here`);
      return;
    case 'disassemble':
      await answerDisassemble(message, port, ctx);
      return;
  }
}
