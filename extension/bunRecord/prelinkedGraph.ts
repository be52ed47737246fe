/**
 * The prelinked module graph ("PLMG") of a Bun 1.4.x ESM executable (Offsets flag bit 11, spec §5.3): every graph
 * module's requested modules, imports, exports and star exports as flat u32 tables, names as sids (slots of the
 * module-info slot table), imports and exports pre-resolved. Bun 1.4.5 writes version 2, the layout read here;
 * any other version is reported and not decoded. JavaScriptCore binary-searches imports and exports by the stored
 * name hash, so the order and the hashes are checked too.
 */
import type { Span, U32Field } from '../bmes/model';
import { RecordDiagnostics, hex, plural, type RecordDiagnostic } from './diagnostics';
import {
  STAR_NAMESPACE_ID,
  reservedName,
  type ExportKind,
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
} from './parts';
import { checkPrelinkedGraph } from './checkPrelinkedGraph';
import type { DecodedSlotTable } from './slotTable';
import { wtfStringHash } from './wtfStringHash';

export const PLMG_MAGIC = 0x474d4c50;
export const PLMG_VERSION = 2;
const HEADER_BYTES = 64;
const NO_MODULE = 0xffffffff;
/** The hash column of an entry whose name is a sentinel (sorts last). */
const SENTINEL_HASH = 0xffffffff;

/** Record sizes of version 2 (spec §5.3, verified on 1.4.5 bytes). */
const TABLES = [
  { name: 'module', countWord: 3, offsetWord: 8, size: 40 },
  { name: 'request', countWord: 4, offsetWord: 9, size: 16 },
  { name: 'import', countWord: 5, offsetWord: 10, size: 24 },
  { name: 'export', countWord: 6, offsetWord: 11, size: 24 },
  { name: 'star export', countWord: 7, offsetWord: 12, size: 4 },
] as const;
type TableName = (typeof TABLES)[number]['name'];

const FETCH: readonly FetchKind[] = ['none', 'javascript', 'webassembly', 'json', 'host-defined'];
const IMPORT_KINDS: readonly ImportKind[] = ['single', 'singleTypeScript', 'namespace', 'namespaceDefer'];
const EXPORT_KINDS: readonly ExportKind[] = ['local', 'indirect', 'namespace'];
export const RESOLUTIONS = ['unresolved', 'binding', 'namespace', 'not-found', 'ambiguous', 'error'] as const;

const GRAPH_REJECTED =
  'JavaScriptCore range-checks the blob when it creates the graph and drops it when it does not check out (spec §5.3): the program runs, its modules analysed another way (inferred: from source), and the start-up time the graph saves is lost.';
const GRAPH_TRUSTED = "A graph that passes the range checks is trusted: nothing compares it with the modules' source (spec §5.3).";

/** The `u32 n, u32[n]` list after the PLMG pointer: entry j is the module-table index of graph module j. */
export interface PlmgModuleMap {
  /** Absolute offset of the `u32 n` word. */
  readonly offset: number;
  readonly indices: readonly number[];
  /** How many modules the executable's module table has. */
  readonly tableModuleCount: number;
}

export interface PlmgResolution {
  readonly kind: (typeof RESOLUTIONS)[number] | number;
  readonly module: U32Field;
  readonly local: NameRef;
}

export interface PlmgModule extends Span {
  readonly index: number;
  /** The module-table index of this graph module (from the list after the pointer), or null when not known. */
  readonly tableIndex: number | null;
  readonly key: NameRef;
  readonly flags: ModuleFlags;
  readonly allRequestsInGraph: boolean;
  readonly hasStarExports: boolean;
  readonly parts: ModuleRecordParts;
  /** Per import and export entry, in table order: what the bundler resolved it to. */
  readonly importResolutions: readonly PlmgResolution[];
  readonly exportResolutions: readonly PlmgResolution[];
}

export interface DecodedPrelinkedGraph extends Span {
  readonly magic: U32Field | null;
  readonly version: U32Field | null;
  /** Decoded only for version 2 with the right magic. */
  readonly header: Readonly<Record<'stringCount' | 'moduleCount' | 'requestCount' | 'importCount' | 'exportCount' | 'starExportCount', U32Field>> | null;
  readonly modules: readonly PlmgModule[];
  readonly diagnostics: readonly RecordDiagnostic[];
}

