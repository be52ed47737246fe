import { BytesNotLoaded, PAGE_SIZE, PagedWindow, u32At, windowOver, type ByteWindow, type RangeSource } from './byteWindow';
import { checkJscSection } from './checkJsc';
import { checkLayout } from './checkLayout';
import { checkRecords } from './checkRecords';
import { ColumnReader } from './columnReader';
import { readExportEntries, readImportEntries, readRequestedModules, readStarExports, readVariables } from './decodeRecords';
import { DiagnosticSink, hex, plural, type LoaderFate } from './diagnostics';
import { BMES_MAGIC, BMES_MAGIC_TEXT } from './flags';
import { decodeJscSection } from './jsc';
import { listsOfTables } from './listsOfTables';
import type { BmesFile, BmesHeader, BytecodeRegion, JscSection, U32Field } from './model';
import type { RecordTables } from './recordTables';
import { RecordTablesBuilder } from './recordTablesBuilder';
import type { SourceKey } from './superFastHash';
import { verdictOf } from './verdict';

export interface DecodeOptions {
  /** The JavaScriptCore cache version the user's Bun writes; a different one is `jsc-version-mismatch`. */
  readonly expectedJscVersion?: number;
  /** The key of the source file the cache is meant for; a different one is `source-mismatch`. */
  readonly source?: SourceKey;
  /** How many bytes of record tables to keep at most (default `MAX_TABLE_BYTES`, 288 MiB); past it, `record-limit`. */
  readonly maxTableBytes?: number;
}

/**
 * Decodes a whole file held in memory. Never throws. The result reads its ASCII strings from `data` when they
 * are first asked for (no copy), so `data` must not be changed while the result is in use.
 */
export function decodeBmes(data: Uint8Array, options: DecodeOptions = {}): BmesFile {
  return decodeGuarded(windowOver(data), options);
}

export interface RangedDecodeResult {
  readonly file: BmesFile;
  /** Bytes fetched from the source: the header, the metadata and the start of the bytecode, never all of it. */
  readonly bytesRead: number;
}

/**
 * Decodes from a ranged source, fetching only what the decode touches. Decoding is cheap next to I/O, so a
 * read that misses re-runs it after fetching; the metadata is fetched in doubling chunks to keep that linear.
 * Rejects only when the source itself fails to read.
 */
export async function decodeBmesFrom(source: RangeSource, options: DecodeOptions = {}): Promise<RangedDecodeResult> {
  const window = new PagedWindow(source);
  await prefetchMetadata(window);
  for (;;) {
    try {
      return { file: decodeWindow(window, options), bytesRead: window.bytesRead };
    } catch (error) {
      if (!(error instanceof BytesNotLoaded)) return { file: internalFailure(source.size, error), bytesRead: window.bytesRead };
      await window.load(error);
    }
  }
}

/** The most of a file's metadata read at once on the word of its header; the rest is read ahead as it is decoded. */
export const MAX_PREFETCH_BYTES = 32 * 1024 * 1024;

/**
 * Reads the header's page, and when it is a version 2 or 3 header, the metadata it says comes before the bytecode
 * (up to `MAX_PREFETCH_BYTES`, never past the file): the decode reads all of that anyway. A header that lies costs
 * at most that read; the decode itself never trusts the hint.
 */
async function prefetchMetadata(window: PagedWindow): Promise<void> {
  if (window.size < 12) return;
  await window.prefetch(0, Math.min(PAGE_SIZE, window.size));
  const magic = window.u32(0);
  const version = window.u32(4);
  if (magic !== BMES_MAGIC || (version !== 2 && version !== 3)) return;
  const end = Math.min(window.u32(8), window.size, MAX_PREFETCH_BYTES);
  if (end > PAGE_SIZE) await window.prefetch(PAGE_SIZE, end);
}

function decodeGuarded(window: ByteWindow, options: DecodeOptions): BmesFile {
  try {
    return decodeWindow(window, options);
  } catch (error) {
    return internalFailure(window.size, error);
  }
}

