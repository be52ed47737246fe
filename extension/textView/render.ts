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
  type ListName,
  type RecordList,
  type Span,
  type VariableEntry,
} from '../bmes';
import { bmesVerdict } from '../verdict/bmesVerdict';
import type { FileVerdict } from '../verdict/verdict';
import type { LineTarget, TextLine, TextView } from './lineMap';
import { placeDiagnostics } from './placeDiagnostics';
import { hexOffset, printable, quoted, tableLines } from './plainText';

const bytes = (n: number) => `${n} ${n === 1 ? 'byte' : 'bytes'}`;

/** Lines of text, each remembering what it shows: the renderer writes text and line map in one pass. */
class LineWriter {
  readonly texts: string[] = [];
  readonly lines: TextLine[] = [];

  push(text: string, target: LineTarget | null = null, span: Span | null = null): void {
    this.lines.push({ line: this.texts.length, target, span });
    this.texts.push(text);
  }

  blank(): void {
    this.push('');
  }

  /** A table whose heading line shows `heading` and whose rows show what `rows` say. */
  table(headings: readonly string[], heading: LineTarget, rows: readonly { cells: readonly string[]; target: LineTarget; span: Span | null }[]): void {
    const texts = tableLines(
      headings,
      rows.map((r) => r.cells),
    );
    this.push(texts[0]!, heading);
    rows.forEach((r, i) => this.push(texts[i + 1]!, r.target, r.span));
  }
}

/**
 * The text view of a decoded file — exactly what `bmes dump` prints — with a line map saying which
 * structure each line shows and its bytes, and where each diagnostic belongs. Pure: no Node or VS Code APIs.
 */
export function renderTextView(name: string, file: BmesFile, bytecodeSha256: string | null, verdict: FileVerdict = bmesVerdict(file)): TextView {
  const out = new LineWriter();
  out.push(`${printable(name)}: ${bytes(file.size)}`, { kind: 'title' }, { offset: 0, length: file.size });
  out.push(`Verdict: ${verdict.outcome.summary}.`, { kind: 'verdict' });
  out.push(`  ${verdict.outcome.reason}`, { kind: 'verdict' });
  out.push(`  ${printable(verdict.status)}`, { kind: 'verdict' });
  out.blank();

  header(out, file);
  list(out, file.requestedModules, 'requestedModules', 'Requested modules', ['#', 'offset', 'specifier', 'attributes'], (r) => [
    String(r.index),
    hexOffset(r.offset),
    quoted(r.specifier.value),
    r.hasAttributes.value === 0
      ? '-'
      : r.attributes.length === 0
        ? 'lost (had attributes, count 0)'
        : r.attributes.map((a) => `${quoted(a.key.value)}: ${quoted(a.value.value)}`).join(', '),
  ]);
  list(out, file.importEntries, 'importEntries', 'Import entries', ['#', 'offset', 'type', 'moduleRequest', 'importName', 'localName'], (e) => [
    String(e.index),
    hexOffset(e.offset),
    String(importTypeName(e.type.value)),
    quoted(e.moduleRequest.value),
    quoted(e.importName.value),
    quoted(e.localName.value),
  ]);
  list(out, file.exportEntries, 'exportEntries', 'Export entries', ['#', 'offset', 'type', 'exportName', 'moduleName', 'importName', 'localName'], (e) => [
    String(e.index),
    hexOffset(e.offset),
    String(exportTypeName(e.type.value)),
    quoted(e.exportName.value),
    quoted(e.moduleName.value),
    quoted(e.importName.value),
    quoted(e.localName.value),
  ]);
  list(out, file.starExports, 'starExports', 'Star exports', ['#', 'offset', 'moduleName'], (s) => [String(s.index), hexOffset(s.offset), quoted(s.moduleName.value)]);
  variables(out, file.declaredVariables, 'declaredVariables', 'Declared variables (var)');
  variables(out, file.lexicalVariables, 'lexicalVariables', 'Lexical variables (let/const)');
  if (file.codeFeatures) {
    const f = file.codeFeatures;
    out.push(`Code features at ${hexOffset(f.offset)}: ${hex(f.value, 4)} ${flagNames(CODE_FEATURE_FLAGS, f.value).join(' ') || '(none)'}`, { kind: 'codeFeatures' }, f);
    out.blank();
  }
  layout(out, file, bytecodeSha256);
  jscSection(out, file);
  diagnosticList(out, file);

  const text = out.texts.join('\n') + '\n';
  return { text, lines: out.lines, diagnostics: placeDiagnostics(out.texts, out.lines, file.diagnostics) };
}

