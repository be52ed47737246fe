import type { RangeSource } from '../bmes/byteWindow';
import type { DecodeOptions } from '../bmes/decode';
import type { Diagnostic } from '../bmes/model';
import { mixedCacheVersions, readModuleDetails, type ModuleDetails } from '../bunExecutable/moduleDetails';
import { decodeArtifactFrom, type Artifact, type ArtifactResult } from './decodeArtifact';

export interface Inspection extends ArtifactResult {
  /** Executables: each module's details (bytecode header, checks against its contents), in table order. */
  readonly modules: readonly ModuleDetails[];
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
  const diagnostics = [...diagnosticsOf(artifact)];
  if (artifact.kind === 'executable') {
    for (const module of artifact.modules) {
      const details = await readModuleDetails(result.reader, artifact, module, { expectedJscVersion: options.expectedJscVersion, checkSourceKey: true });
      modules.push(details);
      diagnostics.push(...details.diagnostics);
    }
    const mixed = mixedCacheVersions(modules);
    if (mixed) diagnostics.push(mixed);
    diagnostics.sort((a, b) => a.offset - b.offset);
  }
  return { ...result, bytesRead: result.bytesRead + (result.reader.bytesRead - readBefore), modules, diagnostics };
}
