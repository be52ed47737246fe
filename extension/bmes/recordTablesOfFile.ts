/**
 * The adapter from the object model of `model.ts` (`RecordList`s of records with span objects) to
 * `RecordTables`, for decoders that still produce those objects.
 */
import type { BmesFile, RecordList, StringField, U32Field } from './model';
import type { ListName } from './model';
import type { RecordTables } from './recordTables';
import { RecordTablesBuilder } from './recordTablesBuilder';

type Lists = Pick<BmesFile, ListName>;

const str = (f: StringField) => ({ value: f.value, offset: f.offset, length: f.length, validUtf8: f.validUtf8 });
const u32 = (f: U32Field) => ({ value: f.value, offset: f.offset, length: f.length });

export function recordTablesOf(file: Lists): RecordTables {
  const b = new RecordTablesBuilder();
  const info = (name: ListName, list: RecordList<unknown> | null) => {
    if (list) b.list(name, { count: u32(list.count), offset: list.offset, length: list.length, complete: list.complete, omitted: list.omitted });
  };
  info('requestedModules', file.requestedModules);
  info('importEntries', file.importEntries);
  info('exportEntries', file.exportEntries);
  info('starExports', file.starExports);
  info('declaredVariables', file.declaredVariables);
  info('lexicalVariables', file.lexicalVariables);
  for (const r of file.requestedModules?.entries ?? []) {
    b.addRequestedModule({
      offset: r.offset,
      length: r.length,
      specifier: str(r.specifier),
      hasAttributes: u32(r.hasAttributes),
      attributeCount: r.attributeCount ? u32(r.attributeCount) : null,
      attributes: r.attributes.map((a) => ({ offset: a.offset, length: a.length, key: str(a.key), value: str(a.value) })),
    });
  }
  for (const e of file.importEntries?.entries ?? []) {
    b.addImport({
      offset: e.offset,
      length: e.length,
      type: u32(e.type),
      moduleRequest: str(e.moduleRequest),
      importName: str(e.importName),
      localName: str(e.localName),
    });
  }
  for (const e of file.exportEntries?.entries ?? []) {
    b.addExport({
      offset: e.offset,
      length: e.length,
      type: u32(e.type),
      exportName: str(e.exportName),
      moduleName: str(e.moduleName),
      importName: str(e.importName),
      localName: str(e.localName),
    });
  }
  for (const s of file.starExports?.entries ?? []) b.addStarExport({ offset: s.offset, length: s.length, moduleName: str(s.moduleName) });
  for (const v of file.declaredVariables?.entries ?? []) b.addDeclaredVariable({ offset: v.offset, length: v.length, name: str(v.name), bits: u32(v.bits) });
  for (const v of file.lexicalVariables?.entries ?? []) b.addLexicalVariable({ offset: v.offset, length: v.length, name: str(v.name), bits: u32(v.bits) });
  return b.build();
}
