/**
 * The module record that a module's own source implies, read with meriyah (a maintained, spec-complete ES parser:
 * the record must be checked against what JavaScriptCore would parse, so a hand-written scanner is not enough).
 * Not acorn: its scope tracking searches arrays, quadratic in a module's top-level bindings, and a bundled chunk
 * has tens of thousands (7× slower on a 10,000-export chunk, minutes on larger ones).
 * Follows JavaScriptCore's ModuleAnalyzer and Bun's `finalize()`: `export { x }` of an imported `x` is an indirect
 * export (of `*namespace*` for a namespace import), requested modules in source order, first one wins.
 */
import { parseModule, type ESTree } from 'meriyah';
import type { ExportKind, ImportKind } from './parts';

export interface SourceSpan {
  /** UTF-16 offsets into the text. */
  readonly start: number;
  readonly end: number;
}

export interface SourceImport extends SourceSpan {
  readonly kind: ImportKind;
  readonly module: string;
  /** `*namespace*` for a namespace import. */
  readonly importName: string;
  readonly localName: string;
}

export interface SourceExport extends SourceSpan {
  readonly kind: ExportKind;
  readonly exportName: string;
  readonly localName: string | null;
  readonly importName: string | null;
  readonly module: string | null;
}

export interface SourceStarExport extends SourceSpan {
  readonly module: string;
}

export interface SourceRequest extends SourceSpan {
  readonly specifier: string;
  /** Whether only `export * from` statements name it. */
  readonly onlyStarExports: boolean;
}

export interface SourceRecord {
  readonly requests: readonly SourceRequest[];
  readonly imports: readonly SourceImport[];
  readonly exports: readonly SourceExport[];
  readonly starExports: readonly SourceStarExport[];
}

export type SourceRecordResult = { readonly ok: true; readonly record: SourceRecord } | { readonly ok: false; readonly message: string; readonly position: number };

const NAMESPACE = '*namespace*';
const DEFAULT_LOCAL = '*default*';

export function sourceRecordOf(text: string): SourceRecordResult {
  let program: ESTree.Program;
  try {
    program = parseModule(text, { next: true, ranges: true });
  } catch (error) {
    const position = typeof (error as { start?: unknown }).start === 'number' ? (error as { start: number }).start : 0;
    return { ok: false, message: error instanceof Error ? error.message : String(error), position };
  }
  return { ok: true, record: recordOf(program.body) };
}

function nameOf(node: ESTree.Identifier | ESTree.StringLiteral): string {
  return node.type === 'Identifier' ? node.name : node.value;
}

/** With `ranges: true` every node has its offsets. */
function at(node: ESTree.Node): SourceSpan {
  return { start: node.start ?? 0, end: node.end ?? 0 };
}

function recordOf(body: readonly ESTree.Program['body'][number][]): SourceRecord {
  const requests = new Map<string, { start: number; end: number; onlyStarExports: boolean }>();
  const request = (source: ESTree.StringLiteral, star: boolean) => {
    const specifier = source.value;
    const known = requests.get(specifier);
    if (known) known.onlyStarExports &&= star;
    else requests.set(specifier, { ...at(source), onlyStarExports: star });
    return specifier;
  };
  const imports: SourceImport[] = [];
  const exports: SourceExport[] = [];
  const starExports: SourceStarExport[] = [];
  /** `export { x }` with no source: resolved against the imports once all are known. */
  const localExports: { exported: string; local: string; node: ESTree.Node }[] = [];

  for (const statement of body) {
    switch (statement.type) {
      case 'ImportDeclaration': {
        const module = request(statement.source, false);
        for (const s of statement.specifiers) {
          const where = { ...at(s), module, localName: s.local.name };
          if (s.type === 'ImportSpecifier') imports.push({ ...where, kind: 'single', importName: nameOf(s.imported) });
          else if (s.type === 'ImportDefaultSpecifier') imports.push({ ...where, kind: 'single', importName: 'default' });
          else imports.push({ ...where, kind: statement.phase === 'defer' ? 'namespaceDefer' : 'namespace', importName: NAMESPACE });
        }
        break;
      }
      case 'ExportAllDeclaration': {
        const module = request(statement.source, !statement.exported);
        if (statement.exported) {
          exports.push({ ...at(statement), kind: 'namespace', exportName: nameOf(statement.exported), localName: null, importName: null, module });
        } else {
          starExports.push({ ...at(statement), module });
        }
        break;
      }
      case 'ExportNamedDeclaration': {
        if (statement.source) {
          const module = request(statement.source, false);
          for (const s of statement.specifiers) {
            exports.push({ ...at(s), kind: 'indirect', exportName: nameOf(s.exported), localName: null, importName: nameOf(s.local), module });
          }
        } else if (statement.declaration) {
          const d = statement.declaration;
          const names = d.type === 'VariableDeclaration' ? d.declarations.flatMap((v) => boundNames(v.id)) : 'id' in d && d.id && d.id.type === 'Identifier' ? [d.id.name] : [];
          for (const name of names) localExports.push({ exported: name, local: name, node: statement });
        } else {
          for (const s of statement.specifiers) localExports.push({ exported: nameOf(s.exported), local: nameOf(s.local), node: s });
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const d = statement.declaration;
        const named = (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id ? d.id.name : DEFAULT_LOCAL;
        localExports.push({ exported: 'default', local: named, node: statement });
        break;
      }
      default:
        break;
    }
  }

  const importsByLocal = new Map(imports.map((i) => [i.localName, i]));
  for (const e of localExports) {
    const imported = importsByLocal.get(e.local);
    const where = { ...at(e.node), exportName: e.exported };
    if (!imported) exports.push({ ...where, kind: 'local', localName: e.local, importName: null, module: null });
    else if (imported.kind === 'namespace' || imported.kind === 'namespaceDefer')
      exports.push({ ...where, kind: 'namespace', localName: null, importName: null, module: imported.module });
    else exports.push({ ...where, kind: 'indirect', localName: null, importName: imported.importName, module: imported.module });
  }
  exports.sort((a, b) => a.start - b.start);
  return {
    requests: [...requests].map(([specifier, r]) => ({ specifier, ...r })),
    imports,
    exports,
    starExports,
  };
}

function boundNames(pattern: ESTree.BindingPattern | ESTree.Parameter | ESTree.Expression): string[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name];
    case 'ObjectPattern':
      return pattern.properties.flatMap((p) => (p.type === 'RestElement' ? boundNames(p.argument) : boundNames(p.value)));
    case 'ArrayPattern':
      return pattern.elements.flatMap((e) => (e ? boundNames(e) : []));
    case 'RestElement':
      return boundNames(pattern.argument);
    case 'AssignmentPattern':
      return boundNames(pattern.left);
    default:
      return [];
  }
}