/** One import or export record as `bindings` hands it to the entry builder. */
interface BindingRow {
  readonly index: number;
  readonly offset: number;
  readonly kindBits: U32Field;
  /** The first sid, resolved. */
  readonly name: NameRef;
  readonly second: U32Field;
  readonly what: string;
  readonly named: (field: U32Field, role: string) => NameRef;
}

interface TableView {
  readonly start: number;
  readonly count: number;
  readonly size: number;
}

export function decodePrelinkedGraph(bytes: Uint8Array, baseOffset: number, slots: DecodedSlotTable | null, moduleMap: PlmgModuleMap | null): DecodedPrelinkedGraph {
  return new PlmgDecoder(bytes, baseOffset, slots, moduleMap).decode();
}

class PlmgDecoder {
  private readonly view: DataView;
  private readonly sink = new RecordDiagnostics();
  private readonly tables = new Map<TableName, TableView>();
  private readonly hashes = new Map<number, number>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly base: number,
    private readonly slots: DecodedSlotTable | null,
    private readonly moduleMap: PlmgModuleMap | null,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private word(at: number): U32Field {
    return { offset: this.base + at, length: 4, value: this.view.getUint32(at, true) };
  }

  decode(): DecodedPrelinkedGraph {
    const span = { offset: this.base, length: this.bytes.length };
    const empty = (magic: U32Field | null, version: U32Field | null): DecodedPrelinkedGraph => ({
      ...span,
      magic,
      version,
      header: null,
      modules: [],
      diagnostics: this.sink.items(),
    });
    if (this.bytes.length < HEADER_BYTES) {
      this.sink.add('plmg-truncated', span, `The prelinked module graph is ${plural(this.bytes.length, 'byte')} long: expected at least its 64-byte header. ${GRAPH_REJECTED}`);
      return empty(this.bytes.length >= 4 ? this.word(0) : null, this.bytes.length >= 8 ? this.word(4) : null);
    }
    const magic = this.word(0);
    const version = this.word(4);
    if (magic.value !== PLMG_MAGIC) {
      this.sink.add('plmg-bad-magic', magic, `The prelinked module graph starts with ${hex(magic.value, 8)}: expected the magic ${hex(PLMG_MAGIC, 8)} ("PLMG"). ${GRAPH_REJECTED}`);
      return empty(magic, version);
    }
    if (version.value !== PLMG_VERSION) {
      this.sink.add(
        'plmg-unsupported-version',
        version,
        `The prelinked module graph is version ${version.value}; this inspector reads version ${PLMG_VERSION}, the one Bun 1.4.5 writes (Bun's later sources describe version 3 with 11-word and version 4 with 12-word module records), so the graph is not decoded. A runtime expecting another version drops the graph and analyses the modules another way (inferred: from source).`,
      );
      return empty(magic, version);
    }
    const header = {
      stringCount: this.word(8),
      moduleCount: this.word(12),
      requestCount: this.word(16),
      importCount: this.word(20),
      exportCount: this.word(24),
      starExportCount: this.word(28),
    };
    this.checkReserved();
    this.checkStringCount(header.stringCount);
    this.locateTables();
    const modules = this.readModules();
    this.checkModuleMap(header.moduleCount.value);
    checkPrelinkedGraph(modules, this.sink);
    return { ...span, magic, version, header, modules, diagnostics: this.sink.items() };
  }

  private checkReserved(): void {
    for (let at = 52; at < 64; at += 4) {
      const field = this.word(at);
      if (field.value !== 0) {
        this.sink.add(
          'plmg-nonzero-reserved',
          field,
          `Header word ${at / 4} is ${hex(field.value, 8)}: version 2 leaves words 13–15 zero (later versions put import-index or binding tables there). ${GRAPH_TRUSTED}`,
        );
      }
    }
  }

