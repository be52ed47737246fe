import type { BmesFile } from '../bmes';
import { diagnosticsOnLine, hoverAt, type HoverContext } from '../textView/hover';
import type { TextView } from '../textView/lineMap';
import { escapeMarkdown } from '../textView/markdown';

/** The diagnostics that "Regenerate cache" fixes (an old or unknown BMES version is the decoder's own diagnostic, not the host's). */
export const MISMATCH_CODES: ReadonlySet<string> = new Set(['version-mismatch', 'legacy-version', 'unknown-version', 'jsc-version-mismatch', 'source-mismatch']);

/** Whether a line of the text view shows a mismatch: its own diagnostic line, or a field one is placed on. */
export function lineHasMismatch(view: TextView, file: BmesFile, line: number): boolean {
  const target = view.lineAt(line)?.target;
  if (target?.kind === 'diagnostic' && MISMATCH_CODES.has(file.diagnostics[target.index]?.code ?? '')) return true;
  return diagnosticsOnLine(view, line).some((i) => MISMATCH_CODES.has(file.diagnostics[i]?.code ?? ''));
}

/** A `command:` link with JSON arguments, as VS Code's Markdown renderer runs it (only for allowed commands). */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  return `[${escapeMarkdown(label, 80)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

export interface DumpHover {
  readonly markdown: string;
  /** True when the Markdown holds the Regenerate link, so that exactly that command may be enabled. */
  readonly hasCommandLink: boolean;
}

/**
 * The hover for a line of the text view: `hoverAt`'s explanation (file-derived text escaped there), followed,
 * on a line with a mismatch and when `regenerate` is given, by one link to the Regenerate command. Pure.
 */
export function dumpHover(
  view: TextView,
  file: BmesFile,
  line: number,
  context: HoverContext,
  regenerate: { readonly label: string; readonly command: string; readonly args: readonly unknown[] } | null,
): DumpHover | null {
  const text = hoverAt(view, file, line, context);
  if (text === null) return null;
  if (!regenerate || !lineHasMismatch(view, file, line)) return { markdown: text, hasCommandLink: false };
  return { markdown: `${text}\n\n---\n\n${commandLink(regenerate.label, regenerate.command, regenerate.args)}`, hasCommandLink: true };
}
