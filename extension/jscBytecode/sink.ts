import type { Span, TreeDiagnostic, TreeDiagnosticCode, TreeSeverity } from './model';
import type { Malformed } from './reader';

const SEVERITY: Record<TreeDiagnosticCode, TreeSeverity> = {
  'tree-build-unknown': 'info',
  'tree-unrecognised-node': 'error',
  'tree-out-of-bounds': 'error',
  'tree-cycle': 'warning',
  'tree-depth-limit': 'warning',
  'tree-step-limit': 'warning',
};

/** Past this many diagnostics of one code the rest are only counted, so a hostile payload cannot flood memory. */
const MAX_PER_CODE = 200;

/** What the loader does with a payload whose structure is damaged: said once, in every structural message. */
const LOADER_FATE = 'JavaScriptCore would reject or misread this payload, so Bun would compile the module from source.';

export class TreeSink {
  private readonly items: TreeDiagnostic[] = [];
  private readonly counts = new Map<TreeDiagnosticCode, number>();

  constructor(
    private readonly base: number,
    private readonly size: number,
  ) {}

  /** Adds a diagnostic; its span is clamped to the payload, so an offset never points outside it. */
  add(code: TreeDiagnosticCode, span: Span, message: string): void {
    const n = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, n);
    if (n > MAX_PER_CODE) return;
    const offset = Math.min(Math.max(span.offset, this.base), this.base + this.size);
    const length = Math.max(0, Math.min(span.length, this.base + this.size - offset));
    this.items.push({ code, severity: SEVERITY[code], offset, length, message });
  }

  /** A structure that did not match, at payload position `error.at`, while reading `where`. */
  malformed(error: Malformed, where: string): void {
    const offset = this.base + error.at;
    const what = error.code === 'tree-unrecognised-node' ? 'Unrecognised' : 'Out-of-bounds';
    this.add(
      error.code,
      { offset, length: error.length },
      `${what} ${where}: expected ${error.expected} (at 0x${offset.toString(16)}). That node is cut; the rest of the tree is kept. ${LOADER_FATE}`,
    );
  }

  list(): TreeDiagnostic[] {
    const out = [...this.items].sort((a, b) => a.offset - b.offset);
    for (const [code, n] of this.counts) {
      if (n > MAX_PER_CODE) {
        out.push({ code, severity: SEVERITY[code], offset: this.base, length: 0, message: `${n - MAX_PER_CODE} more ${code} diagnostics are not listed.` });
      }
    }
    return out;
  }
}
