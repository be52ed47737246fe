import { ARTIFACT_DIAGNOSTIC_CODES, type ArtifactDiagnosticCode } from '../artifact/codes';
import { windowOver } from '../bmes/byteWindow';
import { checkJscKey } from '../bmes/checkJsc';
import type { DecodeOptions } from '../bmes/decode';
import { DiagnosticSink, hex } from '../bmes/diagnostics';
import { jscTagName } from '../bmes/flags';
import { decodeJscSection } from '../bmes/jsc';
import { bunReleaseName, knownCacheVersion, sourceHashCheckable } from '../bmes/jscVersions';
import type { JscSection } from '../bmes/model';
import type { JscPayloadFile, PayloadVerdict, SidecarTrailer, U64Field } from './model';
import { wyhash } from './wyhash';

export const SIDECAR_TRAILER_SIZE = 24;
export const SIDECAR_MAGIC = Uint8Array.from([0x00, 0x62, 0x75, 0x6e, 0x2e, 0x6a, 0x73, 0x63]);

const MISS = 'Bun treats this as a silent cache miss: the module is compiled from source (no message, same behaviour, slower start).';

export interface PayloadOptions extends DecodeOptions {
  /** What the file is expected to hold: `program` for a CommonJS sidecar, `module` for an ES module's bytecode. */
  readonly expectedTag?: 'program' | 'module';
}

/** True when the file ends with Bun's sidecar magic `\0bun.jsc`. */
export function endsWithSidecarMagic(data: Uint8Array): boolean {
  if (data.length < SIDECAR_TRAILER_SIZE) return false;
  const tail = data.subarray(data.length - 8);
  return SIDECAR_MAGIC.every((b, i) => tail[i] === b);
}

/**
 * Decodes a file that holds one JavaScriptCore payload, with or without Bun 1.4.x's sidecar trailer. The trailer
 * is recognised by its magic, or — when the magic is damaged — by a compact payload whose size field leaves exactly
 * 24 bytes.
 */
export function decodeJscPayload(data: Uint8Array, options: PayloadOptions = {}): JscPayloadFile {
  const sink = new DiagnosticSink<ArtifactDiagnosticCode>(ARTIFACT_DIAGNOSTIC_CODES);
  const window = windowOver(data);
  const size = data.length;
  const whole = decodeJscSection(window, 0, size);
  const trailerAt = trailerOffset(data, whole);
  const payloadLength = trailerAt ?? size;
  const jsc = trailerAt === null ? whole : decodeJscSection(window, 0, payloadLength);
  const trailer = trailerAt === null ? null : readTrailer(data, trailerAt);
  const container = trailer ? 'sidecar' : 'bare';

  if (size < 4) {
    sink.add('truncated-header', { offset: 0, length: size }, `The file has ${size} bytes: a JavaScriptCore payload starts with a 4-byte cache version. ${MISS}`);
  } else if (!jsc || jsc.layout === 'unknown') {
    sink.add(
      'jsc-unrecognized-layout',
      { offset: 0, length: 4 },
      `The bytes match neither the classic (Bun 1.3) nor the compact (Bun 1.4) JavaScriptCore layout; only the cache version ${hex(jsc?.cacheVersion.value ?? 0, 8)} (${bunReleaseName(jsc?.cacheVersion.value ?? 0)}) is read. If Bun loads this file, JavaScriptCore decides; a damaged payload is a cache miss.`,
    );
  }
  if (trailer) checkTrailer(trailer, jsc, sink);
  else if (jsc?.layout === 'compact' && jsc.tag?.value === 0) {
    // A compact program payload is what Bun 1.4.x writes into a sidecar, always followed by its trailer.
    sink.add(
      'sidecar-trailer-missing',
      { offset: size, length: 0 },
      `A compact program payload (a Bun 1.4.x CommonJS sidecar) ends at ${hex(size)} without the 24-byte trailer (payload size, wyhash, "\\0bun.jsc") that Bun 1.4.x writes after every sidecar payload. Bun checks the trailer before it uses the bytes (inferred, spec §2.4), so the file is most likely ignored. ${MISS}`,
    );
  }
  if (jsc && jsc.layout !== 'unknown') {
    checkTag(jsc, container, options.expectedTag, sink);
    if (jsc.payloadSize && jsc.payloadSize.value !== payloadLength) {
      const what = jsc.payloadSize.value > payloadLength ? 'the payload was cut short' : 'bytes follow the payload';
      sink.add(
        'jsc-size-mismatch',
        jsc.payloadSize,
        `The payload size at ${hex(jsc.payloadSize.offset)} is ${jsc.payloadSize.value} bytes: expected ${payloadLength}, the bytes ${trailer ? 'before the trailer' : 'in the file'}; ${what}. ${MISS}`,
      );
    }
    if (!knownCacheVersion(jsc.cacheVersion.value)) {
      sink.add(
        'unknown-cache-version',
        jsc.cacheVersion,
        `The cache version ${hex(jsc.cacheVersion.value, 8)} is not one the inspector knows (Bun 1.3.6 to 1.4.5 are known): it was written by another Bun build. Bun uses it only if it is your Bun's own cache version.`,
      );
    }
    checkJscKey(jsc, MISS, options, sink);
  }
  const diagnostics = sink.sorted();
  return {
    kind: 'jsc-payload',
    size,
    container,
    payload: { offset: 0, length: payloadLength },
    jsc,
    trailer,
    writtenBy: jsc ? bunReleaseName(jsc.cacheVersion.value) : 'an unknown Bun build',
    diagnostics,
    verdict: verdictOf(jsc, diagnostics, options),
  };
}

