import { i32At, i64At, u32At, type ByteWindow } from './byteWindow';
import type { JscSection, JscString, U32Field } from './model';

/**
 * Decodes the start of a JavaScriptCore bytecode cache (spec §5). Its layout is private to each
 * JavaScriptCore build, so layouts are recognised by fingerprint and only their stable header fields are
 * named; everything else stays bytes. Every read is bounded by the section, never by a value inside it.
 */

const NULL_OFFSET_64 = 0x7fffffffffffffffn;
const CLASSIC_HEADER_SIZE = 88;
const COMPACT_HEADER_SIZE = 44;
/** Origin URLs are short; a longer one is shown cut rather than read whole. */
const MAX_ORIGIN_UNITS = 4096;

export const CLASSIC_FIELDS = {
  cacheVersion: 0,
  bootSessionUuid: 8,
  tag: 24,
  provider: 32,
  sourceStart: 40,
  sourceEnd: 44,
  name: 48,
  keyFlags: 64,
  keyHash: 68,
  minusOne: 72,
  codeBlock: 80,
  /** Within the provider record. */
  providerOrigin: 16,
  providerSource: 112,
} as const;

export const COMPACT_FIELDS = {
  cacheVersion: 0,
  tag: 4,
  four: 8,
  payloadSize: 12,
  thirtyTwo: 16,
  sourceLength: 24,
  keyFlags: 32,
  keyHash: 36,
  minusOne: 40,
} as const;

export function decodeJscSection(window: ByteWindow, offset: number, size: number): JscSection | null {
  if (size < 4) return null;
  const field = (rel: number): U32Field => ({ offset: offset + rel, length: 4, value: u32At(window, offset + rel) });
  const cacheVersion = field(0);
  const empty = {
    offset,
    cacheVersion,
    tag: null,
    payloadSize: null,
    sourceStart: null,
    sourceEnd: null,
    sourceLength: null,
    sourceLengthField: null,
    keyFlags: null,
    keyHash: null,
    providerOffset: null,
    sourceOrigin: null,
    hasEmbeddedSource: null,
    embeddedSource: null,
  } as const;

  if (isClassic(window, offset, size)) {
    const sourceStart = field(CLASSIC_FIELDS.sourceStart);
    const sourceEnd = field(CLASSIC_FIELDS.sourceEnd);
    const provider = pointer64(window, offset, size, CLASSIC_FIELDS.provider);
    let sourceOrigin: JscSection['sourceOrigin'] = null;
    let embeddedSource: JscString | null = null;
    let hasEmbeddedSource: boolean | null = null;
    if (provider !== null && provider + CLASSIC_FIELDS.providerSource + 16 <= size) {
      const origin = cachedString(window, offset, size, provider + CLASSIC_FIELDS.providerOrigin);
      if (origin) sourceOrigin = { ...origin, value: readJscText(window, origin, MAX_ORIGIN_UNITS) };
      embeddedSource = cachedString(window, offset, size, provider + CLASSIC_FIELDS.providerSource);
      hasEmbeddedSource = embeddedSource !== null;
    }
    return {
      ...empty,
      layout: 'classic',
      tag: field(CLASSIC_FIELDS.tag),
      sourceStart,
      sourceEnd,
      sourceLength: sourceEnd.value - sourceStart.value,
      keyFlags: field(CLASSIC_FIELDS.keyFlags),
      keyHash: field(CLASSIC_FIELDS.keyHash),
      providerOffset: provider === null ? null : offset + provider,
      sourceOrigin,
      hasEmbeddedSource,
      embeddedSource,
    };
  }
  if (isCompact(window, offset, size)) {
    const sourceLengthField = field(COMPACT_FIELDS.sourceLength);
    return {
      ...empty,
      layout: 'compact',
      tag: field(COMPACT_FIELDS.tag),
      payloadSize: field(COMPACT_FIELDS.payloadSize),
      sourceLength: sourceLengthField.value,
      sourceLengthField,
      keyFlags: field(COMPACT_FIELDS.keyFlags),
      keyHash: field(COMPACT_FIELDS.keyHash),
    };
  }
  return { ...empty, layout: 'unknown' };
}

function isClassic(window: ByteWindow, offset: number, size: number): boolean {
  if (size < CLASSIC_HEADER_SIZE) return false;
  for (const rel of [8, 16]) {
    if (i64At(window, offset + rel) !== NULL_OFFSET_64) return false;
  }
  return u32At(window, offset + CLASSIC_FIELDS.tag) <= 2 && i32At(window, offset + CLASSIC_FIELDS.minusOne) === -1;
}

// The payload size at +12 is not part of the fingerprint (spec §5 correction): a payload cut short or with bytes
// appended is still the compact layout, and `jsc-size-mismatch` says what is wrong with it.
function isCompact(window: ByteWindow, offset: number, size: number): boolean {
  if (size < COMPACT_HEADER_SIZE) return false;
  return (
    u32At(window, offset + COMPACT_FIELDS.tag) <= 3 &&
    u32At(window, offset + COMPACT_FIELDS.four) === 4 &&
    u32At(window, offset + COMPACT_FIELDS.thirtyTwo) === 32 &&
    i32At(window, offset + COMPACT_FIELDS.minusOne) === -1
  );
}

/** Follows an 8-byte self-relative pointer at section offset `at`; null for the null marker or a target outside. */
function pointer64(window: ByteWindow, base: number, size: number, at: number): number | null {
  if (at < 0 || at + 8 > size) return null;
  const rel = i64At(window, base + at);
  if (rel === NULL_OFFSET_64) return null;
  const target = BigInt(at) + rel;
  if (target < 0n || target >= BigInt(size)) return null;
  return Number(target);
}

/** A 16-byte CachedString at section offset `at`: 8 unused bytes, then a pointer to a string record. */
function cachedString(window: ByteWindow, base: number, size: number, at: number): JscString | null {
  const record = pointer64(window, base, size, at + 8);
  if (record === null || record + 16 > size) return null;
  const chars = pointer64(window, base, size, record);
  if (chars === null) return null;
  const latin1 = (window.bytes(base + record + 8, 1)[0]! & 1) === 1;
  const units = u32At(window, base + record + 12);
  const byteLength = latin1 ? units : units * 2;
  if (chars + byteLength > size) return null;
  return { offset: base + chars, length: byteLength, units, latin1 };
}

/** The text of a JavaScriptCore string, up to `maxUnits` code units. */
export function readJscText(window: ByteWindow, text: JscString, maxUnits: number): string {
  const units = Math.min(text.units, maxUnits);
  const bytes = window.bytes(text.offset, text.latin1 ? units : units * 2);
  return decodeJscUnits(bytes, text.latin1);
}

export function decodeJscUnits(bytes: Uint8Array, latin1: boolean): string {
  // TextDecoder's "latin1" is really windows-1252; JavaScriptCore's 8-bit strings are ISO-8859-1.
  if (!latin1) return new TextDecoder('utf-16le').decode(bytes);
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text;
}
