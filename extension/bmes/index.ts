/** The BMES format library: pure TypeScript, no VS Code or Node APIs, usable by the CLI, tests, host and webview. */
export * from './model';
export * from './flags';
export { decodeBmes, decodeBmesFrom, type DecodeOptions, type RangedDecodeResult } from './decode';
export { encodeBmes, EMPTY_RECORD, type BmesRecordInput, type EncodeOptions } from './encode';
export { recordOf } from './record';
export { toDump, dumpJsonText, type BmesDump } from './dumpJson';
export { MAX_OBJECT_RECORDS, shownRowCounts, shownLists, tablesOfFile, attributePairs, type ShownList, type AttributePairs } from './shownRows';
export { DIAGNOSTIC_CODES, type DiagnosticCode, hex } from './diagnostics';
export { superFastHash, sourceKeyOfFile, sourceKeyOfText, type SourceKey } from './superFastHash';
export { decodeJscSection, readJscText, CLASSIC_FIELDS, COMPACT_FIELDS } from './jsc';
export { windowOver, PagedWindow, type RangeSource, type ByteWindow } from './byteWindow';
export { VERDICT_SUMMARY } from './verdict';
export { KNOWN_CACHE_VERSIONS, knownCacheVersion, bunReleaseName, sourceHashCheckable, type KnownCacheVersion } from './jscVersions';
export * from './recordTables';
export {
  RecordTablesBuilder,
  TableBuilder,
  StringTableBuilder,
  type FieldInput,
  type U32Input,
  type StringInput,
  type RequestedModuleFields,
  type ImportFields,
  type ExportFields,
  type StarExportFields,
  type VariableFields,
  type ListInput,
} from './recordTablesBuilder';
export { recordTablesOf } from './recordTablesOfFile';
export { MAX_TABLE_BYTES, ROW_BYTES } from './columnReader';
