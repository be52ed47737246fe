import type { Attribution, FunctionBytes } from './attribution';
import { disassemble } from './disassemble';
import type { BytecodeTree, CodeBlockNode, ConstantValue, FunctionNode } from './model';
import type { OpcodeTable } from './opcodes';
import { codeBlocksOf, stringText } from './walk';

/**
 * The tree as text, one line per node (`bmes bytecode`): name, kind, parameters, source range and lines, sizes
 * (instructions, own, with children) and the record's offset; with a payload and an opcode table, each code
 * block's instructions as `offset mnemonic operands…`, raw bytes beyond what the table explains.
 */

export interface TreeTextOptions {
  /** The payload bytes (the tree's span), for disassembly; omit for the tree alone. */
  readonly payload?: Uint8Array;
  readonly opcodes?: OpcodeTable | null;
  readonly disassemble?: boolean;
  /** Text escaping for terminal output (control characters), applied to every string from the file. */
  readonly printable?: (text: string) => string;
}

const MAX_LIST = 100;

export function treeText(tree: BytecodeTree, attribution: Attribution, options: TreeTextOptions = {}): string[] {
  const show = options.printable ?? ((t: string) => t);
  const h = tree.header;
  const lines: string[] = [];
  const version = `0x${h.cacheVersion.toString(16).toUpperCase().padStart(8, '0')}`;
  lines.push(
    `JavaScriptCore bytecode at ${hex(tree.span.offset)}, ${tree.span.length} bytes: cache version ${version} (${h.build ?? 'unknown build'}, ${h.layout} layout)` +
      (tree.topKind ? `, ${tree.topKind}` : '') +
      (h.sourceLength !== null ? `, source ${h.sourceLength} code units` : '') +
      (h.sourceOrigin ? `, origin ${show(h.sourceOrigin)}` : ''),
  );
  if (!tree.supported || !tree.top) return lines;
  const ratio = h.sourceLength ? ` (${(attribution.payloadBytes / h.sourceLength).toFixed(2)}× the source)` : '';
  const count = attribution.functions.length - 1;
  lines.push(
    `${count} function${count === 1 ? '' : 's'}; ${attribution.payloadBytes} bytes${ratio}: header ${attribution.headerBytes}, code blocks and functions ${attribution.payloadBytes - attribution.headerBytes - attribution.unattributedBytes}, not attributed ${attribution.unattributedBytes}`,
  );
  for (const entry of attribution.functions) {
    const indent = '  '.repeat(entry.depth);
    const blocks = entry.node ? codeBlocksOf(entry.node) : [tree.top];
    lines.push(indent + nodeLine(tree, entry, show));
    for (const block of blocks) {
      for (const extra of blockDetails(block, show)) lines.push(`${indent}    ${extra}`);
      if (options.disassemble && options.payload) {
        for (const text of disassemblyLines(block, tree, options.payload, options.opcodes ?? null)) lines.push(`${indent}    ${text}`);
      }
    }
  }
  return lines;
}

function nodeLine(tree: BytecodeTree, entry: FunctionBytes, show: (t: string) => string): string {
  const sizes = `instructions ${entry.instructionBytes} B, own ${entry.ownBytes} B, total ${entry.totalBytes} B`;
  const fn = entry.node;
  if (!fn) return `${tree.topKind} code block at ${hex(tree.top!.record.offset)}: ${sizes}`;
  const name = stringText(fn.name);
  const range = fn.source ? ` [${fn.source.functionStart}–${fn.source.functionEnd + 1})` : ' (no source range of its own)';
  const lineText = entry.lines ? (entry.lines.first === entry.lines.last ? ` line ${entry.lines.first}` : ` lines ${entry.lines.first}–${entry.lines.last}`) : '';
  const params = `${fn.parameterCount} param${fn.parameterCount === 1 ? '' : 's'}`;
  const lazy = !fn.call && !fn.construct ? ', body not generated (lazy)' : '';
  const cut = fn.cut ? ', cut (see diagnostics)' : '';
  return `ƒ ${name === null ? '(anonymous)' : show(name)} ${fn.kind}${range}${lineText}, ${params}: ${sizes} at ${hex(fn.span.offset)}${lazy}${cut}`;
}

function blockDetails(block: CodeBlockNode, show: (t: string) => string): string[] {
  const out: string[] = [];
  const r = block.registers;
  out.push(
    `${block.codeType} code block at ${hex(block.record.offset)}: ${block.instructions.count} instruction bytes at ${hex(block.instructions.span.offset)}${block.instructions.shared ? ' (shared with an earlier block)' : ''}, ${r.numVars} vars, ${r.numCalleeLocals} callee locals, ${r.numParameters} parameters with this`,
  );
  if (block.identifiers.length) out.push(`identifiers: ${list(block.identifiers.map((i) => show(stringText(i) ?? 'null')))}`);
  if (block.constants.length) out.push(`constants: ${list(block.constants.map((c) => constantText(c.value, show)))}`);
  return out;
}

function disassemblyLines(block: CodeBlockNode, tree: BytecodeTree, payload: Uint8Array, table: OpcodeTable | null): string[] {
  const s = block.instructions.span;
  const from = s.offset - tree.span.offset;
  const d = disassemble(payload.subarray(from, from + s.length), s.offset, table);
  const out = d.instructions.map((i) => `${hex(i.offset)}  ${i.width > 1 ? `${i.name}/w${i.width * 8}` : i.name}${i.operands.length ? ' ' + i.operands.join(', ') : ''}`);
  if (d.rest) {
    const at = d.rest.offset - tree.span.offset;
    const raw = payload.subarray(at, at + Math.min(d.rest.length, 64));
    const bytes = Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join(' ');
    out.push(`${hex(d.rest.offset)}  raw ${d.rest.length} bytes${d.stopped ? ` (${d.stopped})` : ''}: ${bytes}${d.rest.length > 64 ? ' …' : ''}`);
  }
  return out;
}

export function constantText(value: ConstantValue, show: (t: string) => string = (t) => t): string {
  switch (value.type) {
    case 'string':
      return value.string.text !== null ? JSON.stringify(show(value.string.text)) : (stringText(value.string) ?? 'null');
    case 'int32':
    case 'double':
      return String(value.value);
    case 'literal':
      return value.text;
    case 'other':
      return `<kind ${value.kind}>`;
  }
}

function list(items: string[]): string {
  const shown = items.slice(0, MAX_LIST).join(' ');
  return items.length > MAX_LIST ? `${shown} … (${items.length - MAX_LIST} more)` : shown;
}

function hex(n: number): string {
  return '0x' + n.toString(16);
}

/** The functions with the most own bytes, largest first. */
export function largestFunctions(attribution: Attribution, count: number): (FunctionBytes & { node: FunctionNode })[] {
  return attribution.functions
    .filter((f): f is FunctionBytes & { node: FunctionNode } => f.node !== null)
    .sort((a, b) => b.ownBytes - a.ownBytes)
    .slice(0, count);
}
