/**
 * The one adapter from Bun's stored module records (the neutral `ModuleRecordParts`) to the record model the views
 * use: `RecordTables` (typed-array columns, `extension/bmes/recordTables.ts`), filled with its public builder, so
 * every table, dump and check written for BMES metadata works on them. A name's value is the resolved name and
 * its span the 4-byte id it was read from; a field the store does not have for an entry has no span.
 */
import { RecordTablesBuilder, type RecordTables, type StringInput } from '../bmes';
import type { ListName } from '../bmes/model';
import type { ExportKind, ImportKind, ListPart, ModuleRecordParts, NameRef, RequestPart } from './parts';

/** BMES's numbering (`IMPORT_TYPES`); `import defer * as` has no BMES type and shows as a namespace import. */
const IMPORT_TYPE: Readonly<Record<ImportKind, number>> = { single: 0, singleTypeScript: 1, namespace: 2, namespaceDefer: 2 };
const EXPORT_TYPE: Readonly<Record<ExportKind, number>> = { local: 0, indirect: 1, namespace: 2 };
/** module_info stores only var-or-lexical, not the variable's flags: a declared variable shows as `var`. */
const VAR_BITS = 1 << 2;

export function toRecordTables(parts: ModuleRecordParts): RecordTables {
  const b = new RecordTablesBuilder();
  const name = (n: NameRef): StringInput => ({ value: n.value, offset: n.offset, length: n.length });
  for (const r of parts.requests?.entries ?? []) b.addRequestedModule(requestedModule(r, name));
  for (const e of parts.imports?.entries ?? []) {
    b.addImport({
      offset: e.offset,
      length: e.length,
      type: { ...e.kindField, value: IMPORT_TYPE[e.kind] },
      moduleRequest: name(e.module),
      importName: name(e.importName),
      localName: name(e.localName),
    });
  }
  for (const e of parts.exports?.entries ?? []) {
    b.addExport({
      offset: e.offset,
      length: e.length,
      type: { ...e.kindField, value: EXPORT_TYPE[e.kind] },
      exportName: name(e.exportName),
      ...(e.module ? { moduleName: name(e.module) } : {}),
      ...(e.importName ? { importName: name(e.importName) } : {}),
      ...(e.localName ? { localName: name(e.localName) } : {}),
    });
  }
  for (const s of parts.starExports?.entries ?? []) b.addStarExport({ offset: s.offset, length: s.length, moduleName: name(s.module) });
  for (const v of parts.declaredVariables?.entries ?? []) {
    b.addDeclaredVariable({ offset: v.offset, length: v.length, name: name(v.name), bits: { ...v.kindField, value: VAR_BITS } });
  }
  for (const v of parts.lexicalVariables?.entries ?? []) {
    b.addLexicalVariable({ offset: v.offset, length: v.length, name: name(v.name), bits: { ...v.kindField, value: 0 } });
  }
  // A list the store has is named even when empty; one it does not have (the graph's variables) stays null.
  const lists: [ListName, ListPart<unknown> | null][] = [
    ['requestedModules', parts.requests],
    ['importEntries', parts.imports],
    ['exportEntries', parts.exports],
    ['starExports', parts.starExports],
    ['declaredVariables', parts.declaredVariables],
    ['lexicalVariables', parts.lexicalVariables],
  ];
  for (const [list, part] of lists) {
    if (part) b.list(list, { count: part.count, offset: part.offset, length: part.length, complete: part.complete });
  }
  return b.build();
}

function requestedModule(r: RequestPart, name: (n: NameRef) => StringInput) {
  // The fetch kind is the store's attribute: shown as one `type` attribute pair spanning the word it was read from.
  const typed = r.fetch !== 'none';
  const at = { offset: r.fetchField.offset, length: r.fetchField.length };
  return {
    offset: r.offset,
    length: r.length,
    specifier: name(r.specifier),
    hasAttributes: { ...at, value: typed ? 1 : 0 },
    attributeCount: typed ? { ...at, value: 1 } : null,
    attributes: typed ? [{ ...at, key: { value: 'type', offset: at.offset, length: 0 }, value: r.hostType ? name(r.hostType) : { ...at, value: r.fetch } }] : [],
  };
}
