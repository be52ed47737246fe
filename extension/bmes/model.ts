import type { RecordTables } from './recordTables';

/**
 * The decoded shape of a BMES file. Every value carries the byte span it was read from, so a view can
 * highlight the bytes of any value and name the field that any byte belongs to.
 */

export interface Span {
  /** Absolute offset from the start of the file. */
  readonly offset: number;
  readonly length: number;
}

export interface U32Field extends Span {
  readonly value: number;
}

/** A length-prefixed UTF-8 string; the span covers the length field and the bytes. */
export interface StringField extends Span {
  readonly value: string;
  /** Offset of the first byte after the length field. */
  readonly dataOffset: number;
  readonly byteLength: number;
  /** False when the bytes are not valid UTF-8; `value` then holds U+FFFD replacements. */
  readonly validUtf8: boolean;
}

export interface AttributePair extends Span {
  readonly key: StringField;
  readonly value: StringField;
}

export interface RequestedModule extends Span {
  readonly index: number;
  readonly specifier: StringField;
  readonly hasAttributes: U32Field;
  /** Present when `hasAttributes` is non-zero. */
  readonly attributeCount: U32Field | null;
  readonly attributes: readonly AttributePair[];
}

export interface ImportEntry extends Span {
  readonly index: number;
  readonly type: U32Field;
  readonly moduleRequest: StringField;
  readonly importName: StringField;
  readonly localName: StringField;
}

export interface ExportEntry extends Span {
  readonly index: number;
  readonly type: U32Field;
  readonly exportName: StringField;
  readonly moduleName: StringField;
  readonly importName: StringField;
  readonly localName: StringField;
}

export interface StarExport extends Span {
  readonly index: number;
  readonly moduleName: StringField;
}

export interface VariableEntry extends Span {
  readonly index: number;
  readonly name: StringField;
  readonly bits: U32Field;
}

/**
 * A counted list. `entries` holds only records that were read whole; `complete` is false when the list was
 * cut short by damage.
 */
export interface RecordList<T> extends Span {
  readonly count: U32Field;
  readonly entries: readonly T[];
  readonly complete: boolean;
  /** Records read and checked but not kept, past the decoder's record limit (0 for any real module). */
  readonly omitted: number;
}

export type ListName = 'requestedModules' | 'importEntries' | 'exportEntries' | 'starExports' | 'declaredVariables' | 'lexicalVariables';

export interface BmesHeader {
  readonly magic: U32Field | null;
  readonly version: U32Field | null;
  /** Versions 2 and 3 only. */
  readonly bytecodeOffset: U32Field | null;
  /** Versions 2 and 3: the header field; version 1: the size field that follows the metadata. */
  readonly bytecodeSize: U32Field | null;
}

export interface BytecodeRegion extends Span {
  /** Where the region came from: the BMES header, the v1 size field, or a bare JavaScriptCore cache. */
  readonly source: 'header' | 'v1-size-field' | 'bare-jsc';
}

export type JscLayout = 'classic' | 'compact' | 'unknown';

export interface JscString {
  /** Span of the characters. */
  readonly offset: number;
  readonly length: number;
  /** Length in code units. */
  readonly units: number;
  readonly latin1: boolean;
}

export interface JscSection {
  readonly layout: JscLayout;
  /** Absolute offset of the section (the bytecode start). */
  readonly offset: number;
  readonly cacheVersion: U32Field;
  readonly tag: U32Field | null;
  readonly payloadSize: U32Field | null;
  readonly sourceStart: U32Field | null;
  readonly sourceEnd: U32Field | null;
  /** Classic: end − start; compact: the length field. */
  readonly sourceLength: number | null;
  readonly sourceLengthField: U32Field | null;
  readonly keyFlags: U32Field | null;
  readonly keyHash: U32Field | null;
  /** Classic layout only: the provider record's absolute offset. */
  readonly providerOffset: number | null;
  /** Classic layout only; null when the string is null or unreadable. */
  readonly sourceOrigin: (JscString & { readonly value: string }) | null;
  /** Classic layout only: whether the provider holds the full source text, and where. */
  readonly hasEmbeddedSource: boolean | null;
  readonly embeddedSource: JscString | null;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic extends Span {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /**
   * Set when this diagnostic only follows from an earlier fault (records read past a count that cannot fit are
   * not records): the code and offset of that fault. Views show it as that fault's consequence.
   */
  readonly consequenceOf?: { readonly code: string; readonly offset: number };
}

export type VerdictLevel = 'full' | 'bytecode-only' | 'record-only' | 'none';

/** What Bun's loader will do with the file (spec §4), with the reason. */
export interface Verdict {
  readonly level: VerdictLevel;
  readonly bytecodeUsed: boolean;
  readonly moduleRecordFromFile: boolean;
  readonly summary: string;
  readonly reason: string;
}

export interface BmesFile {
  readonly size: number;
  readonly header: BmesHeader;
  readonly requestedModules: RecordList<RequestedModule> | null;
  readonly importEntries: RecordList<ImportEntry> | null;
  readonly exportEntries: RecordList<ExportEntry> | null;
  readonly starExports: RecordList<StarExport> | null;
  readonly declaredVariables: RecordList<VariableEntry> | null;
  readonly lexicalVariables: RecordList<VariableEntry> | null;
  readonly codeFeatures: U32Field | null;
  /** The end of the metadata when it was read whole (start of padding). */
  readonly metadataEnd: number | null;
  /** Zero-to-seven alignment bytes after the metadata (v2/v3). */
  readonly padding: Span | null;
  /** Bytes between the padding and the bytecode (v2/v3). */
  readonly gap: Span | null;
  readonly bytecode: BytecodeRegion | null;
  /** Bytes after the bytecode. */
  readonly trailing: Span | null;
  readonly jsc: JscSection | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly verdict: Verdict;
  /** The same records as columns (`recordTables.ts`), when the decoder built them; else derived on demand. */
  readonly tables?: RecordTables;
}
