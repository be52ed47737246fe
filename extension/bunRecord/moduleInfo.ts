/**
 * The ESM `module_info` body that Bun 1.3.9–1.3.x writes for each module of a `--compile --bytecode` executable
 * (spec §4), decoded with the absolute span of every field. Mirrors Bun's reader (`ModuleInfoDeserialized.create`
 * and `toJSModuleRecord` in `src/analyze_transpiled_module.zig`): `accepted` says whether Bun would take the record
 * from the body or drop it and parse `contents` instead. Never throws; never allocates by a count it has not
 * checked against the bytes left.
 */
import type { Span, U32Field } from '../bmes/model';
import { decodeUtf8 } from '../bmes/utf8';
import { MODULE_INFO_DROPPED, MODULE_INFO_IGNORED, RecordDiagnostics, hex, plural, type RecordDiagnostic } from './diagnostics';
import {
  STAR_NAMESPACE_ID,
  idOnlyName,
  nameRef,
  reservedName,
  type ExportPart,
  type FetchKind,
  type ImportKind,
  type ImportPart,
  type ListPart,
  type ModuleFlags,
  type ModuleRecordParts,
  type NameRef,
  type RequestPart,
  type StarExportPart,
  type VariablePart,
} from './parts';

/** Bun's `RecordKind` (spec §4): name and how many ids each record uses. */
export const MODULE_INFO_KINDS: readonly { readonly name: string; readonly ids: number }[] = [
  { name: 'declared_variable', ids: 1 },
  { name: 'lexical_variable', ids: 1 },
  { name: 'import_info_single', ids: 3 },
  { name: 'import_info_single_type_script', ids: 3 },
  { name: 'import_info_namespace', ids: 3 },
  { name: 'export_info_indirect', ids: 3 },
  { name: 'export_info_local', ids: 3 },
  { name: 'export_info_namespace', ids: 2 },
  { name: 'export_info_star', ids: 1 },
  { name: 'import_info_namespace_defer', ids: 3 },
  { name: 'requested_module_defer', ids: 1 },
];

const KNOWN_FLAGS = 0x07;
/** FetchParameters values below these are StringIDs of a host-defined `type` (spec §4). */
const FETCH_KINDS: Readonly<Record<number, FetchKind>> = {
  0xffffffff: 'none',
  0xfffffffe: 'javascript',
  0xfffffffd: 'webassembly',
  0xfffffffc: 'json',
};
/** The bundler's placeholder for a cross-chunk path (spec §4: replaced in the records, left in the table). */
const PLACEHOLDER = /^[0-9a-f]{16}C[0-9]{8}$/;

export interface ModuleInfoRecord extends Span {
  readonly index: number;
  readonly kind: U32Field;
  readonly kindName: string | null;
  /** The record's ids, in the record-data array. */
  readonly ids: readonly U32Field[];
}

export interface ModuleInfoString extends Span {
  readonly index: number;
  /** The u32 length field in the lengths array. */
  readonly lengthField: U32Field;
  readonly value: string;
  readonly validUtf8: boolean;
}

export interface ModuleInfoRequest extends Span {
  readonly index: number;
  readonly specifier: U32Field;
  readonly fetch: U32Field;
}

export interface DecodedModuleInfo extends Span {
  /** Whether Bun's reader takes the record from this body (false: it parses `contents` instead). */
  readonly accepted: boolean;
  readonly kindCount: U32Field | null;
  readonly records: readonly ModuleInfoRecord[];
  readonly recordDataCount: U32Field | null;
  readonly requestCount: U32Field | null;
  readonly requests: readonly ModuleInfoRequest[];
  readonly flags: U32Field | null;
  readonly stringCount: U32Field | null;
  readonly strings: readonly ModuleInfoString[];
  /** The record in the neutral shape (whatever was read whole, even when Bun would drop the body). */
  readonly parts: ModuleRecordParts;
  readonly diagnostics: readonly RecordDiagnostic[];
}

class BodyCursor {
  pos = 0;
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    readonly base: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get left(): number {
    return this.bytes.length - this.pos;
  }
  abs(pos = this.pos): number {
    return this.base + pos;
  }
  u32At(pos: number): U32Field {
    return { offset: this.base + pos, length: 4, value: this.view.getUint32(pos, true) };
  }
  /** Reads a u32, or null when fewer than 4 bytes are left. */
  u32(): U32Field | null {
    if (this.left < 4) return null;
    const field = this.u32At(this.pos);
    this.pos += 4;
    return field;
  }
}