  private checkStringCount(stringCount: U32Field): void {
    if (!this.slots?.count || stringCount.value === this.slots.count.value) return;
    this.sink.add(
      'plmg-string-count-mismatch',
      stringCount,
      `The prelinked graph's string count is ${stringCount.value}, but the module-info slot table holds ${plural(this.slots.count.value, 'slot')}: Bun writes the same number in both. ${GRAPH_REJECTED}`,
    );
  }

  /** Each table must fit the blob and none may overlap another or the header. */
  private locateTables(): void {
    const placed: { name: string; start: number; end: number; field: U32Field }[] = [];
    for (const t of TABLES) {
      const count = this.word(4 * t.countWord);
      const offset = this.word(4 * t.offsetWord);
      const end = offset.value + count.value * t.size;
      // An empty table's offset is never read (Bun still writes where it would start).
      if (count.value > 0 && (end > this.bytes.length || offset.value < HEADER_BYTES)) {
        this.sink.add(
          'plmg-table-exceeds-blob',
          count,
          `The ${t.name} table holds ${plural(count.value, `${t.name} record`)} of ${t.size} bytes from offset ${hex(offset.value)}: it would end at ${hex(end)}, but the blob is ${plural(this.bytes.length, 'byte')} long (and tables start after the 64-byte header). ${GRAPH_REJECTED}`,
        );
        continue;
      }
      this.tables.set(t.name, { start: offset.value, count: count.value, size: t.size });
      if (count.value > 0) placed.push({ name: t.name, start: offset.value, end, field: offset });
    }
    placed.sort((a, b) => a.start - b.start);
    for (let i = 1; i < placed.length; i++) {
      const before = placed[i - 1]!;
      const here = placed[i]!;
      if (here.start < before.end) {
        this.sink.add(
          'plmg-tables-overlap',
          here.field,
          `The ${here.name} table starts at ${hex(here.start)}, inside the ${before.name} table (${hex(before.start)}–${hex(before.end)}): Bun's writer lays the tables one after another. Overlapping records are read twice under two meanings. ${GRAPH_TRUSTED}`,
        );
      }
    }
  }

  private record(table: TableName, index: number): number | null {
    const t = this.tables.get(table);
    if (!t || index >= t.count) return null;
    return t.start + index * t.size;
  }

  private readModules(): PlmgModule[] {
    const table = this.tables.get('module');
    if (!table) return [];
    const tableIndexOf = (j: number): number | null => {
      const map = this.moduleMap;
      if (!map) return null;
      const index = map.indices[j];
      return index !== undefined && index < map.tableModuleCount ? index : null;
    };
    const modules: PlmgModule[] = [];
    for (let m = 0; m < table.count; m++) {
      const at = table.start + m * table.size;
      const w = (k: number) => this.word(at + 4 * k);
      const flagsField = w(1);
      const flags: ModuleFlags = {
        field: flagsField,
        hasImportMeta: (flagsField.value & 1) !== 0,
        isTypeScript: (flagsField.value & 2) !== 0,
        hasTopLevelAwait: (flagsField.value & 4) !== 0,
      };
      const key = this.name(w(0), `the key of graph module ${m}`);
      const requests = this.slice('request', m, w(2), w(3));
      const imports = this.slice('import', m, w(4), w(5));
      const exports = this.slice('export', m, w(6), w(7));
      const stars = this.slice('star export', m, w(8), w(9));
      const requestParts = this.requests(m, requests);
      const importParts = this.imports(m, imports, requestParts);
      const exportParts = this.exports(m, exports, requestParts);
      const starParts = this.stars(m, stars, requestParts);
      modules.push({
        index: m,
        offset: this.base + at,
        length: table.size,
        tableIndex: tableIndexOf(m),
        key,
        flags,
        allRequestsInGraph: (flagsField.value & 16) !== 0,
        hasStarExports: (flagsField.value & 8) !== 0,
        parts: {
          store: 'prelinked-graph',
          requests: requestParts.list,
          imports: importParts.list,
          exports: exportParts.list,
          starExports: starParts,
          declaredVariables: null,
          lexicalVariables: null,
          flags,
        },
        importResolutions: importParts.resolutions,
        exportResolutions: exportParts.resolutions,
      });
    }
    return modules;
  }

