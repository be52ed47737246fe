import { decodeJscSection } from '../bmes/jsc';
import { windowOver } from '../bmes/byteWindow';
import { bunReleaseName, knownCacheVersion } from '../bmes/jscVersions';
import { CompactTreeDecoder } from './compact';
import type { BytecodeTree, StringTableResolver, TopKind, TreeHeader } from './model';
import { Malformed, PayloadReader, StepBudget } from './reader';
import { TreeSink } from './sink';
import { StringDecoder } from './strings';

export interface TreeOptions {
  /** Names and strings held as ordinals into an executable's shared string table (bun --compile). */
  readonly resolveString?: StringTableResolver;
  /** Units of work (records, array elements) the decoder may spend; the default scales with the payload. */
  readonly stepBudget?: number;
}

/**
 * The cache versions whose code-block tree this library decodes, with the decoder for each. The layout changes
 * with the WebKit revision, so the decoder is picked by cache version, never by the layout's fingerprint alone.
 */
const TREE_DECODERS: ReadonlyMap<number, 'compact-1.4.4'> = new Map([[0xf1f0ed26, 'compact-1.4.4']]);

/** Compact header fields (bmes-format §5, jsc-bytecode §2). */
const HEADER = { tag: 4, payloadSize: 12, provider: 16, sourceLength: 24, top: 44 } as const;
const TOP_KINDS: readonly (TopKind | null)[] = ['program', 'module', 'eval', 'builtin'];

/**
 * Decodes the code-block tree of one JavaScriptCore payload. `payload` is the payload's bytes and `fileOffset`
 * the absolute offset of its first byte, so every span in the result is a file offset. Never throws: damage
 * becomes diagnostics at offsets, and whatever was read before it is kept.
 */
export function decodeBytecodeTree(payload: Uint8Array, fileOffset: number, options: TreeOptions = {}): BytecodeTree {
  const sink = new TreeSink(fileOffset, payload.length);
  const span = { offset: fileOffset, length: payload.length };
  const section = decodeJscSection(windowOver(payload), 0, payload.length);
  const cacheVersion = section?.cacheVersion.value ?? 0;
  const known = knownCacheVersion(cacheVersion);
  const layout = section?.layout ?? 'unknown';
  const header: TreeHeader = {
    cacheVersion,
    layout,
    build: known && known.layout === layout ? bunReleaseName(cacheVersion) : null,
    tag: section?.tag?.value ?? null,
    payloadSize: section?.payloadSize?.value ?? null,
    sourceLength: section?.sourceLength ?? null,
    sourceOrigin: section?.sourceOrigin?.value ?? null,
  };
  const unsupported = (why: string): BytecodeTree => {
    sink.add('tree-build-unknown', { offset: fileOffset, length: Math.min(4, payload.length) }, why);
    return { span, header, supported: false, topKind: null, top: null, diagnostics: sink.list() };
  };
  if (!section) return unsupported('The payload is shorter than a JavaScriptCore cache version; there is no tree to show.');
  const version = `cache version 0x${cacheVersion.toString(16).toUpperCase().padStart(8, '0')}`;
  if (layout === 'unknown') {
    return unsupported(`The payload (${version}) has neither the classic nor the compact layout; only its cache version is shown.`);
  }
  if (!known || known.layout !== layout) {
    return unsupported(
      `This ${layout} payload (${version}) comes from a Bun build the tree decoder does not know; its layout changes with every WebKit revision, so only the header is shown.`,
    );
  }
  if (!TREE_DECODERS.has(cacheVersion)) {
    return unsupported(`${bunReleaseName(cacheVersion)} writes the classic layout (${version}), whose code-block tree this decoder does not read yet; only the header is shown.`);
  }

  const reader = new PayloadReader(payload, fileOffset);
  const budget = new StepBudget(options.stepBudget ?? 16 * payload.length + 10_000);
  const strings = new StringDecoder(reader, options.resolveString);
  const topKind = TOP_KINDS[reader.u32(HEADER.tag)] ?? null;
  let origin = header.sourceOrigin;
  try {
    origin = compactOrigin(reader, strings);
  } catch (error) {
    if (!(error instanceof Malformed)) throw error;
    sink.malformed(error, 'source provider');
  }
  let top = null;
  if (topKind === null || topKind === 'builtin') {
    sink.add(
      'tree-unrecognised-node',
      { offset: fileOffset + HEADER.tag, length: 4 },
      `The tag ${reader.u32(HEADER.tag)} names no program, module or eval code block; the tree is not decoded.`,
    );
  } else {
    try {
      const at = reader.pointer(HEADER.top, 'the top code block pointer');
      if (at !== null) top = new CompactTreeDecoder(reader, sink, budget, strings).top(at, topKind);
    } catch (error) {
      if (!(error instanceof Malformed)) throw error;
      sink.malformed(error, 'header');
    }
  }
  if (budget.exhausted) {
    sink.add(
      'tree-step-limit',
      span,
      'The decoder stopped after its work budget: the payload references far more structure than its size explains (nodes sharing the same arrays over and over); what was read is kept.',
    );
  }
  return { span, header: { ...header, sourceOrigin: origin }, supported: true, topKind, top, diagnostics: sink.list() };
}

/** The source origin URL: header → provider record → string provider → first string slot. */
function compactOrigin(reader: PayloadReader, strings: StringDecoder): string | null {
  const provider = reader.pointer(HEADER.provider, 'the source provider pointer');
  if (provider === null) return null;
  const stringProvider = reader.pointer(provider, 'the string source provider pointer');
  if (stringProvider === null) return null;
  return strings.slot(stringProvider).text;
}
