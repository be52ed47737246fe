import { CURRENT_VERSION, columnOf, shownRowCounts, tablesOfFile, type BmesFile } from '../bmes';
import { explainCacheVersion, explainDiagnostic, explainFlags, explainVersion, type BunIdentity } from './explain';
import type { TextView } from './lineMap';

/** What the hover compares against: the settings and, when known, what the configured Bun reported. */
export interface HoverContext {
  /** Default 3. */
  readonly expectedVersion?: number;
  /** The cache version the configured Bun writes; null or absent when not known. */
  readonly expectedJscVersion?: number | null;
  /** The Bun that reported `expectedJscVersion`. */
  readonly bun?: BunIdentity | null;
}

/** At most this many diagnostics are explained in one hover; the rest are counted. */
const MAX_DIAGNOSTICS_PER_HOVER = 10;

/**
 * The hover for one line of the text view, in Markdown, or null when the line has nothing to explain:
 * the version field, the cache version, a variable's bits or the code features, a diagnostic's line, and every
 * diagnostic placed on the line. `view` must have been rendered from `file`.
 */
export function hoverAt(view: TextView, file: BmesFile, line: number, context: HoverContext = {}): string | null {
  const info = view.lineAt(line);
  if (!info?.target) return null;
  const parts: string[] = [];
  const target = info.target;
  switch (target.kind) {
    case 'header':
      if (target.field === 'version' && file.header.version) parts.push(explainVersion(file.header.version.value, context.expectedVersion ?? CURRENT_VERSION));
      break;
    case 'jsc':
      if (target.field === 'cacheVersion' && file.jsc) parts.push(explainCacheVersion(file.jsc.cacheVersion.value, context.expectedJscVersion, context.bun));
      break;
    case 'row': {
      if (target.list !== 'declaredVariables' && target.list !== 'lexicalVariables') break;
      // Read from the columns: a hover makes no object per record.
      const tables = tablesOfFile(file);
      const table = tables[target.list];
      if (table && target.row < shownRowCounts(tables)[target.list]) parts.push(explainFlags('variable', columnOf(table, 'bits').values[target.row]!));
      break;
    }
    case 'codeFeatures':
      if (file.codeFeatures) parts.push(explainFlags('codeFeatures', file.codeFeatures.value));
      break;
    case 'diagnostic': {
      const d = file.diagnostics[target.index];
      if (d) parts.push(explainDiagnostic(d));
      break;
    }
    default:
      break;
  }
  if (target.kind !== 'diagnostic') {
    const placed = diagnosticsOnLine(view, line);
    for (const index of placed.slice(0, MAX_DIAGNOSTICS_PER_HOVER)) parts.push(explainDiagnostic(file.diagnostics[index]!));
    if (placed.length > MAX_DIAGNOSTICS_PER_HOVER) parts.push(`…and ${placed.length - MAX_DIAGNOSTICS_PER_HOVER} more diagnostics on this line.`);
  }
  return parts.length ? parts.join('\n\n---\n\n') : null;
}

/** Indices of the diagnostics whose primary line is `line`. */
export function diagnosticsOnLine(view: TextView, line: number): number[] {
  const found: number[] = [];
  view.diagnostics.forEach((p, index) => {
    if (p.primary.line === line) found.push(index);
  });
  return found;
}
