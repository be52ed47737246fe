import type { BmesFile } from '../bmes';
import { renderTextView } from '../textView/render';

/**
 * The readable form of `bmes dump`: every field with its offset, list by list, then the diagnostics. The
 * editor's text view renders the same text (with a line map), so both come from one renderer.
 */
export function dumpText(name: string, file: BmesFile, bytecodeSha256: string | null): string {
  return renderTextView(name, file, bytecodeSha256).text;
}
