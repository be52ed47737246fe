/**
 * One module's record, from whichever store its Bun wrote: decoded, mapped to the views' record model, and checked
 * against the module's `contents`. The executable reader reads the bytes (ranged) and calls these; nothing here
 * reads a file.
 */
import type { Span } from '../bmes/model';
import { decodeBytecodeStringTable, type DecodedStringTable } from './bytecodeStringTable';
import { compareWithSource, type ModuleContents } from './compareWithSource';
import { RecordDiagnostics, type RecordDiagnostic } from './diagnostics';
import { decodeModuleInfo, type DecodedModuleInfo } from './moduleInfo';
import type { ModuleRecordParts } from './parts';
import { decodePrelinkedGraph, type DecodedPrelinkedGraph, type PlmgModule } from './prelinkedGraph';
import { toRecordTables } from './recordModel';
import type { RecordTables } from '../bmes';
import { decodeSlotTable, type DecodedSlotTable } from './slotTable';

/** Bytes of the file and the absolute offset of the first one. */
export interface ByteRegion {
  readonly bytes: Uint8Array;
  readonly offset: number;
}

export interface ModuleRecordResult extends Span {
  readonly store: ModuleRecordParts['store'];
  /** Whether Bun takes the record from the store (false: it parses `contents` instead). */
  readonly accepted: boolean;
  /** In the record model of the views (RecordTables). Variables are null for the prelinked graph, which stores none. */
  readonly record: RecordTables;
  readonly parts: ModuleRecordParts;
  /** The store's own diagnostics (module_info) and the comparison with `contents`. */
  readonly diagnostics: readonly RecordDiagnostic[];
  readonly moduleInfo: DecodedModuleInfo | null;
  readonly graphModule: PlmgModule | null;
}

/** A 1.3.x `module_info` body (a module's own record). `contents`: compare with it when given. */
export function decodeModuleInfoRecord(body: ByteRegion, contents: ModuleContents | null): ModuleRecordResult {
  const info = decodeModuleInfo(body.bytes, body.offset);
  const span = { offset: body.offset, length: body.bytes.length };
  // A body Bun drops is not what runs: compare only a record Bun would use.
  const compared = contents && info.accepted ? compareWithSource(info.parts, contents, span) : [];
  return {
    ...span,
    store: 'module_info',
    accepted: info.accepted,
    record: toRecordTables(info.parts),
    parts: info.parts,
    diagnostics: [...info.diagnostics, ...compared],
    moduleInfo: info,
    graphModule: null,
  };
}

export interface SharedTablesInput {
  readonly stringTable: ByteRegion | null;
  readonly slotTable: ByteRegion | null;
  readonly prelinkedGraph: ByteRegion;
  /** The `u32 n, u32[n]` list after the graph pointer: offset of `n` and the values. */
  readonly moduleOrder: { readonly offset: number; readonly values: readonly number[] } | null;
  /** Modules in the executable's module table. */
  readonly tableModuleCount: number;
}

export interface SharedModuleRecords {
  readonly stringTable: DecodedStringTable | null;
  readonly slots: DecodedSlotTable | null;
  readonly graph: DecodedPrelinkedGraph;
  /** Graph modules by module-table index. */
  readonly byTableIndex: ReadonlyMap<number, PlmgModule>;
  /** The three tables' diagnostics (they belong to no one module). */
  readonly diagnostics: readonly RecordDiagnostic[];
}

/** The 1.4.x shared tables: bytecode string table (§5.1), slot table (§5.2), prelinked graph (§5.3). */
export function decodeSharedTables(input: SharedTablesInput): SharedModuleRecords {
  const stringTable = input.stringTable ? decodeBytecodeStringTable(input.stringTable.bytes, input.stringTable.offset) : null;
  const slots = input.slotTable ? decodeSlotTable(input.slotTable.bytes, input.slotTable.offset, stringTable) : null;
  const map = input.moduleOrder ? { offset: input.moduleOrder.offset, indices: input.moduleOrder.values, tableModuleCount: input.tableModuleCount } : null;
  const graph = decodePrelinkedGraph(input.prelinkedGraph.bytes, input.prelinkedGraph.offset, slots, map);
  const diagnostics = [...(stringTable?.diagnostics ?? []), ...(slots?.diagnostics ?? []), ...graph.diagnostics];
  const byTableIndex = new Map<number, PlmgModule>();
  for (const m of graph.modules) if (m.tableIndex !== null && !byTableIndex.has(m.tableIndex)) byTableIndex.set(m.tableIndex, m);
  return { stringTable, slots, graph, byTableIndex, diagnostics };
}

/**
 * The prelinked-graph record of module-table entry `tableIndex`, or null when the graph does not cover it. With the
 * module's `name` (from the module table), the graph module's key is checked against it.
 */
export function graphModuleRecord(shared: SharedModuleRecords, tableIndex: number, contents: ModuleContents | null, name?: string): ModuleRecordResult | null {
  const module = shared.byTableIndex.get(tableIndex);
  if (!module) return null;
  const accepted = !shared.diagnostics.some((d) => d.severity === 'error');
  const sink = new RecordDiagnostics();
  if (name !== undefined && module.key.resolved && module.key.value !== name) {
    sink.add(
      'plmg-key-mismatch',
      module.key,
      `Graph module ${module.index} is mapped to module-table entry ${tableIndex} ("${name}"), but its key is "${module.key.value}": the list after the graph pointer or the key is wrong. The runtime attaches this record to the module it is mapped to (inferred), so "${name}" runs with another module's imports and exports.`,
    );
  }
  const compared = [...sink.items(), ...(contents ? compareWithSource(module.parts, contents, module) : [])];
  return {
    offset: module.offset,
    length: module.length,
    store: 'prelinked-graph',
    accepted,
    record: toRecordTables(module.parts),
    parts: module.parts,
    diagnostics: compared,
    moduleInfo: null,
    graphModule: module,
  };
}

export type ModuleRecordOfInput =
  | { readonly store: 'module_info'; readonly body: ByteRegion; readonly contents: ModuleContents | null }
  | {
      readonly store: 'prelinked-graph';
      readonly shared: SharedModuleRecords;
      readonly tableIndex: number;
      readonly contents: ModuleContents | null;
      /** The module's name in the module table: the graph module's key is checked against it. */
      readonly name?: string;
    };

/** The hook for the executable reader: one module's record from either store. */
export function decodeModuleRecordOf(input: ModuleRecordOfInput): ModuleRecordResult | null {
  return input.store === 'module_info' ? decodeModuleInfoRecord(input.body, input.contents) : graphModuleRecord(input.shared, input.tableIndex, input.contents, input.name);
}
