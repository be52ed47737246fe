import type { ArrayRef, CodeBlockNode, CodeType, ConstantValue, FunctionNode, JscConstant, JscStringRef, SourceRange, TopKind } from './model';
import { isKnownParseMode, kindOfParseMode } from './parseMode';
import { Malformed, type PayloadReader, type StepBudget, type TailCursor } from './reader';
import { StringDecoder } from './strings';
import type { TreeSink } from './sink';

/**
 * The code-block tree of the compact layout (Bun 1.4.4/1.4.5, cacheVersion 0xF1F0ED26), as described in
 * shared/spec/jsc-bytecode.md §2 and checked on payloads built by those Bun releases. A code block's region holds
 * its arrays, then its record: a fixed part and a varint tail that says where each array is, relative to the
 * region start. Function executables are records of their own, pointed to from the code block's declaration and
 * expression lists.
 */

/** Fixed part of a top (program, module, eval) code block record before its tail; functions have 4 bytes. */
const TOP_FIXED_PART = 56;
const FUNCTION_FIXED_PART = 4;
const LAYOUT_HAS_METADATA = 1;
const LAYOUT_HAS_EXTRAS = 4;
const KNOWN_LAYOUT_FLAGS = LAYOUT_HAS_METADATA | LAYOUT_HAS_EXTRAS;
const CODE_TYPES: readonly CodeType[] = ['global', 'eval', 'function', 'module'];
const CONSTANT_STRING = 8;
const CONSTANT_NUMBER = 5;
/** A pointer to an 8-byte encoded JSValue (seen for doubles). */
const CONSTANT_JSVALUE = 6;
const REPRESENTATION_DOUBLE = 2;

/** Executable header bits (the slots that follow it, in this order). */
const SLOT_CALL = 1;
const SLOT_CONSTRUCT = 2;
const SLOT_NAME = 4;
/** Bits 3 (TDZ link) and 4 (rare data) have slots too; they are skipped. */
/** Bits 5–7 are seen set on real records without a slot; bits 8–15 and 24–31 never. */
const UNKNOWN_HEADER_BITS = 0xff00ff00;

export const MAX_DEPTH = 256;
/**
 * Three profile counts end every code block tail, in every code type and with or without metadata: measured on
 * the 2,600 code blocks of a 2 MB bundle, where the bytes after them are the next region or alignment padding.
 */
const PROFILE_COUNTS = 3;

interface ArrayLocation {
  count: number;
  at: number;
}

export class CompactTreeDecoder {
  private readonly strings: StringDecoder;
  /** Records already turned into nodes, so each is decoded once and a cycle is seen as one. */
  private readonly seen = new Set<number>();
  /** Array start → its byte length, for the first node that used it; later users see it as shared. */
  private readonly arrays = new Map<number, number>();

  constructor(
    private readonly r: PayloadReader,
    private readonly sink: TreeSink,
    private readonly budget: StepBudget,
    strings: StringDecoder,
  ) {
    this.strings = strings;
  }

  top(recordAt: number, topKind: TopKind): CodeBlockNode | null {
    const expected: CodeType = topKind === 'module' ? 'module' : topKind === 'eval' ? 'eval' : 'global';
    return this.codeBlock(recordAt, TOP_FIXED_PART, expected, 0, 0);
  }

  /** A code block record at `at`; null (with a diagnostic) when it is not one. */
  private codeBlock(at: number, fixed: number, expected: CodeType, parentStart: number, depth: number): CodeBlockNode | null {
    if (!this.enter(at, depth, 'code block')) return null;
    try {
      return this.readCodeBlock(at, fixed, expected, parentStart, depth);
    } catch (error) {
      if (!(error instanceof Malformed)) throw error;
      this.sink.malformed(error, `code block at ${this.hex(at)}`);
      return null;
    }
  }

