/**
 * A module record as Bun stores it, in one neutral shape for both stores (1.3.x `module_info`, 1.4.x prelinked
 * graph): what the source comparison reads, and what `recordModel.ts` turns into the views' record model. Every
 * name keeps the span of the 4-byte id it was read from and, when it resolved, where its characters are.
 */
import type { Span, U32Field } from '../bmes/model';

export interface NameRef extends Span {
  /** The id or sid as stored. */
  readonly id: number;
  /** The name: the string the id resolves to, `*default*` / `*namespace*` for the reserved ids, `''` when unresolved. */
  readonly value: string;
  readonly resolved: boolean;
  /** Absolute offset of the characters (of the id itself when unresolved or reserved). */
  readonly dataOffset: number;
  readonly byteLength: number;
}

export type FetchKind = 'none' | 'javascript' | 'webassembly' | 'json' | 'host-defined';

export interface RequestPart extends Span {
  readonly index: number;
  readonly specifier: NameRef;
  readonly fetch: FetchKind;
  /** The word the fetch kind was read from. */
  readonly fetchField: U32Field;
  /** The `type` of a host-defined attribute. */
  readonly hostType: NameRef | null;
  /** `import defer` (a separate record kind in module_info, a bit in the graph). */
  readonly defer: boolean;
  /** Prelinked graph only: the graph module it resolved to, `null` for none (builtin, external). */
  readonly moduleIndex: number | null;
}

export type ImportKind = 'single' | 'singleTypeScript' | 'namespace' | 'namespaceDefer';

export interface ImportPart extends Span {
  readonly index: number;
  readonly kind: ImportKind;
  /** The byte or word the kind was read from. */
  readonly kindField: U32Field;
  readonly module: NameRef;
  readonly importName: NameRef;
  readonly localName: NameRef;
}

export type ExportKind = 'local' | 'indirect' | 'namespace';

export interface ExportPart extends Span {
  readonly index: number;
  readonly kind: ExportKind;
  readonly kindField: U32Field;
  readonly exportName: NameRef;
  /** Local exports. */
  readonly localName: NameRef | null;
  /** Indirect exports. */
  readonly importName: NameRef | null;
  /** Indirect and namespace exports. */
  readonly module: NameRef | null;
}

export interface StarExportPart extends Span {
  readonly index: number;
  readonly module: NameRef;
}

export interface VariablePart extends Span {
  readonly index: number;
  readonly name: NameRef;
  /** The kind byte the variable was read from. */
  readonly kindField: U32Field;
}

export interface ListPart<T> extends Span {
  /** The count field, or (for lists that have none in the store) the number found, spanning the field it came from. */
  readonly count: U32Field;
  readonly entries: readonly T[];
  /** False when damage cut the list short. */
  readonly complete: boolean;
}

export interface ModuleFlags {
  readonly field: U32Field;
  readonly hasImportMeta: boolean;
  readonly isTypeScript: boolean;
  readonly hasTopLevelAwait: boolean;
}

export interface ModuleRecordParts {
  readonly store: 'module_info' | 'prelinked-graph';
  readonly requests: ListPart<RequestPart> | null;
  readonly imports: ListPart<ImportPart> | null;
  readonly exports: ListPart<ExportPart> | null;
  readonly starExports: ListPart<StarExportPart> | null;
  /** `null` for the prelinked graph: it stores no variables (JavaScriptCore takes them from the bytecode). */
  readonly declaredVariables: ListPart<VariablePart> | null;
  readonly lexicalVariables: ListPart<VariablePart> | null;
  readonly flags: ModuleFlags | null;
}

/** The reserved ids of both stores (spec §4, §5.3). */
export const STAR_DEFAULT_ID = 0xffffffff;
export const STAR_NAMESPACE_ID = 0xfffffffe;

export function reservedName(id: number): string | null {
  if (id === STAR_DEFAULT_ID) return '*default*';
  if (id === STAR_NAMESPACE_ID) return '*namespace*';
  return null;
}

/** A name read from the 4-byte id at `idField`, in one object shape (records hold hundreds of thousands). */
export function nameRef(idField: U32Field, value: string, resolved: boolean, dataOffset: number, byteLength: number): NameRef {
  return { offset: idField.offset, length: 4, id: idField.value, value, resolved, dataOffset, byteLength };
}

/** The name of a reserved or unresolved id: its characters are the id itself. */
export function idOnlyName(idField: U32Field): NameRef {
  const reserved = reservedName(idField.value);
  return nameRef(idField, reserved ?? '', reserved !== null, idField.offset, 0);
}
