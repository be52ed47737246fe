/**
 * The view model of released Bun's containers: a `.jsc` payload or sidecar, and a `--compile` executable with its
 * module table and, when a module is open, that module's record in the same tables as BMES metadata. Built from the
 * decoders' models; pure. The BMES view model is `buildViewModel`; the views are the same.
 */
import { artifactKindName } from '../artifact/decodeArtifact';
import type { Diagnostic } from '../bmes/model';
import { executableVerdict, payloadVerdict } from '../verdict/artifactVerdicts';
import { NO_EXPECTATIONS, type BmesExpectations } from '../verdict/bmesVerdict';
import { bunReleaseName } from '../bmes/jscVersions';
import type { GraphSummary } from '../bunExecutable/graphSummary';
import type { ExecutableFile, GraphModule, GraphPointer } from '../bunExecutable/model';
import type { ModuleDetails } from '../bunExecutable/moduleDetails';
import type { ModuleRecordResult, SharedModuleRecords } from '../bunRecord/moduleRecord';
import { sharedTableViews } from './sharedTableViews';
import type { JscPayloadFile } from '../sidecar/model';
import { jscViewOf, viewDiagnostic } from './buildViewModel';
import { buildTableViews } from './tableViews';
import { packTable, type DraftColumn } from './packTable';
import type { ViewBytecode, ViewField, ViewModel, ViewRegion, ViewSection, ViewTable } from './types';

