/** The hex view's colouring: which structural region each byte is in. Pure. */
import { lastStartAtOrBefore } from '../../extension/viewModel/locate';
import type { RegionKind, ViewRegion } from '../../extension/viewModel/types';

export const REGION_LABELS: Readonly<Record<RegionKind, string>> = {
  header: 'Header',
  requestedModules: 'Requested modules',
  importEntries: 'Import entries',
  exportEntries: 'Export entries',
  starExports: 'Star exports',
  declaredVariables: 'Declared variables',
  lexicalVariables: 'Lexical variables',
  codeFeatures: 'Code features',
  v1BytecodeSize: 'Bytecode size (v1)',
  padding: 'Padding',
  gap: 'Gap',
  bytecode: 'Bytecode',
  trailing: 'Trailing bytes',
  unparsed: 'Not decoded',
  trailer: 'Trailer',
  container: 'Container',
  modules: 'Module table',
  contents: 'Module source',
  moduleRecord: 'Module record',
  sharedTables: 'Shared tables',
};

/** Region starts, for binary search. */
export function regionStarts(regions: readonly ViewRegion[]): Uint32Array {
  return Uint32Array.from(regions, (r) => r.offset);
}

/** Index of the region holding `offset`, or -1. */
export function regionIndexAt(regions: readonly ViewRegion[], starts: Uint32Array, offset: number): number {
  const i = lastStartAtOrBefore(starts, offset);
  const r = regions[i];
  return r && offset < r.offset + r.length ? i : -1;
}

/** The kinds present, in file order, once each (for the legend). */
export function presentKinds(regions: readonly ViewRegion[]): RegionKind[] {
  const seen = new Set<RegionKind>();
  for (const r of regions) seen.add(r.kind);
  return [...seen];
}
