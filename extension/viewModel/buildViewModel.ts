import {
  CODE_FEATURE_FLAGS,
  exportTypeName,
  flagNames,
  importTypeName,
  jscTagName,
  versionMeaning,
  type BmesFile,
  type Diagnostic,
  type BmesHeader,
  type JscSection,
  type ListName,
  type U32Field,
} from '../bmes';
import { bunReleaseName } from '../bmes/jscVersions';
import { tablesOfFile } from '../bmes/shownRows';
import { bmesVerdict } from '../verdict/bmesVerdict';
import type { FileVerdict } from '../verdict/verdict';
import { locateByte } from './locate';
import { TABLE_TITLES, buildTableViews } from './tableViews';

export { TABLE_TITLES };
import type { TableId, ViewDiagnostic, ViewField, ViewJsc, ViewModel, ViewRegion } from './types';

const hex = (n: number) => '0x' + n.toString(16);

/**
 * Builds what the webview shows from a decoded file and its verdict (by default: checked against nothing but
 * the current BMES version). Pure: the host calls it, tests call it.
 */
export function buildViewModel(file: BmesFile, verdict: FileVerdict = bmesVerdict(file)): ViewModel {
  const tables = buildTableViews(tablesOfFile(file));
  const header = headerFields(file.header, file.size);
  const jsc = jscView(file);
  const regions = buildRegions(file);
  const partial = { size: file.size, tables, regions };
  const fields = [...header, ...(jsc?.fields ?? [])];
  const diagnostics: ViewDiagnostic[] = file.diagnostics.map((d) => viewDiagnostic(d, partial, fields));
  const codeFeatures = file.codeFeatures
    ? field('codeFeatures', 'Code features', file.codeFeatures, flagNames(CODE_FEATURE_FLAGS, file.codeFeatures.value).join(', ') || 'none')
    : null;
  return {
    kind: 'bmes',
    kindName: file.header.version ? `BMES version ${file.header.version.value}` : 'Not BMES (checked as BMES)',
    sections: [],
    module: null,
    size: file.size,
    version: file.header.version?.value ?? null,
    verdict,
    header,
    layout: layoutFields(file),
    tables,
    codeFeatures,
    regions,
    jsc,
    bytecode: file.bytecode && file.bytecode.length > 0 ? { offset: file.bytecode.offset, length: file.bytecode.length, stringTable: null, module: null } : null,
    diagnostics,
  };
}

export function field(key: string, label: string, f: U32Field, meaning: string): ViewField {
  return { key, label, offset: f.offset, length: f.length, value: f.value, meaning };
}

/** The header's fields as the overview lists them; `size` is the file's, for what the offsets mean against it. */
export function headerFields(h: BmesHeader, size: number): ViewField[] {
  const out: ViewField[] = [];
  // Meanings say what the Value column does not: never the value again, in another base.
  if (h.magic) out.push(field('magic', 'Magic', h.magic, `"${asciiOf(h.magic.value)}" on disk${h.magic.value === 0x424d4553 ? '' : '; expected "SEMB": not a BMES file'}`));
  if (h.version) out.push(field('version', 'Version', h.version, versionMeaning(h.version.value).replace(/^version \d+ \((.*)\)$/, '$1')));
  if (h.bytecodeOffset) {
    const at = h.bytecodeOffset.value;
    const aligned = at % 8 === 0 ? 'aligned to 8' : 'not aligned to 8';
    const meaning = at >= size ? `${aligned}; past the end of the file (${size.toLocaleString('en-US')} bytes)` : aligned;
    out.push(field('bytecodeOffset', 'Bytecode offset', h.bytecodeOffset, meaning));
  }
  if (h.bytecodeSize) {
    const v1 = h.version?.value === 1;
    out.push(
      field(
        'bytecodeSize',
        v1 ? 'Bytecode size (v1, after the metadata)' : 'Bytecode size',
        h.bytecodeSize,
        v1 ? 'bytes of bytecode after the metadata' : bytecodeEnd(size, h.bytecodeOffset?.value, h.bytecodeSize.value),
      ),
    );
  }
  return out;
}

