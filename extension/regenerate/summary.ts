import { exportTypeName, flagNames, hex, importTypeName, VARIABLE_FLAGS, type BmesFile, type ExportEntry, type ImportEntry, type ListName, type RecordList } from '../bmes';
import { quoted } from '../textView/plainText';

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

/** Entries only in the new file (`added`) or only in the old one (`removed`), as readable one-liners. */
export interface EntryDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface VariableDiff extends EntryDiff {
  /** Variables in both whose bits changed: `"x": var → var exported`. */
  readonly changed: readonly string[];
}

/** What regenerating a cache changed, from the old and new decoded files. */
export interface CacheChangeSummary {
  /** There was no old file to compare with. */
  readonly created: boolean;
  readonly fileSize: Change<number | null>;
  readonly version: Change<number | null>;
  /** Records per list; null when the list was not read (another version, or damage). */
  readonly counts: Readonly<Record<ListName, Change<number | null>>>;
  readonly requestedModules: EntryDiff;
  readonly imports: EntryDiff;
  readonly exports: EntryDiff;
  readonly starExports: EntryDiff;
  readonly declaredVariables: VariableDiff;
  readonly lexicalVariables: VariableDiff;
  readonly bytecodeSize: Change<number | null>;
  readonly cacheVersion: Change<number | null>;
  /** Whether anything above differs. */
  readonly changed: boolean;
  /** The summary for people, one fact per line. */
  readonly text: string;
}

const LISTS: readonly ListName[] = ['requestedModules', 'importEntries', 'exportEntries', 'starExports', 'declaredVariables', 'lexicalVariables'];
const LIST_TITLES: Readonly<Record<ListName, string>> = {
  requestedModules: 'Requested modules',
  importEntries: 'Imports',
  exportEntries: 'Exports',
  starExports: 'Star exports',
  declaredVariables: 'Declared variables',
  lexicalVariables: 'Lexical variables',
};
/** Entries listed per kind in the text; the rest are counted. */
const LISTED = 10;

function importText(e: ImportEntry): string {
  const type = importTypeName(e.type.value);
  const from = `from ${quoted(e.moduleRequest.value)}`;
  if (type === 'namespace') return `import * as ${quoted(e.localName.value)} ${from}`;
  const binding = e.importName.value === e.localName.value ? quoted(e.importName.value) : `${quoted(e.importName.value)} as ${quoted(e.localName.value)}`;
  const note = type === 'single' ? '' : typeof type === 'number' ? ` (type ${type})` : ` (${type})`;
  return `import { ${binding} } ${from}${note}`;
}

function exportText(e: ExportEntry): string {
  const type = exportTypeName(e.type.value);
  switch (type) {
    case 'local':
      return e.localName.value === e.exportName.value ? `export { ${quoted(e.localName.value)} }` : `export { ${quoted(e.localName.value)} as ${quoted(e.exportName.value)} }`;
    case 'indirect':
      return `export { ${quoted(e.importName.value)} as ${quoted(e.exportName.value)} } from ${quoted(e.moduleName.value)}`;
    case 'namespace':
      return `export * as ${quoted(e.exportName.value)} from ${quoted(e.moduleName.value)}`;
    default:
      return `export (type ${type}) ${[e.exportName, e.moduleName, e.importName, e.localName].map((f) => quoted(f.value)).join(' ')}`;
  }
}

/** A multiset difference: an entry present twice before and once after is one removal. */
function diff(before: readonly string[], after: readonly string[]): EntryDiff {
  const counts = new Map<string, number>();
  for (const b of before) counts.set(b, (counts.get(b) ?? 0) + 1);
  const added: string[] = [];
  for (const a of after) {
    const n = counts.get(a) ?? 0;
    if (n > 0) counts.set(a, n - 1);
    else added.push(a);
  }
  const removed: string[] = [];
  for (const [text, n] of counts) for (let i = 0; i < n; i++) removed.push(text);
  return { added, removed };
}

function variableDiff(before: RecordList<{ name: { value: string }; bits: { value: number } }> | null | undefined, after: typeof before): VariableDiff {
  const bitsOf = (list: typeof before) => {
    const map = new Map<string, number>();
    for (const v of list?.entries ?? []) if (!map.has(v.name.value)) map.set(v.name.value, v.bits.value);
    return map;
  };
  const old = bitsOf(before);
  const next = bitsOf(after);
  const flags = (bits: number) => flagNames(VARIABLE_FLAGS, bits).join(' ') || hex(bits, 4);
  const names = diff([...old.keys()].map(quoted), [...next.keys()].map(quoted));
  const changed: string[] = [];
  for (const [name, bits] of next) {
    const was = old.get(name);
    if (was !== undefined && was !== bits) changed.push(`${quoted(name)}: ${flags(was)} → ${flags(bits)}`);
  }
  return { ...names, changed };
}

