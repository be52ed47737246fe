import type { Diagnostic, Severity, Span } from './model';

/** Every diagnostic code the decoder can emit, with its fixed severity (codes with two severities say so). */
export const DIAGNOSTIC_CODES = {
  'truncated-header': 'error',
  'bad-magic': 'error',
  'unknown-version': 'error',
  /** error for v1 (ignored whole), warning for v2 (bytecode used, metadata ignored). */
  'legacy-version': 'error',
  'bytecode-out-of-bounds': 'error',
  'bytecode-misaligned': 'warning',
  'truncated-metadata': 'error',
  'count-exceeds-data': 'error',
  'string-exceeds-data': 'error',
  'invalid-utf8': 'error',
  'unknown-import-type': 'error',
  'unknown-export-type': 'error',
  'unused-field-set': 'warning',
  /** warning for bits 16–31, info for bits 14/15 (known, dropped by Bun's v3 reader). */
  'unknown-variable-bits': 'warning',
  'unknown-code-features': 'warning',
  'attributes-lost': 'info',
  'nonzero-padding': 'warning',
  'metadata-overlaps-bytecode': 'error',
  'gap-before-bytecode': 'warning',
  'trailing-bytes': 'warning',
  'dangling-module-request': 'warning',
  'duplicate-export': 'warning',
  'undeclared-local': 'warning',
  'program-bytecode-in-module-cache': 'error',
  'jsc-size-mismatch': 'error',
  'jsc-unrecognized-layout': 'info',
  'jsc-version-mismatch': 'error',
  'source-mismatch': 'error',
  /** The source length was compared but the key hash function of that build is not known. */
  'source-hash-unchecked': 'info',
  /** The inspector's own limit: more records than it lists (the file may still be valid). */
  'record-limit': 'info',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/**
 * What Bun's loader does with the file as a whole (spec §4). Every diagnostic's message ends with what the
 * fault means at run time, and that depends on this.
 */
export type LoaderFate = 'not-bmes' | 'unknown-version' | 'v1-ignored' | 'header-rejected' | 'v2-bytecode-only' | 'v3';

/** What a fault in the module metadata costs at run time, given the file's fate. */
export function metadataConsequence(fate: LoaderFate): string {
  switch (fate) {
    case 'v3':
      return 'Bun uses the bytecode but cannot take the module record from the file, so it parses the source instead (the metadata is wasted).';
    case 'v2-bytecode-only':
      return 'Bun ignores version-2 metadata and uses only the bytecode, so this costs nothing at run time, but no Bun writer produces such a file.';
    case 'v1-ignored':
      return 'Bun ignores version-1 files entirely, so this changes nothing at run time.';
    case 'header-rejected':
      return 'Bun already rejects this file because of its header; the module is compiled from source.';
    case 'not-bmes':
    case 'unknown-version':
      return 'Bun does not read this metadata; the module is compiled from source.';
  }
}

/** What a suspicious-but-readable value costs at run time. */
export function harmlessConsequence(fate: LoaderFate): string {
  return fate === 'v3' ? "Bun's reader accepts it, but Bun's writer never produces it, so the file was altered or written by another tool." : metadataConsequence(fate);
}

/**
 * Diagnostics about records and the reading of them. Past a count that cannot fit (`count-exceeds-data`), what
 * is read as records is other data (the next list, the bytecode, zero padding), so these only follow from it.
 */
const RECORD_CODES: ReadonlySet<string> = new Set<DiagnosticCode>([
  'truncated-metadata',
  'count-exceeds-data',
  'string-exceeds-data',
  'invalid-utf8',
  'unknown-import-type',
  'unknown-export-type',
  'unused-field-set',
  'unknown-variable-bits',
  'unknown-code-features',
  'attributes-lost',
  'dangling-module-request',
  'duplicate-export',
  'undeclared-local',
]);

/** Marks the record diagnostics behind the first impossible count as its consequences. */
function markConsequences(items: readonly Diagnostic[]): Diagnostic[] {
  const bomb = items.find((d) => d.code === 'count-exceeds-data');
  if (!bomb) return [...items];
  return items.map((d) =>
    d.offset > bomb.offset && RECORD_CODES.has(d.code)
      ? {
          ...d,
          message: `This follows from the impossible count at ${hex(bomb.offset)} (count-exceeds-data), not a separate fault: what is read there as records is other data. ${d.message}`,
          consequenceOf: { code: bomb.code, offset: bomb.offset },
        }
      : d,
  );
}

/** Beyond this many diagnostics of one code, the rest are counted in one summary instead of listed. */
export const MAX_DIAGNOSTICS_PER_CODE = 500;

/**
 * Collects diagnostics of one code table: the BMES decoder's by default; other containers (sidecars, executables)
 * pass their own table, so each decoder's codes and severities stay declared in one place.
 */
export class DiagnosticSink<Code extends string = DiagnosticCode> {
  readonly items: Diagnostic[] = [];
  private readonly perCode = new Map<string, number>();
  private readonly suppressed = new Map<string, { first: number; count: number; severity: Severity }>();

  constructor(private readonly codes: Readonly<Record<Code, Severity>> = DIAGNOSTIC_CODES as Readonly<Record<string, Severity>>) {}

  add(code: Code, span: Span, message: string, severity: Severity = this.codes[code]): void {
    const seen = (this.perCode.get(code) ?? 0) + 1;
    this.perCode.set(code, seen);
    if (seen > MAX_DIAGNOSTICS_PER_CODE) {
      const summary = this.suppressed.get(code);
      if (summary) summary.count++;
      else this.suppressed.set(code, { first: span.offset, count: 1, severity });
      return;
    }
    this.items.push({ code, severity, offset: span.offset, length: span.length, message });
  }

  /** Whether another diagnostic of `code` would still be listed (else only counted): callers skip making it. */
  listing(code: Code): boolean {
    return (this.perCode.get(code) ?? 0) < MAX_DIAGNOSTICS_PER_CODE;
  }

  /**
   * Whether one more diagnostic of `code` is only counted, into a summary already begun: then it is counted here,
   * as `add` would, and the caller makes neither its span nor its message. A check that can raise one per record
   * asks this first, so that past the listed ones a hostile file's 100,000 records cost a count each.
   */
  countedInSummary(code: Code): boolean {
    const summary = this.suppressed.get(code);
    if (!summary) return false;
    // Only the summary's count: `perCode` is past the listed ones for good, and nothing reads it beyond that.
    summary.count++;
    return true;
  }

  /**
   * As `add`, with the message made only when it will be listed: a hostile file can raise one diagnostic per
   * record, hundreds of thousands of times, and past the first 500 only their number is kept.
   */
  addLazy(code: Code, span: Span, message: () => string, severity: Severity = this.codes[code]): void {
    const seen = this.perCode.get(code) ?? 0;
    if (seen < MAX_DIAGNOSTICS_PER_CODE) return this.add(code, span, message(), severity);
    this.add(code, span, '', severity);
  }

  /**
   * `count` more diagnostics of `code` past the listed ones, the first at `first`: what `count` calls of `add`
   * would record once `listing(code)` is false, in one call (a hostile file raises one per record).
   */
  addUnlisted(code: Code, first: number, count: number, severity: Severity = this.codes[code]): void {
    if (count <= 0) return;
    const seen = this.perCode.get(code) ?? 0;
    if (seen < MAX_DIAGNOSTICS_PER_CODE) throw new Error(`addUnlisted: ${code} is still listed`);
    this.perCode.set(code, seen + count);
    const summary = this.suppressed.get(code);
    if (summary) summary.count += count;
    else this.suppressed.set(code, { first, count, severity });
  }

  has(code: Code): boolean {
    return this.perCode.has(code);
  }

  hasError(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  /** Stable order by offset, keeping emission order for equal offsets; then one summary per code cut short. */
  sorted(): Diagnostic[] {
    const listed = markConsequences(this.items)
      .map((d, i) => [d, i] as const)
      .sort((a, b) => a[0].offset - b[0].offset || a[1] - b[1])
      .map(([d]) => d);
    const summaries = [...this.suppressed].map(([code, s]) => ({
      code,
      severity: s.severity,
      offset: s.first,
      length: 0,
      message: `${s.count.toLocaleString('en-US')} more ${code} diagnostics from ${hex(s.first)} on are not listed (the first ${MAX_DIAGNOSTICS_PER_CODE} are).`,
    }));
    return [...listed, ...summaries];
  }
}

export function hex(value: number, digits = 0): string {
  return '0x' + value.toString(16).padStart(digits, '0');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
