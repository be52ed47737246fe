/**
 * The view model of a BMES file of which only the first page has been read: the header fields, the file size, a
 * hex view with only the header coloured, and the rows of the record lists that lie whole in that page. The host
 * sends it before the module record is decoded and checked, so that the header, the first hex rows and the first
 * table rows do not wait for the rest (a 50 MB cache with 80,000 records, or a list of 100,000 exports, takes a few
 * hundred milliseconds more). Nothing in it is checked: the webview shows it as "reading". Pure: the host calls
 * it, tests call it.
 */
import { u32At, windowOver } from '../bmes/byteWindow';
import { decodeBmes } from '../bmes/decode';
import { BMES_MAGIC } from '../bmes/flags';
import type { BmesHeader, U32Field } from '../bmes/model';
import type { FileVerdict } from '../verdict/verdict';
import { headerFields } from './buildViewModel';
import { buildTableViews } from './tableViews';
import type { ViewModel, ViewRegion, ViewTable } from './types';

/**
 * Files smaller than this get no preview: their decode takes milliseconds, and a preview would only make the view
 * change twice. Larger ones may hold hundreds of thousands of records (a 50 MB cache: ~80,000, 2 MB of metadata).
 */
export const MIN_PREVIEW_FILE = 1024 * 1024;

/** Bytes of the file's start that go with the preview: one page of the webview's hex view, so it needs no read. */
export const PREVIEW_BYTES = 64 * 1024;

/** Nothing is checked yet: the verdict says so, never "no problems". */
const NOT_CHECKED_YET: FileVerdict = {
  outcome: {
    summary: 'Reading the module record',
    reason: 'The header and what the first 64 KB hold are shown; the rest of the tables, the bytecode and the checks follow once the file is decoded.',
  },
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
 * The rows of each list that lie whole in `head`, decoded as the full decode will (the same decoder, over fewer
 * bytes): a list the page ends in is cut short there, a list it does not reach is absent, and the "used by" counts,
 * which need every list, are left blank. Its diagnostics are those of a file that ends where the page does, so none
 * of them is kept.
 */
function firstRows(head: Uint8Array, size: number): ViewTable[] {
  if (head.length >= size) return [];
  const tables = decodeBmes(head).tables;
  return tables ? buildTableViews(tables, true) : [];
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
    tables: firstRows(head, size),
    codeFeatures: null,
    regions,
    jsc: null,
    bytecode: null,
    diagnostics: [],
  };
}
