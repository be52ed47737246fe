/**
 * The one message protocol between the extension host and the webview. Data flows host → webview: the
 * decoded view model once per decode, then byte pages on request. The webview asks only for what it shows.
 * Types and validation only: both sides import this file, neither imports the other.
 */
import { MAX_QUERY_TEXT, type FindQuery } from './find/pattern';
import type { Instruction } from './jscBytecode/disassemble';
import type { Span } from './jscBytecode/model';
import type { ViewModel } from './viewModel/types';

/** The largest byte range the webview may ask for at once (a hex page). */
export const MAX_READ_LENGTH = 1024 * 1024;
/** The largest text the webview may ask the host to put on the clipboard. */
export const MAX_COPY_LENGTH = 64 * 1024 * 1024;
/** The longest instruction stream the host disassembles for the view at once (one function's code block). */
export const MAX_DISASSEMBLE_LENGTH = 16 * 1024 * 1024;
/** Source positions are UTF-16 code units; no source the view is sent is longer. */
export const MAX_SOURCE_OFFSET = 0x7fffffff;

/**
 * The split between the structure and the bytes, as the user last left it: the structure pane's share of the
 * axis (null: the default) and the side collapsed. The host remembers it across editors (a global memento).
 */
export interface SplitPreference {
  readonly structure: number | null;
  readonly collapsed: 'none' | 'structure' | 'bytes';
}

/** A well-formed split preference, or null (both sides check what they receive, and what a memento held). */
export function parseSplitPreference(value: unknown): SplitPreference | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const s = v['structure'];
  const c = v['collapsed'];
  if (!(s === null || (typeof s === 'number' && Number.isFinite(s) && s > 0 && s < 1))) return null;
  if (c !== 'none' && c !== 'structure' && c !== 'bytes') return null;
  return { structure: s, collapsed: c };
}

/**
 * What the host checked the cache against (settings, the configured Bun, the source file beside it). The
 * mismatches themselves are diagnostics in the model (`version-mismatch`, `jsc-version-mismatch`,
 * `source-mismatch`), so the view marks the fields they concern.
 */
export interface CacheChecks {
  readonly expectedVersion: number;
  /** null when unknown (no Bun found, or the setting is empty). */
  readonly expectedJscVersion: number | null;
  /** Where the expected cache version came from, e.g. "Bun 1.4.5 (1.4.5+a7733435c)" or "setting". */
  readonly expectedJscVersionFrom: string | null;
  /** Why no cache version could be expected, e.g. "Bun not found at 'bun'". */
  readonly jscVersionProblem: string | null;
  /** The source file the cache was checked against, workspace-relative; null when none was found. */
  readonly sourcePath: string | null;
  /** Whether "Regenerate cache" can run here; when not, every reason (an untrusted workspace, no usable Bun…). */
  readonly canRegenerate: boolean;
  /** Each reason a full sentence, in the order the user would fix them; empty when it can run. */
  readonly regenerateDisabledReasons: readonly string[];
}

