import type { ListName, Span } from '../bmes';

/** The header fields, as the dump names them. */
export type HeaderFieldKey = 'magic' | 'version' | 'bytecodeOffset' | 'bytecodeSize';

/** The rows of the dump's "Layout" table. */
export type LayoutRegionKey = 'metadataEnd' | 'padding' | 'gap' | 'bytecode' | 'trailing';

/** The rows of the dump's "JavaScriptCore bytecode" table. */
export type JscFieldKey = 'layout' | 'cacheVersion' | 'tag' | 'payloadSize' | 'sourceLength' | 'keyFlags' | 'keyHash' | 'sourceOrigin' | 'embeddedSource';

export type SectionKey = 'header' | ListName | 'layout' | 'jsc' | 'diagnostics';

/** What one line of the text view shows. */
export type LineTarget =
  | { readonly kind: 'title' }
  | { readonly kind: 'verdict' }
  /** A section's title or its table's column headings (lists have their own `list` title target). */
  | { readonly kind: 'section'; readonly section: SectionKey }
  | { readonly kind: 'header'; readonly field: HeaderFieldKey }
  /** A list's title line ("Import entries (2) at 0x20"): the span is the whole list. */
  | { readonly kind: 'list'; readonly list: ListName }
  /** One record of a list; `row` is the record's index in the file. */
  | { readonly kind: 'row'; readonly list: ListName; readonly row: number }
  | { readonly kind: 'codeFeatures' }
  | { readonly kind: 'layout'; readonly region: LayoutRegionKey }
  | { readonly kind: 'jsc'; readonly field: JscFieldKey }
  /** An entry of the "Diagnostics" list; `index` is into `file.diagnostics`. */
  | { readonly kind: 'diagnostic'; readonly index: number };

export interface TextLine {
  /** Zero-based line number in `TextView.text`. */
  readonly line: number;
  /** Null for blank lines and the "none" placeholder. */
  readonly target: LineTarget | null;
  /** The bytes the line shows; null when it shows no bytes (blank lines, headings, the verdict). */
  readonly span: Span | null;
}

/** A character range on one line, for an editor range: from the first non-blank character to the line's end. */
export interface LineRange {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

/** Where a diagnostic shows in the text view. */
export interface DiagnosticPlacement {
  /** The line of the structure the diagnostic concerns (the most specific one), else its own listed line. */
  readonly primary: LineRange;
  /** Its line in the "Diagnostics" list. */
  readonly listed: LineRange;
}

export interface TextView {
  /** Exactly what `bmes dump` prints; ends with a newline. */
  readonly text: string;
  /** The number of lines of `text` (the final newline starts no line). */
  readonly lineCount: number;
  /**
   * What one line shows (null past the end), read from the line map's columns: a record's span is its offset
   * and length. The editor reads lines this way.
   */
  lineAt(line: number): TextLine | null;
  /**
   * One entry per line of `text`, made on first read (one object per line, and a record's line has the
   * record of the object model as its span): for code that wants the whole map at once, such as tests.
   */
  readonly lines: readonly TextLine[];
  /** One entry per diagnostic of the rendered file, in `file.diagnostics` order. */
  readonly diagnostics: readonly DiagnosticPlacement[];
}
