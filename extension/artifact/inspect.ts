import type { RangeSource } from '../bmes/byteWindow';
import type { DecodeOptions } from '../bmes/decode';
import type { Diagnostic } from '../bmes/model';
import type { ExecutableFile } from '../bunExecutable/model';
import { mixedCacheVersions, readModuleDetails, type ModuleDetails } from '../bunExecutable/moduleDetails';
import { readModuleRecord, readSharedRecords } from '../bunExecutable/moduleRecords';
import type { ModuleRecordResult, SharedModuleRecords } from '../bunRecord/moduleRecord';
import { decodeArtifactFrom, type Artifact, type ArtifactResult } from './decodeArtifact';
import type { RangeReader } from './rangeReader';

/** An executable's modules, each read and checked: bytecode header, record, and the graph-level checks over them. */
export interface ModuleInspection {
  readonly modules: readonly ModuleDetails[];
  /** Each ES module's record (module_info or prelinked graph) checked against its contents; null where none. */
  readonly records: readonly (ModuleRecordResult | null)[];
  /** Bun 1.4.x: the shared tables the records come from. */
  readonly shared: SharedModuleRecords | null;
  /** Every diagnostic of the executable and its modules, in offset order. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface Inspection extends ArtifactResult, ModuleInspection {}

export function diagnosticsOf(artifact: Artifact): readonly Diagnostic[] {
  switch (artifact.kind) {
    case 'bmes':
      return artifact.file.diagnostics;
    case 'unknown':
      return [];
    default:
      return artifact.diagnostics;
  }
}

/**
 * Reads and checks every module of an executable (a few ranged reads per module): the CLI does it at once, the
 * editor after it has shown the module list.
 */
export async function inspectModules(reader: RangeReader, exe: ExecutableFile, options: DecodeOptions = {}): Promise<ModuleInspection> {
  const modules: ModuleDetails[] = [];
  const records: (ModuleRecordResult | null)[] = [];
  const diagnostics = [...exe.diagnostics];
  const shared = await readSharedRecords(reader, exe);
  if (shared) diagnostics.push(...shared.diagnostics);
  for (const module of exe.modules) {
    const details = await readModuleDetails(reader, exe, module, { expectedJscVersion: options.expectedJscVersion, checkSourceKey: true });
    modules.push(details);
    diagnostics.push(...details.diagnostics);
    const record = await readModuleRecord(reader, exe, module, shared);
    records.push(record);
    if (record) diagnostics.push(...record.diagnostics);
  }
  const mixed = mixedCacheVersions(modules);
  if (mixed) diagnostics.push(mixed);
  diagnostics.sort((a, b) => a.offset - b.offset);
  return { modules, records, shared, diagnostics };
}

/** The whole check of a file, for the CLI and for CI: the container, and for an executable every module. */
export async function inspectArtifact(source: RangeSource, options: DecodeOptions = {}): Promise<Inspection> {
  const result = await decodeArtifactFrom(source, options);
  const { artifact } = result;
  if (artifact.kind !== 'executable') return { ...result, modules: [], records: [], shared: null, diagnostics: diagnosticsOf(artifact) };
  const readBefore = result.reader.bytesRead;
  const inspected = await inspectModules(result.reader, artifact, options);
  return { ...result, ...inspected, bytesRead: result.bytesRead + (result.reader.bytesRead - readBefore) };
}