export function decodeModuleInfo(bytes: Uint8Array, baseOffset: number): DecodedModuleInfo {
  return new ModuleInfoDecoder(bytes, baseOffset).decode();
}

class ModuleInfoDecoder {
  private readonly c: BodyCursor;
  private readonly sink = new RecordDiagnostics();
  private accepted = true;
  private kindCount: U32Field | null = null;
  private kinds: U32Field[] = [];
  private recordDataCount: U32Field | null = null;
  private ids: U32Field[] = [];
  private requestCount: U32Field | null = null;
  private requests: ModuleInfoRequest[] = [];
  private flags: U32Field | null = null;
  private stringCount: U32Field | null = null;
  private strings: ModuleInfoString[] = [];
  private records: ModuleInfoRecord[] = [];

  constructor(bytes: Uint8Array, baseOffset: number) {
    this.c = new BodyCursor(bytes, baseOffset);
  }

  decode(): DecodedModuleInfo {
    if (this.readKinds() && this.readRecordData() && this.readRequests() && this.readFlags()) this.readStrings();
    this.splitRecords();
    this.checkIds();
    const parts = this.parts();
    return {
      offset: this.c.base,
      length: this.c.bytes.length,
      accepted: this.accepted,
      kindCount: this.kindCount,
      records: this.records,
      recordDataCount: this.recordDataCount,
      requestCount: this.requestCount,
      requests: this.requests,
      flags: this.flags,
      stringCount: this.stringCount,
      strings: this.strings,
      parts,
      diagnostics: this.sink.items(),
    };
  }

  private reject(): false {
    this.accepted = false;
    return false;
  }

  /** A count field; null (with a diagnostic) when the field is missing or its items cannot fit in what is left. */
  private count(what: string, itemBytes: number, extraBytes = 0): U32Field | null {
    const start = this.c.pos;
    const field = this.c.u32();
    if (!field) {
      this.sink.add(
        'module-info-truncated',
        { offset: this.c.abs(start), length: this.c.left },
        `The module_info body ends at ${hex(this.c.abs(this.c.bytes.length))} inside the ${what} count: expected a 4-byte count at ${hex(this.c.abs(start))}, found ${plural(this.c.left, 'byte')}. ${MODULE_INFO_DROPPED}`,
      );
      return null;
    }
    const needed = field.value * itemBytes + extraBytes;
    if (needed > this.c.left) {
      this.sink.add(
        'module-info-count-exceeds-body',
        field,
        `The ${what} count is ${field.value.toLocaleString('en-US')}: ${plural(needed, 'byte')} needed after it, but only ${plural(this.c.left, 'byte')} of the body are left. ${MODULE_INFO_DROPPED}`,
      );
      return null;
    }
    return field;
  }

  private readKinds(): boolean {
    const count = this.count('record kind', 1);
    this.kindCount = count;
    if (!count) return this.reject();
    const n = count.value;
    for (let i = 0; i < n; i++) {
      const at = this.c.pos + i;
      const value = this.c.bytes[at]!;
      this.kinds.push({ offset: this.c.abs(at), length: 1, value });
      if (value >= MODULE_INFO_KINDS.length) {
        this.accepted = false;
        this.sink.add(
          'module-info-unknown-kind',
          { offset: this.c.abs(at), length: 1 },
          `Record #${i} has kind ${value}: expected 0–${MODULE_INFO_KINDS.length - 1} (declared_variable … requested_module_defer). ${MODULE_INFO_DROPPED}`,
        );
      }
    }
    this.c.pos += n;
    const padding = (4 - (n % 4)) % 4;
    if (this.c.left < padding) {
      this.sink.add(
        'module-info-truncated',
        { offset: this.c.abs(), length: this.c.left },
        `The module_info body ends inside the ${plural(padding, 'padding byte')} after the record kinds. ${MODULE_INFO_DROPPED}`,
      );
      return this.reject();
    }
    this.checkZero(this.c.pos, padding, 'the padding after the record kinds');
    this.c.pos += padding;
    return true;
  }