  /** A module's slice of a global table, or null (with a diagnostic) when it runs past the table. */
  private slice(table: TableName, module: number, first: U32Field, count: U32Field): { first: number; count: U32Field } | null {
    const t = this.tables.get(table);
    if (!t) return null;
    if (first.value + count.value > t.count) {
      this.sink.add(
        'plmg-slice-out-of-range',
        count,
        `Graph module ${module} claims ${plural(count.value, `${table} record`)} from #${first.value}, but the ${table} table holds ${t.count}. ${GRAPH_REJECTED}`,
      );
      return null;
    }
    return { first: first.value, count };
  }

  private listSpan(table: TableName, slice: { first: number; count: U32Field }): Span {
    const t = this.tables.get(table)!;
    return { offset: this.base + t.start + slice.first * t.size, length: slice.count.value * t.size };
  }

  private name(field: U32Field, what: string): NameRef {
    const base = { offset: field.offset, length: 4, id: field.value };
    const reserved = reservedName(field.value);
    if (reserved !== null) return { ...base, value: reserved, resolved: true, dataOffset: field.offset, byteLength: 0 };
    const slot = this.slots?.slots[field.value];
    if (!slot || slot.value === null) {
      const count = this.slots?.count?.value ?? 0;
      this.sink.add(
        'plmg-sid-out-of-range',
        field,
        slot
          ? `${capitalize(what)} is sid ${field.value}, whose slot does not resolve. ${GRAPH_REJECTED}`
          : `${capitalize(what)} is sid ${field.value}: expected below the slot count ${count}, or ${hex(0xffffffff)} (*default*) / ${hex(0xfffffffe)} (*namespace*). ${GRAPH_REJECTED}`,
      );
      return { ...base, value: '', resolved: false, dataOffset: field.offset, byteLength: 0 };
    }
    return { ...base, value: slot.value, resolved: true, dataOffset: slot.dataOffset, byteLength: slot.byteLength };
  }

  private requests(module: number, slice: { first: number; count: U32Field } | null) {
    if (!slice) return { list: null, entries: [] as RequestPart[] };
    const moduleCount = this.tables.get('module')?.count ?? 0;
    const entries: RequestPart[] = [];
    for (let i = 0; i < slice.count.value; i++) {
      const at = this.record('request', slice.first + i)!;
      const w = (k: number) => this.word(at + 4 * k);
      const attributes = w(2);
      const fetchKind = attributes.value & 7;
      const fetch = FETCH[fetchKind] ?? 'none';
      const target = w(1);
      if (target.value !== NO_MODULE && target.value >= moduleCount) {
        this.sink.add(
          'plmg-module-out-of-range',
          target,
          `Request ${i} of graph module ${module} resolves to graph module ${target.value}, but the graph has ${plural(moduleCount, 'module')} (${hex(NO_MODULE, 8)} means "not in the graph"). ${GRAPH_REJECTED}`,
        );
      }
      entries.push({
        index: i,
        offset: this.base + at,
        length: 16,
        specifier: this.name(w(0), `the specifier of request ${i} of graph module ${module}`),
        fetch,
        fetchField: attributes,
        hostType: fetch === 'host-defined' ? this.name(w(3), `the attribute type of request ${i} of graph module ${module}`) : null,
        defer: (attributes.value & 8) !== 0,
        moduleIndex: target.value === NO_MODULE ? null : target.value,
      });
    }
    const list: ListPart<RequestPart> = { ...this.listSpan('request', slice), count: slice.count, entries, complete: true };
    return { list, entries };
  }

  /**
   * The module name an entry refers to through a module-relative request index (bits 16–31 of an entry's kindBits,
   * or a star export's whole word), spanning the word it was read from.
   */
  private requestName(module: number, index: number, field: U32Field, requests: readonly RequestPart[], what: string): NameRef {
    const request = requests[index];
    const base = { offset: field.offset, length: 4, id: index };
    if (!request) {
      this.sink.add(
        'plmg-request-out-of-range',
        field,
        `${capitalize(what)} of graph module ${module} refers to its request ${index} (${hex(field.value, 8)}), but the module has ${plural(requests.length, 'request')}. ${GRAPH_REJECTED}`,
      );
      return { ...base, value: '', resolved: false, dataOffset: field.offset, byteLength: 0 };
    }
    const s = request.specifier;
    return { ...base, value: s.value, resolved: s.resolved, dataOffset: s.dataOffset, byteLength: s.byteLength };
  }

