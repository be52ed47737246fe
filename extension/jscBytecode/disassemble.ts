import type { Span } from './model';
import type { OpcodeTable } from './opcodes';

/**
 * Instructions of one code block's stream, as far as the opcode table of the build says how long each is.
 * JavaScriptCore's encoding: a one-byte opcode and one byte per operand; after the op_wide16 / op_wide32 prefix,
 * the one-byte opcode is followed by 2- or 4-byte operands. An opcode the table does not know, or an instruction
 * that would run past the stream, ends the decoding: the rest is left as raw bytes.
 */

export interface Instruction {
  /** Absolute file offset of the instruction's first byte (the wide prefix, if any). */
  readonly offset: number;
  readonly length: number;
  readonly opcode: number;
  /** The opcode's name without its `op_` prefix. */
  readonly name: string;
  /** Operand width in bytes. */
  readonly width: 1 | 2 | 4;
  /** Operand values, sign-extended from their width (registers are negative for locals). */
  readonly operands: readonly number[];
}

export interface Disassembly {
  readonly instructions: readonly Instruction[];
  /** Bytes of the stream left undecoded, or null when every byte was decoded. */
  readonly rest: Span | null;
  /** Why decoding stopped before the end, or null. */
  readonly stopped: string | null;
}

/** Each table's names without their `op_` prefix, computed once per table. */
const SHORT_NAMES = new WeakMap<OpcodeTable, readonly string[]>();

function shortNames(table: OpcodeTable): readonly string[] {
  let names = SHORT_NAMES.get(table);
  if (!names) {
    names = table.names.map((n) => n.replace(/^op_/, ''));
    SHORT_NAMES.set(table, names);
  }
  return names;
}

/** Disassembles `stream`, whose first byte is at absolute file offset `offset`. */
export function disassemble(stream: Uint8Array, offset: number, table: OpcodeTable | null, maxInstructions = 1 << 20): Disassembly {
  const instructions: Instruction[] = [];
  const counts = table?.operandCounts ?? null;
  if (!table || !counts) {
    return { instructions, rest: stream.length ? { offset, length: stream.length } : null, stopped: table ? 'the opcode table has no operand counts' : 'no opcode table' };
  }
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const names = shortNames(table);
  let pc = 0;
  let stopped: string | null = null;
  while (pc < stream.length) {
    if (instructions.length >= maxInstructions) {
      stopped = `more than ${maxInstructions} instructions`;
      break;
    }
    let width: 1 | 2 | 4 = 1;
    let at = pc;
    const first = stream[at]!;
    if (first === table.wide16 || first === table.wide32) {
      width = first === table.wide16 ? 2 : 4;
      at++;
      if (at >= stream.length) {
        stopped = 'a wide prefix at the end of the stream';
        break;
      }
    }
    const opcode = stream[at]!;
    const count = counts[opcode];
    if (count === undefined || opcode >= table.names.length) {
      stopped = `opcode ${opcode} is not in the build's table of ${table.names.length}`;
      break;
    }
    const length = at - pc + 1 + count * width;
    if (pc + length > stream.length) {
      stopped = `${table.names[opcode]} needs ${length} bytes, ${stream.length - pc} are left`;
      break;
    }
    const operands: number[] = [];
    for (let i = 0, o = at + 1; i < count; i++, o += width) {
      operands.push(width === 1 ? view.getInt8(o) : width === 2 ? view.getInt16(o, true) : view.getInt32(o, true));
    }
    instructions.push({ offset: offset + pc, length, opcode, name: names[opcode]!, width, operands });
    pc += length;
  }
  return { instructions, rest: pc < stream.length ? { offset: offset + pc, length: stream.length - pc } : null, stopped };
}
