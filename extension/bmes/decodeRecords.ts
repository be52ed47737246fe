import type { MetadataReader } from './metadataReader';
import type {
  AttributePair,
  ExportEntry,
  ImportEntry,
  RecordList,
  RequestedModule,
  StarExport,
  VariableEntry,
} from './model';

/** Smallest possible size of each record: its fixed u32s plus a 4-byte length per string. */
export const MIN_RECORD_SIZE = {
  requestedModule: 8,
  attribute: 8,
  importEntry: 16,
  exportEntry: 20,
  starExport: 4,
  variable: 8,
} as const;

export function readRequestedModules(r: MetadataReader): RecordList<RequestedModule> | null {
  return r.list('requested modules', MIN_RECORD_SIZE.requestedModule, (index, start) => {
    const specifier = r.string(`the specifier of requested module #${index}`);
    if (!specifier) return null;
    const hasAttributes = r.recordU32(`the hasAttributes field of requested module #${index}`, start);
    if (!hasAttributes) return null;
    let attributeCount = null;
    let attributes: readonly AttributePair[] = [];
    if (hasAttributes.value !== 0) {
      attributeCount = r.recordU32(`the attribute count of requested module #${index}`, start);
      if (!attributeCount) return null;
      r.checkCount(attributeCount, `requested module #${index} attribute`, MIN_RECORD_SIZE.attribute);
      const pairs = readAttributePairs(r, index, attributeCount.value);
      if (!pairs) return null;
      attributes = pairs;
    }
    return { index, offset: start, length: r.pos - start, specifier, hasAttributes, attributeCount, attributes };
  });
}

function readAttributePairs(r: MetadataReader, moduleIndex: number, count: number): AttributePair[] | null {
  const pairs: AttributePair[] = [];
  // Each pair consumes at least 8 bytes or fails, so a huge count ends at the end of the file.
  for (let i = 0; i < count; i++) {
    const start = r.pos;
    const key = r.string(`the key of attribute #${i} of requested module #${moduleIndex}`);
    if (!key) return null;
    const value = r.string(`the value of attribute #${i} of requested module #${moduleIndex}`);
    if (!value) return null;
    if (r.keep(start)) pairs.push({ offset: start, length: r.pos - start, key, value });
  }
  return pairs;
}

export function readImportEntries(r: MetadataReader): RecordList<ImportEntry> | null {
  return r.list('import entries', MIN_RECORD_SIZE.importEntry, (index, start) => {
    const type = r.recordU32(`the type of import entry #${index}`, start, 12);
    if (!type) return null;
    const moduleRequest = r.string(`the moduleRequest of import entry #${index}`);
    if (!moduleRequest) return null;
    const importName = r.string(`the importName of import entry #${index}`);
    if (!importName) return null;
    const localName = r.string(`the localName of import entry #${index}`);
    if (!localName) return null;
    return { index, offset: start, length: r.pos - start, type, moduleRequest, importName, localName };
  });
}

export function readExportEntries(r: MetadataReader): RecordList<ExportEntry> | null {
  return r.list('export entries', MIN_RECORD_SIZE.exportEntry, (index, start) => {
    const type = r.recordU32(`the type of export entry #${index}`, start, 16);
    if (!type) return null;
    const exportName = r.string(`the exportName of export entry #${index}`);
    if (!exportName) return null;
    const moduleName = r.string(`the moduleName of export entry #${index}`);
    if (!moduleName) return null;
    const importName = r.string(`the importName of export entry #${index}`);
    if (!importName) return null;
    const localName = r.string(`the localName of export entry #${index}`);
    if (!localName) return null;
    return { index, offset: start, length: r.pos - start, type, exportName, moduleName, importName, localName };
  });
}

export function readStarExports(r: MetadataReader): RecordList<StarExport> | null {
  return r.list('star exports', MIN_RECORD_SIZE.starExport, (index, start) => {
    const moduleName = r.string(`the moduleName of star export #${index}`);
    if (!moduleName) return null;
    return { index, offset: start, length: r.pos - start, moduleName };
  });
}

export function readVariables(r: MetadataReader, label: string, noun: string): RecordList<VariableEntry> | null {
  return r.list(label, MIN_RECORD_SIZE.variable, (index, start) => {
    const name = r.string(`the name of ${noun} #${index}`);
    if (!name) return null;
    const bits = r.recordU32(`the bits of ${noun} #${index}`, start);
    if (!bits) return null;
    return { index, offset: start, length: r.pos - start, name, bits };
  });
}