  private readRecordData(): boolean {
    const count = this.count('record data', 4);
    this.recordDataCount = count;
    if (!count) return this.reject();
    for (let i = 0; i < count.value; i++) this.ids.push(this.c.u32At(this.c.pos + 4 * i));
    this.c.pos += 4 * count.value;
    return true;
  }

  private readRequests(): boolean {
    const count = this.count('requested module', 8);
    this.requestCount = count;
    if (!count) return this.reject();
    const r = count.value;
    for (let i = 0; i < r; i++) {
      const specifier = this.c.u32At(this.c.pos + 4 * i);
      const fetch = this.c.u32At(this.c.pos + 4 * (r + i));
      this.requests.push({ index: i, offset: specifier.offset, length: 4, specifier, fetch });
    }
    this.c.pos += 8 * r;
    return true;
  }

  private readFlags(): boolean {
    if (this.c.left < 4) {
      this.sink.add(
        'module-info-truncated',
        { offset: this.c.abs(), length: this.c.left },
        `The module_info body ends at ${hex(this.c.abs(this.c.bytes.length))} inside the flags: expected 4 bytes (flags and 3 padding bytes) at ${hex(this.c.abs())}. ${MODULE_INFO_DROPPED}`,
      );
      return this.reject();
    }
    const value = this.c.bytes[this.c.pos]!;
    this.flags = { offset: this.c.abs(), length: 1, value };
    if ((value & ~KNOWN_FLAGS) !== 0) {
      this.sink.add(
        'module-info-unknown-flags',
        this.flags,
        `The flags byte is ${hex(value, 2)}: only bits 0–2 (contains_import_meta, is_typescript, has_tla) are defined, found ${hex(value & ~KNOWN_FLAGS, 2)}. ${MODULE_INFO_IGNORED}`,
      );
    }
    this.checkZero(this.c.pos + 1, 3, 'the padding after the flags');
    this.c.pos += 4;
    return true;
  }

  private readStrings(): void {
    const count = this.count('string', 4);
    this.stringCount = count;
    if (!count) {
      this.reject();
      return;
    }
    const s = count.value;
    const lengthsAt = this.c.pos;
    this.c.pos += 4 * s;
    let total = 0;
    let at = this.c.pos;
    for (let i = 0; i < s; i++) {
      const lengthField = this.c.u32At(lengthsAt + 4 * i);
      total += lengthField.value;
      if (at + lengthField.value > this.c.bytes.length) {
        this.sink.add(
          'module-info-strings-exceed-body',
          lengthField,
          `String #${i} is ${plural(lengthField.value, 'byte')} long, but only ${plural(this.c.bytes.length - at, 'byte')} of the body are left at ${hex(this.c.abs(at))}: the string lengths add up to more than the string data. ${MODULE_INFO_DROPPED}`,
        );
        this.reject();
        return;
      }
      const text = decodeUtf8(this.c.bytes.subarray(at, at + lengthField.value));
      if (!text.valid) {
        this.sink.add(
          'module-info-invalid-utf8',
          { offset: this.c.abs(at), length: lengthField.value },
          `String #${i} is not valid UTF-8 (Bun writes WTF-8 from the source's names). Bun's reader converts it as it is, so the name it gets may differ from the source.`,
        );
      }
      this.strings.push({ index: i, offset: this.c.abs(at), length: lengthField.value, lengthField, value: text.value, validUtf8: text.valid });
      at += lengthField.value;
    }
    if (at < this.c.bytes.length) {
      this.sink.add(
        'module-info-trailing-bytes',
        { offset: this.c.abs(at), length: this.c.bytes.length - at },
        `The ${plural(s, 'string')} take ${plural(total, 'byte')}, but ${plural(this.c.bytes.length - at, 'byte')} follow them to the end of the body: Bun's writer ends the body with the last string. ${MODULE_INFO_IGNORED}`,
      );
    }
    this.c.pos = this.c.bytes.length;
  }

  private checkZero(pos: number, length: number, what: string): void {
    for (let i = 0; i < length; i++) {
      if (this.c.bytes[pos + i] !== 0) {
        this.sink.add(
          'module-info-nonzero-padding',
          { offset: this.c.abs(pos), length },
          `${capitalize(what)} should be zero (Bun's writer writes zeros), found ${hex(this.c.bytes[pos + i]!, 2)} at ${hex(this.c.abs(pos + i))}. ${MODULE_INFO_IGNORED}`,
        );
        return;
      }
    }
  }

