import { sourceKeyOfFile, type SourceKey } from '../bmes/superFastHash';
import { wtfStringHash } from '../bunRecord/wtfStringHash';
import { wyStringHash } from '../bunRecord/wyStringHash';

/**
 * A source file's key with the string hash of every build the inspector knows (SuperFastHash, 1.3.14's WebKit hash,
 * 1.4.x's rapidhash), so a cache from any of them is checked against the source's text, not only its length.
 */
export function fullSourceKey(bytes: Uint8Array): SourceKey {
  const key = sourceKeyOfFile(bytes);
  let text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ...key, hashes: { webkitWyHash: wyStringHash(text), rapidHash: wtfStringHash(text) } };
}
