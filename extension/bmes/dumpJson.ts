import { CODE_FEATURE_FLAGS, VARIABLE_FLAGS, exportTypeName, flagNames, importTypeName } from './flags';
import type { BmesFile, RecordList, Severity, VariableEntry } from './model';

/** The stable JSON shape of `bmes dump --json`, documented in the README. */
export interface BmesDump {
  size: number;
  header: { magic: number | null; version: number | null; bytecodeOffset: number | null; bytecodeSize: number | null };
  requestedModules: { specifier: string; attributes: { key: string; value: string }[] | null }[] | null;
  importEntries: { type: string | number; moduleRequest: string; importName: string; localName: string }[] | null;
  exportEntries: { type: string | number; exportName: string; moduleName: string; importName: string; localName: string }[] | null;
  starExports: string[] | null;
  declaredVariables: DumpVariable[] | null;
  lexicalVariables: DumpVariable[] | null;
  codeFeatures: { bits: number; flags: string[] } | null;
  bytecode: { offset: number; size: number; sha256: string | null } | null;
  jsc: {
    layout: 'classic' | 'compact' | 'unknown';
    cacheVersion: number;
    tag: number | null;
    payloadSize: number | null;
    sourceLength: number | null;
    keyFlags: number | null;
    keyHash: number | null;
    sourceOrigin: string | null;
    hasEmbeddedSource: boolean | null;
  } | null;
  diagnostics: { code: string; severity: Severity; offset: number; length: number; message: string }[];
}

export interface DumpVariable {
  name: string;
  bits: number;
  flags: string[];
}

/** `bytecodeSha256` is computed by the caller, which owns reading the bytecode (the library never scans it). */
export function toDump(file: BmesFile, bytecodeSha256: string | null = null): BmesDump {
  const h = file.header;
  const isV1 = h.version?.value === 1;
  const list = <T, R>(l: RecordList<T> | null, f: (t: T) => R): R[] | null => (l ? l.entries.map(f) : null);
  const variables = (l: RecordList<VariableEntry> | null) => list(l, (v) => ({ name: v.name.value, bits: v.bits.value, flags: flagNames(VARIABLE_FLAGS, v.bits.value) }));
  const jsc = file.jsc;
  return {
    size: file.size,
    header: {
      magic: h.magic?.value ?? null,
      version: h.version?.value ?? null,
      bytecodeOffset: isV1 ? null : (h.bytecodeOffset?.value ?? null),
      bytecodeSize: isV1 ? null : (h.bytecodeSize?.value ?? null),
    },
    requestedModules: list(file.requestedModules, (r) => ({
      specifier: r.specifier.value,
      attributes: r.hasAttributes.value === 0 ? null : r.attributes.map((a) => ({ key: a.key.value, value: a.value.value })),
    })),
    importEntries: list(file.importEntries, (e) => ({
      type: importTypeName(e.type.value),
      moduleRequest: e.moduleRequest.value,
      importName: e.importName.value,
      localName: e.localName.value,
    })),
    exportEntries: list(file.exportEntries, (e) => ({
      type: exportTypeName(e.type.value),
      exportName: e.exportName.value,
      moduleName: e.moduleName.value,
      importName: e.importName.value,
      localName: e.localName.value,
    })),
    starExports: list(file.starExports, (s) => s.moduleName.value),
    declaredVariables: variables(file.declaredVariables),
    lexicalVariables: variables(file.lexicalVariables),
    codeFeatures: file.codeFeatures ? { bits: file.codeFeatures.value, flags: flagNames(CODE_FEATURE_FLAGS, file.codeFeatures.value) } : null,
    bytecode: file.bytecode ? { offset: file.bytecode.offset, size: file.bytecode.length, sha256: bytecodeSha256 } : null,
    jsc: jsc
      ? {
          layout: jsc.layout,
          cacheVersion: jsc.cacheVersion.value,
          tag: jsc.tag?.value ?? null,
          payloadSize: jsc.payloadSize?.value ?? null,
          sourceLength: jsc.sourceLength,
          keyFlags: jsc.keyFlags?.value ?? null,
          keyHash: jsc.keyHash?.value ?? null,
          sourceOrigin: jsc.sourceOrigin?.value ?? null,
          hasEmbeddedSource: jsc.hasEmbeddedSource,
        }
      : null,
    diagnostics: file.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      offset: d.offset,
      length: d.length,
      message: d.message,
    })),
  };
}
