import { DiagnosticSink, hex, metadataConsequence, harmlessConsequence, type LoaderFate } from './diagnostics';
import { CODE_FEATURES_KNOWN, EXPORT_FIELDS_USED, EXPORT_STRING_FIELDS, EXPORT_TYPES, VARIABLE_BITS_DROPPED_BY_BUN, VARIABLE_BITS_UNKNOWN, type ExportTypeName } from './flags';
import type { U32Field } from './model';
import { cellSpan, columnOf, type RecordColumn, type RecordTables } from './recordTables';

/**
 * Checks the values of whatever records were read, and how they refer to each other, over the columns. Equal
 * valid strings share one id, so name lookups are array lookups by id; strings that are not valid UTF-8 have ids
 * of their own and are compared by value, as their text reads.
 */
export function checkRecords(tables: RecordTables, codeFeatures: U32Field | null, fate: LoaderFate, sink: DiagnosticSink): void {
  const effect = (v3Effect: string) => (fate === 'v3' ? v3Effect : metadataConsequence(fate));
  checkValues(tables, codeFeatures, fate, sink, effect);
  checkReferences(tables, sink, effect);
}

/** One cell's span, without making a derived column's arrays (a diagnostic on one row costs one row). */
const span = cellSpan;

function checkValues(tables: RecordTables, features: U32Field | null, fate: LoaderFate, sink: DiagnosticSink, effect: (v3: string) => string): void {
  const strings = tables.strings;
  const text = (id: number) => strings.text(id);
  const requests = tables.requestedModules;
  if (requests) {
    const specifiers = columnOf(requests, 'specifier');
    const has = columnOf(requests, 'hasAttributes');
    const count = columnOf(requests, 'attributeCount');
    for (let row = 0; row < requests.rowCount; row++) {
      if (has.values[row] === 0 || count.lengths[row] === 0 || count.values[row] !== 0 || sink.countedInSummary('attributes-lost')) continue;
      sink.addLazy(
        'attributes-lost',
        { offset: cellSpan(has, row).offset, length: 8 },
        () =>
          `Requested module #${row} ("${text(specifiers.values[row]!)}") had import attributes (e.g. \`with { type: "json" }\`), but Bun's writer stores only that fact, with a count of 0: the attribute values are lost. ${effect('Bun loads the module without its attributes, so a JSON or other typed import is treated as JavaScript.')}`,
      );
    }
  }
  const imports = tables.importEntries;
  if (imports) {
    const types = columnOf(imports, 'type');
    for (let row = 0; row < imports.rowCount; row++) {
      const type = types.values[row]!;
      if (type <= 2 || sink.countedInSummary('unknown-import-type')) continue;
      sink.addLazy(
        'unknown-import-type',
        span(types, row),
        () =>
          `Import entry #${row} has type ${type}: expected 0 (single), 1 (single, TypeScript) or 2 (namespace). ${effect("Bun's reader treats it as a namespace import without complaint, so the binding is wrong.")}`,
      );
    }
  }
  const exports = tables.exportEntries;
  if (exports) {
    const types = columnOf(exports, 'type');
    const fields = EXPORT_STRING_FIELDS.map((name) => [name, columnOf(exports, name)] as const);
    const empty = 0; // the id of "" (interned first)
    const exportTypes: readonly (ExportTypeName | undefined)[] = EXPORT_TYPES;
    // Per known type, a bit per string field it does not use.
    const unusedByType = EXPORT_TYPES.map((type) => EXPORT_STRING_FIELDS.reduce((mask, name, f) => (EXPORT_FIELDS_USED[type].includes(name) ? mask : mask | (1 << f)), 0));
    for (let row = 0; row < exports.rowCount; row++) {
      const value = types.values[row]!;
      const type = exportTypes[value];
      if (type === undefined) {
        if (sink.countedInSummary('unknown-export-type')) continue;
        sink.addLazy(
          'unknown-export-type',
          span(types, row),
          () =>
            `Export entry #${row} has type ${value}: expected 0 (local), 1 (indirect) or 2 (namespace). ${effect("Bun's reader treats it as a namespace re-export without complaint, so the export is wrong.")}`,
        );
        continue;
      }
      const unused = unusedByType[value]!;
      for (let f = 0; f < fields.length; f++) {
        const [name, column] = fields[f]!;
        const id = column.values[row]!;
        if (id === empty || (unused & (1 << f)) === 0 || sink.countedInSummary('unused-field-set')) continue;
        sink.addLazy(
          'unused-field-set',
          span(column, row),
          () =>
            `Export entry #${row} is ${article(type)} ${type} export, which does not use ${name}, but it holds "${text(id)}": expected it empty (a ${type} export uses ${EXPORT_FIELDS_USED[type].join(', ')}). ${harmlessConsequence(fate)}`,
        );
      }
    }
  }
  const unknownBits = VARIABLE_BITS_UNKNOWN;
  const droppedBits = VARIABLE_BITS_DROPPED_BY_BUN;
  for (const list of [tables.declaredVariables, tables.lexicalVariables]) {
    if (!list) continue;
    const names = columnOf(list, 'name');
    const bitsColumn = columnOf(list, 'bits');
    const bitsValues = bitsColumn.values;
    for (let row = 0; row < list.rowCount; row++) {
      const bits = bitsValues[row]!;
      if ((bits & (unknownBits | droppedBits)) === 0) continue;
      const name = () => text(names.values[row]!);
      if ((bits & VARIABLE_BITS_UNKNOWN) !== 0 && !sink.countedInSummary('unknown-variable-bits')) {
        sink.addLazy(
          'unknown-variable-bits',
          span(bitsColumn, row),
          () =>
            `Variable "${name()}" has bits ${hex(bits, 8)}: expected only bits 0–15 (a 16-bit set), found bits 16–31 set (${hex((bits & VARIABLE_BITS_UNKNOWN) >>> 0, 8)}), which no real JavaScriptCore sets. ${effect("Bun's reader drops them.")}`,
        );
      }
      if ((bits & VARIABLE_BITS_DROPPED_BY_BUN) !== 0 && !sink.countedInSummary('unknown-variable-bits')) {
        sink.addLazy(
          'unknown-variable-bits',
          span(bitsColumn, row),
          () =>
            `Variable "${name()}" has bit 14 (function declaration) or 15 (\`using\`) set (${hex(bits, 8)}): known to newer JavaScriptCore, but ${effect("Bun's v3 reader drops them, so the reconstructed environment lacks them.")}`,
          'info',
        );
      }
    }
  }
  if (features && (features.value & ~CODE_FEATURES_KNOWN) !== 0) {
    sink.addLazy(
      'unknown-code-features',
      features,
      () =>
        `The code-feature bits are ${hex(features.value, 8)}: expected only bits 0–13 (mask 0x3fff), found ${hex((features.value & ~CODE_FEATURES_KNOWN) >>> 0, 8)} beyond them. ${effect("Bun's reader passes them to JavaScriptCore, which has no meaning for them.")}`,
    );
  }
}

