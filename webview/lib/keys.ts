/** Keyboard navigation of the hex view and the record grids, as pure functions of the key. */

/** Where a key moves the hex caret, or null when the key is not a movement. Clamped to the file. */
export function hexCaretTarget(key: string, ctrl: boolean, from: number, size: number, pageBytes: number): number | null {
  let to: number;
  switch (key) {
    case 'ArrowRight':
      to = from + 1;
      break;
    case 'ArrowLeft':
      to = from - 1;
      break;
    case 'ArrowDown':
      to = from + 16;
      break;
    case 'ArrowUp':
      to = from - 16;
      break;
    case 'PageDown':
      to = from + pageBytes;
      break;
    case 'PageUp':
      to = from - pageBytes;
      break;
    case 'Home':
      to = ctrl ? 0 : from - (from % 16);
      break;
    case 'End':
      to = ctrl ? size - 1 : from - (from % 16) + 15;
      break;
    default:
      return null;
  }
  return Math.min(size - 1, Math.max(0, to));
}

/**
 * Where a key moves a grid's active row (a display position) and column, or null when the key is not a
 * movement. `pos` is −1 when no row is active yet. Clamped to the grid.
 */
export function gridTarget(key: string, pos: number, column: number, rows: number, columns: number, page: number): { pos: number; column: number } | null {
  const at = Math.max(0, pos);
  let next: number;
  let col = column;
  switch (key) {
    case 'ArrowDown':
      next = pos < 0 ? 0 : at + 1;
      break;
    case 'ArrowUp':
      next = at - 1;
      break;
    case 'PageDown':
      next = at + page;
      break;
    case 'PageUp':
      next = at - page;
      break;
    case 'Home':
      next = 0;
      break;
    case 'End':
      next = rows - 1;
      break;
    case 'ArrowRight':
      next = at;
      col = Math.min(columns - 1, column + 1);
      break;
    case 'ArrowLeft':
      next = at;
      col = Math.max(0, column - 1);
      break;
    default:
      return null;
  }
  return { pos: Math.min(rows - 1, Math.max(0, next)), column: col };
}
