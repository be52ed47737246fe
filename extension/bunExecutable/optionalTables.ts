import type { U32Field } from '../bmes/model';
import { FLAG } from './graphFields';
import { type GraphReader, u32 } from './graphReader';
import type { BuiltinBytecodeEntry, GraphPointer, OptionalTables } from './model';

/** Lists in the optional tables are bounded by the bytes left in the graph; this caps what is kept. */
const MAX_LIST = 1_000_000;

export interface OptionalTablesResult {
  readonly tables: OptionalTables;
  /** Where reading stopped short: the absolute offset and what was being read. */
  readonly cutShort: { readonly at: number; readonly what: string } | null;
}

/**
 * Reads the tables that follow the module table, in flag-bit order (spec §3.3): each is present only when its bit
 * is set, and together they end where the exec-argv string starts.
 */
export async function readOptionalTables(graph: GraphReader, start: number, moduleCount: number, flags: number): Promise<OptionalTablesResult> {
  const dataEnd = graph.start + graph.dataLength;
  let at = start;
  let cutShort: OptionalTablesResult['cutShort'] = null;
  const has = (bit: number) => ((flags >>> bit) & 1) === 1;
  const take = async (length: number, what: string): Promise<Uint8Array | null> => {
    if (cutShort) return null;
    if (at + length > dataEnd) {
      cutShort = { at, what };
      return null;
    }
    const bytes = await graph.reader.read(at, length);
    at += length;
    return bytes;
  };
  const word = async (what: string): Promise<U32Field | null> => {
    const offset = at;
    const b = await take(4, what);
    return b ? { offset, length: 4, value: u32(b, 0) } : null;
  };
  const pointer = async (what: string): Promise<GraphPointer | null> => {
    const offset = at;
    const b = await take(8, what);
    return b ? graph.pointerAt(b, 0, offset) : null;
  };
  const words = async (count: number, what: string): Promise<(OptionalTables['sourceHashes'] & object) | null> => {
    const offset = at;
    if (count > MAX_LIST) {
      cutShort = { at, what: `${what} (${count} entries)` };
      return null;
    }
    const b = await take(count * 4, what);
    return b ? { offset, length: count * 4, values: Array.from({ length: count }, (_, i) => u32(b, i * 4)) } : null;
  };

  const sourceHashes = has(FLAG.sourceHashes) ? await words(moduleCount, 'the source hashes') : null;
  let builtinBytecode: OptionalTables['builtinBytecode'] = null;
  if (has(FLAG.builtinBytecode)) {
    const count = await word('the builtin bytecode count');
    if (count) {
      const offset = count.offset;
      if (count.value > MAX_LIST || count.offset + 4 + count.value * 12 > dataEnd) cutShort ??= { at: count.offset, what: `the builtin bytecode list (${count.value} entries)` };
      else {
        const b = (await take(count.value * 12, 'the builtin bytecode list'))!;
        const entries: BuiltinBytecodeEntry[] = Array.from({ length: count.value }, (_, i) => ({
          offset: count.offset + 4 + i * 12,
          length: 12,
          internalId: { offset: count.offset + 4 + i * 12, length: 4, value: u32(b, i * 12) },
          bytecode: graph.pointerAt(b, i * 12 + 4, count.offset + 4 + i * 12 + 4),
        }));
        builtinBytecode = { offset, length: 4 + count.value * 12, entries };
      }
    }
  }
  const bytecodeStringTable = has(FLAG.bytecodeStringTable) ? await pointer('the bytecode string table pointer') : null;
  const startupModuleCount = has(FLAG.startupModuleCount) ? await word('the startup module count') : null;
  const moduleInfoSlotTable = has(FLAG.moduleInfoSlotTable) ? await pointer('the module-info slot table pointer') : null;
  let prelinkedGraph: GraphPointer | null = null;
  let prelinkedModuleOrder: OptionalTables['prelinkedModuleOrder'] = null;
  if (has(FLAG.prelinkedGraph)) {
    prelinkedGraph = await pointer('the prelinked module graph pointer');
    const count = await word('the prelinked module count');
    if (count) {
      const list = await words(count.value, 'the prelinked module order');
      if (list) prelinkedModuleOrder = { offset: count.offset, length: 4 + list.length, values: list.values };
    }
  }
  return {
    tables: {
      offset: start,
      length: at - start,
      sourceHashes,
      builtinBytecode,
      bytecodeStringTable,
      startupModuleCount,
      moduleInfoSlotTable,
      prelinkedGraph,
      prelinkedModuleOrder,
    },
    cutShort,
  };
}