/** A decoder bug must still leave the user a diagnostic rather than a crash; tests assert it never happens. */
function internalFailure(size: number, error: unknown): BmesFile {
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...emptyFile(size),
    diagnostics: [{ code: 'internal-error', severity: 'error', offset: 0, length: 0, message: `Internal decoder error: ${message}` }],
    verdict: verdictOf({ fate: 'not-bmes', metadataRead: false, jsc: null, diagnostics: [] }),
  };
}

function emptyFile(size: number): Omit<BmesFile, 'diagnostics' | 'verdict'> {
  return {
    size,
    header: { magic: null, version: null, bytecodeOffset: null, bytecodeSize: null },
    requestedModules: null,
    importEntries: null,
    exportEntries: null,
    starExports: null,
    declaredVariables: null,
    lexicalVariables: null,
    codeFeatures: null,
    metadataEnd: null,
    padding: null,
    gap: null,
    bytecode: null,
    trailing: null,
    jsc: null,
  };
}

const NOT_BMES_CONSEQUENCE = 'Bun hands the whole file to JavaScriptCore as plain bytecode, which rejects it; the module is compiled from source.';

function decodeWindow(window: ByteWindow, options: DecodeOptions): BmesFile {
  const size = window.size;
  const sink = new DiagnosticSink();
  const u32 = (offset: number): U32Field => ({ offset, length: 4, value: u32At(window, offset) });
  const finish = (parts: Partial<BmesFile> & { header: BmesHeader }, fate: LoaderFate, metadataRead: boolean): BmesFile => {
    const jsc = parts.jsc ?? null;
    if (jsc) checkJscSection(jsc, parts.bytecode ?? null, fate, options, sink);
    const diagnostics = sink.sorted();
    return { ...emptyFile(size), ...parts, diagnostics, verdict: verdictOf({ fate, metadataRead, jsc, diagnostics }) };
  };

  if (size < 4) {
    sink.add('truncated-header', { offset: 0, length: 4 }, `The file is ${plural(size, 'byte')} long: expected at least 8 (magic and version). ${NOT_BMES_CONSEQUENCE}`);
    return finish({ header: emptyFile(size).header }, 'not-bmes', false);
  }

  const magic = u32(0);
  if (magic.value !== BMES_MAGIC) {
    const bare = decodeJscSection(window, 0, size);
    const recognised = bare !== null && bare.layout !== 'unknown';
    sink.add(
      'bad-magic',
      magic,
      `Expected the magic ${hex(BMES_MAGIC, 8)} (bytes 53 45 4d 42, "${BMES_MAGIC_TEXT}"), found ${hex(magic.value, 8)} (bytes ${bytesText(window, 0, 4)}). ` +
        (recognised
          ? `The whole file is a bare JavaScriptCore bytecode cache (${bare.layout} layout${sidecarNote(window, bare)}), not a BMES container: Bun hands it to JavaScriptCore as plain bytecode, which can accept it only if its tag, cache version and source key match; the module record is parsed from source.`
          : NOT_BMES_CONSEQUENCE),
    );
    if (size < 8) {
      sink.add(
        'truncated-header',
        { offset: 4, length: 4 },
        `The file ends inside the version field at 0x4: expected 4 bytes, found ${plural(size - 4, 'byte')}. ${NOT_BMES_CONSEQUENCE}`,
      );
    }
    const header: BmesHeader = { magic, version: null, bytecodeOffset: null, bytecodeSize: null };
    if (!recognised) return finish({ header }, 'not-bmes', false);
    // A sidecar's trailer is not part of the payload: leave it out of the bytecode region.
    const payloadLength = hasSidecarTrailer(window) ? size - SIDECAR_TRAILER_SIZE : size;
    const trailing = payloadLength < size ? { offset: payloadLength, length: size - payloadLength } : null;
    return finish({ header, bytecode: { offset: 0, length: payloadLength, source: 'bare-jsc' }, jsc: bare, trailing }, 'not-bmes', false);
  }

  if (size < 8) {
    sink.add(
      'truncated-header',
      { offset: 4, length: 4 },
      `The file ends inside the version field at 0x4: expected 4 bytes, found ${plural(size - 4, 'byte')}. ${NOT_BMES_CONSEQUENCE}`,
    );
    return finish({ header: { magic, version: null, bytecodeOffset: null, bytecodeSize: null } }, 'not-bmes', false);
  }

  const version = u32(4);
  switch (version.value) {
    case 1:
      return decodeVersion1(window, sink, magic, version, finish, options);
    case 2:
    case 3:
      return decodeVersion23(window, sink, magic, version, finish, options);
    default:
      sink.add(
        'unknown-version',
        version,
        `Expected version 3 (or legacy 1 or 2), found ${version.value} (${hex(version.value)}); no public Bun writes it, so nothing past the version is decoded. Bun hands the whole file to JavaScriptCore, which rejects it; the module is compiled from source.`,
      );
      return finish({ header: { magic, version, bytecodeOffset: null, bytecodeSize: null } }, 'unknown-version', false);
  }
}

