/**
 * The module-info slot table of a Bun 1.4.x executable (Offsets flag bit 9, spec §5.2): `u32 count`, then
 * `count × u32 slot`. The prelinked graph's sid n is slot n. A slot's low two bits say what it is: `2` → `slot >> 2`
 * indexes the bytecode string table; `1` → an inline string of up to 3 Latin-1 characters (byte 0 = `length << 2 | 1`,
 * bytes 1–3 the characters).
 */
import type { Span, U32Field } from '../bmes/model';
import type { DecodedStringTable } from './bytecodeStringTable';
import { RecordDiagnostics, hex, plural, type RecordDiagnostic } from './diagnostics';

export interface Slot {
  readonly index: number;
  readonly field: U32Field;
  /** The name, or null when the slot does not resolve. */
  readonly value: string | null;
  /** Where the characters are (inside the slot for an inline string). */
  readonly dataOffset: number;
  readonly byteLength: number;
  /** The string-table entry, for a slot that indexes the table. */
  readonly tableIndex: number | null;
}

export interface DecodedSlotTable extends Span {
  readonly count: U32Field | null;
  readonly slots: readonly Slot[];
  readonly diagnostics: readonly RecordDiagnostic[];
}

const SLOTS_BROKEN =
  'The prelinked graph names every module, specifier and binding by slot, so a slot that does not resolve leaves those names unknown to JavaScriptCore (inferred: it rejects the graph and analyses the modules another way, or uses a wrong name).';

export function decodeSlotTable(bytes: Uint8Array, baseOffset: number, strings: DecodedStringTable | null): DecodedSlotTable {
  const sink = new RecordDiagnostics();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const span = { offset: baseOffset, length: bytes.length };
  if (bytes.length < 4) {
    sink.add('slot-table-truncated', span, `The module-info slot table is ${plural(bytes.length, 'byte')} long: expected at least its 4-byte count. ${SLOTS_BROKEN}`);
    return { ...span, count: null, slots: [], diagnostics: sink.items() };
  }
  const count: U32Field = { offset: baseOffset, length: 4, value: view.getUint32(0, true) };
  const fits = Math.min(count.value, Math.floor((bytes.length - 4) / 4));
  if (fits < count.value) {
    sink.add(
      'slot-table-truncated',
      count,
      `The module-info slot table's count is ${count.value.toLocaleString('en-US')} (${plural(4 * count.value, 'byte')}), but ${plural(bytes.length - 4, 'byte')} follow it: only the first ${fits} slots are read. ${SLOTS_BROKEN}`,
    );
  } else if (4 + 4 * count.value < bytes.length) {
    sink.add(
      'slot-table-truncated',
      { offset: baseOffset + 4 + 4 * count.value, length: bytes.length - 4 - 4 * count.value },
      `The module-info slot table holds ${plural(count.value, 'slot')} but is ${plural(bytes.length - 4 - 4 * count.value, 'byte')} longer than they need: Bun's writer makes the pointer's length exactly 4 + 4 × count.`,
    );
  }
  const slots: Slot[] = [];
  for (let i = 0; i < fits; i++) {
    const at = 4 + 4 * i;
    const field: U32Field = { offset: baseOffset + at, length: 4, value: view.getUint32(at, true) };
    const tag = field.value & 3;
    const unresolved = { index: i, field, value: null, dataOffset: field.offset, byteLength: 0, tableIndex: null };
    if (tag === 1) {
      const length = (field.value & 0xff) >>> 2;
      if (length > 3) {
        sink.add(
          'slot-unknown-tag',
          field,
          `Slot ${i} (${hex(field.value, 8)}) is an inline string of length ${length}: an inline slot holds at most 3 characters. ${SLOTS_BROKEN}`,
        );
        slots.push(unresolved);
        continue;
      }
      slots.push({ index: i, field, value: String.fromCharCode(...bytes.subarray(at + 1, at + 1 + length)), dataOffset: field.offset + 1, byteLength: length, tableIndex: null });
    } else if (tag === 2) {
      const index = field.value >>> 2;
      const entry = strings?.entries[index] ?? null;
      if (!entry) {
        const known = strings?.count ? `the bytecode string table has ${plural(strings.entries.length, 'string')}` : 'there is no readable bytecode string table';
        sink.add(
          'slot-out-of-range',
          field,
          `Slot ${i} (${hex(field.value, 8)}) names bytecode string #${index}, but ${known}${entry === null && strings && index < strings.entries.length ? ' (that entry is unreadable)' : ''}. ${SLOTS_BROKEN}`,
        );
        slots.push({ ...unresolved, tableIndex: index });
        continue;
      }
      slots.push({ index: i, field, value: entry.value, dataOffset: entry.dataOffset, byteLength: entry.byteLength, tableIndex: index });
    } else {
      sink.add(
        'slot-unknown-tag',
        field,
        `Slot ${i} is ${hex(field.value, 8)}: its low two bits are ${tag}, expected 2 (an index into the bytecode string table) or 1 (an inline string). ${SLOTS_BROKEN}`,
      );
      slots.push(unresolved);
    }
  }
  return { ...span, count, slots, diagnostics: sink.items() };
}