  private readCodeBlock(at: number, fixed: number, expected: CodeType, parentStart: number, depth: number): CodeBlockNode {
    const r = this.r;
    r.pointer(at, 'the expression-info pointer');
    const tail = r.cursor(at + fixed);
    const layoutFlags = tail.u8('the layout flags');
    if (layoutFlags & ~KNOWN_LAYOUT_FLAGS) {
      throw new Malformed(tail.pos - 1, 1, `layout flags of bits 1 (metadata) and 4 (extras) only, found 0x${layoutFlags.toString(16)}`);
    }
    const recordOffset = tail.varint('the record offset in its region');
    const regionStart = at - recordOffset;
    if (regionStart < 0) throw new Malformed(tail.pos - 1, 1, `a region start inside the payload (${regionStart})`);
    if (layoutFlags & LAYOUT_HAS_METADATA) tail.varint('the value-profile count');
    const steps = location(tail, regionStart);
    const instructions = location(tail, regionStart);
    const constants = location(tail, regionStart);
    const representations = location(tail, regionStart);
    const identifiers = location(tail, regionStart);
    const decls = location(tail, regionStart);
    const exprs = location(tail, regionStart);
    if (layoutFlags & LAYOUT_HAS_EXTRAS) tail.zigzag('the extras position');
    const codeFlags = tail.varint('the code block flags');
    const parseMode = tail.u8('the parse mode');
    tail.u8('the code generation mode');
    const thisRegister = tail.zigzag('the this register');
    const scopeRegister = tail.zigzag('the scope register');
    const numVars = tail.zigzag('the variable count');
    const numCalleeLocals = tail.zigzag('the callee-locals count');
    const numParameters = tail.zigzag('the parameter count');
    for (let i = 0; i < PROFILE_COUNTS; i++) tail.varint('a profile count');

    const codeType = CODE_TYPES[(codeFlags >>> 13) & 3]!;
    if (codeType !== expected) {
      throw new Malformed(at + fixed, tail.pos - at - fixed, `a ${expected} code block, found the flags of a ${codeType} one`);
    }
    if (numParameters < 1 || numVars < 0 || numCalleeLocals < 0 || !isKnownParseMode(parseMode)) {
      throw new Malformed(at + fixed, tail.pos - at - fixed, 'register counts and a parse mode that JavaScriptCore writes');
    }

    r.need(steps.at, steps.count * 4, 'the metadata steps');
    r.need(instructions.at, instructions.count, 'the instruction stream');
    const kindsBytes = align4(constants.count);
    r.need(constants.at, kindsBytes + constants.count * 4, 'the constants');
    r.need(representations.at, representations.count, 'the constant representations');
    r.need(identifiers.at, identifiers.count * 4, 'the identifiers');
    r.need(decls.at, decls.count * 4, 'the function declarations');
    r.need(exprs.at, exprs.count * 4, 'the function expressions');

    const ownStart = parentStart;
    const identifierList = this.stringList(identifiers);
    const constantList = this.constantList(constants, representations);
    const functions: FunctionNode[] = [];
    let functionDeclCount = 0;
    for (const list of [decls, exprs]) {
      for (let i = 0; i < list.count && this.budget.take(); i++) {
        const slot = list.at + i * 4;
        try {
          const target = r.pointer(slot, 'a function executable pointer');
          if (target === null) continue;
          const fn = this.executable(target, ownStart, depth + 1);
          if (!fn) continue;
          functions.push(fn);
          if (list === decls) functionDeclCount++;
        } catch (error) {
          if (!(error instanceof Malformed)) throw error;
          this.sink.malformed(error, `function slot at ${this.hex(slot)}`);
        }
      }
    }
    const end = tail.pos;
    return {
      type: 'codeBlock',
      record: this.span(at, end - at),
      region: this.span(regionStart, end - regionStart),
      codeType,
      parseMode,
      registers: { thisRegister, scopeRegister, numVars, numCalleeLocals, numParameters },
      instructions: this.arrayRef(instructions.at, instructions.count, instructions.count),
      identifiers: identifierList,
      identifierArray: identifiers.count ? this.arrayRef(identifiers.at, identifiers.count * 4, identifiers.count) : null,
      constants: constantList,
      constantArray: constants.count ? this.arrayRef(constants.at, kindsBytes + constants.count * 4, constants.count) : null,
      functions,
      functionDeclCount,
    };
  }

