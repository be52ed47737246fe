/**
 * The check the runtime never makes: a module's stored record (module_info or prelinked graph) against its own
 * `contents`, the text the runtime would otherwise parse. Bun trusts a record that reads well (spec §4, §5.3), so a
 * disagreement is a silent change of behaviour at run time; each diagnostic names the binding, points at both the
 * record's bytes and the place in `contents`, and says what Bun will do.
 */
import type { Span } from '../bmes/model';
import { RecordDiagnostics, type RecordDiagnostic, type SourcePosition } from './diagnostics';
import { escape } from './moduleInfo';
import type { ExportPart, ImportPart, ListPart, ModuleRecordParts, NameRef } from './parts';
import { sourceRecordOf, type SourceExport, type SourceImport, type SourceSpan } from './sourceRecord';

export interface ModuleContents {
  readonly text: string;
  /** Absolute file offset of the first byte of `contents`. */
  readonly offset: number;
  /** The executable's entry point: no other module imports it, so what it fails to re-export changes nothing. */
  readonly isEntry?: boolean;
}

const TRUSTED = 'Bun trusts this record and does not compare it with the source';

export function compareWithSource(parts: ModuleRecordParts, contents: ModuleContents, wholeRecord: Span): RecordDiagnostic[] {
  const sink = new RecordDiagnostics();
  const source = sourceRecordOf(contents.text);
  const locate = locator(contents);
  if (!source.ok) {
    sink.add(
      'record-source-unparsable',
      wholeRecord,
      `The module's \`contents\` does not parse as an ES module (meriyah: ${escape(source.message)}), so the record cannot be compared with it. JavaScriptCore may accept syntax meriyah does not; if it does not either, the module fails at start-up whatever the record says.`,
      locate({ start: source.position, end: source.position }),
    );
    return sink.items();
  }
  const { record } = source;
  const listSpan = (list: ListPart<unknown> | null): Span => (list ? { offset: list.offset, length: list.length } : wholeRecord);
  const q = (name: string) => `"${escape(name)}"`;
  const b = (name: string) => `\`${escape(name)}\``;
  const omitsStars = parts.store === 'module_info';

  // Requested modules.
  const recorded = new Map((parts.requests?.entries ?? []).map((r) => [r.specifier.value, r]));
  const inSource = new Set(record.requests.map((r) => r.specifier));
  for (const r of record.requests) {
    if (recorded.has(r.specifier) || !parts.requests) continue;
    // Bun 1.3.x's omission of `export * from` also drops the request: reported once, with the star export.
    if (omitsStars && r.onlyStarExports) continue;
    sink.add(
      'record-missing-request',
      listSpan(parts.requests),
      `\`contents\` imports from ${q(r.specifier)}, but the record does not request that module. ${TRUSTED}, so ${q(r.specifier)} is not loaded before this module runs and the bindings taken from it are never linked (inferred: a ReferenceError or a link error at start-up).`,
      locate(r),
    );
  }
  for (const [specifier, r] of recorded) {
    if (inSource.has(specifier)) continue;
    sink.add(
      'record-extra-request',
      r.specifier,
      `The record requests ${q(specifier)}, which \`contents\` never imports. ${TRUSTED}, so it loads and runs ${q(specifier)} before this module: an extra module evaluated, and a start-up error if it cannot be resolved.`,
    );
  }

  // Imports, by local binding.
  if (parts.imports) {
    const byLocal = new Map(parts.imports.entries.map((e) => [e.localName.value, e]));
    for (const s of record.imports) {
      const e = byLocal.get(s.localName);
      byLocal.delete(s.localName);
      if (!e) {
        sink.add(
          'record-missing-import',
          listSpan(parts.imports),
          `\`contents\` imports ${describeSourceImport(s)}, but the record has no import binding ${b(s.localName)}. ${TRUSTED}, so ${b(s.localName)} is never bound to ${q(s.module)} (inferred: a ReferenceError where the module uses it).`,
          locate(s),
        );
        continue;
      }
      const differs = importDifference(e, s);
      if (differs) {
        sink.add(
          'record-import-mismatch',
          differs.field,
          `The import binding ${b(s.localName)} disagrees with \`contents\`: the record has ${describeRecordImport(e)}, the source ${describeSourceImport(s)}. ${TRUSTED}, so ${b(s.localName)} is bound to the record's target: a wrong value, or a SyntaxError at link time if that module has no such export.`,
          locate(s),
        );
      }
    }
    for (const [local, e] of byLocal) {
      sink.add(
        'record-extra-import',
        e.localName,
        `The record imports ${describeRecordImport(e)}, but \`contents\` has no import binding ${b(local)}. ${TRUSTED}, so it links ${b(local)} anyway: an extra module dependency, and a SyntaxError at link time if ${q(e.module.value)} does not export ${b(e.importName.value)}.`,
      );
    }
  }

  // Exports, by exported name; an export missing on one side and an extra one with the same target is a rename.
  if (parts.exports) {
    const byName = new Map(parts.exports.entries.map((e) => [e.exportName.value, e]));
    const missing: SourceExport[] = [];
    for (const s of record.exports) {
      const e = byName.get(s.exportName);
      if (!e) {
        missing.push(s);
        continue;
      }
      byName.delete(s.exportName);
      const differs = exportDifference(e, s);
      if (differs) {
        sink.add(
          'record-export-mismatch',
          differs.field,
          `The export ${b(s.exportName)} disagrees with \`contents\`: the record has ${describeRecordExport(e)}, the source ${describeSourceExport(s)}. ${TRUSTED}, so importers of ${b(s.exportName)} get the record's binding: a wrong value, or a SyntaxError at link time if it does not resolve.`,
          locate(s),
        );
      }
    }
    // A rename: first the extra export with the same target, else (the name's string itself was changed, so the
    // local changed with it) the next extra export of the same kind. Indexed, so a hostile record stays linear.
    const extras = [...byName.values()];
    const taken = new Set<ExportPart>();
    const byTarget = new Map<string, ExportPart[]>();
    for (const e of extras) {
      const key = recordTargetKey(e);
      const list = byTarget.get(key);
      if (list) list.push(e);
      else byTarget.set(key, [e]);
    }
    const take = (e: ExportPart | undefined) => {
      if (!e) return undefined;
      taken.add(e);
      byName.delete(e.exportName.value);
      return e;
    };
    const pairs = missing.map((s) => ({ s, e: take(byTarget.get(sourceTargetKey(s))?.find((x) => !taken.has(x))) }));
    const cursor = new Map<string, number>();
    for (const pair of pairs) {
      if (pair.e) continue;
      let at = cursor.get(pair.s.kind) ?? 0;
      while (at < extras.length && (taken.has(extras[at]!) || extras[at]!.kind !== pair.s.kind)) at++;
      cursor.set(pair.s.kind, at);
      pair.e = take(extras[at]);
    }
    for (const { s, e: renamed } of pairs) {
      if (renamed) {
        const local =
          renamed.kind === 'local' && renamed.localName && renamed.localName.value !== s.localName
            ? ` (its local binding reads \`${escape(renamed.localName.value)}\` there, \`${escape(s.localName ?? '')}\` in the source)`
            : '';
        sink.add(
          'record-renamed-export',
          renamed.exportName,
          `\`contents\` exports ${b(s.exportName)}, but the record exports ${b(renamed.exportName.value)} in its place${local}. ${TRUSTED}: ${b(s.exportName)} is exported under another name, so \`import { ${escape(s.exportName)} }\` from this module fails to link (SyntaxError) and \`ns.${escape(s.exportName)}\` of a namespace or dynamic import is undefined (calling it is a TypeError at run time), while ${b(renamed.exportName.value)} appears from nowhere.`,
          locate(s),
        );
        continue;
      }
      sink.add(
        'record-missing-export',
        listSpan(parts.exports),
        `\`contents\` exports ${b(s.exportName)} (${describeSourceExport(s)}), but the record does not. ${TRUSTED}: \`import { ${escape(s.exportName)} }\` from this module fails to link (SyntaxError) and \`ns.${escape(s.exportName)}\` of a namespace or dynamic import is undefined (calling it is a TypeError at run time).`,
        locate(s),
      );
    }
    for (const [name, e] of byName) {
      sink.add(
        'record-extra-export',
        e.exportName,
        `The record exports ${b(name)} (${describeRecordExport(e)}), which \`contents\` does not export. ${TRUSTED}, so importers can link to ${b(name)}: they get whatever the record points at (inferred: undefined or a ReferenceError), not an error at link time.`,
      );
    }
  }

  // Star exports, by module.
  if (parts.starExports) {
    const stars = new Map(parts.starExports.entries.map((s) => [s.module.value, s]));
    for (const s of record.starExports) {
      if (stars.delete(s.module)) continue;
      if (omitsStars) {
        const consequence = contents.isEntry
          ? 'It is the entry point, which no other module imports, so nothing changes at run time.'
          : `A namespace or dynamic import of this module lacks them (seen on Bun 1.3.14: \`(await import(...)).dlopen\` is undefined in the executable, a function when run from source), and a static import of one of them from this module fails to link (inferred).`;
        sink.add(
          'record-omits-star-export',
          listSpan(parts.starExports),
          `\`contents\` has \`export * from ${q(s.module)}\`, but the module_info has no star export${recorded.has(s.module) ? '' : ' and no request'} for it: Bun 1.3.x's bundler leaves every \`export * from\` a module outside the bundle out of module_info (a known omission of the runtime, spec §4), and the runtime trusts the record, so this module does not re-export ${q(s.module)}'s names. ${consequence}`,
          locate(s),
          contents.isEntry ? 'info' : 'warning',
        );
        continue;
      }
      sink.add(
        'record-missing-star-export',
        listSpan(parts.starExports),
        `\`contents\` has \`export * from ${q(s.module)}\`, but the record has no such star export. ${TRUSTED}, so this module does not re-export ${q(s.module)}'s names: importing one of them from here fails to link (SyntaxError).`,
        locate(s),
      );
    }
    for (const [module, s] of stars) {
      sink.add(
        'record-extra-star-export',
        s.module,
        `The record re-exports everything of ${q(module)} (\`export *\`), which \`contents\` does not. ${TRUSTED}, so this module exposes ${q(module)}'s names to its importers, and a name both define becomes ambiguous (a SyntaxError at link time for whoever imports it).`,
      );
    }
  }
  return sink.items();
}

