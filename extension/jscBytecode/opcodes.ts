import type { RangeSource } from '../bmes/byteWindow';
import { ElfError, addressOf, fileOffsetOf, findBytes, loadSegments, type Segment } from './elf';

/**
 * JavaScriptCore's opcode numbers change with every build, but each Bun executable holds its opcode-name table
 * (`{const char*, length}` pairs in opcode order) and, near it, the operand count of each opcode
 * (shared/spec/jsc-bytecode.md §4). Both are read here from the file with ranged reads: the name "op_enter" is
 * found, then the pointer to it, then the table around that pointer. The executable is never run.
 */

export interface OpcodeTable {
  /** Bytecode opcode names in number order (the table's leading `op_` entries). */
  readonly names: readonly string[];
  /** Operands per opcode (without the opcode itself), or null when the count table was not found. */
  readonly operandCounts: readonly number[] | null;
  readonly wide16: number | null;
  readonly wide32: number | null;
  /** File offsets of the name table and the count table, for the record. */
  readonly namesAt: number;
  readonly countsAt: number | null;
}

export type OpcodeTableResult =
  { readonly ok: true; readonly table: OpcodeTable; readonly bytesRead: number } | { readonly ok: false; readonly error: string; readonly bytesRead: number };

const ANCHOR_NAME = 'op_enter';
const MAX_NAME = 96;
/** How far around the found pointer the table is looked for, in entries. */
const MAX_TABLE_ENTRIES = 1024;
/** How far from the name table the operand-count table may lie. */
const COUNT_WINDOW = 256 * 1024;
const MAX_OPERANDS = 64;
const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;

export async function readOpcodeTable(source: RangeSource): Promise<OpcodeTableResult> {
  const counter = { bytesRead: 0 };
  try {
    const table = await locate(source, counter);
    return { ok: true, table, bytesRead: counter.bytesRead };
  } catch (error) {
    if (error instanceof ElfError) return { ok: false, error: error.message, bytesRead: counter.bytesRead };
    throw error;
  }
}

async function locate(source: RangeSource, counter: { bytesRead: number }): Promise<OpcodeTable> {
  const segments = await loadSegments(source, counter);
  const data = segments.filter((s) => !s.executable);
  if (data.length === 0) throw new ElfError('the executable has no data segment');
  const reader = new SmallReads(source, counter);

  const needle = ascii(`\0${ANCHOR_NAME}\0`);
  let nameAt: number | null = null;
  for (const s of data) {
    nameAt = await findBytes(source, needle, s.fileOffset, s.fileOffset + s.fileSize, counter);
    if (nameAt !== null) break;
  }
  if (nameAt === null) throw new ElfError(`the name "${ANCHOR_NAME}" is not in the executable: not a JavaScriptCore build`);
  const address = addressOf(segments, nameAt + 1)!;
  const pointer = u64Bytes(address);
  let entryAt: number | null = null;
  let home: Segment | null = null;
  for (const s of data) {
    entryAt = await findBytes(source, pointer, s.fileOffset, s.fileOffset + s.fileSize, counter, 8);
    if (entryAt !== null) {
      home = s;
      break;
    }
  }
  if (entryAt === null || !home) throw new ElfError(`no pointer to "${ANCHOR_NAME}" in the executable: its opcode table has another shape`);

  const pairs = (await reader.u64(entryAt + 8)) === ANCHOR_NAME.length + 1;
  const stride = pairs ? 16 : 8;
  const name = async (at: number): Promise<string | null> => {
    if (at < home.fileOffset || at + stride > home.fileOffset + home.fileSize) return null;
    const target = fileOffsetOf(segments, await reader.u64(at));
    if (target === null) return null;
    const bytes = await reader.bytes(target, Math.min(MAX_NAME, source.size - target));
    const end = bytes.indexOf(0);
    if (end <= 0) return null;
    const text = String.fromCharCode(...bytes.subarray(0, end));
    if (!NAME_PATTERN.test(text)) return null;
    if (pairs && (await reader.u64(at + 8)) !== end + 1) return null;
    return text;
  };
  let start = entryAt;
  for (let i = 0; i < MAX_TABLE_ENTRIES && (await name(start - stride)) !== null; i++) start -= stride;
  const names: string[] = [];
  for (let at = start; names.length < MAX_TABLE_ENTRIES; at += stride) {
    const n = await name(at);
    if (n === null || !n.startsWith('op_')) break;
    names.push(n);
  }
  const index = (n: string) => {
    const i = names.indexOf(n);
    return i < 0 ? null : i;
  };
  const countsAt = await findOperandCounts(reader, home, start, start + names.length * stride, names, index);
  const operandCounts = countsAt === null ? null : await reader.u32s(countsAt, names.length);
  return { names, operandCounts, wide16: index('op_wide16'), wide32: index('op_wide32'), namesAt: start, countsAt };
}

