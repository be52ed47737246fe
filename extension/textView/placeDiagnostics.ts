import type { Diagnostic, Span } from '../bmes';
import type { DiagnosticPlacement, LineRange } from './lineMap';
import { lineText, type LineMap } from './lineWriter';

/** Does the line's span touch the diagnostic's? A zero-length span touches the byte at its offset. */
function touches(offset: number, length: number, d: Span): boolean {
  const lineEnd = offset + Math.max(length, 1);
  const dEnd = d.offset + Math.max(d.length, 1);
  return offset < dEnd && d.offset < lineEnd;
}

export function lineRange(map: LineMap, line: number): LineRange {
  const text = lineText(map, line);
  const start = text.length - text.trimStart().length;
  return { line, start: start === text.length ? 0 : start, end: text.length };
}

/** Smaller spans are more specific; a zero-length marker (metadata end) only when nothing else shows the bytes. */
function rank(span: Span): number {
  return span.length > 0 ? span.length : Number.MAX_SAFE_INTEGER;
}

/**
 * Puts each diagnostic on the line of the structure it concerns: of the lines whose bytes it touches, the one
 * with the smallest span (a record rather than its list, a field rather than the bytecode region); when no line
 * shows its bytes, its own line in the "Diagnostics" list.
 *
 * A file may hold 500,000 records and thousands of diagnostics, so records are searched by offset (they are
 * disjoint and in file order) in the line map's columns, and only the few wide lines (titles, regions, fields)
 * are scanned.
 */
export function placeDiagnostics(map: LineMap, diagnostics: readonly Diagnostic[]): DiagnosticPlacement[] {
  const wide: { line: number; span: Span }[] = [];
  const listed: number[] = [];
  // In line order: of equally specific lines, the first wins.
  for (const [line, { target, span }] of map.others) {
    if (!target) continue;
    if (target.kind === 'diagnostic') listed[target.index] = line;
    else if (span && target.kind !== 'title') wide.push({ line, span });
  }
  const rows = rowLinesByOffset(map);

  return diagnostics.map((d, index) => {
    let best: { line: number; span: Span } | null = null;
    const row = firstRowTouching(map, rows, d);
    if (row >= 0) best = { line: row, span: { offset: map.rowOffset[row]!, length: map.rowLength[row]! } };
    for (const line of wide) {
      if (touches(line.span.offset, line.span.length, d) && (!best || rank(line.span) < rank(best.span))) best = line;
    }
    const own = listed[index] ?? 0;
    return { primary: lineRange(map, best ? best.line : own), listed: lineRange(map, own) };
  });
}

/** The records' lines, ordered by their spans' offsets (the text lists them in file order; sorted if not). */
function rowLinesByOffset(map: LineMap): Uint32Array {
  let count = 0;
  for (let line = 0; line < map.lineCount; line++) if (map.rowList[line]) count++;
  const rows = new Uint32Array(count);
  let sorted = true;
  let at = 0;
  for (let line = 0; line < map.lineCount; line++) {
    if (!map.rowList[line]) continue;
    if (at > 0 && map.rowOffset[rows[at - 1]!]! > map.rowOffset[line]!) sorted = false;
    rows[at++] = line;
  }
  // A stable sort, as the array of lines it replaces was sorted.
  return sorted ? rows : Uint32Array.from([...rows].sort((a, b) => map.rowOffset[a]! - map.rowOffset[b]!));
}

/** The line of the first record (by offset) whose bytes the diagnostic touches, by binary search; -1 if none. */
function firstRowTouching(map: LineMap, rows: Uint32Array, d: Span): number {
  // Find the first row that ends after the diagnostic starts; rows are disjoint, so ends are sorted too.
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const line = rows[mid]!;
    if (map.rowOffset[line]! + Math.max(map.rowLength[line]!, 1) <= d.offset) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= rows.length) return -1;
  const line = rows[lo]!;
  return touches(map.rowOffset[line]!, map.rowLength[line]!, d) ? line : -1;
}