const hex = (n: number, digits = 0) => '0x' + n.toString(16).padStart(digits, '0');
const bytes = (n: number) => `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;

function spanField(key: string, label: string, offset: number, length: number, value: number | string, meaning: string): ViewField {
  return { key, label, offset, length, value, meaning };
}

/** Sorted, non-overlapping regions over the whole file, gaps marked as not decoded; the earlier region wins. */
export function tileRegions(size: number, spans: readonly ViewRegion[]): ViewRegion[] {
  const sorted = spans.filter((s) => s.length > 0).sort((a, b) => a.offset - b.offset || b.length - a.length);
  const out: ViewRegion[] = [];
  let at = 0;
  for (const span of sorted) {
    const start = Math.max(span.offset, at);
    const end = Math.min(span.offset + span.length, size);
    if (end <= start) continue;
    if (start > at) out.push({ kind: 'unparsed', label: 'Not decoded', offset: at, length: start - at });
    out.push({ ...span, offset: start, length: end - start });
    at = end;
  }
  if (at < size) out.push({ kind: 'unparsed', label: 'Not decoded', offset: at, length: size - at });
  return out;
}

function withDiagnostics(partial: Omit<ViewModel, 'diagnostics'>, diagnostics: readonly Diagnostic[]): ViewModel {
  // The narrowest field holding a diagnostic's offset is the one it concerns (the cache version, not the payload).
  const fields = [...partial.header, ...partial.layout, ...partial.sections.flatMap((s) => s.fields), ...(partial.jsc?.fields ?? [])].sort((a, b) => a.length - b.length);
  return { ...partial, diagnostics: diagnostics.map((d) => viewDiagnostic(d, partial, fields)) };
}

export function buildPayloadViewModel(file: JscPayloadFile, expect: BmesExpectations = NO_EXPECTATIONS): ViewModel {
  const t = file.trailer;
  const sections: ViewSection[] = t
    ? [
        {
          id: 'trailer',
          title: 'Sidecar trailer',
          note: 'Bun 1.4.x writes these 24 bytes after every sidecar payload and rejects the file silently when one of them does not match.',
          fields: [
            spanField(
              'trailer.payloadSize',
              'Payload size',
              t.payloadSize.offset,
              8,
              Number(t.payloadSize.value),
              t.payloadSize.value === BigInt(t.offset) ? 'matches the bytes before the trailer' : `expected ${t.offset}, the bytes before the trailer`,
            ),
            spanField(
              'trailer.hash',
              'Wyhash',
              t.hash.offset,
              8,
              '0x' + t.hash.value.toString(16).padStart(16, '0'),
              t.computedHash === t.hash.value
                ? 'matches the wyhash (seed 0) of the payload'
                : `expected 0x${t.computedHash?.toString(16).padStart(16, '0')}, the wyhash of the payload`,
            ),
            spanField('trailer.magic', 'Magic', t.magic.offset, 8, '00 62 75 6e 2e 6a 73 63', t.magic.matches ? '"\\0bun.jsc"' : 'not "\\0bun.jsc"'),
          ],
        },
      ]
    : [];
  const layout: ViewField[] = [
    spanField('payload', 'JavaScriptCore payload', file.payload.offset, file.payload.length, file.payload.length, `${bytes(file.payload.length)}, written by ${file.writtenBy}`),
    ...(t ? [spanField('trailer', 'Trailer', t.offset, t.length, t.length, '24 bytes: payload size, wyhash, magic')] : []),
    spanField('fileSize', 'File size', 0, file.size, file.size, bytes(file.size)),
  ];
  const regions = tileRegions(file.size, [
    { kind: 'bytecode', label: 'JavaScriptCore payload', offset: file.payload.offset, length: file.payload.length },
    ...(t ? [{ kind: 'trailer' as const, label: 'Sidecar trailer', offset: t.offset, length: t.length }] : []),
  ]);
  const verdict = payloadVerdict(file, expect);
  return withDiagnostics(
    {
      kind: 'jsc-payload',
      kindName: artifactKindName(file),
      sections,
      module: null,
      size: file.size,
      version: null,
      verdict,
      header: [],
      layout,
      tables: [],
      codeFeatures: null,
      regions,
      jsc: file.jsc ? jscViewOf(file.jsc) : null,
      bytecode: file.payload.length > 0 ? { offset: file.payload.offset, length: file.payload.length, stringTable: null, module: null } : null,
    },
    file.diagnostics,
  );
}

/** What the executable view knows beyond the module table: module details and records, once read. */
export interface ExecutableExtras {
  readonly details: readonly (ModuleDetails | undefined)[];
  readonly records: readonly (ModuleRecordResult | null | undefined)[];
  readonly summary: GraphSummary;
  readonly diagnostics: readonly Diagnostic[];
  /** Bun 1.4.x: the shared tables the records come from. */
  readonly shared?: SharedModuleRecords | null;
}

function pointerColumn(
  key: string,
  title: string,
  modules: readonly GraphModule[],
  pick: (m: GraphModule) => GraphPointer | null,
  text: (m: GraphModule, p: GraphPointer | null) => string,
): DraftColumn {
  const offsets = new Uint32Array(modules.length);
  const lengths = new Uint32Array(modules.length);
  const strings = modules.map((m, i) => {
    const p = pick(m);
    if (p && p.present && p.inBounds) {
      offsets[i] = p.offset;
      lengths[i] = p.length;
    } else if (p) {
      offsets[i] = p.field.offset;
      lengths[i] = p.field.length;
    }
    return text(m, p);
  });
  return { key, title, kind: 'string', offsets, lengths, strings };
}

function sizeColumn(key: string, title: string, modules: readonly GraphModule[], pick: (m: GraphModule) => GraphPointer | null): DraftColumn {
  const offsets = new Uint32Array(modules.length);
  const lengths = new Uint32Array(modules.length);
  const numbers = new Uint32Array(modules.length);
  modules.forEach((m, i) => {
    const p = pick(m);
    if (!p) return;
    offsets[i] = p.present && p.inBounds ? p.offset : p.field.offset;
    lengths[i] = p.present && p.inBounds ? p.length : p.field.length;
    numbers[i] = p.present ? p.length : 0;
  });
  return { key, title, kind: 'u32', offsets, lengths, numbers };
}

function byteColumn(key: string, title: string, modules: readonly GraphModule[], pick: (m: GraphModule) => { offset: number; length: number; name: string } | null): DraftColumn {
  const offsets = new Uint32Array(modules.length);
  const lengths = new Uint32Array(modules.length);
  const strings = modules.map((m, i) => {
    const f = pick(m);
    if (!f) return '';
    offsets[i] = f.offset;
    lengths[i] = f.length;
    return f.name;
  });
  return { key, title, kind: 'string', offsets, lengths, strings };
}

function modulesTable(exe: ExecutableFile, extras: ExecutableExtras | null): ViewTable {
  const modules = exe.modules;
  const summaries = extras?.summary.modules;
  const derived = (key: string, title: string, text: (i: number) => string): DraftColumn => ({ key, title, kind: 'derived', strings: modules.map((_, i) => text(i)) });
  const columns: DraftColumn[] = [
    pointerColumn(
      'name',
      'Name',
      modules,
      (m) => m.name,
      (m) => m.nameText,
    ),
    derived('entry', 'Entry', (i) => (modules[i]!.isEntry ? 'entry' : '')),
    byteColumn('format', 'Format', modules, (m) => ({ offset: m.format.offset, length: 1, name: String(m.format.name) })),
    byteColumn('loader', 'Loader', modules, (m) => ({ offset: m.loader.offset, length: 1, name: m.loader.name })),
    sizeColumn('sourceSize', 'Source', modules, (m) => m.contents),
    sizeColumn('bytecodeSize', 'Bytecode', modules, (m) => m.bytecode),
    derived('ratio', 'Ratio', (i) => {
      const r = summaries?.[i]?.ratio ?? (modules[i]!.contents.length && modules[i]!.bytecode.length ? modules[i]!.bytecode.length / modules[i]!.contents.length : null);
      return r === null ? '' : `${r.toFixed(1)}×`;
    }),
    pointerColumn(
      'record',
      'Record',
      modules,
      (m) => (m.moduleInfo?.present ? m.moduleInfo : null),
      (m, p) => (p ? 'module_info' : exe.optional?.prelinkedModuleOrder?.values.includes(m.index) ? 'prelinked graph' : m.format.name === 'esm' ? 'none' : ''),
    ),
    byteColumn('cacheVersion', 'Cache version', modules, (m) => {
      const jsc = extras?.details[m.index]?.jsc;
      return jsc ? { offset: jsc.cacheVersion.offset, length: 4, name: `${hex(jsc.cacheVersion.value, 8)} ${bunReleaseName(jsc.cacheVersion.value)}` } : null;
    }),
    derived('problems', 'Problems', (i) => {
      const s = summaries?.[i];
      if (!s) return '';
      return s.errors + s.warnings === 0
        ? s.missingBytecode
          ? 'no bytecode'
          : 'none'
        : `${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}`;
    }),
  ];
  const count = exe.offsets.modules;
  return packTable({
    id: 'modules',
    title: 'Modules',
    count: { offset: count.field.offset, length: 8, value: modules.length + exe.modulesOmitted },
    offset: count.offset,
    length: count.length,
    complete: exe.modulesOmitted === 0,
    rowCount: modules.length,
    rowOffsets: Uint32Array.from(modules, (m) => m.offset),
    rowLengths: Uint32Array.from(modules, (m) => m.length),
    columns,
  });
}

function pointerField(key: string, label: string, p: GraphPointer | null, what: string): ViewField | null {
  if (!p) return null;
  const meaning = !p.present ? 'none' : p.inBounds ? `${bytes(p.length)} at ${hex(p.offset)}` : `out of bounds: graph offset ${p.relativeOffset}, ${bytes(p.length)}`;
  return spanField(key, label, p.field.offset, 8, p.present ? p.length : 0, `${what}: ${meaning}`);
}

function executableSections(exe: ExecutableFile): ViewSection[] {
  const o = exe.offsets;
  const c = exe.container;
  const container: ViewField[] = [
    spanField('graph', 'Module graph', exe.graph.offset, exe.graph.length, exe.graph.length, `${bytes(exe.graph.length)} at ${hex(exe.graph.offset)}`),
    ...(c.sectionHeader
      ? [
          spanField(
            'container.section',
            '.bun section header',
            c.sectionHeader.offset,
            c.sectionHeader.length,
            hex(c.sectionHeader.offset),
            'ELF section header that points at the graph',
          ),
        ]
      : []),
    ...(c.lengthField ? [spanField('container.length', 'Graph length', c.lengthField.offset, 8, c.lengthField.value, 'u64 before the graph')] : []),
    ...(c.totalSizeField
      ? [spanField('container.total', 'File size field', c.totalSizeField.offset, 8, c.totalSizeField.value, 'u64 after the graph: the whole file size (appended layout)')]
      : []),
    spanField('trailer', 'Graph trailer', exe.trailer.offset, exe.trailer.length, '"\\n---- Bun! ----\\n"', 'ends every module graph'),
  ];
  const offsets: ViewField[] = [
    spanField('offsets.byteCount', 'Byte count', o.byteCount.offset, 8, o.byteCount.value, 'offset of this record inside the graph'),
    pointerField('offsets.modules', 'Module table', o.modules, exe.recordSize ? `${o.modules.length / exe.recordSize} × ${exe.recordSize}-byte records` : 'records')!,
    spanField('offsets.entryPointId', 'Entry point', o.entryPointId.offset, 4, o.entryPointId.value, exe.modules[o.entryPointId.value]?.nameText ?? 'out of range'),
    pointerField('offsets.execArgv', 'Exec argv', o.execArgv, exe.execArgvText === null ? '--compile-exec-argv' : `"${exe.execArgvText}"`)!,
    spanField('offsets.flags', 'Flags', o.flags.offset, 4, hex(o.flags.value), o.flags.names.join(', ') || 'none'),
  ];
  const sections: ViewSection[] = [
    {
      id: 'container',
      title: 'Bun container',
      fields: container,
      note:
        c.kind === 'elf-section'
          ? 'Linux, Bun ≥ 1.3.12: the graph is in an ELF .bun section, mapped by the kernel at start-up.'
          : c.kind === 'appended'
            ? 'Linux, Bun ≤ 1.3.11: the graph is appended to the Bun binary, followed by the file size.'
            : 'The graph was found by its trailer near the end of the file (a cut region, Mach-O, PE, or an unknown layout).',
    },
    { id: 'offsets', title: 'Offsets record', fields: offsets },
  ];
  const t = exe.optional;
  if (t && t.length > 0) {
    const fields = [
      t.sourceHashes
        ? spanField('tables.sourceHashes', 'Source hashes', t.sourceHashes.offset, t.sourceHashes.length, t.sourceHashes.values.length, "WTF string hash of each module's contents")
        : null,
      t.builtinBytecode
        ? spanField(
            'tables.builtinBytecode',
            'Builtin bytecode',
            t.builtinBytecode.offset,
            t.builtinBytecode.length,
            t.builtinBytecode.entries.length,
            t.builtinBytecode.entries.map((e) => `id ${e.internalId.value}: ${bytes(e.bytecode.length)}`).join('; ') || 'none',
          )
        : null,
      pointerField('tables.bytecodeStringTable', 'Bytecode string table', t.bytecodeStringTable, 'every identifier and string the bytecode uses'),
      t.startupModuleCount
        ? spanField('tables.startupModuleCount', 'Startup module count', t.startupModuleCount.offset, 4, t.startupModuleCount.value, "modules of the entry's static import closure")
        : null,
      pointerField('tables.slotTable', 'Module-info slot table', t.moduleInfoSlotTable, 'the names the prelinked graph uses'),
      pointerField('tables.prelinkedGraph', 'Prelinked module graph', t.prelinkedGraph, "every ES module's record, pre-resolved"),
      t.prelinkedModuleOrder
        ? spanField(
            'tables.prelinkedOrder',
            'Prelinked module order',
            t.prelinkedModuleOrder.offset,
            t.prelinkedModuleOrder.length,
            t.prelinkedModuleOrder.values.length,
            `module-table index of each graph module: [${t.prelinkedModuleOrder.values.slice(0, 20).join(', ')}${t.prelinkedModuleOrder.values.length > 20 ? ', …' : ''}]`,
          )
        : null,
    ].filter((f): f is ViewField => f !== null);
    sections.push({ id: 'tables', title: 'Bun 1.4.x tables', fields, note: 'Written after the module table, one per flag bit, in bit order.' });
  }
  return sections;
}

function executableRegions(exe: ExecutableFile): ViewRegion[] {
  const spans: ViewRegion[] = [];
  const add = (kind: ViewRegion['kind'], label: string, p: { offset: number; length: number } | null | undefined) => {
    if (p && p.length > 0) spans.push({ kind, label, offset: p.offset, length: p.length });
  };
  const ok = (p: GraphPointer | null) => (p && p.present && p.inBounds ? p : null);
  add('container', 'Bun container', exe.container.sectionHeader);
  add('container', 'Graph length', exe.container.lengthField);
  add('container', 'Offsets record and trailer', { offset: exe.offsets.offset, length: exe.offsets.length + exe.trailer.length });
  add('container', 'File size field', exe.container.totalSizeField);
  add('modules', 'Module table', ok(exe.offsets.modules));
  const t = exe.optional;
  if (t) {
    add('sharedTables', 'Bun 1.4.x tables', t);
    add('sharedTables', 'Bytecode string table', ok(t.bytecodeStringTable));
    add('sharedTables', 'Module-info slot table', ok(t.moduleInfoSlotTable));
    add('moduleRecord', 'Prelinked module graph', ok(t.prelinkedGraph));
    for (const b of t.builtinBytecode?.entries ?? []) add('bytecode', `Builtin bytecode ${b.internalId.value}`, ok(b.bytecode));
  }
  for (const m of exe.modules) {
    add('contents', `${m.nameText}: source`, ok(m.contents));
    add('bytecode', `${m.nameText}: bytecode`, ok(m.bytecode));
    add('moduleRecord', `${m.nameText}: module_info`, ok(m.moduleInfo));
    add('contents', `${m.nameText}: name`, ok(m.name));
  }
  return tileRegions(exe.size, spans);
}

/** The open module's payload for the Bytecode tab, with the executable's shared string table when it has one. */
function moduleBytecode(exe: ExecutableFile, module: GraphModule): ViewBytecode | null {
  const b = module.bytecode;
  if (!b.present || !b.inBounds || b.length === 0) return null;
  const t = exe.optional?.bytecodeStringTable;
  return { offset: b.offset, length: b.length, stringTable: t && t.present && t.inBounds && t.length > 0 ? { offset: t.offset, length: t.length } : null, module: module.index };
}

/** An executable: its module list, or (with `open`) one module's record, bytecode and source location. */
export function buildExecutableViewModel(exe: ExecutableFile, extras: ExecutableExtras | null, open: number | null, expect: BmesExpectations = NO_EXPECTATIONS): ViewModel {
  const module = open === null ? null : (exe.modules[open] ?? null);
  const record = module ? (extras?.records[module.index] ?? null) : null;
  const details = module ? extras?.details[module.index] : undefined;
  const tables: ViewTable[] = [modulesTable(exe, extras), ...(record ? buildTableViews(record.record) : []), ...(!module && extras?.shared ? sharedTableViews(extras.shared) : [])];
  const sections = executableSections(exe);
  if (module) {
    const moduleFields = [
      spanField('module.record', 'Module record', module.offset, module.length, module.index, `#${module.index} ${module.nameText}${module.isEntry ? ' (entry point)' : ''}`),
      pointerField('module.name', 'Name', module.name, module.nameText)!,
      pointerField('module.contents', 'Contents', module.contents, 'the bundled source')!,
      pointerField('module.bytecode', 'Bytecode', module.bytecode, 'JavaScriptCore payload')!,
      pointerField('module.sourcemap', 'Source map', module.sourcemap, "Bun's serialized source map"),
      pointerField('module.moduleInfo', 'module_info', module.moduleInfo, 'the 1.3.x module record'),
      pointerField('module.origin', 'Bytecode origin path', module.bytecodeOriginPath, 'the path the bytecode was generated for'),
      spanField('module.format', 'Format', module.format.offset, 1, module.format.value, String(module.format.name)),
      spanField('module.loader', 'Loader', module.loader.offset, 1, module.loader.value, module.loader.name),
      spanField('module.encoding', 'Encoding', module.encoding.offset, 1, module.encoding.value, module.encoding.name),
    ].filter((f): f is ViewField => f !== null);
    const recordNote = record
      ? `${record.store === 'module_info' ? 'module_info' : 'prelinked graph'}: ${record.accepted ? 'Bun uses this record and trusts it' : 'Bun drops this record and parses the contents'}`
      : module.format.name === 'esm'
        ? 'No record: Bun parses the contents.'
        : 'A CommonJS module has no module record.';
    sections.unshift({ id: 'module', title: `Module #${module.index}`, fields: moduleFields, note: recordNote });
  }
  const partial: Omit<ViewModel, 'diagnostics'> = {
    kind: 'executable',
    kindName: artifactKindName(exe),
    sections,
    module: module
      ? {
          index: module.index,
          name: module.nameText,
          count: exe.modules.length,
          isEntry: module.isEntry,
          contents: module.contents.present && module.contents.inBounds ? { offset: module.contents.offset, length: module.contents.length } : null,
          recordStore: record ? (record.store === 'module_info' ? 'module_info' : 'prelinked graph') : null,
        }
      : null,
    size: exe.size,
    version: null,
    verdict: executableVerdict(
      exe,
      extras?.diagnostics ?? exe.diagnostics,
      extras !== null,
      (extras?.details ?? []).flatMap((d) => (d?.jsc ? [d.jsc.cacheVersion.value] : [])),
      expect,
    ),
    header: [],
    layout: [spanField('fileSize', 'File size', 0, exe.size, exe.size, bytes(exe.size))],
    tables,
    codeFeatures: null,
    regions: executableRegions(exe),
    jsc: details?.jsc ? jscViewOf(details.jsc) : null,
    bytecode: module ? moduleBytecode(exe, module) : null,
  };
  return withDiagnostics(partial, extras?.diagnostics ?? exe.diagnostics);
}
