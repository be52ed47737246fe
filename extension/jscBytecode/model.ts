/**
 * The code-block tree of a JavaScriptCore bytecode payload, as the explorer shows it. Every node carries the
 * absolute file span of its bytes, so a view can select them; source positions are in UTF-16 code units of the
 * source text the payload was compiled from.
 */

export interface Span {
  /** Absolute offset from the start of the file. */
  readonly offset: number;
  readonly length: number;
}

export type TreeSeverity = 'error' | 'warning' | 'info';

export interface TreeDiagnostic extends Span {
  readonly code: TreeDiagnosticCode;
  readonly severity: TreeSeverity;
  readonly message: string;
}

export type TreeDiagnosticCode =
  /** The payload's build or layout is not one this decoder knows: only its header is shown. */
  | 'tree-build-unknown'
  /** A record did not have the shape of the node expected at that place; that node is cut, the rest kept. */
  | 'tree-unrecognised-node'
  /** A pointer, array or string ran outside the payload. */
  | 'tree-out-of-bounds'
  /** A node was reached again from below itself. */
  | 'tree-cycle'
  /** Nesting deeper than the decoder follows. */
  | 'tree-depth-limit'
  /** The decoder's work budget ran out (a hostile payload can point many nodes at the same large arrays). */
  | 'tree-step-limit';

/** A 4-byte string slot: a 1–3 character inline string, a pointer to a string record, an ordinal, or null. */
export interface JscStringRef {
  readonly form: 'inline' | 'record' | 'table' | 'null';
  /** The text; null for an unresolved table ordinal or a null slot. */
  readonly text: string | null;
  /** The ordinal into the embedder's shared string table (form 'table'; also the record's ordinal field). */
  readonly ordinal: number | null;
  /** The slot's own 4 bytes. */
  readonly slot: Span;
  /** The string record (header and characters), when the slot points to one. */
  readonly record: Span | null;
  readonly symbol: boolean;
}

export type ConstantValue =
  | { readonly type: 'string'; readonly string: JscStringRef }
  | { readonly type: 'int32'; readonly value: number }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'literal'; readonly text: 'null' | 'true' | 'false' | 'undefined' | string }
  | { readonly type: 'other'; readonly kind: number; readonly raw: number };

export interface JscConstant {
  readonly index: number;
  /** The kind byte Bun wrote for the constant (8 string, 5 number, others not identified). */
  readonly kind: number;
  /** The constant's source-code representation byte (0 other, 1 integer, 2 double), when present. */
  readonly representation: number | null;
  readonly value: ConstantValue;
  /** The constant's 4-byte value slot. */
  readonly span: Span;
}

/** A typed array inside the payload: where it is, how many elements, and whether another node owns it first. */
export interface ArrayRef {
  readonly span: Span;
  readonly count: number;
  /** True when an earlier node of the tree references the same bytes: its size is counted there. */
  readonly shared: boolean;
}

export type CodeType = 'global' | 'eval' | 'function' | 'module';

export interface Registers {
  readonly thisRegister: number;
  readonly scopeRegister: number;
  readonly numVars: number;
  readonly numCalleeLocals: number;
  /** Parameters including `this`. */
  readonly numParameters: number;
}

export interface CodeBlockNode {
  readonly type: 'codeBlock';
  /** The record's fixed part and varint tail. */
  readonly record: Span;
  /** From the code block's region start (its first array) to the end of its record. */
  readonly region: Span;
  readonly codeType: CodeType;
  readonly parseMode: number;
  readonly registers: Registers;
  readonly instructions: ArrayRef;
  readonly identifiers: readonly JscStringRef[];
  readonly identifierArray: ArrayRef | null;
  readonly constants: readonly JscConstant[];
  readonly constantArray: ArrayRef | null;
  /** Function declarations, then function expressions, in the order the code block lists them. */
  readonly functions: readonly FunctionNode[];
  readonly functionDeclCount: number;
}

export type FunctionKind =
  | 'function'
  | 'generator'
  | 'async'
  | 'asyncGenerator'
  | 'arrow'
  | 'asyncArrow'
  | 'method'
  | 'asyncMethod'
  | 'getter'
  | 'setter'
  | 'constructor'
  | 'classFieldInitializer'
  | 'other';

export interface SourceRange {
  /** Where the function's own source starts (its parameter list for most functions). */
  readonly start: number;
  /** One past its last code unit. */
  readonly end: number;
  /** Where its text starts (e.g. the `function` keyword), and where it ends (its closing brace). */
  readonly functionStart: number;
  readonly functionEnd: number;
  readonly parametersStart: number;
}

export interface FunctionNode {
  readonly type: 'function';
  /** The executable record: header, slots and the decoded part of its tail. */
  readonly span: Span;
  readonly name: JscStringRef | null;
  readonly kind: FunctionKind;
  readonly parseMode: number;
  readonly parameterCount: number;
  readonly strict: boolean;
  readonly source: SourceRange | null;
  /** The code block run for a call; null when Bun never generated the body (lazy). */
  readonly call: CodeBlockNode | null;
  /** The code block run for `new` (class constructors). */
  readonly construct: CodeBlockNode | null;
  /** True when a slot pointed to a code block the decoder could not read (see the diagnostics). */
  readonly cut: boolean;
}

export type TopKind = 'program' | 'module' | 'eval' | 'builtin';

export interface TreeHeader {
  readonly cacheVersion: number;
  readonly layout: 'compact' | 'classic' | 'unknown';
  /** The Bun builds known to write this cache version and layout, or null. */
  readonly build: string | null;
  readonly tag: number | null;
  readonly payloadSize: number | null;
  readonly sourceLength: number | null;
  readonly sourceOrigin: string | null;
}

export interface BytecodeTree {
  /** The absolute offset of the payload's first byte, and its length. */
  readonly span: Span;
  readonly header: TreeHeader;
  /** Whether the decoder knows this build: false means the tree is null and a diagnostic says why. */
  readonly supported: boolean;
  readonly topKind: TopKind | null;
  readonly top: CodeBlockNode | null;
  readonly diagnostics: readonly TreeDiagnostic[];
}

/** Resolves an ordinal into the executable's shared bytecode string table (bun --compile); null when unknown. */
export type StringTableResolver = (ordinal: number) => string | null;