/**
 * The u32 array of operand counts: the closest one to the name table whose entries fit what every
 * JavaScriptCore build has (op_enter 0 operands, op_ret 1, op_mov 2, the wide prefixes 0) and whose every
 * entry is small.
 */
async function findOperandCounts(
  reader: SmallReads,
  home: Segment,
  namesStart: number,
  namesEnd: number,
  names: readonly string[],
  index: (n: string) => number | null,
): Promise<number | null> {
  const anchors: [number | null, number][] = [
    [index('op_enter'), 0],
    [index('op_ret'), 1],
    [index('op_mov'), 2],
    [index('op_wide16'), 0],
    [index('op_wide32'), 0],
  ];
  if (anchors.some(([i]) => i === null)) return null;
  const from = Math.max(home.fileOffset, namesStart - COUNT_WINDOW) & ~3;
  const to = Math.min(home.fileOffset + home.fileSize, namesEnd + COUNT_WINDOW);
  const window = await reader.bytes(from, to - from);
  const view = new DataView(window.buffer, window.byteOffset, window.byteLength);
  const length = names.length * 4;
  let best: number | null = null;
  for (let at = 0; at + length <= window.length; at += 4) {
    if (!anchors.every(([i, want]) => view.getUint32(at + i! * 4, true) === want)) continue;
    let small = true;
    for (let i = 0; i < names.length && small; i++) small = view.getUint32(at + i * 4, true) <= MAX_OPERANDS;
    if (!small) continue;
    const fileAt = from + at;
    const distance = fileAt < namesStart ? namesStart - fileAt : fileAt - namesEnd;
    if (fileAt + length > namesStart && fileAt < namesEnd) continue;
    const bestDistance = best === null ? Infinity : best < namesStart ? namesStart - best : best - namesEnd;
    if (distance < bestDistance) best = fileAt;
  }
  return best;
}

/** Small positioned reads through a bounded cache of 64 KB pages. */
class SmallReads {
  private readonly pages = new Map<number, Uint8Array>();
  private static readonly PAGE = 64 * 1024;
  private static readonly MAX_PAGES = 64;

  constructor(
    private readonly source: RangeSource,
    private readonly counter: { bytesRead: number },
  ) {}

  async bytes(at: number, length: number): Promise<Uint8Array> {
    const P = SmallReads.PAGE;
    if (Math.floor(at / P) !== Math.floor((at + length - 1) / P) || length > P) {
      const out = await this.source.read(at, length);
      this.counter.bytesRead += out.length;
      return out;
    }
    const index = Math.floor(at / P);
    let page = this.pages.get(index);
    if (!page) {
      page = await this.source.read(index * P, Math.min(P, this.source.size - index * P));
      this.counter.bytesRead += page.length;
      if (this.pages.size >= SmallReads.MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
      this.pages.set(index, page);
    }
    return page.subarray(at - index * P, at - index * P + length);
  }

  async u64(at: number): Promise<number> {
    const b = await this.bytes(at, 8);
    if (b.length < 8) return -1;
    const view = new DataView(b.buffer, b.byteOffset, 8);
    return view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  }

  async u32s(at: number, count: number): Promise<number[]> {
    const b = await this.bytes(at, count * 4);
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return Array.from({ length: count }, (_, i) => view.getUint32(i * 4, true));
  }
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function u64Bytes(value: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, value % 2 ** 32, true);
  view.setUint32(4, Math.floor(value / 2 ** 32), true);
  return out;
}