  private executable(at: number, parentStart: number, depth: number): FunctionNode | null {
    if (!this.enter(at, depth, 'function executable')) return null;
    try {
      return this.readExecutable(at, parentStart, depth);
    } catch (error) {
      if (!(error instanceof Malformed)) throw error;
      this.sink.malformed(error, `function executable at ${this.hex(at)}`);
      return null;
    }
  }

  private readExecutable(at: number, parentStart: number, depth: number): FunctionNode {
    const r = this.r;
    const header = r.u32(at, 'an executable header');
    if (header & UNKNOWN_HEADER_BITS) {
      throw new Malformed(at, 4, `an executable header with bits 0–7 and 16–23 only, found 0x${header.toString(16)}`);
    }
    const parseMode = (header >>> 16) & 0xff;
    if (!isKnownParseMode(parseMode)) throw new Malformed(at, 4, `a known parse mode, found ${parseMode}`);
    // The slots present follow the header in bit order, 4 bytes each.
    let pos = at + 4;
    const slotAt = [0, 0, 0, 0, 0];
    for (let i = 0; i < 5; i++) {
      if (!(header & (1 << i))) continue;
      slotAt[i] = pos;
      pos += 4;
    }
    r.need(at + 4, pos - at - 4, 'the executable slots');
    const callSlot = header & SLOT_CALL ? slotAt[0]! : null;
    const constructSlot = header & SLOT_CONSTRUCT ? slotAt[1]! : null;
    const nameSlot = header & SLOT_NAME ? slotAt[2]! : null;
    const name = nameSlot === null ? null : this.strings.slot(nameSlot);

    const tail = r.cursor(pos);
    tail.varint('the executable flags');
    const lexicalFeatures = tail.u8('the lexically scoped features');
    tail.varint('the code features');
    const parameterCount = tail.varint('the parameter count');
    const startField = tail.varint('the start offset');
    const functionStart = startField + tail.zigzag('the function start');
    const length = tail.varint('the source length');
    const parametersStart = startField + tail.zigzag('the parameters start');
    const functionEnd = startField + length + tail.zigzag('the function end');
    const start = parentStart + startField;
    const source: SourceRange = { start, end: start + length, functionStart, functionEnd, parametersStart };
    const end = tail.pos;

    // A class constructor can only be constructed: it has a construct slot and no call slot (a default
    // constructor is a normal-mode function whose source is a builtin's, so it has no range in this source).
    const kind = constructSlot !== null && callSlot === null ? 'constructor' : kindOfParseMode(parseMode);
    const call = this.slotBlock(callSlot, at, start, depth);
    const construct = this.slotBlock(constructSlot, at, start, depth);
    const cut = (callSlot !== null && call === undefined) || (constructSlot !== null && construct === undefined);
    return {
      type: 'function',
      span: this.span(at, end - at),
      name,
      kind,
      parseMode,
      parameterCount,
      strict: (lexicalFeatures & 1) !== 0,
      source: kind === 'classFieldInitializer' || !plausible(source) ? null : source,
      call: call ?? null,
      construct: construct ?? null,
      cut,
    };
  }

  /** The code block a slot points to: null for an empty slot, undefined (with a diagnostic) when it cannot be read. */
  private slotBlock(slotAt: number | null, executableAt: number, start: number, depth: number): CodeBlockNode | null | undefined {
    if (slotAt === null) return null;
    let target: number | null;
    try {
      target = this.r.pointer(slotAt, 'a code block pointer');
    } catch (error) {
      if (!(error instanceof Malformed)) throw error;
      this.sink.malformed(error, `code block slot of the function at ${this.hex(executableAt)}`);
      return undefined;
    }
    if (target === null) return null;
    return this.codeBlock(target, FUNCTION_FIXED_PART, 'function', start, depth + 1) ?? undefined;
  }

  private stringList(list: ArrayLocation): JscStringRef[] {
    const out: JscStringRef[] = [];
    for (let i = 0; i < list.count && this.budget.take(); i++) {
      try {
        out.push(this.strings.slot(list.at + i * 4));
      } catch (error) {
        if (!(error instanceof Malformed)) throw error;
        this.sink.malformed(error, `identifier ${i}`);
      }
    }
    return out;
  }