  /** Gives each record its ids, as Bun's `toJSModuleRecord` walks them. */
  private splitRecords(): void {
    let next = 0;
    for (let i = 0; i < this.kinds.length; i++) {
      const kind = this.kinds[i]!;
      const known = MODULE_INFO_KINDS[kind.value];
      if (!known) break;
      if (!this.recordDataCount) break;
      if (next + known.ids > this.ids.length) {
        this.sink.add(
          'module-info-records-exceed-data',
          this.recordDataCount,
          `The ${plural(this.kinds.length, 'record kind')} need more ids than the record data holds (${this.ids.length}): record #${i} (${known.name}) needs ids ${next}–${next + known.ids - 1}. ${MODULE_INFO_DROPPED}`,
        );
        this.accepted = false;
        return;
      }
      const ids = this.ids.slice(next, next + known.ids);
      const offset = ids[0]!.offset;
      this.records.push({ index: i, offset, length: 4 * known.ids, kind, kindName: known.name, ids });
      next += known.ids;
    }
    if (this.records.length === this.kinds.length && this.recordDataCount && next < this.ids.length) {
      this.sink.add(
        'module-info-unused-record-data',
        { offset: this.ids[next]!.offset, length: 4 * (this.ids.length - next) },
        `The record kinds use ${plural(next, 'id')}, but the record data holds ${this.ids.length}: the last ${this.ids.length - next} belong to no record (Bun's writer writes exactly the ids its records use). ${MODULE_INFO_IGNORED}`,
      );
    }
  }

  /** Every id must name a string or be reserved; every string should be used. */
  private checkIds(): void {
    if (!this.stringCount) return;
    // Bun sizes its identifier array by the count, so that is the range (the count was checked against the body).
    const stringCount = this.stringCount.value;
    const used = new Uint8Array(stringCount);
    const check = (field: U32Field, what: string) => {
      if (reservedName(field.value) !== null) return;
      if (field.value < stringCount) {
        used[field.value] = 1;
        return;
      }
      this.sink.add(
        'module-info-string-id-out-of-range',
        field,
        `${capitalize(what)} is StringID ${field.value} (${hex(field.value, 8)}): expected below the string count ${stringCount} or one of the reserved ${hex(0xffffffff)} (*default*) / ${hex(0xfffffffe)} (*namespace*). Bun's reader does not check it and indexes past its identifier array (inferred: a crash or a wrong name at start-up).`,
      );
    };
    for (const record of this.records) {
      // export_info_local's third id is padding (always 0xFFFFFFFF), not a name.
      const named = record.kind.value === 6 ? record.ids.slice(0, 2) : record.ids;
      named.forEach((id, k) => check(id, `id ${k} of record #${record.index} (${record.kindName})`));
    }
    for (const request of this.requests) {
      check(request.specifier, `the specifier of requested module #${request.index}`);
      if (FETCH_KINDS[request.fetch.value] === undefined) check(request.fetch, `the host-defined type of requested module #${request.index}`);
    }
    // Which strings the records use is only known when every record was read.
    if (!this.accepted) return;
    for (const string of this.strings) {
      if (used[string.index]) continue;
      const placeholder = PLACEHOLDER.test(string.value);
      this.sink.add(
        'module-info-unused-string',
        string.lengthField,
        placeholder
          ? `String #${string.index} ("${string.value}") is used by no record: it is the bundler's placeholder for a cross-chunk path, replaced by the final path in the records but left in the table (every Bun 1.3.x build does this). Harmless.`
          : `String #${string.index} ("${escape(string.value)}") is used by no record or request. Bun's reader converts it anyway; nothing else changes.`,
      );
    }
  }

  private name(field: U32Field): NameRef {
    const string = reservedName(field.value) === null ? this.strings[field.value] : undefined;
    return string ? nameRef(field, string.value, true, string.offset, string.length) : idOnlyName(field);
  }