function describeSourceImport(s: SourceImport): string {
  if (s.kind === 'namespace') return `\`* as ${escape(s.localName)}\` from "${escape(s.module)}"`;
  return `\`{ ${escape(s.importName)}${s.importName === s.localName ? '' : ` as ${escape(s.localName)}`} }\` from "${escape(s.module)}"`;
}

function describeRecordImport(e: ImportPart): string {
  if (e.kind === 'namespace' || e.kind === 'namespaceDefer') return `\`* as ${escape(e.localName.value)}\` from "${escape(e.module.value)}"`;
  const local = e.localName.value === e.importName.value ? '' : ` as ${escape(e.localName.value)}`;
  return `\`{ ${escape(e.importName.value)}${local} }\` from "${escape(e.module.value)}"`;
}

function describeSourceExport(s: SourceExport): string {
  if (s.kind === 'local') return `the local \`${escape(s.localName ?? '')}\``;
  if (s.kind === 'namespace') return `the namespace of "${escape(s.module ?? '')}"`;
  return `\`${escape(s.importName ?? '')}\` of "${escape(s.module ?? '')}"`;
}

function describeRecordExport(e: ExportPart): string {
  if (e.kind === 'local') return `the local \`${escape(e.localName?.value ?? '')}\``;
  if (e.kind === 'namespace') return `the namespace of "${escape(e.module?.value ?? '')}"`;
  return `\`${escape(e.importName?.value ?? '')}\` of "${escape(e.module?.value ?? '')}"`;
}