function trailerOffset(data: Uint8Array, whole: JscSection | null): number | null {
  if (data.length < SIDECAR_TRAILER_SIZE + 4) return null;
  if (endsWithSidecarMagic(data)) return data.length - SIDECAR_TRAILER_SIZE;
  // Damaged magic: a compact payload whose own size field leaves exactly the trailer's 24 bytes.
  const at = data.length - SIDECAR_TRAILER_SIZE;
  const sizeField = u64(data, at);
  if (whole?.layout === 'compact' && whole.payloadSize?.value === at && sizeField.value === BigInt(at)) return at;
  return null;
}

function u64(data: Uint8Array, offset: number): U64Field {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { offset, length: 8, value: view.getBigUint64(offset, true) };
}

function readTrailer(data: Uint8Array, at: number): SidecarTrailer {
  const magicBytes = data.subarray(at + 16, at + 24);
  return {
    offset: at,
    length: SIDECAR_TRAILER_SIZE,
    payloadSize: u64(data, at),
    hash: u64(data, at + 8),
    computedHash: wyhash(0n, data.subarray(0, at)),
    magic: { offset: at + 16, length: 8, matches: SIDECAR_MAGIC.every((b, i) => magicBytes[i] === b) },
  };
}

function checkTrailer(trailer: SidecarTrailer, jsc: JscSection | null, sink: DiagnosticSink<ArtifactDiagnosticCode>): void {
  const expectedSize = BigInt(trailer.offset);
  if (trailer.payloadSize.value !== expectedSize) {
    sink.add(
      'sidecar-size-mismatch',
      trailer.payloadSize,
      `The trailer's payload size at ${hex(trailer.payloadSize.offset)} is ${trailer.payloadSize.value}: expected ${trailer.offset}, the bytes before the trailer. The file was cut or bytes were inserted. ${MISS}`,
    );
  }
  if (trailer.computedHash !== null && trailer.computedHash !== trailer.hash.value) {
    sink.add(
      'sidecar-hash-mismatch',
      trailer.hash,
      `The trailer's wyhash at ${hex(trailer.hash.offset)} is 0x${trailer.hash.value.toString(16).padStart(16, '0')}: expected 0x${trailer.computedHash.toString(16).padStart(16, '0')}, the wyhash (seed 0) of the ${trailer.offset} payload bytes. Some byte of the payload was changed after Bun wrote it. ${MISS}`,
    );
  }
  if (!trailer.magic.matches) {
    sink.add(
      'sidecar-bad-magic',
      trailer.magic,
      `The last 8 bytes are not Bun's sidecar magic 00 62 75 6e 2e 6a 73 63 ("\\0bun.jsc")${jsc?.layout === 'compact' ? ', though the payload and the trailer size say this is a Bun 1.4.x sidecar' : ''}. ${MISS}`,
    );
  }
}

