import type { RangeSource } from '../bmes/byteWindow';
import type { DecodeOptions } from '../bmes/decode';
import type { Diagnostic } from '../bmes/model';
import { mixedCacheVersions, readModuleDetails, type ModuleDetails } from '../bunExecutable/moduleDetails';
import { readModuleRecord, readSharedRecords } from '../bunExecutable/moduleRecords';
import type { ModuleRecordResult, SharedModuleRecords } from '../bunRecord/moduleRecord';
import { decodeArtifactFrom, type Artifact, type ArtifactResult } from './decodeArtifact';

export interface Inspection extends ArtifactResult {
  /** Executables: each module's details (bytecode header, checks against its contents), in table order. */
  readonly modules: readonly ModuleDetails[];
  /** Executables: each ES module's record (module_info or prelinked graph) checked against its contents; null where none. */
  readonly records: readonly (ModuleRecordResult | null)[];
  /** Executables of Bun 1.4.x: the shared tables the records come from. */
  readonly shared: SharedModuleRecords | null;
  /** Every diagnostic of the file and of its modules, in offset order. */
  readonly diagnostics: readonly Diagnostic[];
}

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
 * The whole check of a file, for the CLI and for CI: the container, and for an executable every module (which reads
 * each module's bytecode header and contents). The editor reads modules one at a time instead.
 */
export async function inspectArtifact(source: RangeSource, options: DecodeOptions = {}): Promise<Inspection> {
  const result = await decodeArtifactFrom(source, options);
  const { artifact } = result;
  const readBefore = result.reader.bytesRead;
  const modules: ModuleDetails[] = [];
  const records: (ModuleRecordResult | null)[] = [];
  let shared: SharedModuleRecords | null = null;
  const diagnostics = [...diagnosticsOf(artifact)];
  if (artifact.kind === 'executable') {
    shared = await readSharedRecords(result.reader, artifact);
    if (shared) diagnostics.push(...shared.diagnostics);
    for (const module of artifact.modules) {
      const details = await readModuleDetails(result.reader, artifact, module, { expectedJscVersion: options.expectedJscVersion, checkSourceKey: true });
      modules.push(details);
      diagnostics.push(...details.diagnostics);
      const record = await readModuleRecord(result.reader, artifact, module, shared);
      records.push(record);
      if (record) diagnostics.push(...record.diagnostics);
    }
    const mixed = mixedCacheVersions(modules);
    if (mixed) diagnostics.push(mixed);
    diagnostics.sort((a, b) => a.offset - b.offset);
  }
  return { ...result, bytesRead: result.bytesRead + (result.reader.bytesRead - readBefore), modules, records, shared, diagnostics };
}