  private parts(): ModuleRecordParts {
    const complete = this.accepted;
    const imports: ImportPart[] = [];
    const exports: ExportPart[] = [];
    const stars: StarExportPart[] = [];
    const declared: VariablePart[] = [];
    const lexical: VariablePart[] = [];
    const deferred: NameRef[] = [];
    for (const r of this.records) {
      const [a, b, c] = r.ids;
      const span = { offset: r.offset, length: r.length };
      switch (r.kind.value) {
        case 0:
        case 1:
          (r.kind.value === 0 ? declared : lexical).push({ ...span, index: (r.kind.value === 0 ? declared : lexical).length, name: this.name(a!), kindField: r.kind });
          break;
        case 2:
        case 3:
        case 4:
        case 9: {
          const kind: ImportKind = r.kind.value === 2 ? 'single' : r.kind.value === 3 ? 'singleTypeScript' : r.kind.value === 4 ? 'namespace' : 'namespaceDefer';
          imports.push({ ...span, index: imports.length, kind, kindField: r.kind, module: this.name(a!), importName: this.name(b!), localName: this.name(c!) });
          break;
        }
        case 5:
          // `export * as ns` seen through an import is stored as indirect with import name *namespace* (Bun's
          // finalize()); the runtime turns it into a namespace export, and so does this.
          exports.push({
            ...span,
            index: exports.length,
            kind: b!.value === STAR_NAMESPACE_ID ? 'namespace' : 'indirect',
            kindField: r.kind,
            exportName: this.name(a!),
            localName: null,
            importName: b!.value === STAR_NAMESPACE_ID ? null : this.name(b!),
            module: this.name(c!),
          });
          break;
        case 6:
          exports.push({ ...span, index: exports.length, kind: 'local', kindField: r.kind, exportName: this.name(a!), localName: this.name(b!), importName: null, module: null });
          break;
        case 7:
          exports.push({
            ...span,
            index: exports.length,
            kind: 'namespace',
            kindField: r.kind,
            exportName: this.name(a!),
            localName: null,
            importName: null,
            module: this.name(b!),
          });
          break;
        case 8:
          stars.push({ ...span, index: stars.length, module: this.name(a!) });
          break;
        case 10:
          deferred.push(this.name(a!));
          break;
      }
    }
    const requests: RequestPart[] = this.requests.map((q) => {
      const fetch = FETCH_KINDS[q.fetch.value] ?? 'host-defined';
      return {
        index: q.index,
        offset: q.offset,
        length: 4,
        specifier: this.name(q.specifier),
        fetch,
        fetchField: q.fetch,
        hostType: fetch === 'host-defined' ? this.name(q.fetch) : null,
        defer: false,
        moduleIndex: null,
      };
    });
    for (const d of deferred) {
      const fetchField = { offset: d.offset, length: 4, value: 0xffffffff };
      requests.push({ index: requests.length, offset: d.offset, length: 4, specifier: d, fetch: 'none', fetchField, hostType: null, defer: true, moduleIndex: null });
    }
    const dataSpan: Span = this.recordDataCount ? { offset: this.recordDataCount.offset, length: 4 + 4 * this.ids.length } : { offset: this.c.base, length: 0 };
    const found = <T>(entries: T[]): ListPart<T> | null =>
      this.kindCount ? { ...dataSpan, count: { offset: this.kindCount.offset, length: 4, value: entries.length }, entries, complete } : null;
    const flags: ModuleFlags | null = this.flags
      ? {
          field: this.flags,
          hasImportMeta: (this.flags.value & 1) !== 0,
          isTypeScript: (this.flags.value & 2) !== 0,
          hasTopLevelAwait: (this.flags.value & 4) !== 0,
        }
      : null;
    return {
      store: 'module_info',
      requests: this.requestCount ? { offset: this.requestCount.offset, length: 4 + 8 * this.requests.length, count: this.requestCount, entries: requests, complete } : null,
      imports: found(imports),
      exports: found(exports),
      starExports: found(stars),
      declaredVariables: found(declared),
      lexicalVariables: found(lexical),
      flags,
    };
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Control characters escaped, so a hostile name cannot drive a terminal. */
export function escape(text: string): string {
  // \p{Cc}: the C0 controls, DEL and the C1 controls (U+0000–U+001F, U+007F–U+009F).
  return text.replace(/\p{Cc}/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