/**
 * A set of names by string id. Strings that are not valid UTF-8 have ids of their own, so when there are any,
 * names are also kept by text: a lookup then matches a name that reads the same, as comparing text would.
 */
class NameSet {
  private readonly ids: Uint8Array;
  private readonly texts: Set<string> | null;

  constructor(private readonly tables: RecordTables) {
    this.ids = new Uint8Array(tables.strings.count);
    this.texts = tables.strings.invalidUtf8.includes(1) ? new Set() : null;
  }

  add(id: number): void {
    this.ids[id] = 1;
    this.texts?.add(this.tables.strings.text(id));
  }

  has(id: number): boolean {
    return this.ids[id] === 1 || (this.texts !== null && this.texts.has(this.tables.strings.text(id)));
  }
}

/**
 * The dangling-module-request diagnostics. A hostile file can hold millions of records naming no requested
 * module: past the listed ones, only their number is kept (counted here, told to the sink once), and nothing is
 * made for them.
 */
class DanglingRequests {
  private unlisted = 0;
  private firstUnlisted = 0;

  constructor(
    private readonly requested: NameSet,
    private readonly requestCount: number,
    private readonly sink: DiagnosticSink,
    private readonly text: (id: number) => string,
    private readonly effect: (v3: string) => string,
  ) {}

  /** Checks the first `rows` cells of a column of module names; one loop, as a star-export list can be millions. */
  scan(column: RecordColumn, rows: number, what: (row: number) => string): void {
    const values = column.values;
    const requested = this.requested;
    let row = 0;
    // Each listed as long as the sink lists them, then only counted.
    for (; row < rows && this.unlisted === 0; row++) if (!requested.has(values[row]!)) this.report(what, column, row);
    let unlisted = 0;
    for (; row < rows; row++) if (!requested.has(values[row]!)) unlisted++;
    this.unlisted += unlisted;
  }

