import { alignUp8 } from './checkLayout';
import { BMES_MAGIC } from './flags';

/** A module record as Bun's writer takes it: plain values, no spans. */
export interface BmesRecordInput {
  readonly requestedModules: readonly RequestedModuleInput[];
  readonly importEntries: readonly ImportEntryInput[];
  readonly exportEntries: readonly ExportEntryInput[];
  readonly starExports: readonly string[];
  /** Version 3 only. */
  readonly declaredVariables: readonly VariableInput[];
  readonly lexicalVariables: readonly VariableInput[];
  readonly codeFeatures: number;
}

export interface RequestedModuleInput {
  readonly specifier: string;
  /** null: no attributes. Bun's writer records only that attributes existed (count 0). */
  readonly attributes: readonly { readonly key: string; readonly value: string }[] | null;
}

export interface ImportEntryInput {
  readonly type: number;
  readonly moduleRequest: string;
  readonly importName: string;
  readonly localName: string;
}

export interface ExportEntryInput {
  readonly type: number;
  readonly exportName: string;
  readonly moduleName: string;
  readonly importName: string;
  readonly localName: string;
}

export interface VariableInput {
  readonly name: string;
  readonly bits: number;
}

export interface EncodeOptions {
  readonly version?: 1 | 2 | 3;
  /** Write attribute pairs after the count. Bun's writer never does (it writes count 0); for tests only. */
  readonly writeAttributePairs?: boolean;
}

export const EMPTY_RECORD: BmesRecordInput = {
  requestedModules: [],
  importEntries: [],
  exportEntries: [],
  starExports: [],
  declaredVariables: [],
  lexicalVariables: [],
  codeFeatures: 0,
};

class ByteWriter {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  length = 0;
  private readonly encoder = new TextEncoder();

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + n) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0, true);
    this.length += 4;
  }

  string(value: string): void {
    const bytes = this.encoder.encode(value);
    this.u32(bytes.length);
    this.bytes(bytes);
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  zeros(n: number): void {
    this.reserve(n);
    this.buffer.fill(0, this.length, this.length + n);
    this.length += n;
  }

  setU32(at: number, value: number): void {
    this.view.setUint32(at, value >>> 0, true);
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Writes a BMES file the way Bun's writer does (spec §2): same record, same bytes. */
export function encodeBmes(record: BmesRecordInput, bytecode: Uint8Array, options: EncodeOptions = {}): Uint8Array {
  const version = options.version ?? 3;
  const w = new ByteWriter();
  w.u32(BMES_MAGIC);
  w.u32(version);
  if (version !== 1) {
    w.u32(0); // bytecodeOffset, patched below
    w.u32(bytecode.length);
  }
  writeModuleLists(w, record, options.writeAttributePairs ?? false);
  if (version === 3) {
    writeVariables(w, record.declaredVariables);
    writeVariables(w, record.lexicalVariables);
    w.u32(record.codeFeatures);
  }
  if (version === 1) {
    w.u32(bytecode.length);
  } else {
    w.zeros(alignUp8(w.length) - w.length);
    w.setU32(8, w.length);
  }
  w.bytes(bytecode);
  return w.result();
}

function writeModuleLists(w: ByteWriter, record: BmesRecordInput, writePairs: boolean): void {
  w.u32(record.requestedModules.length);
  for (const request of record.requestedModules) {
    w.string(request.specifier);
    if (request.attributes === null) {
      w.u32(0);
      continue;
    }
    w.u32(1);
    const pairs = writePairs ? request.attributes : [];
    w.u32(pairs.length);
    for (const pair of pairs) {
      w.string(pair.key);
      w.string(pair.value);
    }
  }
  w.u32(record.importEntries.length);
  for (const entry of record.importEntries) {
    w.u32(entry.type);
    w.string(entry.moduleRequest);
    w.string(entry.importName);
    w.string(entry.localName);
  }
  w.u32(record.exportEntries.length);
  for (const entry of record.exportEntries) {
    w.u32(entry.type);
    w.string(entry.exportName);
    w.string(entry.moduleName);
    w.string(entry.importName);
    w.string(entry.localName);
  }
  w.u32(record.starExports.length);
  for (const moduleName of record.starExports) w.string(moduleName);
}

function writeVariables(w: ByteWriter, variables: readonly VariableInput[]): void {
  w.u32(variables.length);
  for (const variable of variables) {
    w.string(variable.name);
    w.u32(variable.bits);
  }
}
