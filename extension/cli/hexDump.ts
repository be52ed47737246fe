/**
 * xxd-style lines: offset, 16 bytes in pairs, printable ASCII. Rows start at multiples of 16: bytes of a row
 * outside [startOffset, startOffset + bytes.length) are blank. `fileEnd` sets the offset column's width, so
 * slices of one dump line up.
 */
export function hexDumpLines(bytes: Uint8Array, startOffset: number, fileEnd = startOffset + bytes.length): string[] {
  const lines: string[] = [];
  const width = Math.max(8, fileEnd.toString(16).length);
  const end = startOffset + bytes.length;
  for (let row = startOffset - (startOffset % 16); row < end; row += 16) {
    let hexPart = '';
    let ascii = '';
    for (let j = 0; j < 16; j++) {
      const at = row + j;
      const b = at >= startOffset && at < end ? bytes[at - startOffset] : undefined;
      hexPart += b === undefined ? '  ' : b.toString(16).padStart(2, '0');
      if (j % 2 === 1) hexPart += ' ';
      ascii += b === undefined ? ' ' : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${row.toString(16).padStart(width, '0')}: ${hexPart} ${ascii.trimEnd()}`);
  }
  return lines;
}
