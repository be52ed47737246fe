import type { SourcePosition } from '../../extension/jscBytecode/sourcePositions';

export { positionsIn, type SourcePosition } from '../../extension/jscBytecode/sourcePositions';

/** `3:1–5:2`: where [start, end) begins and ends. */
export function rangeText(at: (offset: number) => SourcePosition, start: number, end: number): string {
  const a = at(start);
  const b = at(end);
  return `${a.line}:${a.column}–${b.line}:${b.column}`;
}
