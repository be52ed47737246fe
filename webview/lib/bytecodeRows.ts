/**
 * The Bytecode tab's rows: the code-block tree flattened for a virtualized list, as a tree (children under their
 * expanded parent) or as a flat list with the largest functions first. Pure, so it is tested without a browser.
 */
import type { Attribution, FunctionBytes } from '../../extension/jscBytecode/attribution';
import type { BytecodeTree, SourceRange, Span } from '../../extension/jscBytecode/model';
import { codeBlocksOf, stringText } from '../../extension/jscBytecode/walk';

export type BytecodeOrder = 'tree' | 'largest';

export interface BytecodeRow {
  /** Index of the node in the attribution's pre-order list: stable across orders. */
  readonly key: number;
  readonly depth: number;
  readonly name: string;
  readonly kind: string;
  readonly parameters: number | null;
  readonly source: SourceRange | null;
  readonly lines: { readonly first: number; readonly last: number } | null;
  readonly ownBytes: number;
  readonly totalBytes: number;
  readonly instructionBytes: number;
  /** The bytes a selection of the row selects: its first code block's region, else its executable record. */
  readonly span: Span;
  /** That code block's instruction stream (what the instruction list disassembles); null when none was generated. */
  readonly instructions: Span | null;
  readonly hasChildren: boolean;
  readonly expanded: boolean;
}

/** Which nodes have children, by pre-order index. */
export function parentsOf(attribution: Attribution): Set<number> {
  return new Set(attribution.functions.map((f) => f.parent).filter((p) => p >= 0));
}

/** The nodes expanded at first: the top block and the next level (the CommonJS wrapper, a module's functions). */
export function initialExpansion(attribution: Attribution): Set<number> {
  return new Set(attribution.functions.flatMap((f, i) => (f.depth <= 1 ? [i] : [])));
}

export function bytecodeRows(tree: BytecodeTree, attribution: Attribution, expanded: ReadonlySet<number>, order: BytecodeOrder): BytecodeRow[] {
  const parents = parentsOf(attribution);
  const row = (f: FunctionBytes, key: number, depth: number): BytecodeRow => {
    const fn = f.node;
    const block = fn ? codeBlocksOf(fn)[0] : tree.top;
    return {
      key,
      depth,
      name: fn ? (stringText(fn.name) ?? '(anonymous)') : (tree.topKind ?? 'top'),
      kind: fn ? fn.kind : 'code block',
      parameters: fn ? fn.parameterCount : null,
      source: fn?.source ?? null,
      lines: f.lines,
      ownBytes: f.ownBytes,
      totalBytes: f.totalBytes,
      instructionBytes: f.instructionBytes,
      span: block ? block.region : fn!.span,
      instructions: block && block.instructions.span.length > 0 ? block.instructions.span : null,
      hasChildren: order === 'tree' && parents.has(key),
      expanded: order === 'tree' && expanded.has(key),
    };
  };
  if (order === 'largest') {
    return attribution.functions
      .map((f, key) => ({ f, key }))
      .filter(({ f }) => f.node !== null)
      .sort((a, b) => b.f.ownBytes - a.f.ownBytes || a.key - b.key)
      .map(({ f, key }) => row(f, key, 0));
  }
  const rows: BytecodeRow[] = [];
  // Pre-order already: a node is shown when its parent is shown and expanded.
  const shown = new Array<boolean>(attribution.functions.length).fill(false);
  attribution.functions.forEach((f, key) => {
    const visible = f.parent < 0 || (shown[f.parent]! && expanded.has(f.parent));
    shown[key] = visible;
    if (visible) rows.push(row(f, key, f.depth));
  });
  return rows;
}
