import type { BmesFile } from '../bmes';
import { renderTextView } from '../textView/render';
import type { FileVerdict } from '../verdict/verdict';

/**
 * The readable form of `bmes dump`: the verdict, every field with its offset, list by list, then the
 * diagnostics. The editor's text view renders the same text (with a line map), so both come from one renderer.
 */
export function dumpText(name: string, file: BmesFile, bytecodeSha256: string | null, verdict?: FileVerdict): string {
  return renderTextView(name, file, bytecodeSha256, verdict).text;
}
