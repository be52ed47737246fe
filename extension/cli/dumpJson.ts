import { toDump, type BmesFile } from '../bmes';

/** The text of `bmes dump --json`. */
export function dumpJson(file: BmesFile, bytecodeSha256: string | null): string {
  return JSON.stringify(toDump(file, bytecodeSha256), null, 2) + '\n';
}