/** Where a bytecode of `size` bytes at `offset` ends, against the file's end. */
function bytecodeEnd(fileSize: number, offset: number | undefined, size: number): string {
  if (offset === undefined) return 'bytes of bytecode';
  const end = offset + size;
  if (end === fileSize) return 'ends at the end of the file';
  if (end > fileSize) return `runs ${(end - fileSize).toLocaleString('en-US')} bytes past the end of the file`;
  return `ends at ${hex(end)}, ${(fileSize - end).toLocaleString('en-US')} bytes before the end of the file`;
}

function layoutFields(file: BmesFile): ViewField[] {
  const out: ViewField[] = [];
  const span = (key: string, label: string, offset: number, length: number, meaning: string): ViewField => ({ key, label, offset, length, value: length, meaning });
  const metaStart = file.header.version?.value === 1 ? 8 : 16;
  const last = (offset: number, length: number) => hex(offset + Math.max(0, length - 1));
  if (file.metadataEnd !== null)
    out.push(span('metadata', 'Metadata', metaStart, file.metadataEnd - metaStart, `the module record, up to ${last(metaStart, file.metadataEnd - metaStart)}`));
  if (file.padding) out.push(span('padding', 'Padding', file.padding.offset, file.padding.length, 'zero bytes that align the bytecode to 8'));
  if (file.gap) out.push(span('gap', 'Gap before bytecode', file.gap.offset, file.gap.length, "unused bytes Bun's writer never leaves"));
  if (file.bytecode)
    out.push(span('bytecode', 'Bytecode', file.bytecode.offset, file.bytecode.length, `the JavaScriptCore cache, up to ${last(file.bytecode.offset, file.bytecode.length)}`));
  if (file.trailing) out.push(span('trailing', 'Trailing bytes', file.trailing.offset, file.trailing.length, 'after the end of the bytecode'));
  out.push(span('fileSize', 'File size', 0, file.size, 'the whole file'));
  return out;
}

function asciiOf(value: number): string {
  return [0, 8, 16, 24]
    .map((s) => (value >>> s) & 0xff)
    .map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.'))
    .join('');
}

/** A number cell as the tables show it: type names, hex bits and offsets, yes/no for a flag. */
export function formatNumberCell(table: TableId, column: string, value: number): string {
  if (column === 'type') return String(table === 'importEntries' ? importTypeName(value) : exportTypeName(value));
  if (column === 'bits' || column === 'offset') return hex(value);
  // Bun's reader takes any nonzero value as "has attributes"; an unusual one is shown, not hidden.
  if (column === 'hasAttributes') return value === 0 ? 'no' : value === 1 ? 'yes' : `yes (${value})`;
  return String(value);
}

function jscView(file: BmesFile): ViewJsc | null {
  return file.jsc ? jscViewOf(file.jsc) : null;
}

/** The JavaScriptCore payload's fields, wherever the payload sits (BMES bytecode, a sidecar, an executable's module). */
export function jscViewOf(jsc: JscSection): ViewJsc {
  const fields: ViewField[] = [field('jsc.cacheVersion', 'Cache version', jsc.cacheVersion, `identifies the JavaScriptCore build: ${bunReleaseName(jsc.cacheVersion.value)}`)];
  const tagged = jsc.layout === 'unknown' ? null : jsc.layout;
  if (jsc.tag && tagged) fields.push(field('jsc.tag', 'Tag', jsc.tag, jscTagName(tagged, jsc.tag.value)));
  if (jsc.payloadSize) fields.push(field('jsc.payloadSize', 'Payload size', jsc.payloadSize, 'bytes of the cache, this header included'));
  if (jsc.sourceStart) fields.push(field('jsc.sourceStart', 'Source start', jsc.sourceStart, 'first code unit of the source the cache was made from'));
  if (jsc.sourceEnd) {
    const fromStart = (jsc.sourceStart?.value ?? 0) === 0;
    fields.push(
      field('jsc.sourceEnd', 'Source end', jsc.sourceEnd, fromStart ? 'end of the source: from start 0, its length in code units' : `source length ${jsc.sourceLength} code units`),
    );
  }
  if (jsc.sourceLengthField) fields.push(field('jsc.sourceLength', 'Source length', jsc.sourceLengthField, 'code units of the source the cache was made from'));
  if (jsc.keyFlags)
    fields.push(
      field(
        'jsc.keyFlags',
        'Key flags',
        jsc.keyFlags,
        jsc.keyFlags.value === 0x27 ? 'module (strict, module script mode, module code type)' : jsc.keyFlags.value === 0x02 ? 'program' : 'unusual',
      ),
    );
  if (jsc.keyHash) {
    const meaning =
      jsc.layout === 'classic' && jsc.keyFlags
        ? `source hash ${hex((jsc.keyHash.value ^ jsc.keyFlags.value) >>> 0)} (SuperFastHash XOR flags)`
        : 'hash function not public for this layout';
    fields.push(field('jsc.keyHash', 'Key hash', jsc.keyHash, meaning));
  }
  if (jsc.sourceOrigin) {
    const o = jsc.sourceOrigin;
    fields.push({
      key: 'jsc.sourceOrigin',
      label: 'Source origin',
      offset: o.offset,
      length: o.length,
      value: o.value,
      meaning: `${o.units} ${o.latin1 ? 'Latin-1' : 'UTF-16'} code units`,
    });
  }
  const e = jsc.embeddedSource;
  return {
    layout: jsc.layout,
    offset: jsc.offset,
    fields,
    embeddedSource: e ? { offset: e.offset, length: e.length, units: e.units, latin1: e.latin1 } : null,
  };
}