export type HostToWebview =
  /** Sent after `ready` and after every change on disk; `generation` grows with each decode of the file. */
  | {
      readonly type: 'model';
      readonly generation: number;
      readonly fileName: string;
      readonly model: ViewModel;
      readonly checks?: CacheChecks;
      /**
       * In the answer to `ready`: the file's first bytes (offset 0, up to PREVIEW_BYTES, binary), so the hex view
       * shows its first rows with the header instead of after a `readBytes` of its own.
       */
      readonly bytes?: Uint8Array;
    }
  /**
   * Before the first `model` of a file whose decode takes a while: its header fields and size as a model with no
   * tables and nothing checked (`model.verdict` says so), and `bytes`, the file's first bytes (up to
   * PREVIEW_BYTES, offset 0, binary), so the hex view shows its first rows with no read. `generation` is the one
   * the `model` that follows will have; `readBytes` with it is served from the file being decoded.
   */
  | {
      readonly type: 'preview';
      readonly generation: number;
      readonly fileName: string;
      readonly model: ViewModel;
      readonly bytes: Uint8Array;
    }
  /** After "Regenerate cache" replaced the file: what changed, in words (the new model follows as 'model'). */
  | { readonly type: 'regenerated'; readonly summary: string }
  /** The file cannot be read at all (permissions, gone before the first read). */
  | { readonly type: 'failed'; readonly fileName: string; readonly message: string }
  /** The file was deleted on disk; the last model stays on screen, marked stale. */
  | { readonly type: 'deleted' }
  /** Answer to `readBytes`. `bytes` travels as binary, never as a JSON array. */
  | {
      readonly type: 'bytes';
      readonly requestId: number;
      readonly generation: number;
      readonly offset: number;
      readonly bytes: Uint8Array;
    }
  /** Answer to `readEmbeddedSource`. */
  | { readonly type: 'embeddedSource'; readonly requestId: number; readonly generation: number; readonly text: string }
  /**
   * Answer to `find`: where the pattern matches (the first MAX_FIND_OFFSETS, in file order, as binary) and how
   * often (counted up to a limit, `countCapped` past it). `length` is the pattern's length in bytes.
   */
  | {
      readonly type: 'found';
      readonly requestId: number;
      readonly generation: number;
      readonly length: number;
      readonly offsets: Float64Array;
      readonly count: number;
      readonly countCapped: boolean;
    }
  /**
   * Answer to `readSource`: the text the payload was compiled from (the `.js` beside a sidecar or BMES file, an
   * executable module's contents), and its name as shown to the user.
   */
  | { readonly type: 'sourceText'; readonly requestId: number; readonly generation: number; readonly name: string; readonly text: string }
  /**
   * Answer to `disassemble`: the stream's instructions as far as the opcode table explains them, the bytes left
   * raw (`rest`), why decoding stopped early or could not start (`stopped`, e.g. "no opcode table: …"), and which
   * Bun's table named them (`table`, null without one).
   */
  | {
      readonly type: 'disassembly';
      readonly requestId: number;
      readonly generation: number;
      readonly instructions: readonly Instruction[];
      readonly rest: Span | null;
      readonly stopped: string | null;
      readonly table: string | null;
    }
  /** A request could not be served. */
  | { readonly type: 'requestFailed'; readonly requestId: number; readonly message: string }
  /** The user ran "Go to Offset…" (Ctrl+G, which VS Code would otherwise take for Go to Line). */
  | { readonly type: 'goToOffset' }
  /** The host asks the view to select a byte range (e.g. a Problems-panel entry was opened). */
  | { readonly type: 'reveal'; readonly offset: number; readonly length: number }
  /** After `ready`, before the model: the split the user last chose in any inspector, for a view without its own. */
  | { readonly type: 'layout'; readonly split: SplitPreference };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'readBytes'; readonly requestId: number; readonly generation: number; readonly offset: number; readonly length: number }
  | { readonly type: 'readEmbeddedSource'; readonly requestId: number; readonly generation: number }
  | { readonly type: 'copy'; readonly text: string }
  /** Find in the whole file, run by the host over ranged reads (a big file never travels to the view). */
  | { readonly type: 'find'; readonly requestId: number; readonly generation: number; readonly query: FindQuery }
  /** The user chose "Regenerate cache" in the view (e.g. from a mismatch card). */
  | { readonly type: 'regenerate' }
  /** Executables: show one module (its record, bytecode and location), or the module list (null). */
  | { readonly type: 'openModule'; readonly index: number | null }
  /** Executables: open a module's contents as a read-only JavaScript document beside the inspector. */
  | { readonly type: 'openModuleSource'; readonly index: number }
  /** The user moved the splitter or collapsed a side: the host remembers it for the next editor. */
  | { readonly type: 'layout'; readonly split: SplitPreference }
  /** The Bytecode tab's source: the text its payload was compiled from (`module`: an executable's open module). */
  | { readonly type: 'readSource'; readonly requestId: number; readonly generation: number; readonly module: number | null }
  /**
   * The Bytecode tab selected a function: show [start, end) (UTF-16 code units) of the source it came from, in a
   * document beside the inspector (`module`: an executable's module, whose contents are the source).
   */
  | { readonly type: 'revealSource'; readonly start: number; readonly end: number; readonly module: number | null }
  /** The instructions of one code block's stream at [offset, offset + length), named by the build's opcode table. */
  | {
      readonly type: 'disassemble';
      readonly requestId: number;
      readonly generation: number;
      readonly offset: number;
      readonly length: number;
      readonly module: number | null;
    };