  private resolution(module: number, kindBits: U32Field, target: U32Field, local: U32Field, what: string): PlmgResolution {
    const code = (kindBits.value >>> 8) & 0xff;
    const kind = RESOLUTIONS[code] ?? code;
    const moduleCount = this.tables.get('module')?.count ?? 0;
    if ((kind === 'binding' || kind === 'namespace') && target.value >= moduleCount) {
      this.sink.add(
        'plmg-module-out-of-range',
        target,
        `${capitalize(what)} of graph module ${module} is resolved (${kind}) to graph module ${target.value}, but the graph has ${plural(moduleCount, 'module')}. ${GRAPH_REJECTED}`,
      );
    }
    const localName =
      kind === 'binding'
        ? this.name(local, `the resolved local of ${what} of graph module ${module}`)
        : { offset: local.offset, length: 4, id: local.value, value: '', resolved: false, dataOffset: local.offset, byteLength: 0 };
    return { kind, module: target, local: localName };
  }

  /** Entries must be sorted by (hash, sid) and carry the hash of their name: lookups binary-search that column. */
  private checkOrder(module: number, what: string, rows: { sid: number; name: NameRef; hash: U32Field }[]): void {
    let previous: { hash: number; sid: number } | null = null;
    for (const row of rows) {
      const expected = this.expectedHash(row.sid, row.name);
      if (expected !== null && row.hash.value !== expected) {
        this.sink.add(
          'plmg-hash-mismatch',
          row.hash,
          `The ${what} "${row.name.value}" of graph module ${module} stores hash ${hex(row.hash.value, 6)}, but its name hashes to ${hex(expected, 6)}: JavaScriptCore finds ${what}s by binary search on this column, so a lookup of "${row.name.value}" can miss it and the binding is reported as not found (inferred). ${GRAPH_TRUSTED}`,
        );
      }
      if (previous && (row.hash.value < previous.hash || (row.hash.value === previous.hash && row.sid < previous.sid))) {
        this.sink.add(
          'plmg-not-sorted',
          row.hash,
          `The ${what}s of graph module ${module} are not sorted by (name hash, sid): "${row.name.value}" (hash ${hex(row.hash.value, 6)}) comes after an entry with hash ${hex(previous.hash, 6)}. JavaScriptCore binary-searches them, so a lookup can miss a name that is there (inferred: \`import { ${row.name.value} }\` then fails to link). ${GRAPH_TRUSTED}`,
        );
      }
      previous = { hash: row.hash.value, sid: row.sid };
    }
  }

  private expectedHash(sid: number, name: NameRef): number | null {
    if (sid >= STAR_NAMESPACE_ID) return SENTINEL_HASH;
    if (!name.resolved) return null;
    let hash = this.hashes.get(sid);
    if (hash === undefined) {
      hash = wtfStringHash(name.value);
      this.hashes.set(sid, hash);
    }
    return hash;
  }

  /**
   * Imports and exports share one 6-word layout: name sid (the local for an import, the exported name for an
   * export), second sid, kindBits, name hash, resolved module, resolved local. Reads one module's slice of either.
   */
  private bindings<T>(
    table: 'import' | 'export',
    module: number,
    slice: { first: number; count: U32Field } | null,
    entry: (row: BindingRow) => T,
  ): { list: ListPart<T> | null; resolutions: PlmgResolution[] } {
    if (!slice) return { list: null, resolutions: [] };
    const entries: T[] = [];
    const resolutions: PlmgResolution[] = [];
    const order: { sid: number; name: NameRef; hash: U32Field }[] = [];
    for (let i = 0; i < slice.count.value; i++) {
      const at = this.record(table, slice.first + i)!;
      const w = (k: number) => this.word(at + 4 * k);
      const what = `${table} ${i}`;
      const kindBits = w(2);
      const named = (field: U32Field, role: string) => this.name(field, `the ${role} of ${what} of graph module ${module}`);
      const name = named(w(0), table === 'import' ? 'local name' : 'export name');
      entries.push(entry({ index: i, offset: this.base + at, kindBits, name, second: w(1), what, named }));
      resolutions.push(this.resolution(module, kindBits, w(4), w(5), what));
      order.push({ sid: w(0).value, name, hash: w(3) });
    }
    this.checkOrder(module, table, order);
    return { list: { ...this.listSpan(table, slice), count: slice.count, entries, complete: true }, resolutions };
  }

