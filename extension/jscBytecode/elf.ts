import type { RangeSource } from '../bmes/byteWindow';

/**
 * Just enough of ELF64 (little-endian) to read constant tables out of a Bun executable with ranged reads: the
 * program header's loadable segments, to turn the absolute addresses stored in pointer tables into file offsets.
 */

export interface Segment {
  readonly fileOffset: number;
  readonly address: number;
  readonly fileSize: number;
  readonly executable: boolean;
}

const PT_LOAD = 1;
const PF_X = 1;
const MAX_SEGMENTS = 64;

export class ElfError extends Error {}

export async function loadSegments(source: RangeSource, counter: { bytesRead: number }): Promise<Segment[]> {
  if (source.size < 64) throw new ElfError('the file is shorter than an ELF header');
  const header = await source.read(0, 64);
  counter.bytesRead += header.length;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (view.getUint32(0, false) !== 0x7f454c46) throw new ElfError('not an ELF executable (no \\x7fELF magic)');
  if (header[4] !== 2 || header[5] !== 1) throw new ElfError('not a 64-bit little-endian ELF executable');
  const phoff = Number(view.getBigUint64(32, true));
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  if (phentsize < 56 || phnum === 0 || phnum > MAX_SEGMENTS || phoff + phentsize * phnum > source.size) {
    throw new ElfError('the ELF program header table does not fit the file');
  }
  const table = await source.read(phoff, phentsize * phnum);
  counter.bytesRead += table.length;
  const t = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = i * phentsize;
    if (t.getUint32(at, true) !== PT_LOAD) continue;
    const fileOffset = Number(t.getBigUint64(at + 8, true));
    const address = Number(t.getBigUint64(at + 16, true));
    const fileSize = Number(t.getBigUint64(at + 32, true));
    if (fileOffset + fileSize > source.size) continue;
    segments.push({ fileOffset, address, fileSize, executable: (t.getUint32(at + 4, true) & PF_X) !== 0 });
  }
  return segments;
}

/** The file offset of an absolute address, or null when no segment maps it from the file. */
export function fileOffsetOf(segments: readonly Segment[], address: number): number | null {
  for (const s of segments) {
    if (address >= s.address && address < s.address + s.fileSize) return s.fileOffset + (address - s.address);
  }
  return null;
}

export function addressOf(segments: readonly Segment[], fileOffset: number): number | null {
  for (const s of segments) {
    if (fileOffset >= s.fileOffset && fileOffset < s.fileOffset + s.fileSize) return s.address + (fileOffset - s.fileOffset);
  }
  return null;
}

const SCAN_CHUNK = 4 << 20;

/**
 * The file offset of the first occurrence of `needle` in [start, end), read in 4 MB chunks (overlapping by the
 * needle's length) so memory stays flat whatever the file's size. `step` restricts matches to aligned offsets.
 */
export async function findBytes(source: RangeSource, needle: Uint8Array, start: number, end: number, counter: { bytesRead: number }, step = 1): Promise<number | null> {
  // Searching on the needle's first non-zero byte: zero bytes are the commonest in a binary.
  const anchor = Math.max(
    0,
    needle.findIndex((b) => b !== 0),
  );
  const key = needle[anchor]!;
  for (let at = start; at < end; at += SCAN_CHUNK) {
    const length = Math.min(SCAN_CHUNK + needle.length - 1, end - at);
    const chunk = await source.read(at, length);
    counter.bytesRead += chunk.length;
    for (let k = chunk.indexOf(key, anchor); k >= 0; k = chunk.indexOf(key, k + 1)) {
      const i = k - anchor;
      if (i + needle.length > chunk.length) break;
      if ((at + i) % step !== 0) continue;
      let j = 0;
      while (j < needle.length && chunk[i + j] === needle[j]) j++;
      if (j === needle.length) return at + i;
    }
  }
  return null;
}
