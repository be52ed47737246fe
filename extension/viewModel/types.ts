/**
 * What the webview shows, built from a decoded file by the host and sent once per decode. Lists travel as
 * columns of typed arrays (offsets, lengths, numbers, text ids) with one packed text table per list, so 100,000
 * rows cost a few MB of binary and no per-cell objects or strings. Every cell that holds file bytes carries its span.
 */
import type { Diagnostic, JscLayout, ListName } from '../bmes/model';
import type { FileVerdict } from '../verdict/verdict';

export interface ViewField {
  /** Stable key, e.g. "magic", "bytecodeOffset", "jsc.cacheVersion". */
  readonly key: string;
  readonly label: string;
  readonly offset: number;
  readonly length: number;
  /** The raw value: a number for integer fields, a string for text. */
  readonly value: number | string;
  /** What the value means, e.g. "version 3 (current)" or "module". */
  readonly meaning: string;
}

export type ColumnKind = 'u32' | 'string' | 'derived';

export interface ViewColumn {
  readonly key: string;
  readonly title: string;
  readonly kind: ColumnKind;
  /** Per row: where the cell's bytes are (a string's span starts at its length field). Absent for derived columns. */
  readonly offsets?: Uint32Array;
  readonly lengths?: Uint32Array;
  /** kind "u32". */
  readonly numbers?: Uint32Array;
  /** kind "string" and "derived": per row, the id of the cell's text in its table's `texts` (`viewText`). */
  readonly textIds?: Uint32Array;
}

/**
 * A list's texts: the UTF-8 bytes of each distinct text, one after another; text `i` is the bytes from
 * `ends[i - 1]` (0 for the first) to `ends[i]`. `ascii`: every byte is below 0x80.
 */
export interface ViewTexts {
  readonly utf8: Uint8Array;
  readonly ends: Uint32Array;
  readonly ascii: boolean;
}

/** The module record's lists, and an executable's module table. */
export type TableId = ListName | 'modules' | 'bytecodeStrings' | 'slots' | 'prelinkedModules';

export interface ViewTable {
  readonly id: TableId;
  readonly title: string;
  /** The count field, with the count as read (which can exceed the rows when the list was cut short). */
  readonly count: { readonly offset: number; readonly length: number; readonly value: number };
  readonly offset: number;
  readonly length: number;
  readonly complete: boolean;
  readonly rowCount: number;
  readonly rowOffsets: Uint32Array;
  readonly rowLengths: Uint32Array;
  readonly columns: readonly ViewColumn[];
  /** The texts the columns' `textIds` name. */
  readonly texts: ViewTexts;
}

export type RegionKind =
  | 'header'
  | ListName
  | 'codeFeatures'
  | 'v1BytecodeSize'
  | 'padding'
  | 'gap'
  | 'bytecode'
  | 'trailing'
  | 'unparsed'
  /** Released Bun's containers: a sidecar's trailer, an executable's graph parts. */
  | 'trailer'
  | 'container'
  | 'modules'
  | 'contents'
  | 'moduleRecord'
  | 'sharedTables';

/** A contiguous structural part of the file, for colouring the hex view. Sorted, non-overlapping. */
export interface ViewRegion {
  readonly kind: RegionKind;
  readonly label: string;
  readonly offset: number;
  readonly length: number;
}

/** Which table row (and column) a diagnostic or a byte belongs to. */
export interface ViewTarget {
  readonly table: TableId;
  readonly row: number;
  readonly column?: string;
}

export interface ViewDiagnostic extends Diagnostic {
  readonly target: ViewTarget | null;
  /** The header or JavaScriptCore field the diagnostic concerns, when it is one. */
  readonly fieldKey: string | null;
}

export interface ViewJsc {
  readonly layout: JscLayout;
  readonly offset: number;
  readonly fields: readonly ViewField[];
  /** Classic layout: the embedded source text's location; the text itself is fetched on demand. */
  readonly embeddedSource: { readonly offset: number; readonly length: number; readonly units: number; readonly latin1: boolean } | null;
}

/** A group of fields the overview shows beside the header (a sidecar's trailer, an executable's Offsets record…). */
export interface ViewSection {
  readonly id: string;
  readonly title: string;
  readonly fields: readonly ViewField[];
  readonly note?: string;
}

/** The module of an executable the view shows, when one is open. */
export interface ViewModuleRef {
  readonly index: number;
  readonly name: string;
  /** Modules in the executable, for the breadcrumb. */
  readonly count: number;
  readonly isEntry: boolean;
  /** Where the module's contents are, to open them as a source document. */
  readonly contents: { readonly offset: number; readonly length: number } | null;
  /** Where its record comes from: "module_info", "prelinked graph", or null (CommonJS, or none). */
  readonly recordStore: string | null;
}

/**
 * The JavaScriptCore payload the Bytecode tab decodes: a BMES file's bytecode section, a sidecar's or bare
 * payload, or the open module's bytecode in an executable (with the executable's shared string table, which
 * names the payload's strings by ordinal).
 */
export interface ViewBytecode {
  readonly offset: number;
  readonly length: number;
  readonly stringTable: { readonly offset: number; readonly length: number } | null;
  /** Executables: the module whose bytecode this is. */
  readonly module: number | null;
}

export type ViewKind = 'bmes' | 'jsc-payload' | 'executable';

export interface ViewModel {
  /** Which decoder read the file; decided by content. */
  readonly kind: ViewKind;
  /** What the file is, in words ("BMES version 3", "Bun 1.4.x .jsc sidecar…"). */
  readonly kindName: string;
  /** Field groups beyond header and layout (empty for BMES). */
  readonly sections: readonly ViewSection[];
  /** Executables: the open module, null on the module list. */
  readonly module: ViewModuleRef | null;
  readonly size: number;
  readonly version: number | null;
  /** What Bun does with the file, coloured by every diagnostic, with the checks that could not be made. */
  readonly verdict: FileVerdict;
  readonly header: readonly ViewField[];
  readonly layout: readonly ViewField[];
  readonly tables: readonly ViewTable[];
  readonly codeFeatures: ViewField | null;
  readonly regions: readonly ViewRegion[];
  readonly jsc: ViewJsc | null;
  /** What the Bytecode tab shows; null when there is no payload (or an executable's module list is shown). */
  readonly bytecode: ViewBytecode | null;
  readonly diagnostics: readonly ViewDiagnostic[];
}
