import type { DecodeOptions } from './decode';
import { DiagnosticSink, hex, type LoaderFate } from './diagnostics';
import { BMES_MAGIC, jscTagName } from './flags';
import { SOURCE_HASH_NAMES, bunReleaseName, sourceHashFunction } from './jscVersions';
import type { BytecodeRegion, JscSection } from './model';

function rejection(fate: LoaderFate): string {
  return fate === 'v2-bytecode-only' || fate === 'v3'
    ? 'JavaScriptCore rejects the bytecode and compiles the module from source.'
    : 'Bun does not use this bytecode in any case (see the header diagnostics).';
}

export function checkJscSection(jsc: JscSection, bytecode: BytecodeRegion | null, fate: LoaderFate, options: DecodeOptions, sink: DiagnosticSink): void {
  if (jsc.layout === 'unknown') {
    const nested = jsc.cacheVersion.value === BMES_MAGIC;
    sink.add(
      'jsc-unrecognized-layout',
      jsc.cacheVersion,
      nested
        ? `The bytecode at ${hex(jsc.offset)} starts with the BMES magic: it is itself a BMES buffer, nested inside this one, not a JavaScriptCore cache. ${rejection(fate)}`
        : `The bytecode at ${hex(jsc.offset)} matches neither the classic (Bun 1.3) nor the compact (Bun 1.4) JavaScriptCore layout; only its cache version (${hex(jsc.cacheVersion.value, 8)}) is decoded. This alone is no fault: JavaScriptCore decides whether it accepts the bytes.`,
    );
  } else if (jsc.tag) {
    const tag = jsc.tag.value;
    // Both fingerprints admit only tags 0–3, so every tag but 1 (module) is 0, 2 or 3: all are errors.
    if (tag !== 1) {
      sink.add(
        'program-bytecode-in-module-cache',
        jsc.tag,
        `The JavaScriptCore tag at ${hex(jsc.tag.offset)} is ${tag} (${jscTagName(jsc.layout, tag)}): expected 1 (module), since a BMES file caches an ES module. This bytecode was compiled as ${tag === 0 ? 'a script or CommonJS program' : jscTagName(jsc.layout, tag) + ' code'}. ${rejection(fate)}`,
      );
    }
  }
  if (jsc.payloadSize && bytecode && jsc.payloadSize.value !== bytecode.length) {
    const available = bytecode.source === 'bare-jsc' ? 'the bytes in the file' : 'the bytecode size in the BMES header';
    const what = jsc.payloadSize.value > bytecode.length ? 'The payload was cut short' : 'Bytes were appended to the payload';
    sink.add(
      'jsc-size-mismatch',
      jsc.payloadSize,
      `The JavaScriptCore payload size at ${hex(jsc.payloadSize.offset)} is ${jsc.payloadSize.value} bytes: expected ${bytecode.length}, ${available}. ${what}. ${rejection(fate)}`,
    );
  }
  checkJscKey(jsc, rejection(fate), options, sink);
}

/**
 * The checks against what the user runs: the cache version of the user's Bun and the source key of the given
 * source. `consequence` says what the runtime does when a check fails, in the container's terms.
 */
export function checkJscKey(
  jsc: JscSection,
  consequence: string,
  options: DecodeOptions,
  sink: DiagnosticSink<'jsc-version-mismatch' | 'source-mismatch' | 'source-hash-unchecked'>,
): void {
  const expected = options.expectedJscVersion;
  if (expected !== undefined && jsc.cacheVersion.value !== expected) {
    sink.add(
      'jsc-version-mismatch',
      jsc.cacheVersion,
      `The JavaScriptCore cache version is ${hex(jsc.cacheVersion.value, 8)} (${bunReleaseName(jsc.cacheVersion.value)}): expected ${hex(expected, 8)} (${bunReleaseName(expected)}), the version your Bun writes. The cache was built by another Bun (another WebKit revision). ${consequence} Regenerate the cache with your Bun.`,
    );
  }
  // JavaScriptCore compares the cache version before the source key: a cache of another build is rejected for that,
  // and its key hash (made with that build's hash function) says nothing more.
  const versionRejected = expected !== undefined && jsc.cacheVersion.value !== expected;
  checkSource(jsc, consequence, options, sink, versionRejected);
}

function checkSource(jsc: JscSection, consequence: string, options: DecodeOptions, sink: DiagnosticSink<'source-mismatch' | 'source-hash-unchecked'>, lengthOnly = false): void {
  const source = options.source;
  if (!source || jsc.layout === 'unknown' || jsc.sourceLength === null) return;
  const lengthField = jsc.layout === 'classic' ? jsc.sourceEnd : jsc.sourceLengthField;
  const tail = `The cache was generated from other source text. ${consequence} Regenerate the cache from this source.`;
  if (jsc.sourceLength !== source.length) {
    sink.add(
      'source-mismatch',
      lengthField!,
      `The cache's key says the source is ${jsc.sourceLength} code units long: expected ${source.length}, the length of the given source file. ${tail}`,
    );
    return;
  }
  if (lengthOnly) return;
  // The key stores the build's string hash of the source xor the key flags. Where that hash function is not known
  // (or was not computed for this source), a "mismatch" would be no evidence of a stale cache: only the length is
  // compared, and the rest is said.
  const fn = sourceHashFunction(jsc.cacheVersion.value);
  const expected = fn === null ? undefined : fn === 'superFastHash' ? source.hash : source.hashes?.[fn];
  if (!jsc.keyHash || !jsc.keyFlags || fn === null || expected === undefined) {
    sink.add(
      'source-hash-unchecked',
      jsc.keyHash ?? lengthField!,
      `The source length matches the given source file (${source.length} code units), but the source hash could not be checked: the cache was written by ${bunReleaseName(jsc.cacheVersion.value)} (cache version ${hex(jsc.cacheVersion.value, 8)}), whose key hash function ${fn === null ? 'is not known' : `(${SOURCE_HASH_NAMES[fn]}) was not computed for this source`}. A cache with the same length but other text would be rejected by JavaScriptCore.`,
    );
    return;
  }
  const cacheHash = (jsc.keyHash.value ^ jsc.keyFlags.value) >>> 0;
  if (cacheHash !== expected) {
    sink.add(
      'source-mismatch',
      jsc.keyHash,
      `The cache's key hash is ${hex(jsc.keyHash.value, 6)} (source hash ${hex(cacheHash, 6)} after removing the key flags ${hex(jsc.keyFlags.value, 2)}): expected source hash ${hex(expected, 6)}, the ${SOURCE_HASH_NAMES[fn]} of the given source file (same length, different text). ${tail}`,
    );
  }
}
