/**
 * What the hex view's find looks for: hex bytes with `??` wildcards ("53 45 ?? 42", "5345??42") or text (its
 * UTF-8 bytes, optionally ignoring ASCII case). A pattern is per-position byte alternatives, so both kinds
 * match through one loop. Works on any file, not only BMES. Pure.
 */

export type FindMode = 'hex' | 'text';

export interface FindQuery {
  readonly mode: FindMode;
  readonly text: string;
  /** Text only: whether ASCII letters must match in case. */
  readonly caseSensitive: boolean;
}

/** Longest pattern accepted, in bytes: a search, not a diff. */
export const MAX_PATTERN_BYTES = 256;
/** Longest query text accepted by the host (before parsing). */
export const MAX_QUERY_TEXT = 1024;

export interface FindPattern {
  readonly length: number;
  /** Per position, the two bytes that match (equal when only one does). */
  readonly a: Uint8Array;
  readonly b: Uint8Array;
  /** Per position, 1 when any byte matches (`??`). */
  readonly wild: Uint8Array;
}

export type ParsedPattern = { readonly ok: true; readonly pattern: FindPattern } | { readonly ok: false; readonly message: string };

const fail = (message: string): ParsedPattern => ({ ok: false, message });

function build(length: number, fill: (i: number, a: Uint8Array, b: Uint8Array, wild: Uint8Array) => void): FindPattern {
  const a = new Uint8Array(length);
  const b = new Uint8Array(length);
  const wild = new Uint8Array(length);
  for (let i = 0; i < length; i++) fill(i, a, b, wild);
  return { length, a, b, wild };
}

/** Hex digits in pairs, `??` for any byte; spaces, commas and a `0x` prefix per byte are allowed. */
export function parseHexPattern(text: string): ParsedPattern {
  const compact = text.replace(/0x/gi, '').replace(/[\s,]+/g, '');
  if (compact === '') return fail('Type hex bytes, such as 53 45 4D 42 (?? matches any byte).');
  if (!/^([0-9a-f]{2}|\?\?)+$/i.test(compact)) {
    return fail(/[^0-9a-f?]/i.test(compact) ? 'Only hex digits and ?? (any byte) can be searched for in hex.' : 'Hex bytes take two digits each (or ?? for any byte).');
  }
  const length = compact.length / 2;
  if (length > MAX_PATTERN_BYTES) return fail(`At most ${MAX_PATTERN_BYTES} bytes can be searched for.`);
  const pattern = build(length, (i, a, b, wild) => {
    const pair = compact.slice(2 * i, 2 * i + 2);
    if (pair === '??') wild[i] = 1;
    else a[i] = b[i] = parseInt(pair, 16);
  });
  if (pattern.wild.every((w) => w === 1)) return fail('A pattern of only ?? matches everywhere: add at least one byte.');
  return { ok: true, pattern };
}

const utf8 = new TextEncoder();

/** The text's UTF-8 bytes; without case sensitivity an ASCII letter also matches its other case. */
export function parseTextPattern(text: string, caseSensitive: boolean): ParsedPattern {
  if (text === '') return fail('Type the text to find.');
  const bytes = utf8.encode(text);
  if (bytes.length > MAX_PATTERN_BYTES) return fail(`At most ${MAX_PATTERN_BYTES} bytes can be searched for.`);
  const other = (c: number) => (caseSensitive ? c : c >= 0x41 && c <= 0x5a ? c + 0x20 : c >= 0x61 && c <= 0x7a ? c - 0x20 : c);
  return {
    ok: true,
    pattern: build(bytes.length, (i, a, b) => {
      a[i] = bytes[i]!;
      b[i] = other(bytes[i]!);
    }),
  };
}

export function parseQuery(query: FindQuery): ParsedPattern {
  return query.mode === 'hex' ? parseHexPattern(query.text) : parseTextPattern(query.text, query.caseSensitive);
}
