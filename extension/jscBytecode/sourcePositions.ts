/**
 * Line and column (both from 1, columns in UTF-16 code units as VS Code counts them) of offsets into a text: used
 * by the attribution per line range and by the webview's source ranges, so both count lines alike.
 */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A lookup of positions in `text`, its line starts found once. */
export function positionsIn(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
