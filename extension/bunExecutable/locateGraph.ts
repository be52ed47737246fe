import type { RangeReader } from '../artifact/rangeReader';
import { isElf, readElfSections } from './elf';
import type { GraphContainer } from './model';

/** `\n---- Bun! ----\n`, the 16 bytes that end every module graph (spec §3.2). */
export const GRAPH_TRAILER = Uint8Array.from([0x0a, 0x2d, 0x2d, 0x2d, 0x2d, 0x20, 0x42, 0x75, 0x6e, 0x21, 0x20, 0x2d, 0x2d, 0x2d, 0x2d, 0x0a]);
export const OFFSETS_SIZE = 32;
const TAIL = OFFSETS_SIZE + GRAPH_TRAILER.length;
/** How far back from the end the fallback looks for the trailer. */
const SEARCH_WINDOW = 1 << 20;

export interface LocatedGraph {
  readonly container: GraphContainer;
  /** Absolute offset and length of the graph bytes G. */
  readonly start: number;
  readonly length: number;
}

export type LocateResult = { readonly found: true; readonly graph: LocatedGraph } | { readonly found: false; readonly reason: string; readonly plainBun: boolean };

function isTrailer(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < GRAPH_TRAILER.length; i++) if (bytes[at + i] !== GRAPH_TRAILER[i]) return false;
  return true;
}

async function trailerAt(reader: RangeReader, offset: number): Promise<boolean> {
  return offset >= 0 && isTrailer(await reader.read(offset, GRAPH_TRAILER.length), 0);
}

/** Finds the graph the way the runtime does for each container, and by its trailer where neither applies. */
export async function locateGraph(reader: RangeReader): Promise<LocateResult> {
  if (await isElf(reader)) {
    const elf = await readElfSections(reader);
    const bun = elf.ok ? elf.sections.find((s) => s.name === '.bun') : undefined;
    if (bun && bun.size >= 8 && bun.offset + 8 <= reader.size) {
      const length = await reader.u64(bun.offset);
      if (length !== null && length >= TAIL && bun.offset + 8 + length <= reader.size && (await trailerAt(reader, bun.offset + 8 + length - GRAPH_TRAILER.length))) {
        return {
          found: true,
          graph: {
            container: { kind: 'elf-section', sectionHeader: bun.header, lengthField: { offset: bun.offset, length: 8, value: length }, totalSizeField: null },
            start: bun.offset + 8,
            length,
          },
        };
      }
      // A plain bun binary has a `.bun` section whose first u64 is 0 (spec §3.2).
      if (length === 0) return { found: false, plainBun: true, reason: 'This is a plain Bun executable: its `.bun` section is empty, so it holds no compiled module graph.' };
    }
  }
  const appended = await locateAppended(reader);
  if (appended) return { found: true, graph: appended };
  const searched = await searchTrailer(reader);
  if (searched) return { found: true, graph: searched };
  return {
    found: false,
    plainBun: false,
    reason: 'No Bun module graph was found: no `.bun` ELF section with a graph, no appended graph, and no graph trailer ("\\n---- Bun! ----\\n") in the last 1 MiB.',
  };
}

/** Bun ≤ 1.3.11 on Linux: `binary ‖ G ‖ u64 total file size` (the runtime's own sanity checks, spec §3.2). */
async function locateAppended(reader: RangeReader): Promise<LocatedGraph | null> {
  const size = reader.size;
  if (size < 4096 || size > 0xffffffff) return null;
  const total = await reader.u64(size - 8);
  if (total !== size || !(await trailerAt(reader, size - 8 - GRAPH_TRAILER.length))) return null;
  const byteCount = await reader.u64(size - 8 - TAIL);
  if (byteCount === null || byteCount >= total) return null;
  const length = byteCount + TAIL;
  const start = size - 8 - length;
  if (start < 0) return null;
  return { container: { kind: 'appended', sectionHeader: null, lengthField: null, totalSizeField: { offset: size - 8, length: 8, value: total } }, start, length };
}

/**
 * The fallback: the last trailer in the last 1 MiB whose Offsets record describes a graph that fits before it,
 * confirmed by the u64 length in front of it (ELF section layout) or the u64 total size after it (appended).
 */
async function searchTrailer(reader: RangeReader): Promise<LocatedGraph | null> {
  const from = Math.max(0, reader.size - SEARCH_WINDOW);
  const tail = await reader.read(from, reader.size - from);
  for (let at = tail.length - GRAPH_TRAILER.length; at >= OFFSETS_SIZE; at--) {
    if (tail[at] !== 0x0a || !isTrailer(tail, at)) continue;
    const end = from + at + GRAPH_TRAILER.length;
    const byteCount = await reader.u64(end - TAIL);
    if (byteCount === null) continue;
    const length = byteCount + TAIL;
    const start = end - length;
    if (start < 0) continue;
    const before = start >= 8 ? await reader.u64(start - 8) : null;
    const after = end + 8 <= reader.size ? await reader.u64(end) : null;
    const lengthField = before === length ? { offset: start - 8, length: 8, value: length } : null;
    const totalSizeField = lengthField === null && after !== null && after > end ? { offset: end, length: 8, value: after } : null;
    // Without either confirmation a start at offset 0 (a graph cut out exactly) is still accepted.
    if (!lengthField && !totalSizeField && start !== 0) continue;
    return { container: { kind: 'trailer-search', sectionHeader: null, lengthField, totalSizeField }, start, length };
  }
  return null;
}
