import type { Diagnostic, Severity, Span } from '../bmes/model';

export { hex, plural } from '../bmes/diagnostics';

/** Every code this library emits, with its severity (the source checks choose theirs per case, noted here). */
export const RECORD_DIAGNOSTIC_CODES = {
  // module_info bodies (Bun 1.3.9–1.3.x, spec §4)
  'module-info-truncated': 'error',
  'module-info-count-exceeds-body': 'error',
  'module-info-unknown-kind': 'error',
  'module-info-records-exceed-data': 'error',
  'module-info-unused-record-data': 'warning',
  'module-info-strings-exceed-body': 'error',
  'module-info-trailing-bytes': 'warning',
  'module-info-string-id-out-of-range': 'error',
  'module-info-nonzero-padding': 'warning',
  'module-info-unknown-flags': 'warning',
  'module-info-invalid-utf8': 'warning',
  'module-info-unused-string': 'info',
  // 1.4.x shared tables (spec §5)
  'string-table-truncated': 'error',
  'string-table-entry-out-of-range': 'error',
  'string-table-hash-mismatch': 'warning',
  'slot-table-truncated': 'error',
  'slot-out-of-range': 'error',
  'slot-unknown-tag': 'error',
  'plmg-string-count-mismatch': 'error',
  'plmg-truncated': 'error',
  'plmg-bad-magic': 'error',
  'plmg-unsupported-version': 'error',
  'plmg-table-exceeds-blob': 'error',
  'plmg-tables-overlap': 'error',
  'plmg-slice-out-of-range': 'error',
  'plmg-sid-out-of-range': 'error',
  'plmg-request-out-of-range': 'error',
  'plmg-module-out-of-range': 'error',
  'plmg-not-sorted': 'error',
  'plmg-hash-mismatch': 'error',
  'plmg-nonzero-reserved': 'warning',
  'plmg-module-map-mismatch': 'error',
  'plmg-request-target-mismatch': 'error',
  'plmg-key-mismatch': 'error',
  'plmg-resolution-mismatch': 'error',
  'plmg-flags-mismatch': 'error',
  // the record against the module's own source (`contents`)
  'record-source-unparsable': 'warning',
  'record-missing-request': 'error',
  'record-extra-request': 'error',
  'record-missing-import': 'error',
  'record-extra-import': 'error',
  'record-import-mismatch': 'error',
  'record-missing-export': 'error',
  'record-extra-export': 'error',
  'record-renamed-export': 'error',
  'record-export-mismatch': 'error',
  'record-missing-star-export': 'error',
  'record-extra-star-export': 'error',
  /**
   * Bun 1.3.x's own omission (spec §4): every `export * from` a module outside the bundle is left out. A warning on a
   * chunk other modules import (their imports of those names fail to link); info on the entry point, which nothing
   * imports, so nothing changes at run time.
   */
  'record-omits-star-export': 'warning',
} as const satisfies Record<string, Severity>;

export type RecordDiagnosticCode = keyof typeof RECORD_DIAGNOSTIC_CODES;

/** Where in the module's `contents` a source-comparison diagnostic points. */
export interface SourcePosition {
  /** Byte offset into `contents` (UTF-8), and length in bytes. */
  readonly offset: number;
  readonly length: number;
  /** Absolute file offset of the same bytes. */
  readonly fileOffset: number;
  /** 1-based. */
  readonly line: number;
  /** 0-based, in characters (UTF-16 units) from the start of the line. */
  readonly column: number;
}

/** A diagnostic on the record's bytes (absolute file offset), and for source checks also the place in `contents`. */
export interface RecordDiagnostic extends Diagnostic {
  readonly code: RecordDiagnosticCode;
  readonly source?: SourcePosition;
}

/** Past this many diagnostics of one code, the rest are only counted, so a hostile body cannot flood the output. */
export const MAX_RECORD_DIAGNOSTICS_PER_CODE = 200;

export class RecordDiagnostics {
  private readonly list: RecordDiagnostic[] = [];
  private readonly perCode = new Map<RecordDiagnosticCode, number>();

  add(code: RecordDiagnosticCode, span: Span, message: string, source?: SourcePosition, severity: Severity = RECORD_DIAGNOSTIC_CODES[code]): void {
    const seen = (this.perCode.get(code) ?? 0) + 1;
    this.perCode.set(code, seen);
    if (seen > MAX_RECORD_DIAGNOSTICS_PER_CODE) return;
    const item: RecordDiagnostic = { code, severity, offset: span.offset, length: span.length, message };
    this.list.push(source ? { ...item, source } : item);
  }

  has(code: RecordDiagnosticCode): boolean {
    return this.perCode.has(code);
  }

  /** By offset (stable), then one summary per code that was cut short. */
  items(): RecordDiagnostic[] {
    const sorted = this.list
      .map((d, i) => [d, i] as const)
      .sort((a, b) => a[0].offset - b[0].offset || a[1] - b[1])
      .map(([d]) => d);
    for (const [code, seen] of this.perCode) {
      if (seen <= MAX_RECORD_DIAGNOSTICS_PER_CODE) continue;
      const first = sorted.find((d) => d.code === code);
      sorted.push({
        code,
        severity: RECORD_DIAGNOSTIC_CODES[code],
        offset: first?.offset ?? 0,
        length: 0,
        message: `${seen - MAX_RECORD_DIAGNOSTICS_PER_CODE} more ${code} diagnostics are not listed (the first ${MAX_RECORD_DIAGNOSTICS_PER_CODE} are).`,
      });
    }
    return sorted;
  }
}

/** What Bun does with a module_info body its reader rejects (spec §4, `createFromCachedRecord` → null). */
export const MODULE_INFO_DROPPED =
  "Bun's reader rejects the body (BadModuleInfo) and parses the module's `contents` from source instead: silent, the module runs the same, only the start-up time the record was meant to save is lost.";

/** What Bun does with a body it accepts: it trusts it and never compares it with the source (spec §4). */
export const MODULE_INFO_IGNORED = "Bun's reader does not check this and ignores it; the record is still used.";
