import {
  CODE_FEATURE_FLAGS,
  VARIABLE_FLAGS,
  exportTypeName,
  flagNames,
  hex,
  importTypeName,
  jscTagName,
  versionMeaning,
  type BmesFile,
  type RecordList,
  type VariableEntry,
} from '../bmes';
import { hexOffset, printable, quoted, table } from './text';

/** The readable form of `bmes dump`: every field with its offset, list by list, then the diagnostics. */
export function dumpText(name: string, file: BmesFile, bytecodeSha256: string | null): string {
  const out: string[] = [];
  out.push(`${printable(name)}: ${file.size} bytes`);
  out.push(`Verdict: ${file.verdict.summary}.`, `  ${file.verdict.reason}`, '');

  const h = file.header;
  const headerRows: string[][] = [];
  if (h.magic) headerRows.push([hexOffset(h.magic.offset), '4', 'magic', `${hex(h.magic.value, 8)} (on disk "${magicText(h.magic.value)}")`]);
  if (h.version) headerRows.push([hexOffset(h.version.offset), '4', 'version', `${h.version.value}: ${versionMeaning(h.version.value)}`]);
  if (h.bytecodeOffset) headerRows.push([hexOffset(h.bytecodeOffset.offset), '4', 'bytecodeOffset', `${h.bytecodeOffset.value} (${hex(h.bytecodeOffset.value)})`]);
  if (h.bytecodeSize) {
    const label = h.version?.value === 1 ? 'bytecodeSize (v1, after metadata)' : 'bytecodeSize';
    headerRows.push([hexOffset(h.bytecodeSize.offset), '4', label, `${h.bytecodeSize.value} (${hex(h.bytecodeSize.value)})`]);
  }
  out.push('Header', table(['offset', 'size', 'field', 'value'], headerRows), '');

  section(out, 'Requested modules', file.requestedModules, ['#', 'offset', 'specifier', 'attributes'], (r) => [
    String(r.index),
    hexOffset(r.offset),
    quoted(r.specifier.value),
    r.hasAttributes.value === 0
      ? '-'
      : r.attributes.length === 0
        ? 'lost (had attributes, count 0)'
        : r.attributes.map((a) => `${quoted(a.key.value)}: ${quoted(a.value.value)}`).join(', '),
  ]);
  section(out, 'Import entries', file.importEntries, ['#', 'offset', 'type', 'moduleRequest', 'importName', 'localName'], (e) => [
    String(e.index),
    hexOffset(e.offset),
    String(importTypeName(e.type.value)),
    quoted(e.moduleRequest.value),
    quoted(e.importName.value),
    quoted(e.localName.value),
  ]);
  section(
    out,
    'Export entries',
    file.exportEntries,
    ['#', 'offset', 'type', 'exportName', 'moduleName', 'importName', 'localName'],
    (e) => [
      String(e.index),
      hexOffset(e.offset),
      String(exportTypeName(e.type.value)),
      quoted(e.exportName.value),
      quoted(e.moduleName.value),
      quoted(e.importName.value),
      quoted(e.localName.value),
    ],
  );
  section(out, 'Star exports', file.starExports, ['#', 'offset', 'moduleName'], (s) => [
    String(s.index),
    hexOffset(s.offset),
    quoted(s.moduleName.value),
  ]);
  variables(out, 'Declared variables (var)', file.declaredVariables);
  variables(out, 'Lexical variables (let/const)', file.lexicalVariables);
  if (file.codeFeatures) {
    const f = file.codeFeatures;
    out.push(`Code features at ${hexOffset(f.offset)}: ${hex(f.value, 4)} ${flagNames(CODE_FEATURE_FLAGS, f.value).join(' ') || '(none)'}`, '');
  }

  const layoutRows: string[][] = [];
  if (file.metadataEnd !== null) layoutRows.push(['metadata end', hexOffset(file.metadataEnd), '']);
  if (file.padding) layoutRows.push(['padding', hexOffset(file.padding.offset), `${file.padding.length} bytes`]);
  if (file.gap) layoutRows.push(['gap', hexOffset(file.gap.offset), `${file.gap.length} bytes`]);
  if (file.bytecode) {
    const sha = bytecodeSha256 ? `, sha256 ${bytecodeSha256}` : '';
    layoutRows.push(['bytecode', hexOffset(file.bytecode.offset), `${file.bytecode.length} bytes${sha}`]);
  }
  if (file.trailing) layoutRows.push(['trailing', hexOffset(file.trailing.offset), `${file.trailing.length} bytes`]);
  if (layoutRows.length) out.push('Layout', table(['region', 'offset', 'size'], layoutRows), '');

  const jsc = file.jsc;
  if (jsc) {
    const rows: string[][] = [['layout', '', jsc.layout], ['cacheVersion', hexOffset(jsc.cacheVersion.offset), hex(jsc.cacheVersion.value, 8)]];
    if (jsc.tag && jsc.layout !== 'unknown') rows.push(['tag', hexOffset(jsc.tag.offset), `${jsc.tag.value} (${jscTagName(jsc.layout, jsc.tag.value)})`]);
    if (jsc.payloadSize) rows.push(['payloadSize', hexOffset(jsc.payloadSize.offset), String(jsc.payloadSize.value)]);
    if (jsc.sourceLength !== null) rows.push(['sourceLength', hexOffset((jsc.sourceLengthField ?? jsc.sourceEnd)!.offset), String(jsc.sourceLength)]);
    if (jsc.keyFlags) rows.push(['keyFlags', hexOffset(jsc.keyFlags.offset), hex(jsc.keyFlags.value, 2)]);
    if (jsc.keyHash) rows.push(['keyHash', hexOffset(jsc.keyHash.offset), hex(jsc.keyHash.value, 6)]);
    if (jsc.layout === 'classic') {
      rows.push(['sourceOrigin', jsc.sourceOrigin ? hexOffset(jsc.sourceOrigin.offset) : '', jsc.sourceOrigin ? quoted(jsc.sourceOrigin.value) : 'null']);
      rows.push([
        'embeddedSource',
        jsc.embeddedSource ? hexOffset(jsc.embeddedSource.offset) : '',
        jsc.embeddedSource ? `${jsc.embeddedSource.units} ${jsc.embeddedSource.latin1 ? 'Latin-1' : 'UTF-16'} code units` : 'none',
      ]);
    }
    out.push('JavaScriptCore bytecode', table(['field', 'offset', 'value'], rows), '');
  }

  out.push(`Diagnostics (${file.diagnostics.length})`);
  if (file.diagnostics.length === 0) out.push('  none');
  for (const d of file.diagnostics) out.push(`  ${hexOffset(d.offset)} ${d.severity} ${d.code}: ${printable(d.message)}`);
  return out.join('\n') + '\n';
}

function section<T>(out: string[], title: string, list: RecordList<T> | null, headings: string[], row: (t: T) => string[]): void {
  if (!list) {
    out.push(`${title}: not reached`, '');
    return;
  }
  const shown = list.complete ? `${list.entries.length}` : `${list.entries.length} of ${list.count.value}, cut short`;
  out.push(`${title} (${shown}) at ${hexOffset(list.offset)}`);
  if (list.entries.length) out.push(table(headings, list.entries.map(row)));
  out.push('');
}

function variables(out: string[], title: string, list: RecordList<VariableEntry> | null): void {
  if (list === null) return;
  section(out, title, list, ['#', 'offset', 'name', 'bits', 'flags'], (v) => [
    String(v.index),
    hexOffset(v.offset),
    quoted(v.name.value),
    hex(v.bits.value, 4),
    flagNames(VARIABLE_FLAGS, v.bits.value).join(' '),
  ]);
}

function magicText(value: number): string {
  const bytes = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
  return bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
}
