/**
 * The text view's lines as they are written, and the line map they leave: the text in chunks, and per line what
 * it shows. A record's line (most of them) is kept in typed arrays — its list, row and span — so that a file of
 * 100,000 records costs a few arrays, not 100,000 line objects; the few other lines keep their target and span
 * as given. Pure: no Node or VS Code APIs.
 */
import type { ListName, Span } from '../bmes';
import { grown } from '../bmes/typedArrays';
import type { LineTarget, TextLine } from './lineMap';

/** The lists in the order of `LineMap.rowList` codes (code = index + 1; 0 = not a record's line). */
export const ROW_LISTS: readonly ListName[] = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables'];

/** Lines are joined in chunks of this many, so that no more line strings than that are alive at once. */
const CHUNK_LINES = 4096;

/** The line map of a written text. */
export interface LineMap {
  readonly text: string;
  readonly lineCount: number;
  /** Per line: where it starts in `text`. */
  readonly starts: Uint32Array;
  /** Per line: 0, or the record's list (`ROW_LISTS` index + 1). */
  readonly rowList: Uint8Array;
  /** Per record line: its row in the list. */
  readonly rowIndex: Uint32Array;
  /** Per record line: its record's span (the record tables' offsets are 32-bit too). */
  readonly rowOffset: Uint32Array;
  readonly rowLength: Uint32Array;
  /** Every other line that shows something: its target and span. */
  readonly others: ReadonlyMap<number, { readonly target: LineTarget | null; readonly span: Span | null }>;
}

export class LineWriter {
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private length = 0;
  private count = 0;
  private starts = new Uint32Array(256);
  private rowList = new Uint8Array(256);
  private rowIndex = new Uint32Array(256);
  private rowOffset = new Uint32Array(256);
  private rowLength = new Uint32Array(256);
  private readonly others = new Map<number, { target: LineTarget | null; span: Span | null }>();

  /** The number of the next line. */
  get lineCount(): number {
    return this.count;
  }

  push(text: string, target: LineTarget | null = null, span: Span | null = null): void {
    const line = this.add(text);
    if (target || span) this.others.set(line, { target, span });
  }

  blank(): void {
    this.push('');
  }

  /** A record's line: row `row` of the list `ROW_LISTS[list]`, with the record's span. */
  pushRow(text: string, list: number, row: number, offset: number, length: number): void {
    const line = this.add(text);
    this.rowList[line] = list + 1;
    this.rowIndex[line] = row;
    this.rowOffset[line] = offset;
    this.rowLength[line] = length;
  }

  private add(text: string): number {
    const line = this.count++;
    if (line === this.starts.length) this.grow();
    this.starts[line] = this.length;
    this.length += text.length + 1;
    this.pending.push(text);
    if (this.pending.length === CHUNK_LINES) this.flush();
    return line;
  }

  private flush(): void {
    if (this.pending.length) this.chunks.push(this.pending.join('\n') + '\n');
    this.pending = [];
  }

  private grow(): void {
    const size = this.starts.length * 2;
    this.starts = grown(this.starts, size);
    this.rowList = grown(this.rowList, size);
    this.rowIndex = grown(this.rowIndex, size);
    this.rowOffset = grown(this.rowOffset, size);
    this.rowLength = grown(this.rowLength, size);
  }

  /** The text (each line ended by a newline) and its line map. */
  finish(): LineMap {
    this.flush();
    const n = this.count;
    return {
      text: this.chunks.join(''),
      lineCount: n,
      starts: this.starts.slice(0, n),
      rowList: this.rowList.slice(0, n),
      rowIndex: this.rowIndex.slice(0, n),
      rowOffset: this.rowOffset.slice(0, n),
      rowLength: this.rowLength.slice(0, n),
      others: this.others,
    };
  }
}

/** The text of one line, without its newline. */
export function lineText(map: LineMap, line: number): string {
  if (line < 0 || line >= map.lineCount) return '';
  const end = line + 1 < map.lineCount ? map.starts[line + 1]! - 1 : map.text.length - 1;
  return map.text.slice(map.starts[line]!, end);
}

/** What one line shows, made from the map (a record's span as a plain offset and length). */
export function lineAt(map: LineMap, line: number): TextLine | null {
  if (!Number.isInteger(line) || line < 0 || line >= map.lineCount) return null;
  const list = map.rowList[line]!;
  if (list) return { line, target: { kind: 'row', list: ROW_LISTS[list - 1]!, row: map.rowIndex[line]! }, span: { offset: map.rowOffset[line]!, length: map.rowLength[line]! } };
  const other = map.others.get(line);
  return { line, target: other?.target ?? null, span: other?.span ?? null };
}
