import { DiagnosticSink, hex, metadataConsequence, harmlessConsequence, type LoaderFate } from './diagnostics';
import {
  CODE_FEATURES_KNOWN,
  EXPORT_FIELDS_USED,
  EXPORT_STRING_FIELDS,
  EXPORT_TYPES,
  VARIABLE_BITS_DROPPED_BY_BUN,
  VARIABLE_BITS_UNKNOWN,
  exportTypeName,
} from './flags';
import type { BmesFile, StringField } from './model';

type Records = Pick<
  BmesFile,
  'requestedModules' | 'importEntries' | 'exportEntries' | 'starExports' | 'declaredVariables' | 'lexicalVariables' | 'codeFeatures'
>;

/** Checks the values of whatever records were read, and how they refer to each other. */
export function checkRecords(records: Records, fate: LoaderFate, sink: DiagnosticSink): void {
  const effect = (v3Effect: string) => (fate === 'v3' ? v3Effect : metadataConsequence(fate));
  checkValues(records, fate, sink, effect);
  checkReferences(records, sink, effect);
}

function checkValues(records: Records, fate: LoaderFate, sink: DiagnosticSink, effect: (v3: string) => string): void {
  for (const request of records.requestedModules?.entries ?? []) {
    if (request.hasAttributes.value !== 0 && request.attributeCount?.value === 0) {
      sink.add(
        'attributes-lost',
        { offset: request.hasAttributes.offset, length: 8 },
        `Requested module #${request.index} ("${request.specifier.value}") had import attributes (e.g. \`with { type: "json" }\`), but Bun's writer stores only that fact, with a count of 0: the attribute values are lost. ${effect('Bun loads the module without its attributes, so a JSON or other typed import is treated as JavaScript.')}`,
      );
    }
  }
  for (const entry of records.importEntries?.entries ?? []) {
    if (entry.type.value > 2) {
      sink.add(
        'unknown-import-type',
        entry.type,
        `Import entry #${entry.index} has type ${entry.type.value}: expected 0 (single), 1 (single, TypeScript) or 2 (namespace). ${effect("Bun's reader treats it as a namespace import without complaint, so the binding is wrong.")}`,
      );
    }
  }
  for (const entry of records.exportEntries?.entries ?? []) {
    const type = exportTypeName(entry.type.value);
    if (typeof type === 'number') {
      sink.add(
        'unknown-export-type',
        entry.type,
        `Export entry #${entry.index} has type ${entry.type.value}: expected 0 (local), 1 (indirect) or 2 (namespace). ${effect("Bun's reader treats it as a namespace re-export without complaint, so the export is wrong.")}`,
      );
      continue;
    }
    const used = EXPORT_FIELDS_USED[type];
    for (const field of EXPORT_STRING_FIELDS) {
      const value = entry[field];
      if (used.includes(field) || value.byteLength === 0) continue;
      sink.add(
        'unused-field-set',
        value,
        `Export entry #${entry.index} is ${article(type)} ${type} export, which does not use ${field}, but it holds "${value.value}": expected it empty (a ${type} export uses ${used.join(', ')}). ${harmlessConsequence(fate)}`,
      );
    }
  }
  for (const list of [records.declaredVariables, records.lexicalVariables]) {
    for (const variable of list?.entries ?? []) {
      const bits = variable.bits.value;
      if ((bits & VARIABLE_BITS_UNKNOWN) !== 0) {
        sink.add(
          'unknown-variable-bits',
          variable.bits,
          `Variable "${variable.name.value}" has bits ${hex(bits, 8)}: expected only bits 0–15 (a 16-bit set), found bits 16–31 set (${hex((bits & VARIABLE_BITS_UNKNOWN) >>> 0, 8)}), which no real JavaScriptCore sets. ${effect("Bun's reader drops them.")}`,
        );
      }
      if ((bits & VARIABLE_BITS_DROPPED_BY_BUN) !== 0) {
        sink.add(
          'unknown-variable-bits',
          variable.bits,
          `Variable "${variable.name.value}" has bit 14 (function declaration) or 15 (\`using\`) set (${hex(bits, 8)}): known to newer JavaScriptCore, but ${effect("Bun's v3 reader drops them, so the reconstructed environment lacks them.")}`,
          'info',
        );
      }
    }
  }
  const features = records.codeFeatures;
  if (features && (features.value & ~CODE_FEATURES_KNOWN) !== 0) {
    sink.add(
      'unknown-code-features',
      features,
      `The code-feature bits are ${hex(features.value, 8)}: expected only bits 0–13 (mask 0x3fff), found ${hex((features.value & ~CODE_FEATURES_KNOWN) >>> 0, 8)} beyond them. ${effect("Bun's reader passes them to JavaScriptCore, which has no meaning for them.")}`,
    );
  }
}

function checkReferences(records: Records, sink: DiagnosticSink, effect: (v3: string) => string): void {
  const requests = records.requestedModules;
  if (requests?.complete) {
    const requested = new Set(requests.entries.map((r) => r.specifier.value));
    const dangling = (what: string, field: StringField) => {
      if (requested.has(field.value)) return;
      sink.add(
        'dangling-module-request',
        field,
        `${what} names the module "${field.value}", which is not among the ${requests.entries.length} requested modules: expected every module an import or export names to be requested. ${effect('JavaScriptCore never fetches an unrequested module, so linking this module fails or resolves the name wrongly.')}`,
      );
    };
    for (const entry of records.importEntries?.entries ?? []) dangling(`Import entry #${entry.index}`, entry.moduleRequest);
    for (const entry of records.exportEntries?.entries ?? []) {
      const type = exportTypeName(entry.type.value);
      if (type === 'indirect' || type === 'namespace') dangling(`Export entry #${entry.index} (${type})`, entry.moduleName);
    }
    for (const entry of records.starExports?.entries ?? []) dangling(`Star export #${entry.index}`, entry.moduleName);
  }

  const firstByName = new Map<string, number>();
  for (const entry of records.exportEntries?.entries ?? []) {
    const name = entry.exportName.value;
    const first = firstByName.get(name);
    if (first === undefined) {
      firstByName.set(name, entry.index);
      continue;
    }
    sink.add(
      'duplicate-export',
      entry.exportName,
      `Export entry #${entry.index} exports "${name}", already exported by entry #${first}: expected each export name once. ${effect('JavaScriptCore keeps only one entry per name, so one of these exports is lost.')}`,
    );
  }

  const declared = records.declaredVariables;
  const lexical = records.lexicalVariables;
  if (declared?.complete && lexical?.complete) {
    const names = new Set<string>();
    for (const v of declared.entries) names.add(v.name.value);
    for (const v of lexical.entries) names.add(v.name.value);
    for (const entry of records.exportEntries?.entries ?? []) {
      if (entry.type.value !== EXPORT_TYPES.indexOf('local') || names.has(entry.localName.value)) continue;
      sink.add(
        'undeclared-local',
        entry.localName,
        `Local export #${entry.index} ("${entry.exportName.value}") names the local "${entry.localName.value}", which is in neither the declared (var) nor the lexical (let/const) environment: expected every exported local to be declared (JavaScriptCore declares even *default*). ${effect('Bun builds the module environment from the file without this binding, so a module that imports it fails to link.')}`,
      );
    }
  }
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
