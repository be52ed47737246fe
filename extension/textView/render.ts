import {
  CODE_FEATURE_FLAGS,
  VARIABLE_FLAGS,
  attributePairs,
  cellSpan,
  columnOf,
  exportTypeName,
  flagNames,
  hex,
  importTypeName,
  jscTagName,
  shownLists,
  stringAt,
  tablesOfFile,
  versionMeaning,
  type BmesFile,
  type ListName,
  type RecordTable,
  type RecordTables,
  type ShownList,
  type Span,
} from '../bmes';
import { bmesVerdict } from '../verdict/bmesVerdict';
import type { FileVerdict } from '../verdict/verdict';
import type { LineTarget, TextLine, TextView } from './lineMap';
import { LineWriter, ROW_LISTS, lineAt, type LineMap } from './lineWriter';
import { placeDiagnostics } from './placeDiagnostics';
import { hexOffset, printable, quoted, quotedLength, tableLine, tableLines } from './plainText';

const bytes = (n: number) => `${n} ${n === 1 ? 'byte' : 'bytes'}`;

/** Writes a table of a few rows (header, layout, JSC fields): the heading line shows `heading`. */
function smallTable(out: LineWriter, headings: readonly string[], heading: LineTarget, rows: readonly { cells: readonly string[]; target: LineTarget; span: Span | null }[]): void {
  const texts = tableLines(
    headings,
    rows.map((r) => r.cells),
  );
  out.push(texts[0]!, heading);
  rows.forEach((r, i) => out.push(texts[i + 1]!, r.target, r.span));
}

/**
 * One column of a list's table, read from the record tables by row. `width` is the cell's length without
 * making its text where that is cheaper (a quoted string).
 */
interface Column {
  text(row: number): string;
  width?(row: number): number;
}

/**
 * The text view of a decoded file — exactly what `bmes dump` prints — with a line map saying which
 * structure each line shows and its bytes, and where each diagnostic belongs. The lists are read from the
 * record tables' columns: no object per record is made. Pure: no Node or VS Code APIs.
 */
export function renderTextView(name: string, file: BmesFile, bytecodeSha256: string | null, verdict: FileVerdict = bmesVerdict(file)): TextView {
  const out = new LineWriter();
  out.push(`${printable(name)}: ${bytes(file.size)}`, { kind: 'title' }, { offset: 0, length: file.size });
  out.push(`Verdict: ${verdict.outcome.summary}.`, { kind: 'verdict' });
  out.push(`  ${verdict.outcome.reason}`, { kind: 'verdict' });
  out.push(`  ${printable(verdict.status)}`, { kind: 'verdict' });
  out.blank();

  header(out, file);
  const lists = new ListWriter(out, file, tablesOfFile(file));
  lists.requestedModules();
  lists.imports();
  lists.exports();
  lists.starExports();
  lists.variables('declaredVariables', 'Declared variables (var)');
  lists.variables('lexicalVariables', 'Lexical variables (let/const)');
  if (file.codeFeatures) {
    const f = file.codeFeatures;
    out.push(`Code features at ${hexOffset(f.offset)}: ${hex(f.value, 4)} ${flagNames(CODE_FEATURE_FLAGS, f.value).join(' ') || '(none)'}`, { kind: 'codeFeatures' }, f);
    out.blank();
  }
  layout(out, file, bytecodeSha256);
  jscSection(out, file);
  diagnosticList(out, file);

  return textViewOf(out.finish(), file);
}

/** The view over a finished line map (apart, so that its closures keep the map alone, not the writer). */
function textViewOf(map: LineMap, file: BmesFile): TextView {
  let lines: TextLine[] | null = null;
  return {
    text: map.text,
    lineCount: map.lineCount,
    lineAt: (line) => lineAt(map, line),
    // An own enumerable accessor, so that spreading and deep comparisons see the lines like a plain field.
    get lines() {
      return (lines ??= allLines(map, file));
    },
    diagnostics: placeDiagnostics(map, file.diagnostics),
  };
}

/** Every line as an object, a record's line with the object model's record as its span (as `lines` promises). */
function allLines(map: LineMap, file: BmesFile): TextLine[] {
  const lines: TextLine[] = [];
  for (let line = 0; line < map.lineCount; line++) {
    const info = lineAt(map, line)!;
    const target = info.target;
    const record = target?.kind === 'row' ? file[target.list]?.entries[target.row] : undefined;
    lines.push(record ? { ...info, span: record } : info);
  }
  return lines;
}

/** The six lists' tables, each a title line, a heading line and a line per shown record, read from the columns. */
class ListWriter {
  constructor(
    private readonly out: LineWriter,
    private readonly file: BmesFile,
    private readonly tables: RecordTables,
  ) {
    this.shown = shownLists(tables);
  }

  private readonly shown: Record<ListName, ShownList | null>;

  /** The "#" column: a record's index in its list is its row. */
  private readonly index: Column = { text: (row) => String(row) };

  private offset(table: RecordTable): Column {
    const offsets = table.rowOffsets;
    return { text: (row) => hexOffset(offsets[row]!) };
  }

  /** Quoted string columns. */
  private quoted(table: RecordTable, ...keys: string[]): Column[] {
    return keys.map((key) => {
      const column = columnOf(table, key);
      const value = (row: number) => stringAt(this.tables, column, row);
      return { text: (row) => quoted(value(row)), width: (row) => quotedLength(value(row)) };
    });
  }

