import type { Attribution } from './attribution';
import { disassemble, type Disassembly } from './disassemble';
import type { BytecodeTree, CodeBlockNode, JscStringRef } from './model';
import type { OpcodeTable } from './opcodes';
import { constantText } from './treeText';
import { codeBlocksOf, stringText } from './walk';

/**
 * The tree as plain JSON (`bmes bytecode --json`): the header and diagnostics, then one flat entry per node in
 * pre-order (the top block first, index 0), each with its parent's index, so a consumer needs no recursion.
 */
export function treeJson(tree: BytecodeTree, attribution: Attribution, options: { payload?: Uint8Array; opcodes?: OpcodeTable | null; disassemble?: boolean } = {}): unknown {
  const disassembly = (block: CodeBlockNode): Disassembly | undefined => {
    if (!options.disassemble || !options.payload) return undefined;
    const s = block.instructions.span;
    const from = s.offset - tree.span.offset;
    return disassemble(options.payload.subarray(from, from + s.length), s.offset, options.opcodes ?? null);
  };
  const block = (b: CodeBlockNode) => ({
    record: b.record,
    region: b.region,
    codeType: b.codeType,
    parseMode: b.parseMode,
    registers: b.registers,
    instructions: { ...b.instructions.span, shared: b.instructions.shared },
    identifiers: b.identifiers.map(stringJson),
    constants: b.constants.map((c) => ({ index: c.index, kind: c.kind, type: c.value.type, text: constantText(c.value), offset: c.span.offset })),
    disassembly: disassembly(b),
  });
  return {
    payload: tree.span,
    header: tree.header,
    supported: tree.supported,
    topKind: tree.topKind,
    diagnostics: tree.diagnostics,
    bytes: {
      payload: attribution.payloadBytes,
      header: attribution.headerBytes,
      unattributed: attribution.unattributedBytes,
      lineRanges: attribution.lineRanges,
    },
    functions: attribution.functions.map((f, index) => {
      const fn = f.node;
      const common = { index, parent: f.parent, depth: f.depth, ownBytes: f.ownBytes, totalBytes: f.totalBytes, instructionBytes: f.instructionBytes, lines: f.lines };
      if (!fn) return { ...common, kind: tree.topKind, name: null, codeBlocks: tree.top ? [{ role: 'top', ...block(tree.top) }] : [] };
      return {
        ...common,
        kind: fn.kind,
        name: fn.name ? stringJson(fn.name) : null,
        parseMode: fn.parseMode,
        parameterCount: fn.parameterCount,
        strict: fn.strict,
        source: fn.source,
        span: fn.span,
        cut: fn.cut,
        codeBlocks: codeBlocksOf(fn).map((b) => ({ role: b === fn.call ? 'call' : 'construct', ...block(b) })),
      };
    }),
  };
}

function stringJson(ref: JscStringRef) {
  return { text: stringText(ref), form: ref.form, ordinal: ref.ordinal, offset: ref.slot.offset };
}
