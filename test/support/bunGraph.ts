/**
 * A writer of Bun module graphs for tests (spec bun-artifacts §3): the layout Bun's `StandaloneModuleGraph.toBytes`
 * produces, so that hostile variants (bad pointers, names that climb out of a folder, counts that lie) can be made
 * from a graph the decoder is known to read. Real graphs come from real Bun in the other tests.
 */
export interface TestModule {
  readonly name: string;
  readonly contents?: string;
  readonly bytecode?: Uint8Array;
  readonly moduleInfo?: Uint8Array;
  readonly format?: number;
  readonly loader?: number;
}

export interface TestGraph {
  readonly modules: readonly TestModule[];
  readonly entryPointId?: number;
  readonly flags?: number;
  readonly execArgv?: string;
  /** 52 (Bun ≥ 1.3.9) or 36 (1.3.6). */
  readonly recordSize?: 52 | 36;
}

export interface WrittenGraph {
  /** G: data, Offsets record, trailer. */
  readonly graph: Uint8Array;
  /** Offset of the module table inside G. */
  readonly tableOffset: number;
  readonly offsetsAt: number;
}

const TRAILER = new TextEncoder().encode('\n---- Bun! ----\n');

export function writeGraph(spec: TestGraph): WrittenGraph {
  const recordSize = spec.recordSize ?? 52;
  const parts: number[] = [];
  const put = (bytes: Uint8Array, nul: boolean): [number, number] => {
    const at = parts.length;
    for (const b of bytes) parts.push(b);
    if (nul) parts.push(0);
    return [at, bytes.length];
  };
  const align = (mod: number, rem: number) => {
    while (parts.length % mod !== rem) parts.push(0);
  };
  const text = (s: string) => new TextEncoder().encode(s);
  const pointers = spec.modules.map((m) => {
    const ptr: Record<string, [number, number]> = {};
    if (m.bytecode) {
      align(128, 120);
      ptr.bytecode = put(m.bytecode, false);
    }
    ptr.name = put(text(m.name), true);
    ptr.contents = put(text(m.contents ?? ''), true);
    if (m.moduleInfo) ptr.moduleInfo = put(m.moduleInfo, false);
    ptr.origin = put(text(m.name), true);
    return ptr;
  });
  align(4, 0);
  const tableOffset = parts.length;
  spec.modules.forEach((m, i) => {
    const p = pointers[i]!;
    const u32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
    const pointer = (x: [number, number] | undefined) => {
      u32(x?.[0] ?? 0);
      u32(x?.[1] ?? 0);
    };
    pointer(p.name);
    pointer(p.contents);
    pointer(undefined);
    pointer(p.bytecode);
    if (recordSize === 52) {
      pointer(p.moduleInfo);
      pointer(p.origin);
    }
    parts.push(1, m.loader ?? 1, m.format ?? 1, 0);
  });
  const tableLength = parts.length - tableOffset;
  // Bun writes the exec-argv string right after the module table and its optional tables.
  const argv = put(text(spec.execArgv ?? ''), true);
  align(8, 0);
  const offsetsAt = parts.length;
  const out = new Uint8Array(offsetsAt + 32 + 16);
  out.set(parts);
  const view = new DataView(out.buffer);
  view.setBigUint64(offsetsAt, BigInt(offsetsAt), true);
  view.setUint32(offsetsAt + 8, tableOffset, true);
  view.setUint32(offsetsAt + 12, tableLength, true);
  view.setUint32(offsetsAt + 16, spec.entryPointId ?? 0, true);
  view.setUint32(offsetsAt + 20, argv[0], true);
  view.setUint32(offsetsAt + 24, argv[1], true);
  view.setUint32(offsetsAt + 28, spec.flags ?? 0x0c, true);
  out.set(TRAILER, offsetsAt + 32);
  return { graph: out, tableOffset, offsetsAt };
}

/** The graph as the ELF-section layout stores it, cut out: `u64 length ‖ G`. */
export function sectionRegion(graph: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + graph.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(graph.length), true);
  out.set(graph, 8);
  return out;
}
