/**
 * Checks the prelinked graph against itself: what the bundler resolved at build time must agree with the records
 * it resolved against. JavaScriptCore uses the pre-resolved bindings as they are (it cross-checks them only under
 * `BUN_JSC_validatePrelinkedModuleInfo`, which crashes on a mismatch, spec §5.3), so a wrong one binds an import to
 * the wrong variable with no error.
 */
import { hex, plural, type RecordDiagnostics } from './diagnostics';
import type { RequestPart } from './parts';
import type { PlmgModule, PlmgResolution } from './prelinkedGraph';

const TRUSTED_BINDING = 'JavaScriptCore uses the pre-resolved binding as it is (only `BUN_JSC_validatePrelinkedModuleInfo` cross-checks it, and crashes on a mismatch)';

/** Per graph module: its exports by name and its requests by specifier, so each lookup is constant time. */
interface Index {
  readonly exportByName: ReadonlyMap<string, number>;
  readonly requestBySpecifier: ReadonlyMap<string, RequestPart>;
}

export function checkPrelinkedGraph(modules: readonly PlmgModule[], sink: RecordDiagnostics): void {
  const index: Index[] = modules.map((m) => {
    const exportByName = new Map<string, number>();
    (m.parts.exports?.entries ?? []).forEach((e, i) => {
      if (!exportByName.has(e.exportName.value)) exportByName.set(e.exportName.value, i);
    });
    const requestBySpecifier = new Map<string, RequestPart>();
    for (const r of m.parts.requests?.entries ?? []) if (!requestBySpecifier.has(r.specifier.value)) requestBySpecifier.set(r.specifier.value, r);
    return { exportByName, requestBySpecifier };
  });
  for (const m of modules) {
    checkRequests(m, modules, sink);
    checkFlags(m, sink);
    checkResolutions(m, modules, index, sink);
  }
}

/** A request resolved to a graph module must name that module's key. */
function checkRequests(m: PlmgModule, modules: readonly PlmgModule[], sink: RecordDiagnostics): void {
  for (const r of m.parts.requests?.entries ?? []) {
    if (r.moduleIndex === null) continue;
    const target = modules[r.moduleIndex];
    if (!target || !r.specifier.resolved || !target.key.resolved || target.key.value === r.specifier.value) continue;
    sink.add(
      'plmg-request-target-mismatch',
      { offset: r.offset + 4, length: 4 },
      `Request ${r.index} of graph module ${m.index} ("${r.specifier.value}") is resolved to graph module ${r.moduleIndex}, whose key is "${target.key.value}". ${TRUSTED_BINDING}: this module is linked to "${target.key.value}" instead of "${r.specifier.value}".`,
    );
  }
}

function checkFlags(m: PlmgModule, sink: RecordDiagnostics): void {
  const stars = m.parts.starExports?.entries.length ?? 0;
  if (m.parts.starExports && m.hasStarExports !== stars > 0) {
    sink.add(
      'plmg-flags-mismatch',
      m.flags.field,
      `Graph module ${m.index} has flag HasStarExports ${m.hasStarExports ? 'set' : 'clear'} but ${plural(stars, 'star export')}: Bun sets it exactly when there are star exports (flags ${hex(m.flags.field.value, 2)}). Name lookups through \`export *\` may be skipped or done needlessly (inferred).`,
    );
  }
  const requests = m.parts.requests?.entries ?? [];
  const outside = requests.filter((r) => r.moduleIndex === null);
  if (m.parts.requests && m.allRequestsInGraph && outside.length > 0) {
    sink.add(
      'plmg-flags-mismatch',
      m.flags.field,
      `Graph module ${m.index} has flag AllRequestsInGraph set, but ${plural(outside.length, 'request')} ("${outside[0]!.specifier.value}"…) ${outside.length === 1 ? 'is' : 'are'} outside the graph: Bun sets it only when every request resolves to a graph module. The runtime may skip loading those modules (inferred: their bindings are never linked).`,
    );
  }
}

