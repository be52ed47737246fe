/**
 * The texts of a table's string cells as they travel to the webview: the UTF-8 bytes of every distinct text, one
 * after another, with where each ends. Typed arrays cross `postMessage` as binary (VS Code sends each distinct
 * ArrayBuffer once, whole), where an array of 400,000 strings is JSON-encoded by the extension host and parsed
 * again by the renderer; and a text held as file bytes is copied, never made into a string, by the host.
 */
import { grown } from '../bmes/typedArrays';
import type { ViewColumn, ViewTable, ViewTexts } from './types';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Appends texts and hands out their ids; equal texts given as strings share one id. */
export class ViewTextsBuilder {
  private utf8 = new Uint8Array(4096);
  private ends = new Uint32Array(256);
  private size = 0;
  private ascii = true;
  private readonly ids = new Map<string, number>();
  count = 0;

  /** The id of `text` (added once). */
  text(text: string): number {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    this.reserve(text.length * 3);
    const { written } = encoder.encodeInto(text, this.utf8.subarray(this.size));
    if (written !== text.length) this.ascii = false;
    const id = this.end(this.size + written);
    this.ids.set(text, id);
    return id;
  }

  /**
   * A new id for the bytes `bytes[at … at + length)`, which must be ASCII (the caller knows, and dedupes: a record
   * string table's ids are distinct already).
   */
  asciiBytes(bytes: Uint8Array, at: number, length: number): number {
    this.reserve(length);
    const utf8 = this.utf8;
    const size = this.size;
    // An identifier is a few bytes: a loop beats making a view to copy from.
    if (length < 48) for (let i = 0; i < length; i++) utf8[size + i] = bytes[at + i]!;
    else utf8.set(bytes.subarray(at, at + length), size);
    return this.end(size + length);
  }

  build(): ViewTexts {
    // Right-sized copies: a view into a larger buffer would send all of that buffer.
    return { utf8: this.utf8.slice(0, this.size), ends: this.ends.slice(0, this.count), ascii: this.ascii };
  }

  private end(size: number): number {
    if (this.count === this.ends.length) this.ends = grown(this.ends, this.ends.length * 2);
    this.size = size;
    this.ends[this.count] = size;
    return this.count++;
  }

  private reserve(bytes: number): void {
    if (this.size + bytes <= this.utf8.length) return;
    this.utf8 = grown(this.utf8, Math.max(this.utf8.length * 2, this.size + bytes));
  }
}

/** The texts decoded so far, per received table (an ASCII table is decoded in one call, then sliced). */
const decoded = new WeakMap<ViewTexts, { whole: string | null; texts: (string | undefined)[] }>();

/** The text of `id`. */
export function viewText(texts: ViewTexts, id: number): string {
  let cache = decoded.get(texts);
  if (!cache) {
    cache = { whole: texts.ascii ? decoder.decode(texts.utf8) : null, texts: [] };
    decoded.set(texts, cache);
  }
  const start = id === 0 ? 0 : texts.ends[id - 1]!;
  const end = texts.ends[id];
  if (end === undefined) return '';
  if (cache.whole !== null) return cache.whole.slice(start, end);
  let text = cache.texts[id];
  if (text === undefined) {
    text = decoder.decode(texts.utf8.subarray(start, end));
    cache.texts[id] = text;
  }
  return text;
}

/** The text of a string or derived cell ('' for a number column or a row past its end). */
export function cellString(table: ViewTable, column: ViewColumn, row: number): string {
  const id = column.textIds?.[row];
  return id === undefined ? '' : viewText(table.texts, id);
}
