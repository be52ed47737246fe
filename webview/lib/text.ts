/** Text from file bytes, made safe to show: decoding, visible control characters, hex. Pure. */

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The selection as UTF-8 (invalid sequences become U+FFFD), with control characters made visible. */
export function utf8Text(bytes: Uint8Array): string {
  return visibleControls(utf8.decode(bytes));
}

/**
 * Control and bidirectional-override characters as escapes (`\n`, `\u001b`, `\u202e`), so text from a file
 * can neither disturb the layout nor disguise itself.
 */
export function visibleControls(text: string): string {
  // \p{Cc}: the C0 controls, DEL and the C1 controls (U+0000–U+001F, U+007F–U+009F).
  return text.replace(/[\p{Cc}\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  });
}

/** Bytes as space-separated upper-case hex pairs. */
export function hexOf(bytes: Uint8Array): string {
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = bytes[i]!.toString(16).padStart(2, '0').toUpperCase();
  return parts.join(' ');
}
