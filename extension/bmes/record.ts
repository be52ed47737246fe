import type { BmesRecordInput } from './encode';
import type { BmesFile } from './model';

/** The writer's input for a decoded file: what re-encoding it would take (lists never reached are empty). */
export function recordOf(file: BmesFile): BmesRecordInput {
  return {
    requestedModules: (file.requestedModules?.entries ?? []).map((r) => ({
      specifier: r.specifier.value,
      attributes: r.hasAttributes.value === 0 ? null : r.attributes.map((a) => ({ key: a.key.value, value: a.value.value })),
    })),
    importEntries: (file.importEntries?.entries ?? []).map((e) => ({
      type: e.type.value,
      moduleRequest: e.moduleRequest.value,
      importName: e.importName.value,
      localName: e.localName.value,
    })),
    exportEntries: (file.exportEntries?.entries ?? []).map((e) => ({
      type: e.type.value,
      exportName: e.exportName.value,
      moduleName: e.moduleName.value,
      importName: e.importName.value,
      localName: e.localName.value,
    })),
    starExports: (file.starExports?.entries ?? []).map((s) => s.moduleName.value),
    declaredVariables: (file.declaredVariables?.entries ?? []).map((v) => ({ name: v.name.value, bits: v.bits.value })),
    lexicalVariables: (file.lexicalVariables?.entries ?? []).map((v) => ({ name: v.name.value, bits: v.bits.value })),
    codeFeatures: file.codeFeatures?.value ?? 0,
  };
}
