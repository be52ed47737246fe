import type { BytecodeTree, CodeBlockNode, FunctionNode, Span } from './model';
import { positionsIn } from './sourcePositions';
import { codeBlocksOf } from './walk';

/**
 * Bytes per function and per source line range, summed up the tree: the answer to "why is my bytecode 2.5× my
 * source". A function owns its executable record and the regions of its code blocks (their arrays, the strings
 * allocated with them, and their records). Arrays shared with an earlier block lie in that block's region, so
 * they are counted once, where they are. Bytes no node owns (the header, the source provider, expression info
 * and other tables this decoder does not name) are reported as unattributed, so the figures always add up to
 * the payload.
 */

export interface FunctionBytes {
  /** null for the top code block (program or module). */
  readonly node: FunctionNode | null;
  /** Index of the parent entry in `functions`, or -1 for the top entry. */
  readonly parent: number;
  readonly depth: number;
  readonly ownBytes: number;
  /** Own bytes plus every descendant's. */
  readonly totalBytes: number;
  /** Instruction stream bytes of its own code blocks (shared streams counted once, at their first user). */
  readonly instructionBytes: number;
  /** 1-based source lines of its range, when the source text was given and the range is known. */
  readonly lines: { readonly first: number; readonly last: number } | null;
}

export interface LineRangeBytes {
  readonly first: number;
  readonly last: number;
  /** Own bytes of the functions whose source starts on these lines. */
  readonly bytes: number;
  readonly functions: number;
}

export interface Attribution {
  readonly payloadBytes: number;
  /** The fixed header of the payload. */
  readonly headerBytes: number;
  readonly unattributedBytes: number;
  /** Pre-order: the top block first, then each function before its children. */
  readonly functions: readonly FunctionBytes[];
  /** Present when the source text was given. */
  readonly lineRanges: readonly LineRangeBytes[] | null;
}

const HEADER_BYTES = 48;

export function attribute(tree: BytecodeTree, sourceText?: string, linesPerRange?: number): Attribution {
  const entries: { node: FunctionNode | null; parent: number; depth: number; claims: Span[]; instructionBytes: number }[] = [];
  const blockClaims = (blocks: CodeBlockNode[]) => blocks.map((b) => b.region);
  const instructionBytes = (blocks: CodeBlockNode[]) => blocks.reduce((n, b) => n + (b.instructions.shared ? 0 : b.instructions.count), 0);
  const visit = (block: CodeBlockNode, parent: number, depth: number) => {
    for (const fn of block.functions) {
      const blocks = codeBlocksOf(fn);
      entries.push({ node: fn, parent, depth, claims: [fn.span, ...blockClaims(blocks)], instructionBytes: instructionBytes(blocks) });
      const index = entries.length - 1;
      for (const b of blocks) visit(b, index, depth + 1);
    }
  };
  if (tree.top) {
    entries.push({ node: null, parent: -1, depth: 0, claims: [tree.top.region], instructionBytes: instructionBytes([tree.top]) });
    visit(tree.top, 0, 1);
  }

  // Each byte goes to one claim: sorted by start, a byte already covered is not counted again.
  const payloadStart = tree.span.offset;
  const payloadEnd = payloadStart + tree.span.length;
  const headerBytes = Math.min(HEADER_BYTES, tree.span.length);
  const claims: { start: number; end: number; owner: number }[] = [{ start: payloadStart, end: payloadStart + headerBytes, owner: -1 }];
  entries.forEach((e, owner) => {
    for (const c of e.claims) claims.push({ start: Math.max(c.offset, payloadStart), end: Math.min(c.offset + c.length, payloadEnd), owner });
  });
  claims.sort((a, b) => a.start - b.start || a.owner - b.owner);
  const own = new Array<number>(entries.length).fill(0);
  let covered = payloadStart;
  let claimed = 0;
  for (const c of claims) {
    const from = Math.max(c.start, covered);
    if (c.end <= from) continue;
    if (c.owner >= 0) own[c.owner]! += c.end - from;
    claimed += c.end - from;
    covered = c.end;
  }

  const total = own.slice();
  for (let i = entries.length - 1; i > 0; i--) total[entries[i]!.parent]! += total[i]!;
  const lineOf = sourceText === undefined ? null : lineStarts(sourceText);
  const functions: FunctionBytes[] = entries.map((e, i) => ({
    node: e.node,
    parent: e.parent,
    depth: e.depth,
    ownBytes: own[i]!,
    totalBytes: total[i]!,
    instructionBytes: e.instructionBytes,
    lines: lineOf && e.node?.source ? { first: lineOf(e.node.source.functionStart), last: lineOf(Math.max(e.node.source.functionStart, e.node.source.functionEnd)) } : null,
  }));
  return {
    payloadBytes: tree.span.length,
    headerBytes,
    unattributedBytes: tree.span.length - claimed,
    functions,
    lineRanges: lineOf ? lineRanges(functions, lineOf(sourceText!.length), linesPerRange) : null,
  };
}

/** A function from a code-unit offset to its 1-based line. */
export function lineStarts(text: string): (offset: number) => number {
  const at = positionsIn(text);
  return (offset) => at(offset).line;
}

/** Own bytes grouped by the line range where each function starts; about 20 ranges unless told. */
function lineRanges(functions: readonly FunctionBytes[], lineCount: number, linesPerRange?: number): LineRangeBytes[] {
  const size = Math.max(1, linesPerRange ?? Math.ceil(lineCount / 20));
  const ranges = new Map<number, { bytes: number; functions: number }>();
  for (const f of functions) {
    if (!f.lines) continue;
    const key = Math.floor((f.lines.first - 1) / size);
    const r = ranges.get(key) ?? { bytes: 0, functions: 0 };
    r.bytes += f.ownBytes;
    r.functions++;
    ranges.set(key, r);
  }
  return [...ranges].sort((a, b) => a[0] - b[0]).map(([key, r]) => ({ first: key * size + 1, last: Math.min(lineCount, (key + 1) * size), ...r }));
}