  private imports(module: number, slice: { first: number; count: U32Field } | null, requests: { entries: readonly RequestPart[] }) {
    return this.bindings('import', module, slice, (row): ImportPart => ({
      index: row.index,
      offset: row.offset,
      length: 24,
      kind: IMPORT_KINDS[row.kindBits.value & 0xff] ?? 'single',
      kindField: { offset: row.kindBits.offset, length: 1, value: row.kindBits.value & 0xff },
      module: this.requestName(module, row.kindBits.value >>> 16, row.kindBits, requests.entries, row.what),
      importName: row.named(row.second, 'import name'),
      localName: row.name,
    }));
  }

  private exports(module: number, slice: { first: number; count: U32Field } | null, requests: { entries: readonly RequestPart[] }) {
    return this.bindings('export', module, slice, (row): ExportPart => {
      let kind = EXPORT_KINDS[row.kindBits.value & 0xff] ?? 'local';
      // An indirect export of *namespace* is `export * as ns` seen through an import: a namespace export.
      if (kind === 'indirect' && row.second.value === STAR_NAMESPACE_ID) kind = 'namespace';
      return {
        index: row.index,
        offset: row.offset,
        length: 24,
        kind,
        kindField: { offset: row.kindBits.offset, length: 1, value: row.kindBits.value & 0xff },
        exportName: row.name,
        localName: kind === 'local' ? row.named(row.second, 'local name') : null,
        importName: kind === 'indirect' ? row.named(row.second, 'import name') : null,
        module: kind === 'local' ? null : this.requestName(module, row.kindBits.value >>> 16, row.kindBits, requests.entries, row.what),
      };
    });
  }

  private stars(module: number, slice: { first: number; count: U32Field } | null, requests: { entries: readonly RequestPart[] }): ListPart<StarExportPart> | null {
    if (!slice) return null;
    const entries: StarExportPart[] = [];
    for (let i = 0; i < slice.count.value; i++) {
      const at = this.record('star export', slice.first + i)!;
      const field = this.word(at);
      const name = this.requestName(module, field.value, field, requests.entries, `star export ${i}`);
      entries.push({ index: i, offset: this.base + at, length: 4, module: name });
    }
    return { ...this.listSpan('star export', slice), count: slice.count, entries, complete: true };
  }

  private checkModuleMap(moduleCount: number): void {
    const map = this.moduleMap;
    if (!map) return;
    if (map.indices.length !== moduleCount) {
      this.sink.add(
        'plmg-module-map-mismatch',
        { offset: map.offset, length: 4 },
        `The list after the prelinked graph pointer maps ${plural(map.indices.length, 'graph module')} to the module table, but the graph has ${plural(moduleCount, 'module')}: Bun writes one entry per graph module. Which module's record is which cannot be told for sure.`,
      );
    }
    const seen = new Set<number>();
    map.indices.forEach((index, j) => {
      const at = { offset: map.offset + 4 + 4 * j, length: 4 };
      if (index >= map.tableModuleCount) {
        this.sink.add(
          'plmg-module-map-mismatch',
          at,
          `Graph module ${j} is mapped to module-table index ${index}, but the module table has ${plural(map.tableModuleCount, 'module')}. The runtime would attach the record to a module that does not exist (inferred: the graph is dropped).`,
        );
      } else if (seen.has(index)) {
        this.sink.add(
          'plmg-module-map-mismatch',
          at,
          `Graph module ${j} is mapped to module-table index ${index}, which another graph module already has: two records for one module, none for another.`,
        );
      }
      seen.add(index);
    });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