const isUint = (v: unknown, max = Number.MAX_SAFE_INTEGER): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;
const isModule = (v: unknown): v is number | null => v === null || isUint(v, 0xffffffff);

/**
 * Checks a message from the webview before the host acts on it: the webview renders file content, so the
 * host treats what it sends as untrusted. Returns null for anything malformed.
 */
export function parseWebviewMessage(value: unknown): WebviewToHost | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'readBytes':
      return isUint(m['requestId']) && isUint(m['generation']) && isUint(m['offset']) && isUint(m['length'], MAX_READ_LENGTH) && (m['length'] as number) > 0
        ? { type: 'readBytes', requestId: m['requestId'], generation: m['generation'], offset: m['offset'], length: m['length'] }
        : null;
    case 'readEmbeddedSource':
      return isUint(m['requestId']) && isUint(m['generation']) ? { type: 'readEmbeddedSource', requestId: m['requestId'], generation: m['generation'] } : null;
    case 'regenerate':
      return { type: 'regenerate' };
    case 'openModule':
      return m['index'] === null || isUint(m['index'], 0xffffffff) ? { type: 'openModule', index: m['index'] as number | null } : null;
    case 'openModuleSource':
      return isUint(m['index'], 0xffffffff) ? { type: 'openModuleSource', index: m['index'] } : null;
    case 'readSource':
      return isUint(m['requestId']) && isUint(m['generation']) && isModule(m['module'])
        ? { type: 'readSource', requestId: m['requestId'], generation: m['generation'], module: m['module'] }
        : null;
    case 'revealSource':
      return isUint(m['start'], MAX_SOURCE_OFFSET) && isUint(m['end'], MAX_SOURCE_OFFSET) && m['start'] <= m['end'] && isModule(m['module'])
        ? { type: 'revealSource', start: m['start'], end: m['end'], module: m['module'] }
        : null;
    case 'disassemble':
      return isUint(m['requestId']) && isUint(m['generation']) && isUint(m['offset']) && isUint(m['length'], MAX_DISASSEMBLE_LENGTH) && isModule(m['module'])
        ? { type: 'disassemble', requestId: m['requestId'], generation: m['generation'], offset: m['offset'], length: m['length'], module: m['module'] }
        : null;
    case 'copy':
      return typeof m['text'] === 'string' && m['text'].length <= MAX_COPY_LENGTH ? { type: 'copy', text: m['text'] } : null;
    case 'layout': {
      const split = parseSplitPreference(m['split']);
      return split ? { type: 'layout', split } : null;
    }
    case 'find': {
      const q = m['query'];
      if (!isUint(m['requestId']) || !isUint(m['generation']) || typeof q !== 'object' || q === null) return null;
      const query = q as Record<string, unknown>;
      const mode = query['mode'];
      const text = query['text'];
      if ((mode !== 'hex' && mode !== 'text') || typeof text !== 'string' || text.length > MAX_QUERY_TEXT || typeof query['caseSensitive'] !== 'boolean') return null;
      return { type: 'find', requestId: m['requestId'], generation: m['generation'], query: { mode, text, caseSensitive: query['caseSensitive'] } };
    }
    default:
      return null;
  }
}