function sameResolution(a: PlmgResolution, b: PlmgResolution): boolean {
  return a.kind === b.kind && a.module.value === b.module.value && (a.kind !== 'binding' || a.local.id === b.local.id);
}

function describe(r: PlmgResolution, modules: readonly PlmgModule[]): string {
  const module = modules[r.module.value];
  const where = module ? `graph module ${r.module.value} ("${module.key.value}")` : `graph module ${r.module.value}`;
  if (r.kind === 'binding') return `the local \`${r.local.value}\` of ${where}`;
  if (r.kind === 'namespace') return `the namespace of ${where}`;
  return String(r.kind);
}

function checkResolutions(m: PlmgModule, modules: readonly PlmgModule[], index: readonly Index[], sink: RecordDiagnostics): void {
  const requests = index[m.index]!.requestBySpecifier;
  const exports = m.parts.exports?.entries ?? [];
  exports.forEach((e, i) => {
    const resolution = m.exportResolutions[i];
    if (!resolution) return;
    if (e.kind === 'local') {
      if (resolution.kind === 'binding' && resolution.module.value === m.index && resolution.local.id === e.localName?.id) return;
      sink.add(
        'plmg-resolution-mismatch',
        resolution.module,
        `The local export \`${e.exportName.value}\` of graph module ${m.index} is resolved to ${describe(resolution, modules)}: expected its own local \`${e.localName?.value ?? ''}\` (binding in module ${m.index}). ${TRUSTED_BINDING}: importers of \`${e.exportName.value}\` read that other variable.`,
      );
      return;
    }
    if (e.kind === 'indirect' && e.module && e.importName) {
      const request = requests.get(e.module.value);
      checkAgainstTarget(m, modules, index, sink, `the re-export \`${e.exportName.value}\``, request?.moduleIndex ?? null, e.importName.value, resolution);
    }
  });
  (m.parts.imports?.entries ?? []).forEach((imp, i) => {
    const resolution = m.importResolutions[i];
    if (!resolution || imp.kind === 'namespace' || imp.kind === 'namespaceDefer') return;
    const request = requests.get(imp.module.value);
    checkAgainstTarget(
      m,
      modules,
      index,
      sink,
      `the import \`${imp.localName.value}\` (\`${imp.importName.value}\` of "${imp.module.value}")`,
      request?.moduleIndex ?? null,
      imp.importName.value,
      resolution,
    );
  });
}

/** An import or re-export of `name` from graph module `target` must resolve as `target`'s own export of it does. */
function checkAgainstTarget(
  m: PlmgModule,
  modules: readonly PlmgModule[],
  index: readonly Index[],
  sink: RecordDiagnostics,
  what: string,
  target: number | null,
  name: string,
  resolution: PlmgResolution,
): void {
  const module = target === null ? undefined : modules[target];
  if (!module) return;
  const at = index[module.index]!.exportByName.get(name) ?? -1;
  const expected = at >= 0 ? module.exportResolutions[at] : undefined;
  if (expected && (expected.kind === 'binding' || expected.kind === 'namespace')) {
    if (sameResolution(resolution, expected)) return;
    sink.add(
      'plmg-resolution-mismatch',
      resolution.module,
      `In graph module ${m.index}, ${what} is resolved to ${describe(resolution, modules)}, but graph module ${target} exports \`${name}\` as ${describe(expected, modules)}. ${TRUSTED_BINDING}: the binding reads the wrong variable at run time, silently.`,
    );
    return;
  }
  if (at < 0 && !module.hasStarExports && resolution.kind === 'binding') {
    sink.add(
      'plmg-resolution-mismatch',
      resolution.module,
      `In graph module ${m.index}, ${what} is resolved to ${describe(resolution, modules)}, but graph module ${target} ("${module.key.value}") does not export \`${name}\` and has no star exports: the import should not resolve (NotFound). ${TRUSTED_BINDING}: the module links where the source would fail with a SyntaxError.`,
    );
  }
}
