import type { BytecodeTree, CodeBlockNode, FunctionNode, JscStringRef } from './model';

export interface FunctionVisit {
  readonly node: FunctionNode;
  readonly depth: number;
  readonly parent: FunctionNode | null;
}

/** Every function of the tree, parents before children, with its depth (1 for the top block's children). */
export function* functionsOf(tree: BytecodeTree): Generator<FunctionVisit> {
  if (tree.top) yield* functionsBelow(tree.top, 1, null);
}

export function* functionsBelow(block: CodeBlockNode, depth: number, parent: FunctionNode | null): Generator<FunctionVisit> {
  for (const node of block.functions) {
    yield { node, depth, parent };
    for (const child of codeBlocksOf(node)) yield* functionsBelow(child, depth + 1, node);
  }
}

/** A function's code blocks: the call one, then the construct one. */
export function codeBlocksOf(node: FunctionNode): CodeBlockNode[] {
  return [node.call, node.construct].filter((b): b is CodeBlockNode => b !== null);
}

/** How a string slot reads to a person: its text, `#n` for an unresolved table ordinal, or null. */
export function stringText(ref: JscStringRef | null): string | null {
  if (!ref) return null;
  if (ref.text !== null) return ref.text;
  return ref.ordinal !== null ? `#${ref.ordinal}` : null;
}