type Finish = (parts: Partial<BmesFile> & { header: BmesHeader }, fate: LoaderFate, metadataRead: boolean) => BmesFile;

function decodeVersion1(window: ByteWindow, sink: DiagnosticSink, magic: U32Field, version: U32Field, finish: Finish, options: DecodeOptions): BmesFile {
  const fate: LoaderFate = 'v1-ignored';
  sink.add(
    'legacy-version',
    version,
    'Expected version 3, found version 1, the first BMES layout (no bytecode offset, no variable environments). Bun ignores the whole file: it hands it to JavaScriptCore, which rejects it because its first word is the BMES magic, not a cache version; the module is compiled from source and the cache is dead weight.',
  );
  const reader = new ColumnReader(window, 8, sink, fate, new RecordTablesBuilder(window), options.maxTableBytes);
  readModuleLists(reader);
  const sizeField = reader.topLevelU32('the version-1 bytecode size field');
  const header: BmesHeader = { magic, version, bytecodeOffset: null, bytecodeSize: sizeField };
  const tables = reader.tables.build();
  const lists = listsOfTables(tables);
  if (!sizeField) return finish({ header, ...lists, tables }, fate, false);

  const start = sizeField.offset + 4;
  const available = window.size - start;
  let bytecode: BytecodeRegion | null = null;
  let trailing = null;
  if (sizeField.value > available) {
    sink.add(
      'bytecode-out-of-bounds',
      sizeField,
      `The version-1 bytecode size at ${hex(sizeField.offset)} is ${sizeField.value}: expected at most ${available}, the bytes left after the size field (file size − bytecode size − 4 should be ${hex(sizeField.offset)}). Bun ignores version-1 files in any case.`,
    );
  } else {
    bytecode = { offset: start, length: sizeField.value, source: 'v1-size-field' };
    if (sizeField.value < available) {
      trailing = { offset: start + sizeField.value, length: available - sizeField.value };
      sink.add(
        'trailing-bytes',
        trailing,
        `${plural(trailing.length, 'byte')} follow the bytecode at ${hex(trailing.offset)}: expected the version-1 bytecode to run to the end of the file. Bun ignores version-1 files in any case.`,
      );
    }
  }
  const jsc = bytecode ? decodeJscSection(window, bytecode.offset, bytecode.length) : null;
  checkRecords(tables, null, fate, sink);
  return finish({ header, ...lists, tables, metadataEnd: sizeField.offset, bytecode, trailing, jsc }, fate, true);
}