function header(out: LineWriter, file: BmesFile): void {
  const h = file.header;
  const rows: { cells: string[]; target: LineTarget; span: Span }[] = [];
  if (h.magic)
    rows.push({
      cells: [hexOffset(h.magic.offset), '4', 'magic', `${hex(h.magic.value, 8)} (on disk "${magicText(h.magic.value)}")`],
      target: { kind: 'header', field: 'magic' },
      span: h.magic,
    });
  if (h.version)
    rows.push({
      cells: [hexOffset(h.version.offset), '4', 'version', `${h.version.value}: ${versionMeaning(h.version.value)}`],
      target: { kind: 'header', field: 'version' },
      span: h.version,
    });
  if (h.bytecodeOffset) {
    rows.push({
      cells: [hexOffset(h.bytecodeOffset.offset), '4', 'bytecodeOffset', `${h.bytecodeOffset.value} (${hex(h.bytecodeOffset.value)})`],
      target: { kind: 'header', field: 'bytecodeOffset' },
      span: h.bytecodeOffset,
    });
  }
  if (h.bytecodeSize) {
    const label = h.version?.value === 1 ? 'bytecodeSize (v1, after metadata)' : 'bytecodeSize';
    rows.push({
      cells: [hexOffset(h.bytecodeSize.offset), '4', label, `${h.bytecodeSize.value} (${hex(h.bytecodeSize.value)})`],
      target: { kind: 'header', field: 'bytecodeSize' },
      span: h.bytecodeSize,
    });
  }
  out.push('Header', { kind: 'section', section: 'header' });
  out.table(['offset', 'size', 'field', 'value'], { kind: 'section', section: 'header' }, rows);
  out.blank();
}

function list<T extends Span & { readonly index: number }>(
  out: LineWriter,
  records: RecordList<T> | null,
  key: ListName,
  title: string,
  headings: string[],
  cells: (t: T) => string[],
): void {
  if (!records) {
    out.push(`${title}: not reached`, { kind: 'list', list: key });
    out.blank();
    return;
  }
  const shown = records.complete ? `${records.entries.length}` : `${records.entries.length} of ${records.count.value}, cut short`;
  out.push(`${title} (${shown}) at ${hexOffset(records.offset)}`, { kind: 'list', list: key }, records);
  if (records.entries.length) {
    out.table(
      headings,
      { kind: 'section', section: key },
      records.entries.map((e) => ({ cells: cells(e), target: { kind: 'row', list: key, row: e.index }, span: e })),
    );
  }
  out.blank();
}

function variables(out: LineWriter, records: RecordList<VariableEntry> | null, key: ListName, title: string): void {
  if (records === null) return;
  list(out, records, key, title, ['#', 'offset', 'name', 'bits', 'flags'], (v) => [
    String(v.index),
    hexOffset(v.offset),
    quoted(v.name.value),
    hex(v.bits.value, 4),
    flagNames(VARIABLE_FLAGS, v.bits.value).join(' '),
  ]);
}

function layout(out: LineWriter, file: BmesFile, bytecodeSha256: string | null): void {
  const rows: { cells: string[]; target: LineTarget; span: Span }[] = [];
  if (file.metadataEnd !== null)
    rows.push({ cells: ['metadata end', hexOffset(file.metadataEnd), ''], target: { kind: 'layout', region: 'metadataEnd' }, span: { offset: file.metadataEnd, length: 0 } });
  if (file.padding)
    rows.push({ cells: ['padding', hexOffset(file.padding.offset), bytes(file.padding.length)], target: { kind: 'layout', region: 'padding' }, span: file.padding });
  if (file.gap) rows.push({ cells: ['gap', hexOffset(file.gap.offset), bytes(file.gap.length)], target: { kind: 'layout', region: 'gap' }, span: file.gap });
  if (file.bytecode) {
    const sha = bytecodeSha256 ? `, sha256 ${bytecodeSha256}` : '';
    rows.push({
      cells: ['bytecode', hexOffset(file.bytecode.offset), `${bytes(file.bytecode.length)}${sha}`],
      target: { kind: 'layout', region: 'bytecode' },
      span: file.bytecode,
    });
  }
  if (file.trailing)
    rows.push({ cells: ['trailing', hexOffset(file.trailing.offset), bytes(file.trailing.length)], target: { kind: 'layout', region: 'trailing' }, span: file.trailing });
  if (!rows.length) return;
  out.push('Layout', { kind: 'section', section: 'layout' });
  out.table(['region', 'offset', 'size'], { kind: 'section', section: 'layout' }, rows);
  out.blank();
}

