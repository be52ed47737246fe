import type { Diagnostic, Span } from '../bmes';
import type { DiagnosticPlacement, LineRange, TextLine } from './lineMap';

/** Does the line's span touch the diagnostic's? A zero-length span touches the byte at its offset. */
function touches(line: Span, d: Span): boolean {
  const lineEnd = line.offset + Math.max(line.length, 1);
  const dEnd = d.offset + Math.max(d.length, 1);
  return line.offset < dEnd && d.offset < lineEnd;
}

export function lineRange(texts: readonly string[], line: number): LineRange {
  const text = texts[line] ?? '';
  const start = text.length - text.trimStart().length;
  return { line, start: start === text.length ? 0 : start, end: text.length };
}

/**
 * Puts each diagnostic on the line of the structure it concerns: of the lines whose bytes it touches, the one
 * with the smallest span (a record rather than its list, a field rather than the bytecode region); when no line
 * shows its bytes, its own line in the "Diagnostics" list.
 *
 * A file may hold 500,000 records and thousands of diagnostics, so records are searched by offset (they are
 * disjoint and in file order) and only the few wide lines (titles, regions, fields) are scanned.
 */
export function placeDiagnostics(texts: readonly string[], lines: readonly TextLine[], diagnostics: readonly Diagnostic[]): DiagnosticPlacement[] {
  const rows: TextLine[] = [];
  const wide: TextLine[] = [];
  const listed: number[] = [];
  for (const line of lines) {
    const target = line.target;
    if (!target) continue;
    if (target.kind === 'diagnostic') listed[target.index] = line.line;
    else if (!line.span || target.kind === 'title') continue;
    else if (target.kind === 'row') rows.push(line);
    else wide.push(line);
  }
  rows.sort((a, b) => a.span!.offset - b.span!.offset);

  return diagnostics.map((d, index) => {
    let best: TextLine | null = firstRowTouching(rows, d);
    for (const line of wide) {
      if (touches(line.span!, d) && (!best || rank(line) < rank(best))) best = line;
    }
    const own = listed[index] ?? 0;
    return { primary: lineRange(texts, best ? best.line : own), listed: lineRange(texts, own) };
  });
}

/** Smaller spans are more specific; a zero-length marker (metadata end) only when nothing else shows the bytes. */
function rank(line: TextLine): number {
  return line.span!.length > 0 ? line.span!.length : Number.MAX_SAFE_INTEGER;
}

/** The first record (by offset) whose bytes the diagnostic touches, by binary search. */
function firstRowTouching(rows: readonly TextLine[], d: Span): TextLine | null {
  // Find the first row that ends after the diagnostic starts; rows are disjoint, so ends are sorted too.
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const span = rows[mid]!.span!;
    if (span.offset + Math.max(span.length, 1) <= d.offset) lo = mid + 1;
    else hi = mid;
  }
  const row = rows[lo];
  return row && touches(row.span!, d) ? row : null;
}
