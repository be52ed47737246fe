import { EXPORT_TYPES, IMPORT_TYPES, type BmesRecordInput } from '../bmes';

/**
 * Reads a module record from JSON in the shape `bmes dump --json` prints (types as names or numbers), so a
 * dump can be edited and encoded again. Throws with the path of the first bad value.
 */
export function recordFromJson(json: unknown): BmesRecordInput {
  const root = object(json, '$');
  const list = (key: string) => {
    const value = root[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new Error(`$.${key}: expected an array`);
    return value as unknown[];
  };
  return {
    requestedModules: list('requestedModules').map((r, i) => {
      const o = object(r, `$.requestedModules[${i}]`);
      const attrs = o['attributes'];
      return {
        specifier: str(o['specifier'], `$.requestedModules[${i}].specifier`),
        attributes:
          attrs === null || attrs === undefined
            ? null
            : array(attrs, `$.requestedModules[${i}].attributes`).map((a, j) => {
                const p = object(a, `$.requestedModules[${i}].attributes[${j}]`);
                return { key: str(p['key'], 'key'), value: str(p['value'], 'value') };
              }),
      };
    }),
    importEntries: list('importEntries').map((e, i) => {
      const o = object(e, `$.importEntries[${i}]`);
      return {
        type: typeNumber(o['type'], IMPORT_TYPES, `$.importEntries[${i}].type`),
        moduleRequest: str(o['moduleRequest'] ?? '', `$.importEntries[${i}].moduleRequest`),
        importName: str(o['importName'] ?? '', `$.importEntries[${i}].importName`),
        localName: str(o['localName'] ?? '', `$.importEntries[${i}].localName`),
      };
    }),
    exportEntries: list('exportEntries').map((e, i) => {
      const o = object(e, `$.exportEntries[${i}]`);
      return {
        type: typeNumber(o['type'], EXPORT_TYPES, `$.exportEntries[${i}].type`),
        exportName: str(o['exportName'] ?? '', `$.exportEntries[${i}].exportName`),
        moduleName: str(o['moduleName'] ?? '', `$.exportEntries[${i}].moduleName`),
        importName: str(o['importName'] ?? '', `$.exportEntries[${i}].importName`),
        localName: str(o['localName'] ?? '', `$.exportEntries[${i}].localName`),
      };
    }),
    starExports: list('starExports').map((s, i) => str(s, `$.starExports[${i}]`)),
    declaredVariables: list('declaredVariables').map((v, i) => variable(v, `$.declaredVariables[${i}]`)),
    lexicalVariables: list('lexicalVariables').map((v, i) => variable(v, `$.lexicalVariables[${i}]`)),
    codeFeatures: root['codeFeatures'] == null ? 0 : u32(object(root['codeFeatures'], '$.codeFeatures')['bits'], '$.codeFeatures.bits'),
  };
}

function variable(v: unknown, path: string) {
  const o = object(v, path);
  return { name: str(o['name'], `${path}.name`), bits: u32(o['bits'], `${path}.bits`) };
}

function object(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${path}: expected an object`);
  return v as Record<string, unknown>;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new Error(`${path}: expected an array`);
  return v;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new Error(`${path}: expected a string`);
  return v;
}

function u32(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`${path}: expected an integer 0..0xffffffff`);
  return v;
}

function typeNumber(v: unknown, names: readonly string[], path: string): number {
  if (typeof v === 'string') {
    const index = names.indexOf(v);
    if (index < 0) throw new Error(`${path}: expected one of ${names.join(', ')} or a number`);
    return index;
  }
  return u32(v, path);
}