function jscSection(out: LineWriter, file: BmesFile): void {
  const jsc = file.jsc;
  if (!jsc) return;
  const row = (field: LineTarget & { kind: 'jsc' }, span: Span | null, offset: string, value: string) => ({ cells: [field.field, offset, value], target: field, span });
  const at = (span: Span) => hexOffset(span.offset);
  // The whole section, for the "layout" line: the bytecode region when known, else what was decoded.
  const section: Span = file.bytecode && file.bytecode.offset === jsc.offset ? file.bytecode : { offset: jsc.offset, length: 4 };
  const rows = [
    row({ kind: 'jsc', field: 'layout' }, section, '', jsc.layout),
    row({ kind: 'jsc', field: 'cacheVersion' }, jsc.cacheVersion, at(jsc.cacheVersion), hex(jsc.cacheVersion.value, 8)),
  ];
  if (jsc.tag && jsc.layout !== 'unknown') rows.push(row({ kind: 'jsc', field: 'tag' }, jsc.tag, at(jsc.tag), `${jsc.tag.value} (${jscTagName(jsc.layout, jsc.tag.value)})`));
  if (jsc.payloadSize) rows.push(row({ kind: 'jsc', field: 'payloadSize' }, jsc.payloadSize, at(jsc.payloadSize), String(jsc.payloadSize.value)));
  if (jsc.sourceLength !== null) {
    const field = (jsc.sourceLengthField ?? jsc.sourceEnd)!;
    rows.push(row({ kind: 'jsc', field: 'sourceLength' }, field, at(field), String(jsc.sourceLength)));
  }
  if (jsc.keyFlags) rows.push(row({ kind: 'jsc', field: 'keyFlags' }, jsc.keyFlags, at(jsc.keyFlags), hex(jsc.keyFlags.value, 2)));
  if (jsc.keyHash) rows.push(row({ kind: 'jsc', field: 'keyHash' }, jsc.keyHash, at(jsc.keyHash), hex(jsc.keyHash.value, 6)));
  if (jsc.layout === 'classic') {
    const origin = jsc.sourceOrigin;
    rows.push(row({ kind: 'jsc', field: 'sourceOrigin' }, origin, origin ? at(origin) : '', origin ? quoted(origin.value) : 'null'));
    const embedded = jsc.embeddedSource;
    rows.push(
      row(
        { kind: 'jsc', field: 'embeddedSource' },
        embedded,
        embedded ? at(embedded) : '',
        embedded ? `${embedded.units} ${embedded.latin1 ? 'Latin-1' : 'UTF-16'} code units` : 'none',
      ),
    );
  }
  out.push('JavaScriptCore bytecode', { kind: 'section', section: 'jsc' });
  out.table(['field', 'offset', 'value'], { kind: 'section', section: 'jsc' }, rows);
  out.blank();
}

function diagnosticList(out: LineWriter, file: BmesFile): void {
  out.push(`Diagnostics (${file.diagnostics.length})`, { kind: 'section', section: 'diagnostics' });
  if (file.diagnostics.length === 0) out.push('  none');
  file.diagnostics.forEach((d, index) => {
    out.push(`  ${hexOffset(d.offset)} ${d.severity} ${d.code}: ${printable(d.message)}`, { kind: 'diagnostic', index }, { offset: d.offset, length: d.length });
  });
}

function magicText(value: number): string {
  const bytes = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24];
  return bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
}
