/**
 * Test-only: finds the module table and the ESM record stores in a `--compile` graph region or executable, from the
 * spec's layout (§3.2–§3.4), so the record decoders can be tested on real bytes independently of the executable
 * reader. Trusts the input (it is a real Bun output); the readers under test are the ones that must not.
 */
const TRAILER = new TextEncoder().encode('\n---- Bun! ----\n');

export interface GraphModuleSpans {
  readonly name: string;
  /** Absolute file offsets. */
  readonly contents: { readonly offset: number; readonly length: number };
  readonly moduleInfo: { readonly offset: number; readonly length: number } | null;
  readonly format: number;
}

export interface GraphTables {
  readonly offset: number;
  readonly length: number;
}

export interface GraphLayout {
  /** Absolute offset of graph byte 0. */
  readonly graphStart: number;
  readonly flags: number;
  readonly entryPointId: number;
  /** Offsets flag bit 5: the stored hash of each module's contents. */
  readonly sourceHashes: readonly number[] | null;
  readonly modules: readonly GraphModuleSpans[];
  readonly bytecodeStringTable: GraphTables | null;
  readonly slotTable: GraphTables | null;
  readonly prelinkedGraph: GraphTables | null;
  /** Entry j: the module-table index of PLMG module j; with the span of the `u32 n` and the list. */
  readonly plmgModules: { readonly offset: number; readonly indices: readonly number[] } | null;
}

function lastIndexOf(bytes: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = bytes.length - needle.length; i >= 0; i--) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

export function graphLayout(file: Uint8Array): GraphLayout {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const trailer = lastIndexOf(file, TRAILER);
  if (trailer < 0) throw new Error('no graph trailer');
  const offsets = trailer - 32;
  const byteCount = Number(view.getBigUint64(offsets, true));
  const g = offsets - byteCount;
  const [modulesAt, modulesLength] = [u32(offsets + 8), u32(offsets + 12)];
  const entryPointId = u32(offsets + 16);
  const argvAt = u32(offsets + 20);
  const flags = u32(offsets + 28);
  const recordSize = modulesLength % 52 === 0 && file[g + u32(g + modulesAt)] === 0x2f ? 52 : 36;
  const modules: GraphModuleSpans[] = [];
  for (let r = g + modulesAt; r < g + modulesAt + modulesLength; r += recordSize) {
    const pointer = (k: number) => ({ offset: g + u32(r + 8 * k), length: u32(r + 8 * k + 4) });
    const name = pointer(0);
    const info = recordSize === 52 ? pointer(4) : null;
    modules.push({
      name: new TextDecoder().decode(file.subarray(name.offset, name.offset + name.length)),
      contents: pointer(1),
      moduleInfo: info && info.length > 0 ? info : null,
      format: file[r + recordSize - 2]!,
    });
  }
  // Optional tables of 1.4.x, in flag-bit order after the module table (spec §3.3).
  let at = g + modulesAt + modulesLength;
  const pointer = () => {
    const p = { offset: g + u32(at), length: u32(at + 4) };
    at += 8;
    return p;
  };
  let sourceHashes: number[] | null = null;
  if (flags & (1 << 5)) {
    sourceHashes = modules.map((_, i) => u32(at + 4 * i));
    at += 4 * modules.length;
  }
  if (flags & (1 << 6)) at += 4 + 12 * u32(at);
  const bytecodeStringTable = flags & (1 << 7) ? pointer() : null;
  if (flags & (1 << 8)) at += 4;
  const slotTable = flags & (1 << 9) ? pointer() : null;
  let prelinkedGraph: GraphTables | null = null;
  let plmgModules: GraphLayout['plmgModules'] = null;
  if (flags & (1 << 11)) {
    prelinkedGraph = pointer();
    const n = u32(at);
    const indices: number[] = [];
    for (let j = 0; j < n; j++) indices.push(u32(at + 4 + 4 * j));
    plmgModules = { offset: at, indices };
    at += 4 + 4 * n;
  }
  if (at !== g + argvAt) throw new Error(`optional tables end at ${at - g}, argv at ${argvAt}`);
  return { graphStart: g, flags, entryPointId, sourceHashes, modules, bytecodeStringTable, slotTable, prelinkedGraph, plmgModules };
}
