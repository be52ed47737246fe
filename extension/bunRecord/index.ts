/**
 * Bun's stored ES module records, pure (no `vscode` or Node imports): the 1.3.x per-module `module_info` bodies and
 * the 1.4.x shared tables (bytecode string table, module-info slot table, prelinked module graph), decoded with
 * spans into the BMES record model, and checked against each module's own source with meriyah.
 */
export {
  decodeModuleRecordOf,
  decodeModuleInfoRecord,
  decodeSharedTables,
  graphModuleRecord,
  type ByteRegion,
  type ModuleRecordOfInput,
  type ModuleRecordResult,
  type SharedModuleRecords,
  type SharedTablesInput,
} from './moduleRecord';
export { compareWithSource, type ModuleContents } from './compareWithSource';
export { decodeModuleInfo, MODULE_INFO_KINDS, type DecodedModuleInfo } from './moduleInfo';
export { decodeBytecodeStringTable, type DecodedStringTable, type StringTableEntry } from './bytecodeStringTable';
export { decodeSlotTable, type DecodedSlotTable, type Slot } from './slotTable';
export { decodePrelinkedGraph, PLMG_MAGIC, PLMG_VERSION, type DecodedPrelinkedGraph, type PlmgModule } from './prelinkedGraph';
export { toRecordTables } from './recordModel';
export { sourceRecordOf, type SourceRecord } from './sourceRecord';
export { wtfStringHash, wtfStringHashOfLatin1, wtfStringHashOfUnits, rapidHash64 } from './wtfStringHash';
export { wyStringHash, webkitWyHash, WYHASH_THRESHOLD } from './wyStringHash';
export { RECORD_DIAGNOSTIC_CODES, type RecordDiagnostic, type RecordDiagnosticCode, type SourcePosition } from './diagnostics';
export type * from './parts';
