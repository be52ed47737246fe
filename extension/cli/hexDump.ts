/** xxd-style lines: offset, 16 bytes in pairs, printable ASCII. */
export function hexDumpLines(bytes: Uint8Array, startOffset: number): string[] {
  const lines: string[] = [];
  const width = Math.max(8, (startOffset + bytes.length).toString(16).length);
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.subarray(i, i + 16);
    let hexPart = '';
    let ascii = '';
    for (let j = 0; j < 16; j++) {
      const b = row[j];
      hexPart += b === undefined ? '  ' : b.toString(16).padStart(2, '0');
      if (j % 2 === 1) hexPart += ' ';
      if (b !== undefined) ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${(startOffset + i).toString(16).padStart(width, '0')}: ${hexPart} ${ascii}`);
  }
  return lines;
}
