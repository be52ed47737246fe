import { bunReleaseName } from '../bmes/jscVersions';
import type { Diagnostic } from '../bmes/model';
import { JS_LOADERS } from './graphFields';
import type { ExecutableFile, GraphModule } from './model';
import type { ModuleDetails } from './moduleDetails';

/** Where a module's record comes from at run time. */
export type RecordKind = 'module_info' | 'prelinked graph' | 'none';

export interface ModuleSummary {
  readonly index: number;
  readonly name: string;
  readonly entry: boolean;
  readonly format: string;
  readonly loader: string;
  readonly sourceSize: number;
  readonly bytecodeSize: number;
  /** Bytecode bytes per source byte; null without either. */
  readonly ratio: number | null;
  readonly record: RecordKind;
  readonly recordSize: number;
  readonly cacheVersion: number | null;
  readonly bun: string | null;
  /** JavaScript that `--bytecode` compiles, with none: parsed and compiled at every start. */
  readonly missingBytecode: boolean;
  readonly errors: number;
  readonly warnings: number;
}

export interface GraphSummary {
  readonly modules: readonly ModuleSummary[];
  readonly totals: {
    readonly modules: number;
    readonly withBytecode: number;
    readonly sourceBytes: number;
    readonly bytecodeBytes: number;
    readonly recordBytes: number;
    readonly ratio: number | null;
    readonly errors: number;
    readonly warnings: number;
  };
}

function recordOf(exe: ExecutableFile, m: GraphModule): { kind: RecordKind; size: number } {
  if (m.moduleInfo?.present) return { kind: 'module_info', size: m.moduleInfo.length };
  if (exe.optional?.prelinkedModuleOrder?.values.includes(m.index)) return { kind: 'prelinked graph', size: 0 };
  return { kind: 'none', size: 0 };
}

/** The module table `bmes graph` prints and the editor's module list shows, with per-module problem counts. */
export function summarizeGraph(exe: ExecutableFile, details: readonly ModuleDetails[], diagnostics: readonly Diagnostic[]): GraphSummary {
  const inModule = (m: GraphModule, d: Diagnostic) => {
    const spans = [m, m.name, m.contents, m.bytecode, m.sourcemap, m.moduleInfo, m.bytecodeOriginPath].filter((s) => s !== null);
    return (
      spans.some((s) => d.offset >= s.offset && d.offset < s.offset + Math.max(s.length, 1)) ||
      [m.name.field, m.contents.field, m.bytecode.field].some((f) => d.offset >= f.offset && d.offset < f.offset + f.length)
    );
  };
  const modules = exe.modules.map((m): ModuleSummary => {
    const jsc = details[m.index]?.jsc ?? null;
    const record = recordOf(exe, m);
    const mine = diagnostics.filter((d) => inModule(m, d));
    const sourceSize = m.contents.present ? m.contents.length : 0;
    const bytecodeSize = m.bytecode.present ? m.bytecode.length : 0;
    return {
      index: m.index,
      name: m.nameText,
      entry: m.isEntry,
      format: String(m.format.name),
      loader: m.loader.name,
      sourceSize,
      bytecodeSize,
      ratio: sourceSize > 0 && bytecodeSize > 0 ? bytecodeSize / sourceSize : null,
      record: record.kind,
      recordSize: record.size,
      cacheVersion: jsc?.cacheVersion.value ?? null,
      bun: jsc ? bunReleaseName(jsc.cacheVersion.value) : null,
      missingBytecode: JS_LOADERS.has(m.loader.value) && !m.bytecode.present,
      errors: mine.filter((d) => d.severity === 'error').length,
      warnings: mine.filter((d) => d.severity === 'warning').length,
    };
  });
  const sum = (f: (m: ModuleSummary) => number) => modules.reduce((a, m) => a + f(m), 0);
  const sourceBytes = sum((m) => m.sourceSize);
  const bytecodeBytes = sum((m) => m.bytecodeSize);
  return {
    modules,
    totals: {
      modules: exe.modules.length + exe.modulesOmitted,
      withBytecode: modules.filter((m) => m.bytecodeSize > 0).length,
      sourceBytes,
      bytecodeBytes,
      recordBytes: sum((m) => m.recordSize),
      ratio: sourceBytes > 0 && bytecodeBytes > 0 ? bytecodeBytes / sourceBytes : null,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    },
  };
}
