/** The JavaScriptCore code-block tree of a Bun bytecode payload: pure TypeScript, no VS Code or Node APIs. */
export * from './model';
export { decodeBytecodeTree, type TreeOptions } from './tree';
export { parseModeName } from './parseMode';
export { functionsOf, functionsBelow, codeBlocksOf, stringText, type FunctionVisit } from './walk';
export { readOpcodeTable, type OpcodeTable, type OpcodeTableResult } from './opcodes';
export { disassemble, type Disassembly, type Instruction } from './disassemble';
export { attribute, lineStarts, type Attribution, type FunctionBytes, type LineRangeBytes } from './attribution';
export { treeText, constantText, largestFunctions, type TreeTextOptions } from './treeText';
export { treeJson } from './treeJson';