function checkTag(jsc: JscSection, container: 'sidecar' | 'bare', expected: PayloadOptions['expectedTag'], sink: DiagnosticSink<ArtifactDiagnosticCode>): void {
  if (!jsc.tag) return;
  const tag = jsc.tag.value;
  if (jsc.layout === 'unknown') return;
  const name = jscTagName(jsc.layout, tag);
  // A sidecar is CommonJS only (Bun refuses ESM bytecode without --compile), so it must hold a program.
  const wanted = expected ?? (container === 'sidecar' ? 'program' : null);
  if (wanted === null) return;
  const wantedTag = wanted === 'program' ? 0 : 1;
  if (tag === wantedTag) return;
  sink.add(
    'unexpected-payload-tag',
    jsc.tag,
    wanted === 'program'
      ? `The payload's tag at ${hex(jsc.tag.offset)} is ${tag} (${name}): expected 0 (program). A sidecar is loaded for a CommonJS file, which is compiled as a program; Bun writes no other kind into a sidecar. ${MISS}`
      : `The payload's tag at ${hex(jsc.tag.offset)} is ${tag} (${name}): expected 1 (module), the bytecode of an ES module. ${MISS}`,
  );
}

function verdictOf(jsc: JscSection | null, diagnostics: PayloadVerdictInput, options: PayloadOptions): PayloadVerdict {
  const notChecked: string[] = [];
  if (options.expectedJscVersion === undefined) notChecked.push('cache version not compared with your Bun (no Bun configured or found)');
  if (!options.source) notChecked.push('source not checked: no source file given or found');
  else if (jsc && !sourceHashCheckable(jsc.cacheVersion.value)) notChecked.push(`source hash not checkable for ${bunReleaseName(jsc.cacheVersion.value)} (length compared)`);
  const firstError = diagnostics.find((d) => d.severity === 'error');
  if (firstError) {
    return {
      bytecodeUsed: false,
      summary: 'Silent cache miss: the module is compiled from source',
      reason: `${firstError.code} at ${hex(firstError.offset)}: ${firstError.message}`,
      notChecked,
    };
  }
  if (!jsc || jsc.layout === 'unknown') {
    return { bytecodeUsed: false, summary: 'Not a payload the inspector can read', reason: 'The layout is not recognised; JavaScriptCore decides.', notChecked };
  }
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (jsc.tag?.value === 1 && !options.expectedTag) {
    return {
      bytecodeUsed: false,
      summary: 'Well-formed module bytecode: Bun loads such bytes only from inside a --compile executable',
      reason: `A ${jsc.layout} ES module payload written by ${bunReleaseName(jsc.cacheVersion.value)} (as \`bmes extract\` writes a module's bytecode). Bun never loads a module payload from a .jsc file.`,
      notChecked,
    };
  }
  return {
    bytecodeUsed: true,
    summary: notChecked.length === 0 && warnings === 0 ? 'Bun will use this bytecode' : 'Bun will use this bytecode, as far as checked',
    reason: `A well-formed ${jsc.layout} payload written by ${bunReleaseName(jsc.cacheVersion.value)}${warnings ? `, with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`,
    notChecked,
  };
}

type PayloadVerdictInput = readonly { readonly severity: string; readonly code: string; readonly offset: number; readonly message: string }[];
