import type { RangeReader } from '../artifact/rangeReader';
import { decodeModuleRecordOf, decodeSharedTables, type ModuleRecordResult, type SharedModuleRecords } from '../bunRecord/moduleRecord';
import type { ModuleContents } from '../bunRecord/compareWithSource';
import { GraphReader } from './graphReader';
import type { ExecutableFile, GraphModule, GraphPointer } from './model';

/** A shared table of a real app is a few KB; a pointer claiming more than this is not read whole. */
const MAX_TABLE_BYTES = 64 * 1024 * 1024;

async function region(graph: GraphReader, pointer: GraphPointer | null) {
  if (!pointer || !pointer.present || !pointer.inBounds || pointer.length > MAX_TABLE_BYTES) return null;
  return { bytes: await graph.target(pointer), offset: pointer.offset };
}

/** The 1.4.x shared tables (bytecode strings, slots, prelinked graph), or null when the graph has no prelinked graph. */
export async function readSharedRecords(reader: RangeReader, exe: ExecutableFile): Promise<SharedModuleRecords | null> {
  const t = exe.optional;
  const graph = new GraphReader(reader, exe.graph.offset, exe.offsets.byteCount.value);
  const plmg = await region(graph, t?.prelinkedGraph ?? null);
  if (!t || !plmg) return null;
  return decodeSharedTables({
    stringTable: await region(graph, t.bytecodeStringTable),
    slotTable: await region(graph, t.moduleInfoSlotTable),
    prelinkedGraph: plmg,
    moduleOrder: t.prelinkedModuleOrder ? { offset: t.prelinkedModuleOrder.offset, values: t.prelinkedModuleOrder.values } : null,
    tableModuleCount: exe.modules.length + exe.modulesOmitted,
  });
}

/** The module's contents as text, for the comparison with its record (Latin-1 or UTF-8 as its encoding says). */
export async function readContents(reader: RangeReader, exe: ExecutableFile, module: GraphModule): Promise<ModuleContents | null> {
  const graph = new GraphReader(reader, exe.graph.offset, exe.offsets.byteCount.value);
  if (!module.contents.present || !module.contents.inBounds || module.contents.length > MAX_TABLE_BYTES) return null;
  const bytes = await graph.target(module.contents);
  const text = new TextDecoder(module.encoding.value === 1 ? 'latin1' : 'utf-8').decode(bytes);
  return { text, offset: module.contents.offset, isEntry: module.isEntry };
}

/**
 * One ES module's record from the store its Bun wrote (its own module_info in 1.3.x, the shared prelinked graph in
 * 1.4.x), compared with its contents; null for a CommonJS module or one with no record.
 */
export async function readModuleRecord(reader: RangeReader, exe: ExecutableFile, module: GraphModule, shared: SharedModuleRecords | null): Promise<ModuleRecordResult | null> {
  if (module.format.name !== 'esm') return null;
  const graph = new GraphReader(reader, exe.graph.offset, exe.offsets.byteCount.value);
  const contents = await readContents(reader, exe, module);
  if (module.moduleInfo?.present) {
    const body = await region(graph, module.moduleInfo);
    return body ? decodeModuleRecordOf({ store: 'module_info', body, contents }) : null;
  }
  return shared ? decodeModuleRecordOf({ store: 'prelinked-graph', shared, tableIndex: module.index, contents, name: module.nameText }) : null;
}
