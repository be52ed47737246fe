/**
 * The view model of a BMES file whose header has been read and nothing else yet: the header fields, the file
 * size and a hex view with only the header coloured. The host sends it before the module record is decoded and
 * checked, so that the header and the first hex rows do not wait for the tables (a 50 MB cache with 80,000
 * records takes a few hundred milliseconds more). Pure: the host calls it, tests call it.
 */
import { u32At, windowOver } from '../bmes/byteWindow';
import { BMES_MAGIC } from '../bmes/flags';
import type { BmesHeader, U32Field } from '../bmes/model';
import type { FileVerdict } from '../verdict/verdict';
import { headerFields } from './buildViewModel';
import type { ViewModel, ViewRegion } from './types';

/** Bytes of the file's start that go with the preview: one page of the webview's hex view, so it needs no read. */
export const PREVIEW_BYTES = 64 * 1024;

/** Nothing is checked yet: the verdict says so, never "no problems". */
const NOT_CHECKED_YET: FileVerdict = {
  outcome: { summary: 'Reading the module record', reason: 'The header is shown; the tables, the bytecode and the checks follow once the file is decoded.' },
  tone: 'unchecked',
  severity: null,
  counts: { error: 0, warning: 0, info: 0 },
  checks: [],
  clean: false,
  status: 'Nothing checked yet.',
};

/** The header as the decoder reads it (decode.ts): magic, version, and for versions 2 and 3 the bytecode's offset and size. */
function headerOf(head: Uint8Array, size: number): BmesHeader | null {
  const window = windowOver(head);
  const available = Math.min(head.length, size);
  if (available < 4 || u32At(window, 0) !== BMES_MAGIC) return null;
  const u32 = (offset: number): U32Field => ({ offset, length: 4, value: u32At(window, offset) });
  const magic = u32(0);
  if (available < 8) return { magic, version: null, bytecodeOffset: null, bytecodeSize: null };
  const version = u32(4);
  if ((version.value !== 2 && version.value !== 3) || available < 16) return { magic, version, bytecodeOffset: null, bytecodeSize: null };
  return { magic, version, bytecodeOffset: u32(8), bytecodeSize: u32(12) };
}

/**
 * The preview of a file of `size` bytes that starts with `head`; null when it does not start with the BMES magic
 * (Bun's other containers are recognised by more than their first bytes, so they wait for the decode).
 */
export function buildPreviewModel(head: Uint8Array, size: number): ViewModel | null {
  const header = headerOf(head, size);
  if (!header) return null;
  const v = header.version?.value;
  const headerLength = Math.min(size, v === 2 || v === 3 ? 16 : v !== undefined ? 8 : 4);
  const regions: ViewRegion[] = [{ kind: 'header', label: 'Header', offset: 0, length: headerLength }];
  if (size > headerLength) regions.push({ kind: 'unparsed', label: 'Not read yet', offset: headerLength, length: size - headerLength });
  return {
    kind: 'bmes',
    // As the full model names it (buildViewModel).
    kindName: v !== undefined ? `BMES version ${v}` : 'Not BMES (checked as BMES)',
    sections: [],
    module: null,
    size,
    version: v ?? null,
    verdict: NOT_CHECKED_YET,
    header: headerFields(header, size),
    layout: [{ key: 'fileSize', label: 'File size', offset: 0, length: size, value: size, meaning: 'the whole file' }],
    tables: [],
    codeFeatures: null,
    regions,
    jsc: null,
    bytecode: null,
    diagnostics: [],
  };
}