  requestedModules(): void {
    this.write('requestedModules', 'Requested modules', ['#', 'offset', 'specifier', 'attributes'], (table) => {
      const hasAttributes = columnOf(table, 'hasAttributes').values;
      const counts = columnOf(table, 'attributeCount');
      const pairs = attributePairs(this.tables);
      const keys = pairs.table && columnOf(pairs.table, 'key');
      const values = pairs.table && columnOf(pairs.table, 'value');
      const attributes = (row: number): string => {
        if (hasAttributes[row] === 0) return '-';
        // Pairs follow a module only when its attribute count was read.
        const counted = cellSpan(counts, row).length > 0;
        const from = pairs.first[row]!;
        const to = counted ? pairs.first[row + 1]! : from;
        if (from === to || !keys || !values) return 'lost (had attributes, count 0)';
        const texts: string[] = [];
        for (let at = from; at < to; at++) texts.push(`${quoted(stringAt(this.tables, keys, at))}: ${quoted(stringAt(this.tables, values, at))}`);
        return texts.join(', ');
      };
      return [this.index, this.offset(table), ...this.quoted(table, 'specifier'), { text: attributes }];
    });
  }

  imports(): void {
    this.write('importEntries', 'Import entries', ['#', 'offset', 'type', 'moduleRequest', 'importName', 'localName'], (table) => {
      const type = columnOf(table, 'type').values;
      return [this.index, this.offset(table), { text: (row) => String(importTypeName(type[row]!)) }, ...this.quoted(table, 'moduleRequest', 'importName', 'localName')];
    });
  }

  exports(): void {
    this.write('exportEntries', 'Export entries', ['#', 'offset', 'type', 'exportName', 'moduleName', 'importName', 'localName'], (table) => {
      const type = columnOf(table, 'type').values;
      return [this.index, this.offset(table), { text: (row) => String(exportTypeName(type[row]!)) }, ...this.quoted(table, 'exportName', 'moduleName', 'importName', 'localName')];
    });
  }

  starExports(): void {
    this.write('starExports', 'Star exports', ['#', 'offset', 'moduleName'], (table) => [this.index, this.offset(table), ...this.quoted(table, 'moduleName')]);
  }

  variables(key: 'declaredVariables' | 'lexicalVariables', title: string): void {
    if (this.shown[key] === null) return;
    // Few distinct bit sets occur: their flag names are joined once each.
    const flags = new Map<number, string>();
    const flagsOf = (bits: number) => flags.get(bits) ?? flags.set(bits, flagNames(VARIABLE_FLAGS, bits).join(' ')).get(bits)!;
    this.write(key, title, ['#', 'offset', 'name', 'bits', 'flags'], (table) => {
      const bits = columnOf(table, 'bits').values;
      return [this.index, this.offset(table), ...this.quoted(table, 'name'), { text: (row) => hex(bits[row]!, 4) }, { text: (row) => flagsOf(bits[row]!) }];
    });
  }

  /** A list's title, then (when it has shown records) its table: headings, and a line per record. */
  private write(key: ListName, title: string, headings: readonly string[], columnsOf: (table: RecordTable) => Column[]): void {
    const out = this.out;
    const list = this.shown[key];
    if (!list) {
      out.push(`${title}: not reached`, { kind: 'list', list: key });
      out.blank();
      return;
    }
    const { table, rows } = list;
    const count = table.complete ? `${rows}` : `${rows} of ${list.count}, cut short`;
    out.push(`${title} (${count}) at ${hexOffset(table.offset)}`, { kind: 'list', list: key }, this.file[key] ?? { offset: table.offset, length: table.length });
    if (rows > 0) this.rows(key, headings, columnsOf(table), table, rows);
    out.blank();
  }

  /** The table's lines in two passes over the columns: the widths, then the text; nothing kept per row between. */
  private rows(key: ListName, headings: readonly string[], columns: readonly Column[], table: RecordTable, rows: number): void {
    const widths = headings.map((h) => h.length);
    const last = columns.length - 1;
    // The last column is not padded, so its width is never needed.
    for (let c = 0; c < last; c++) {
      const column = columns[c]!;
      let width = widths[c]!;
      for (let row = 0; row < rows; row++) width = Math.max(width, column.width ? column.width(row) : column.text(row).length);
      widths[c] = width;
    }
    const cells = new Array<string>(columns.length);
    this.out.push(tableLine(headings, widths), { kind: 'section', section: key });
    const list = ROW_LISTS.indexOf(key);
    for (let row = 0; row < rows; row++) {
      for (let c = 0; c <= last; c++) cells[c] = columns[c]!.text(row);
      this.out.pushRow(tableLine(cells, widths), list, row, table.rowOffsets[row]!, table.rowLengths[row]!);
    }
  }
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
  smallTable(out, ['offset', 'size', 'field', 'value'], { kind: 'section', section: 'header' }, rows);
  out.blank();
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
  smallTable(out, ['region', 'offset', 'size'], { kind: 'section', section: 'layout' }, rows);
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
  smallTable(out, ['field', 'offset', 'value'], { kind: 'section', section: 'jsc' }, rows);
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