const entries = <T>(list: RecordList<T> | null | undefined): readonly T[] => list?.entries ?? [];
const count = (list: RecordList<unknown> | null | undefined): number | null => (list ? list.entries.length + list.omitted : null);

/** Compares the old file (null when there was none) with the new one. Pure. */
export function summarizeChange(before: BmesFile | null, after: BmesFile): CacheChangeSummary {
  const counts = Object.fromEntries(LISTS.map((l) => [l, { before: before ? count(before[l]) : null, after: count(after[l]) }])) as Record<ListName, Change<number | null>>;
  const parts = {
    created: before === null,
    fileSize: { before: before?.size ?? null, after: after.size },
    version: { before: before?.header.version?.value ?? null, after: after.header.version?.value ?? null },
    counts,
    requestedModules: diff(
      entries(before?.requestedModules).map((r) => quoted(r.specifier.value)),
      entries(after.requestedModules).map((r) => quoted(r.specifier.value)),
    ),
    imports: diff(entries(before?.importEntries).map(importText), entries(after.importEntries).map(importText)),
    exports: diff(entries(before?.exportEntries).map(exportText), entries(after.exportEntries).map(exportText)),
    starExports: diff(
      entries(before?.starExports).map((s) => quoted(s.moduleName.value)),
      entries(after.starExports).map((s) => quoted(s.moduleName.value)),
    ),
    declaredVariables: variableDiff(before?.declaredVariables, after.declaredVariables),
    lexicalVariables: variableDiff(before?.lexicalVariables, after.lexicalVariables),
    bytecodeSize: { before: before?.bytecode?.length ?? null, after: after.bytecode?.length ?? null },
    cacheVersion: { before: before?.jsc?.cacheVersion.value ?? null, after: after.jsc?.cacheVersion.value ?? null },
  };
  const changed =
    parts.created ||
    [parts.version, parts.bytecodeSize, parts.cacheVersion, ...Object.values(counts)].some((c) => c.before !== c.after) ||
    [parts.requestedModules, parts.imports, parts.exports, parts.starExports, parts.declaredVariables, parts.lexicalVariables].some(
      (d) => d.added.length > 0 || d.removed.length > 0,
    ) ||
    parts.declaredVariables.changed.length > 0 ||
    parts.lexicalVariables.changed.length > 0;
  const summary = { ...parts, changed, text: '' };
  return { ...summary, text: summaryText(summary) };
}

const n = (value: number | null) => (value === null ? 'none' : String(value));
const cacheVersionText = (value: number | null) => (value === null ? 'none' : hex(value, 8));

function changeLine<T>(label: string, change: Change<T>, show: (v: T) => string, unit = ''): string {
  return change.before === change.after ? `${label}: ${show(change.after)}${unit} (unchanged)` : `${label}: ${show(change.before)} → ${show(change.after)}${unit}`;
}

function entryLines(label: string, d: EntryDiff & { changed?: readonly string[] }): string[] {
  const lines: string[] = [];
  const listed = (sign: string, items: readonly string[]) => {
    for (const item of items.slice(0, LISTED)) lines.push(`  ${sign} ${item}`);
    if (items.length > LISTED) lines.push(`  ${sign} …and ${items.length - LISTED} more`);
  };
  if (!d.added.length && !d.removed.length && !d.changed?.length) return lines;
  lines.push(`${label}:`);
  listed('+', d.added);
  listed('−', d.removed);
  listed('~', d.changed ?? []);
  return lines;
}

/** One fact per line: what people read in the notification or the output channel. */
export function summaryText(s: Omit<CacheChangeSummary, 'text'>): string {
  const lines: string[] = [];
  if (s.created) lines.push(`Created a ${s.fileSize.after}-byte cache, version ${n(s.version.after)}.`);
  else if (!s.changed) lines.push('Regenerated: the module record, bytecode size and cache version are unchanged.');
  lines.push(changeLine('Version', s.version, n));
  lines.push(
    'Records: ' +
      LISTS.filter((l) => s.counts[l].before !== null || s.counts[l].after !== null)
        .map((l) => {
          const c = s.counts[l];
          return `${LIST_TITLES[l].toLowerCase()} ${c.before === c.after ? n(c.after) : `${n(c.before)} → ${n(c.after)}`}`;
        })
        .join(', '),
  );
  lines.push(
    ...entryLines('Requested modules', s.requestedModules),
    ...entryLines('Imports', s.imports),
    ...entryLines('Exports', s.exports),
    ...entryLines('Star exports', s.starExports),
    ...entryLines('Declared variables', s.declaredVariables),
    ...entryLines('Lexical variables', s.lexicalVariables),
  );
  lines.push(changeLine('Bytecode', s.bytecodeSize, n, ' bytes'));
  lines.push(changeLine('Cache version', s.cacheVersion, cacheVersionText));
  return lines.join('\n');
}
