import { EXPORT_TYPES, IMPORT_TYPES, type BmesRecordInput } from '../bmes';

/** Keys of `bmes dump --json` that describe the file rather than the record: accepted and ignored. */
const DUMP_ONLY_KEYS = ['size', 'header', 'bytecode', 'jsc', 'diagnostics'];
const RECORD_KEYS = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables', 'codeFeatures'];

/**
 * Reads a module record from JSON in the shape `bmes dump --json` prints (types as names or numbers), so a
 * dump can be edited and encoded again. Every key of the shape must be there and no other (a misspelt key would
 * otherwise be dropped without a word); `flags` beside `bits` are derived and ignored. A list is `null` when the
 * dump never reached it (and for versions 1 and 2, the variables and code features): it encodes as empty.
 * Throws with the JSON path of the first bad value.
 */
export function recordFromJson(json: unknown): BmesRecordInput {
  const root = object(json, '$', RECORD_KEYS, DUMP_ONLY_KEYS);
  const list = (key: string) => {
    const value = root[key];
    if (value === null) return [];
    return array(value, `$.${key}`);
  };
  return {
    requestedModules: list('requestedModules').map((r, i) => {
      const path = `$.requestedModules[${i}]`;
      const o = object(r, path, ['specifier', 'attributes']);
      const attrs = o['attributes'];
      return {
        specifier: str(o['specifier'], `${path}.specifier`),
        attributes:
          attrs === null
            ? null
            : array(attrs, `${path}.attributes`).map((a, j) => {
                const p = object(a, `${path}.attributes[${j}]`, ['key', 'value']);
                return { key: str(p['key'], `${path}.attributes[${j}].key`), value: str(p['value'], `${path}.attributes[${j}].value`) };
              }),
      };
    }),
    importEntries: list('importEntries').map((e, i) => {
      const path = `$.importEntries[${i}]`;
      const o = object(e, path, ['type', 'moduleRequest', 'importName', 'localName']);
      return {
        type: typeNumber(o['type'], IMPORT_TYPES, `${path}.type`),
        moduleRequest: str(o['moduleRequest'], `${path}.moduleRequest`),
        importName: str(o['importName'], `${path}.importName`),
        localName: str(o['localName'], `${path}.localName`),
      };
    }),
    exportEntries: list('exportEntries').map((e, i) => {
      const path = `$.exportEntries[${i}]`;
      const o = object(e, path, ['type', 'exportName', 'moduleName', 'importName', 'localName']);
      return {
        type: typeNumber(o['type'], EXPORT_TYPES, `${path}.type`),
        exportName: str(o['exportName'], `${path}.exportName`),
        moduleName: str(o['moduleName'], `${path}.moduleName`),
        importName: str(o['importName'], `${path}.importName`),
        localName: str(o['localName'], `${path}.localName`),
      };
    }),
    starExports: list('starExports').map((s, i) => str(s, `$.starExports[${i}]`)),
    declaredVariables: list('declaredVariables').map((v, i) => variable(v, `$.declaredVariables[${i}]`)),
    lexicalVariables: list('lexicalVariables').map((v, i) => variable(v, `$.lexicalVariables[${i}]`)),
    codeFeatures: root['codeFeatures'] === null ? 0 : u32(object(root['codeFeatures'], '$.codeFeatures', ['bits'], ['flags'])['bits'], '$.codeFeatures.bits'),
  };
}

function variable(v: unknown, path: string) {
  const o = object(v, path, ['name', 'bits'], ['flags']);
  return { name: str(o['name'], `${path}.name`), bits: u32(o['bits'], `${path}.bits`) };
}

/** An object with exactly the `required` keys, and any of the `optional` ones. */
function object(v: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${path}: expected an object`);
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!required.includes(key) && !optional.includes(key)) throw new Error(`${path}.${key}: unknown key (expected ${required.join(', ')})`);
  }
  for (const key of required) if (!(key in o)) throw new Error(`${path}.${key}: missing`);
  return o;
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