const LIST_KINDS: readonly ListName[] = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables'];

function buildRegions(file: BmesFile): ViewRegion[] {
  const spans: ViewRegion[] = [];
  const add = (kind: ViewRegion['kind'], label: string, offset: number, length: number) => {
    if (length > 0) spans.push({ kind, label, offset, length });
  };
  const v = file.header.version?.value;
  // A bare JavaScriptCore cache (bytecode from offset 0) has no BMES header to colour; a wrong magic without a
  // version is only the 4 magic bytes.
  const headerLength = file.bytecode?.offset === 0 ? 0 : v === 2 || v === 3 ? 16 : v !== undefined ? 8 : file.header.magic ? 4 : 0;
  add('header', 'Header', 0, Math.min(file.size, headerLength));
  for (const id of LIST_KINDS) {
    const list = file[id];
    if (list) add(id, TABLE_TITLES[id], list.offset, list.length);
  }
  if (file.codeFeatures) add('codeFeatures', 'Code features', file.codeFeatures.offset, 4);
  if (v === 1 && file.header.bytecodeSize) add('v1BytecodeSize', 'Bytecode size (v1)', file.header.bytecodeSize.offset, 4);
  if (file.padding) add('padding', 'Padding', file.padding.offset, file.padding.length);
  if (file.gap) add('gap', 'Gap', file.gap.offset, file.gap.length);
  if (file.bytecode) add('bytecode', 'Bytecode', file.bytecode.offset, file.bytecode.length);
  if (file.trailing) add('trailing', 'Trailing bytes', file.trailing.offset, file.trailing.length);
  spans.sort((a, b) => a.offset - b.offset);
  // Overlaps only happen in damaged files (metadata running into the bytecode); the earlier region wins.
  const out: ViewRegion[] = [];
  let at = 0;
  for (const span of spans) {
    const start = Math.max(span.offset, at);
    const end = Math.min(span.offset + span.length, file.size);
    if (end <= start) continue;
    if (start > at) out.push({ kind: 'unparsed', label: 'Not decoded', offset: at, length: start - at });
    out.push({ ...span, offset: start, length: end - start });
    at = end;
  }
  if (at < file.size) out.push({ kind: 'unparsed', label: 'Not decoded', offset: at, length: file.size - at });
  return out;
}

export function viewDiagnostic(d: Diagnostic, model: Pick<ViewModel, 'size' | 'tables' | 'regions'>, fields: readonly ViewField[]): ViewDiagnostic {
  const location = locateByte(model, d.offset);
  const target = location?.table ? { table: location.table, row: location.row ?? -1, ...(location.column ? { column: location.column } : {}) } : null;
  const fieldKey = fields.find((f) => d.offset >= f.offset && d.offset < f.offset + Math.max(f.length, 1))?.key ?? null;
  return { ...d, target: target && target.row >= 0 ? target : null, fieldKey };
}
