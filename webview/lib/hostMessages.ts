/**
 * Checks the shape of messages arriving on `window`: anything can post to a webview's window, and only the
 * protocol's messages are acted upon.
 */
import type { HostToWebview } from '../../extension/protocol';

const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function parseHostMessage(data: unknown): HostToWebview | null {
  if (!isObject(data)) return null;
  switch (data['type']) {
    case 'model': {
      const model = data['model'];
      const ok =
        isUint(data['generation']) &&
        typeof data['fileName'] === 'string' &&
        isObject(model) &&
        isUint(model['size']) &&
        Array.isArray(model['header']) &&
        Array.isArray(model['layout']) &&
        Array.isArray(model['tables']) &&
        Array.isArray(model['regions']) &&
        Array.isArray(model['diagnostics']) &&
        isObject(model['verdict']);
      return ok ? (data as unknown as HostToWebview) : null;
    }
    case 'failed':
      return typeof data['fileName'] === 'string' && typeof data['message'] === 'string' ? (data as unknown as HostToWebview) : null;
    case 'deleted':
      return { type: 'deleted' };
    case 'bytes': {
      const bytes = asBytes(data['bytes']);
      return isUint(data['requestId']) && isUint(data['generation']) && isUint(data['offset']) && bytes
        ? { type: 'bytes', requestId: data['requestId'], generation: data['generation'], offset: data['offset'], bytes }
        : null;
    }
    case 'embeddedSource':
      return isUint(data['requestId']) && isUint(data['generation']) && typeof data['text'] === 'string' ? (data as unknown as HostToWebview) : null;
    case 'requestFailed':
      return isUint(data['requestId']) && typeof data['message'] === 'string' ? (data as unknown as HostToWebview) : null;
    case 'reveal':
      return isUint(data['offset']) && isUint(data['length']) ? (data as unknown as HostToWebview) : null;
    default:
      return null;
  }
}

/** Binary pages may arrive as any typed array or as a bare ArrayBuffer, depending on how the host sent them. */
function asBytes(v: unknown): Uint8Array | null {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}