/** The first field where the record's import differs from the source's, or null. */
function importDifference(e: ImportPart, s: SourceImport): { field: NameRef } | null {
  const namespace = e.kind === 'namespace' || e.kind === 'namespaceDefer';
  if (namespace !== (s.kind === 'namespace')) return { field: e.importName };
  if (e.module.value !== s.module) return { field: e.module };
  if (!namespace && e.importName.value !== s.importName) return { field: e.importName };
  return null;
}

function exportDifference(e: ExportPart, s: SourceExport): { field: NameRef } | null {
  if (e.kind !== s.kind) return { field: e.exportName };
  if (e.kind === 'local' && e.localName && e.localName.value !== s.localName) return { field: e.localName };
  if (e.module && e.module.value !== s.module) return { field: e.module };
  if (e.kind === 'indirect' && e.importName && e.importName.value !== s.importName) return { field: e.importName };
  return null;
}

/** What an export points at, as one string: equal keys mean the same binding under possibly different names. */
function targetKey(kind: string, local: string | null, module: string | null, importName: string | null): string {
  return JSON.stringify(kind === 'local' ? [kind, local] : kind === 'namespace' ? [kind, module] : [kind, module, importName]);
}

function recordTargetKey(e: ExportPart): string {
  return targetKey(e.kind, e.localName?.value ?? null, e.module?.value ?? null, e.importName?.value ?? null);
}

function sourceTargetKey(s: SourceExport): string {
  return targetKey(s.kind, s.localName, s.module, s.importName);
}

/** Turns UTF-16 offsets of the text into byte offsets, lines and columns; O(text) once, then bounded per lookup. */
function locator(contents: ModuleContents): (span: SourceSpan) => SourcePosition {
  const text = contents.text;
  const STEP = 1024;
  /** UTF-8 bytes of the unit at i: a surrogate pair is 4 (2 per half), a lone surrogate U+FFFD (3). */
  const unitBytes = (i: number): number => {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) return 1;
    if (unit < 0x800) return 2;
    if ((unit & 0xfc00) === 0xd800) return (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 3;
    if ((unit & 0xfc00) === 0xdc00) return i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800 ? 2 : 3;
    return 3;
  };
  const lineStarts = [0];
  /** UTF-8 byte offset of every STEP-th character, so a lookup counts at most STEP characters. */
  const checkpoints = [0];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
    bytes += unitBytes(i);
    if ((i + 1) % STEP === 0) checkpoints.push(bytes);
  }
  const bytesBefore = (index: number) => {
    const k = Math.min(Math.floor(index / STEP), checkpoints.length - 1);
    let total = checkpoints[k]!;
    for (let i = k * STEP; i < index; i++) total += unitBytes(i);
    return total;
  };
  return (span) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= span.start) lo = mid;
      else hi = mid - 1;
    }
    const offset = bytesBefore(span.start);
    const length = bytesBefore(span.end) - offset;
    return { offset, length, fileOffset: contents.offset + offset, line: lo + 1, column: span.start - lineStarts[lo]! };
  };
}
