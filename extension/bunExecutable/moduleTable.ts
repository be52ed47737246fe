import type { U32Field } from '../bmes/model';
import { ENCODING_NAMES, FORMAT_NAMES, LOADER_NAMES, SIDE_NAMES, nameOf } from './graphFields';
import { type GraphReader, textOf } from './graphReader';
import type { GraphModule, ModuleFormat } from './model';

/** Names longer than this are shown cut; a real virtual path is far shorter. */
export const MAX_NAME_BYTES = 4096;

/**
 * The record size cannot be told from the table length alone (468 bytes is 9 × 52 and 13 × 36): a size is right
 * when every record's name pointer lands on `/` or `B` (POSIX `/$bunfs/…`, Windows `B:/~BUN/…`) inside the graph.
 */
export async function recordSizeOf(graph: GraphReader, table: Uint8Array): Promise<36 | 52 | null> {
  const candidates = ([52, 36] as const).filter((size) => table.length % size === 0 && table.length > 0);
  for (const size of candidates) {
    let plausible = true;
    for (let at = 0; at < table.length && plausible; at += size) {
      const pointer = graph.pointerAt(table, at, 0);
      if (!pointer.present || !pointer.inBounds) plausible = false;
      else {
        const first = await graph.reader.read(pointer.offset, 1);
        plausible = first[0] === 0x2f || first[0] === 0x42;
      }
    }
    if (plausible) return size;
  }
  return candidates.length === 1 ? candidates[0]! : null;
}

export async function readModule(graph: GraphReader, table: Uint8Array, tableOffset: number, index: number, size: 36 | 52, entryPointId: number): Promise<GraphModule> {
  const at = index * size;
  const abs = tableOffset + at;
  const pointer = (rel: number) => graph.pointerAt(table, at + rel, abs + rel);
  const byteField = (rel: number): U32Field => ({ offset: abs + rel, length: 1, value: table[at + rel]! });
  const tail = size === 52 ? 48 : 32;
  const name = pointer(0);
  const format = byteField(tail + 2);
  const formatName: ModuleFormat = FORMAT_NAMES[format.value] ?? format.value;
  return {
    index,
    offset: abs,
    length: size,
    name,
    nameText: textOf(await graph.target(name, MAX_NAME_BYTES)),
    contents: pointer(8),
    sourcemap: pointer(16),
    bytecode: pointer(24),
    moduleInfo: size === 52 ? pointer(32) : null,
    bytecodeOriginPath: size === 52 ? pointer(40) : null,
    encoding: { ...byteField(tail), name: nameOf(ENCODING_NAMES, table[at + tail]!) },
    loader: { ...byteField(tail + 1), name: nameOf(LOADER_NAMES, table[at + tail + 1]!) },
    format: { ...format, name: formatName },
    side: { ...byteField(tail + 3), name: nameOf(SIDE_NAMES, table[at + tail + 3]!) },
    isEntry: index === entryPointId,
  };
}
