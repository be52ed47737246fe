import type { RangeReader } from '../artifact/rangeReader';
import type { Span } from '../bmes/model';

/** The parts of a 64-bit little-endian ELF file the graph locator needs: section headers by name. */
export interface ElfSection {
  readonly name: string;
  readonly header: Span;
  readonly type: number;
  readonly offset: number;
  readonly size: number;
}

export type ElfResult = { readonly ok: true; readonly sections: readonly ElfSection[] } | { readonly ok: false; readonly reason: string; readonly at: number };

const SECTION_HEADER_SIZE = 64;
/** Section-name tables are a few KB; more than this is not a real one. */
const MAX_NAME_TABLE = 1 << 20;
const SHT_NOBITS = 8;

export async function isElf(reader: RangeReader): Promise<boolean> {
  const b = await reader.read(0, 4);
  return b.length === 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

export async function readElfSections(reader: RangeReader): Promise<ElfResult> {
  const h = await reader.read(0, 64);
  if (h.length < 64) return { ok: false, reason: 'the ELF header is cut short (64 bytes expected)', at: 0 };
  if (h[4] !== 2 || h[5] !== 1) return { ok: false, reason: `not a 64-bit little-endian ELF file (class ${h[4]}, data ${h[5]})`, at: 4 };
  const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
  const shoff = Number(view.getBigUint64(0x28, true));
  const shentsize = view.getUint16(0x3a, true);
  const shnum = view.getUint16(0x3c, true);
  const shstrndx = view.getUint16(0x3e, true);
  if (shentsize !== SECTION_HEADER_SIZE) return { ok: false, reason: `section header size ${shentsize}, expected 64`, at: 0x3a };
  if (shnum === 0 || shoff + shnum * SECTION_HEADER_SIZE > reader.size) {
    return { ok: false, reason: `the section header table (${shnum} entries at ${shoff}) does not fit in the file`, at: 0x28 };
  }
  if (shstrndx >= shnum) return { ok: false, reason: `section-name table index ${shstrndx} is not below the section count ${shnum}`, at: 0x3e };
  const table = await reader.read(shoff, shnum * SECTION_HEADER_SIZE);
  const tv = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const raw = Array.from({ length: shnum }, (_, i) => {
    const at = i * SECTION_HEADER_SIZE;
    return {
      nameOffset: tv.getUint32(at, true),
      type: tv.getUint32(at + 4, true),
      offset: Number(tv.getBigUint64(at + 24, true)),
      size: Number(tv.getBigUint64(at + 32, true)),
      header: { offset: shoff + at, length: SECTION_HEADER_SIZE },
    };
  });
  const names = raw[shstrndx]!;
  if (names.size > MAX_NAME_TABLE || names.offset + names.size > reader.size) {
    return { ok: false, reason: 'the section-name table does not fit in the file', at: names.header.offset };
  }
  const nameBytes = await reader.read(names.offset, names.size);
  const nameAt = (at: number): string => {
    let end = at;
    while (end < nameBytes.length && nameBytes[end] !== 0) end++;
    return String.fromCharCode(...nameBytes.subarray(at, Math.min(end, at + 256)));
  };
  return {
    ok: true,
    sections: raw.map((s) => ({
      name: nameAt(s.nameOffset),
      header: s.header,
      type: s.type,
      offset: s.offset,
      // A NOBITS section occupies no file bytes.
      size: s.type === SHT_NOBITS ? 0 : s.size,
    })),
  };
}
