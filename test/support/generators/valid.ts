/**
 * A test generator that writes a valid cache, as a real one would: `valid.ts <source> <output> [--version N]`.
 * The module record is read from the source's `import { a } from "m"` and `export const x` lines; the bytecode
 * is the real Bun 1.4.4 module payload (compact layout, cache version 0xf1f0ed26).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBmes, type BmesRecordInput } from '../../../extension/bmes';

const [source, output, flag, version] = process.argv.slice(2);
if (!source || !output) {
  process.stderr.write('usage: valid.ts <source> <output> [--version N]\n');
  process.exit(64);
}
const text = readFileSync(source, 'utf8');
const imports = [...text.matchAll(/import \{ (\w+) \} from "([^"]+)"/g)];
const exports = [...text.matchAll(/export const (\w+)/g)];
const record: BmesRecordInput = {
  requestedModules: [...new Set(imports.map((m) => m[2]!))].map((specifier) => ({ specifier, attributes: null })),
  importEntries: imports.map((m) => ({ type: 0, moduleRequest: m[2]!, importName: m[1]!, localName: m[1]! })),
  exportEntries: exports.map((m) => ({ type: 0, exportName: m[1]!, moduleName: '', importName: '', localName: m[1]! })),
  starExports: [],
  declaredVariables: [],
  lexicalVariables: [...imports.map((m) => ({ name: m[1]!, bits: 0x22 })), ...exports.map((m) => ({ name: m[1]!, bits: 0x12 }))],
  codeFeatures: 0x48,
};
const bytecode = readFileSync(join(__dirname, '../../fixtures/jsc/bun-1.4.4-esm/module.bytecode'));
const v = flag === '--version' ? (Number(version) as 1 | 2 | 3) : 3;
writeFileSync(output, encodeBmes(record, bytecode, { version: v }));