function decodeVersion23(window: ByteWindow, sink: DiagnosticSink, magic: U32Field, version: U32Field, finish: Finish, options: DecodeOptions): BmesFile {
  const size = window.size;
  const isV2 = version.value === 2;
  if (size < 16) {
    sink.add(
      'truncated-header',
      { offset: 8, length: 8 },
      `The file is ${plural(size, 'byte')} long: expected at least 16 for the version-${version.value} header (bytecode offset and size at 0x8). ${NOT_BMES_CONSEQUENCE}`,
    );
    return finish({ header: { magic, version, bytecodeOffset: null, bytecodeSize: null } }, 'header-rejected', false);
  }
  const bytecodeOffset: U32Field = { offset: 8, length: 4, value: u32At(window, 8) };
  const bytecodeSize: U32Field = { offset: 12, length: 4, value: u32At(window, 12) };
  const header: BmesHeader = { magic, version, bytecodeOffset, bytecodeSize };
  // 64-bit arithmetic, as Bun's check: 32-bit arithmetic would wrap and accept an impossible range.
  const end = bytecodeOffset.value + bytecodeSize.value;
  const inBounds = end <= size;
  const fate: LoaderFate = !inBounds ? 'header-rejected' : isV2 ? 'v2-bytecode-only' : 'v3';

  if (isV2) {
    sink.add(
      'legacy-version',
      version,
      "Expected version 3, found version 2. Its layout is inferred (no version-2 writer survives): the 16-byte header and the four module lists, without variable environments or code features. Bun uses the bytecode from the header's offset but ignores the metadata and parses the module: half the benefit.",
      'warning',
    );
  }
  if (!inBounds) {
    sink.add(
      'bytecode-out-of-bounds',
      { offset: 8, length: 8 },
      `The header says the bytecode is at ${hex(bytecodeOffset.value)} with ${plural(bytecodeSize.value, 'byte')}, ending at ${hex(end)}${end > 0xffffffff ? ' (past 2^32: a 32-bit check would wrap around and accept it)' : ''}: expected it to end within the file's ${plural(size, 'byte')}. Bun hands the whole file to JavaScriptCore, which rejects it; the module is compiled from source.`,
    );
  }
  if (bytecodeOffset.value % 8 !== 0) {
    sink.add(
      'bytecode-misaligned',
      bytecodeOffset,
      `The bytecode offset ${hex(bytecodeOffset.value)} is not a multiple of 8: Bun's writer always aligns it. Bun still uses the bytes as they are, but JavaScriptCore's cache expects aligned data, so this file was not written by Bun's writer.`,
    );
  }

  const reader = new ColumnReader(window, 16, sink, fate, new RecordTablesBuilder(window), options.maxTableBytes);
  readModuleLists(reader);
  if (!isV2) {
    readVariables(reader, 'declaredVariables');
    readVariables(reader, 'lexicalVariables');
  }
  const codeFeatures = isV2 ? null : reader.topLevelU32('the code-feature bits');
  const metadataRead = !reader.failed;
  const tables: RecordTables = reader.tables.build();
  const records = { ...listsOfTables(tables), tables, codeFeatures };
  checkRecords(tables, codeFeatures, fate, sink);

  const bytecode: BytecodeRegion | null = inBounds ? { offset: bytecodeOffset.value, length: bytecodeSize.value, source: 'header' } : null;
  const layout = metadataRead ? checkLayout(window, reader.pos, bytecode, fate, isV2, sink) : { padding: null, gap: null };
  let trailing = null;
  if (bytecode && end < size) {
    trailing = { offset: end, length: size - end };
    sink.add(
      'trailing-bytes',
      trailing,
      `${plural(trailing.length, 'byte')} follow the bytecode at ${hex(end)}: expected the file to end where the bytecode ends (Bun's writer ends it there). Bun ignores them, but something appended to or resized the file.`,
    );
  }
  const jsc: JscSection | null = bytecode ? decodeJscSection(window, bytecode.offset, bytecode.length) : null;
  return finish({ header, ...records, metadataEnd: metadataRead ? reader.pos : null, ...layout, bytecode, trailing, jsc }, fate, metadataRead);
}

function readModuleLists(reader: ColumnReader): void {
  readRequestedModules(reader);
  readImportEntries(reader);
  readExportEntries(reader);
  readStarExports(reader);
}

function bytesText(window: ByteWindow, offset: number, length: number): string {
  return Array.from(window.bytes(offset, length), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Bun's CommonJS sidecars end with a 24-byte trailer: u64 payload size, u64 wyhash, "\0bun.jsc". */
const SIDECAR_TRAILER_SIZE = 24;

function hasSidecarTrailer(window: ByteWindow): boolean {
  if (window.size < SIDECAR_TRAILER_SIZE) return false;
  const tail = window.bytes(window.size - 8, 8);
  return tail[0] === 0 && new TextDecoder().decode(tail.subarray(1)) === 'bun.jsc';
}

function sidecarNote(window: ByteWindow, jsc: JscSection): string {
  if (!hasSidecarTrailer(window)) return '';
  const payload = jsc.payloadSize ? `, ${plural(jsc.payloadSize.value, 'byte')} of payload` : '';
  return `, a CommonJS sidecar with Bun's "\\0bun.jsc" trailer${payload}`;
}
