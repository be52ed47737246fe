/** Terminal-safe text: a file's strings may hold escape sequences, which must print as characters, not act. */
export function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function quoted(value: string): string {
  return `"${printable(value)}"`;
}

export function hexOffset(offset: number): string {
  return '0x' + offset.toString(16);
}

/** A plain-text table with left-aligned columns. */
export function table(headings: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headings), ...rows.map(line)].join('\n');
}