  private constantList(list: ArrayLocation, representations: ArrayLocation): JscConstant[] {
    const out: JscConstant[] = [];
    const valuesAt = list.at + align4(list.count);
    const hasRepresentations = representations.count === list.count;
    for (let i = 0; i < list.count && this.budget.take(); i++) {
      const kind = this.r.bytes[list.at + i]!;
      const representation = hasRepresentations ? this.r.bytes[representations.at + i]! : null;
      const at = valuesAt + i * 4;
      try {
        out.push({ index: i, kind, representation, value: this.constantValue(kind, representation, at), span: this.span(at, 4) });
      } catch (error) {
        if (!(error instanceof Malformed)) throw error;
        this.sink.malformed(error, `constant ${i}`);
      }
    }
    return out;
  }

  private constantValue(kind: number, representation: number | null, at: number): ConstantValue {
    const raw = this.r.u32(at);
    if (kind === CONSTANT_STRING) return { type: 'string', string: this.strings.slot(at) };
    if (kind === CONSTANT_NUMBER && representation !== REPRESENTATION_DOUBLE) return { type: 'int32', value: raw | 0 };
    if (kind === CONSTANT_JSVALUE) {
      const target = this.r.pointer(at, 'a constant value pointer');
      if (target !== null) return encodedJsValue(this.r.u32(target, 'an 8-byte value'), this.r.u32(target + 4, 'an 8-byte value'), kind, raw);
    }
    return { type: 'other', kind, raw };
  }

  /** Marks a record as visited; false (with a diagnostic) for a second visit or a nesting too deep. */
  private enter(at: number, depth: number, what: string): boolean {
    if (depth > MAX_DEPTH) {
      this.sink.add('tree-depth-limit', this.span(at, 4), `A ${what} nested deeper than ${MAX_DEPTH} levels; the decoder does not follow it.`);
      return false;
    }
    if (this.seen.has(at)) {
      this.sink.add('tree-cycle', this.span(at, 4), `The ${what} at ${this.hex(at)} is reached a second time (a cycle or a shared record); it is shown once.`);
      return false;
    }
    if (!this.budget.take()) return false;
    this.seen.add(at);
    return true;
  }

  private arrayRef(at: number, byteLength: number, count: number): ArrayRef {
    const shared = byteLength > 0 && this.arrays.get(at) === byteLength;
    if (byteLength > 0 && !shared) this.arrays.set(at, byteLength);
    return { span: this.span(at, byteLength), count, shared };
  }

  private span(at: number, length: number): { offset: number; length: number } {
    return { offset: this.r.base + at, length };
  }

  private hex(at: number): string {
    return '0x' + (this.r.base + at).toString(16);
  }
}

/** A range as JavaScriptCore records a function's own text; anything else is a builtin's or a synthesised one's. */
function plausible(s: SourceRange): boolean {
  return s.functionStart <= s.start && s.start <= s.end && s.functionStart <= s.functionEnd && s.functionEnd < s.end && s.parametersStart >= s.functionStart;
}

/** JavaScriptCore's 64-bit value encoding: int32 under the number tag, doubles offset by 2^49, a few specials. */
function encodedJsValue(low: number, high: number, kind: number, raw: number): ConstantValue {
  if ((high & 0xfffe0000) >>> 0 === 0xfffe0000) return { type: 'int32', value: low | 0 };
  if (high >>> 17 !== 0) {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, low, true);
    view.setUint32(4, (high - 0x20000) >>> 0, true);
    return { type: 'double', value: view.getFloat64(0, true) };
  }
  if (high === 0) {
    const special = SPECIAL_VALUES.get(low);
    if (special) return { type: 'literal', text: special };
  }
  return { type: 'other', kind, raw };
}

const SPECIAL_VALUES = new Map([
  [0x02, 'null'],
  [0x06, 'false'],
  [0x07, 'true'],
  [0x0a, 'undefined'],
]);

/** One `{count, [position]}` pair of a code block tail; positions are relative to the region start. */
function location(tail: TailCursor, regionStart: number): ArrayLocation {
  const count = tail.varint('an array count');
  return { count, at: count > 0 ? regionStart + tail.zigzag('an array position') : regionStart };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
