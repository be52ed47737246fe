/**
 * Plain-text building blocks shared by `bmes dump` and the editor's text view. Pure: no Node or VS Code APIs.
 */

/**
 * Characters a file's strings may hold that must print as escapes, not act: C0 and C1 controls (terminal escape
 * sequences), the line and paragraph separators, and the bidirectional controls (U+061C, U+200E/F, U+202A–U+202E,
 * U+2066–U+2069), which reorder what a terminal or editor shows ("Trojan Source").
 */
// \p{Cc}: the C0 controls, DEL and the C1 controls (U+0000–U+001F, U+007F–U+009F).
const UNPRINTABLE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Terminal-safe text: every character of UNPRINTABLE as `\\uXXXX` (lower-case hex, as every other hex here). */
export function printable(value: string): string {
  return value.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** UNPRINTABLE without the global flag, to test a string without changing its state. */
const HAS_UNPRINTABLE = new RegExp(UNPRINTABLE.source, 'u');

export function quoted(value: string): string {
  return `"${HAS_UNPRINTABLE.test(value) ? printable(value) : value}"`;
}

/** `quoted(value).length`, without making the text when nothing needs escaping. */
export function quotedLength(value: string): number {
  return HAS_UNPRINTABLE.test(value) ? printable(value).length + 2 : value.length + 2;
}

export function hexOffset(offset: number): string {
  return '0x' + offset.toString(16);
}

/** A plain-text table with left-aligned columns, one string per line: the headings, then one line per row. */
export function tableLines(headings: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  // A loop, not Math.max(...rows): a list of 500,000 records would overflow the argument stack.
  const widths = headings.map((h) => h.length);
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return [tableLine(headings, widths, indent), ...rows.map((row) => tableLine(row, widths, indent))];
}

/** One line of a table: every cell but the last padded to its column's width, two spaces between. */
export function tableLine(cells: readonly string[], widths: readonly number[], indent = '  '): string {
  let line = indent;
  const last = cells.length - 1;
  for (let i = 0; i < last; i++) line += cells[i]!.padEnd(widths[i]!) + '  ';
  return (line + (cells[last] ?? '')).trimEnd();
}

export function table(headings: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  return tableLines(headings, rows, indent).join('\n');
}