  /** Row `row` of `column` names a module that is not requested. */
  report(what: (row: number) => string, column: RecordColumn, row: number): void {
    if (this.unlisted > 0 || !this.sink.listing('dangling-module-request')) {
      if (this.unlisted++ === 0) this.firstUnlisted = cellSpan(column, row).offset;
      return;
    }
    const id = column.values[row]!;
    this.sink.add(
      'dangling-module-request',
      span(column, row),
      `${what(row)} names the module "${this.text(id)}", which is not among the ${this.requestCount} requested modules: expected every module an import or export names to be requested. ${this.effect('JavaScriptCore never fetches an unrequested module, so linking this module fails or resolves the name wrongly.')}`,
    );
  }

  finish(): void {
    this.sink.addUnlisted('dangling-module-request', this.firstUnlisted, this.unlisted);
  }
}

function checkReferences(tables: RecordTables, sink: DiagnosticSink, effect: (v3: string) => string): void {
  const strings = tables.strings;
  const text = (id: number) => strings.text(id);
  const requests = tables.requestedModules;
  if (requests?.complete) {
    const requested = new NameSet(tables);
    for (const id of columnOf(requests, 'specifier').values) requested.add(id);
    const dangling = new DanglingRequests(requested, requests.rowCount, sink, text, effect);
    const imports = tables.importEntries;
    if (imports) dangling.scan(columnOf(imports, 'moduleRequest'), imports.rowCount, (row) => `Import entry #${row}`);
    const exports = tables.exportEntries;
    if (exports) {
      const types = columnOf(exports, 'type').values;
      const modules = columnOf(exports, 'moduleName');
      for (let row = 0; row < exports.rowCount; row++) {
        const type = types[row] === 1 ? 'indirect' : types[row] === 2 ? 'namespace' : null;
        if (type && !requested.has(modules.values[row]!)) dangling.report((r) => `Export entry #${r} (${type})`, modules, row);
      }
    }
    const stars = tables.starExports;
    if (stars) dangling.scan(columnOf(stars, 'moduleName'), stars.rowCount, (row) => `Star export #${row}`);
    dangling.finish();
  }

  const exports = tables.exportEntries;
  if (exports) {
    const names = columnOf(exports, 'exportName');
    const firstById = new Int32Array(strings.count).fill(-1);
    // With invalid strings about, compare by text, as a map of decoded names would.
    const firstByText = tables.strings.invalidUtf8.includes(1) ? new Map<string, number>() : null;
    for (let row = 0; row < exports.rowCount; row++) {
      const id = names.values[row]!;
      let first: number;
      if (firstByText) {
        const known = firstByText.get(text(id));
        if (known === undefined) {
          firstByText.set(text(id), row);
          continue;
        }
        first = known;
      } else {
        first = firstById[id]!;
        if (first < 0) {
          firstById[id] = row;
          continue;
        }
      }
      if (sink.countedInSummary('duplicate-export')) continue;
      sink.addLazy(
        'duplicate-export',
        span(names, row),
        () =>
          `Export entry #${row} exports "${text(id)}", already exported by entry #${first}: expected each export name once. ${effect('JavaScriptCore keeps only one entry per name, so one of these exports is lost.')}`,
      );
    }
  }

  const declared = tables.declaredVariables;
  const lexical = tables.lexicalVariables;
  // No export, no undeclared local: the names of a million variables are not gathered for nothing.
  if (declared?.complete && lexical?.complete && exports && exports.rowCount > 0) {
    const names = new NameSet(tables);
    for (const id of columnOf(declared, 'name').values) names.add(id);
    for (const id of columnOf(lexical, 'name').values) names.add(id);
    const types = columnOf(exports, 'type').values;
    const locals = columnOf(exports, 'localName');
    const exported = columnOf(exports, 'exportName').values;
    for (let row = 0; row < exports.rowCount; row++) {
      if (types[row] !== 0 || names.has(locals.values[row]!) || sink.countedInSummary('undeclared-local')) continue;
      sink.addLazy(
        'undeclared-local',
        span(locals, row),
        () =>
          `Local export #${row} ("${text(exported[row]!)}") names the local "${text(locals.values[row]!)}", which is in neither the declared (var) nor the lexical (let/const) environment: expected every exported local to be declared (JavaScriptCore declares even *default*). ${effect('Bun builds the module environment from the file without this binding, so a module that imports it fails to link.')}`,
      );
    }
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
