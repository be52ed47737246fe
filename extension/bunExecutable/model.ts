import type { Diagnostic, Span, U32Field } from '../bmes/model';

/** Where the module graph sits in the file (spec bun-artifacts §3.2). */
export interface GraphContainer {
  /**
   * `elf-section`: Linux, Bun ≥ 1.3.12, a `.bun` section holding `u64 length ‖ graph`; `appended`: the graph and a
   * u64 file size appended to the binary (Bun ≤ 1.3.11); `trailer-search`: found by its trailer near the end of
   * the file (a region cut out of an executable, Mach-O, PE, or an unknown layout).
   */
  readonly kind: 'elf-section' | 'appended' | 'trailer-search';
  /** The `.bun` section header (elf-section). */
  readonly sectionHeader: Span | null;
  /** The u64 graph length before the graph (elf-section; trailer-search when present). */
  readonly lengthField: (Span & { readonly value: number }) | null;
  /** The u64 total file size after the graph (appended). */
  readonly totalSizeField: (Span & { readonly value: number }) | null;
}

/** A `StringPointer` (u32 offset from the graph start, u32 length), with the absolute span of what it points to. */
export interface GraphPointer extends Span {
  /** The 8 bytes of the pointer itself. */
  readonly field: Span;
  /** Offset relative to the graph start, as stored. */
  readonly relativeOffset: number;
  /** Length 0 means "none" whatever the offset says. */
  readonly present: boolean;
  /** False when the target lies outside the graph's data (the runtime does not check this). */
  readonly inBounds: boolean;
}

export interface OffsetsRecord extends Span {
  readonly byteCount: Span & { readonly value: number };
  readonly modules: GraphPointer;
  readonly entryPointId: U32Field;
  readonly execArgv: GraphPointer;
  readonly flags: U32Field & { readonly names: readonly string[] };
}

export type ModuleFormat = 'none' | 'esm' | 'cjs' | number;

export interface GraphModule extends Span {
  readonly index: number;
  readonly name: GraphPointer;
  /** The name as text (bounded; escaped when shown). */
  readonly nameText: string;
  readonly contents: GraphPointer;
  readonly sourcemap: GraphPointer;
  readonly bytecode: GraphPointer;
  /** 52-byte records only. */
  readonly moduleInfo: GraphPointer | null;
  readonly bytecodeOriginPath: GraphPointer | null;
  readonly encoding: U32Field & { readonly name: string };
  readonly loader: U32Field & { readonly name: string };
  readonly format: U32Field & { readonly name: ModuleFormat };
  readonly side: (U32Field & { readonly name: string }) | null;
  readonly isEntry: boolean;
}

export interface BuiltinBytecodeEntry extends Span {
  readonly internalId: U32Field;
  readonly bytecode: GraphPointer;
}

/** The tables Bun 1.4.x writes after the module table, each present when its flag bit is set (spec §3.3). */
export interface OptionalTables extends Span {
  readonly sourceHashes: (Span & { readonly values: readonly number[] }) | null;
  readonly builtinBytecode: (Span & { readonly entries: readonly BuiltinBytecodeEntry[] }) | null;
  readonly bytecodeStringTable: GraphPointer | null;
  readonly startupModuleCount: U32Field | null;
  readonly moduleInfoSlotTable: GraphPointer | null;
  readonly prelinkedGraph: GraphPointer | null;
  /** Entry j: the module-table index of prelinked-graph module j. */
  readonly prelinkedModuleOrder: (Span & { readonly values: readonly number[] }) | null;
}

export interface ExecutableFile {
  readonly kind: 'executable';
  readonly size: number;
  readonly container: GraphContainer;
  /** The graph bytes (G): data, then the Offsets record, then the 16-byte trailer. */
  readonly graph: Span;
  readonly offsets: OffsetsRecord;
  readonly trailer: Span;
  /** 36 (Bun ≤ 1.3.6) or 52 bytes per module record; null when the table could not be read. */
  readonly recordSize: 36 | 52 | null;
  readonly modules: readonly GraphModule[];
  /** Modules in the table but not listed (the inspector's own limit). */
  readonly modulesOmitted: number;
  readonly optional: OptionalTables | null;
  readonly execArgvText: string | null;
  readonly diagnostics: readonly Diagnostic[];
}
