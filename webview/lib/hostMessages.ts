/**
 * Checks the shape of messages arriving on `window`: anything can post to a webview's window, and only the
 * protocol's messages are acted upon.
 */
import type { Instruction } from '../../extension/jscBytecode/disassemble';
import { parseSplitPreference, type CacheChecks, type HostToWebview } from '../../extension/protocol';
import type { ViewModel } from '../../extension/viewModel/types';

const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isText = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** The host's checks, or null when absent or malformed (the model is shown either way, without them). */
export function parseChecks(v: unknown): CacheChecks | null {
  if (!isObject(v)) return null;
  const jsc = v['expectedJscVersion'];
  const ok =
    isUint(v['expectedVersion']) &&
    (jsc === null || (isUint(jsc) && jsc <= 0xffffffff)) &&
    isText(v['expectedJscVersionFrom']) &&
    isText(v['jscVersionProblem']) &&
    isText(v['sourcePath']) &&
    typeof v['canRegenerate'] === 'boolean' &&
    Array.isArray(v['regenerateDisabledReasons']) &&
    v['regenerateDisabledReasons'].every((r) => typeof r === 'string');
  if (!ok) return null;
  return {
    expectedVersion: v['expectedVersion'] as number,
    expectedJscVersion: jsc as number | null,
    expectedJscVersionFrom: v['expectedJscVersionFrom'] as string | null,
    jscVersionProblem: v['jscVersionProblem'] as string | null,
    sourcePath: v['sourcePath'] as string | null,
    canRegenerate: v['canRegenerate'] as boolean,
    regenerateDisabledReasons: [...(v['regenerateDisabledReasons'] as string[])],
  };
}

/** The envelope of a `model` or `preview`: a generation, a file name and a model of the expected shape. */
function isModelMessage(data: Record<string, unknown>): boolean {
  const model = data['model'];
  return (
    isUint(data['generation']) &&
    typeof data['fileName'] === 'string' &&
    isObject(model) &&
    isUint(model['size']) &&
    Array.isArray(model['header']) &&
    Array.isArray(model['layout']) &&
    Array.isArray(model['tables']) &&
    Array.isArray(model['regions']) &&
    Array.isArray(model['diagnostics']) &&
    isObject(model['verdict'])
  );
}

export function parseHostMessage(data: unknown): HostToWebview | null {
  if (!isObject(data)) return null;
  switch (data['type']) {
    case 'preview': {
      const bytes = asBytes(data['bytes']);
      if (!isModelMessage(data) || !bytes) return null;
      return { type: 'preview', generation: data['generation'] as number, fileName: data['fileName'] as string, model: data['model'] as ViewModel, bytes };
    }
    case 'model': {
      if (!isModelMessage(data)) return null;
      const checks = parseChecks(data['checks']);
      const bytes = data['bytes'] === undefined ? undefined : asBytes(data['bytes']);
      if (bytes === null) return null;
      const { checks: _ignored, bytes: _alsoIgnored, ...rest } = data;
      return { ...rest, ...(checks ? { checks } : {}), ...(bytes ? { bytes } : {}) } as unknown as HostToWebview;
    }
    case 'regenerated':
      return typeof data['summary'] === 'string' ? { type: 'regenerated', summary: data['summary'] } : null;
    case 'failed':
      return typeof data['fileName'] === 'string' && typeof data['message'] === 'string' ? (data as unknown as HostToWebview) : null;
    case 'deleted':
      return { type: 'deleted' };
    case 'goToOffset':
      return { type: 'goToOffset' };
    case 'bytes': {
      const bytes = asBytes(data['bytes']);
      return isUint(data['requestId']) && isUint(data['generation']) && isUint(data['offset']) && bytes
        ? { type: 'bytes', requestId: data['requestId'], generation: data['generation'], offset: data['offset'], bytes }
        : null;
    }
    case 'embeddedSource':
      return isUint(data['requestId']) && isUint(data['generation']) && typeof data['text'] === 'string' ? (data as unknown as HostToWebview) : null;
    case 'found': {
      const offsets = asOffsets(data['offsets']);
      return isUint(data['requestId']) && isUint(data['generation']) && isUint(data['length']) && isUint(data['count']) && typeof data['countCapped'] === 'boolean' && offsets
        ? { type: 'found', requestId: data['requestId'], generation: data['generation'], length: data['length'], offsets, count: data['count'], countCapped: data['countCapped'] }
        : null;
    }
    case 'sourceText':
      return isUint(data['requestId']) && isUint(data['generation']) && typeof data['name'] === 'string' && typeof data['text'] === 'string'
        ? { type: 'sourceText', requestId: data['requestId'], generation: data['generation'], name: data['name'], text: data['text'] }
        : null;
    case 'disassembly': {
      const instructions = asInstructions(data['instructions']);
      const rest = data['rest'];
      const restOk = rest === null || (isObject(rest) && isUint(rest['offset']) && isUint(rest['length']));
      return isUint(data['requestId']) && isUint(data['generation']) && instructions && restOk && isText(data['stopped']) && isText(data['table'])
        ? {
            type: 'disassembly',
            requestId: data['requestId'],
            generation: data['generation'],
            instructions,
            rest: rest === null ? null : { offset: (rest as Record<string, number>)['offset']!, length: (rest as Record<string, number>)['length']! },
            stopped: data['stopped'] as string | null,
            table: data['table'] as string | null,
          }
        : null;
    }
    case 'requestFailed':
      return isUint(data['requestId']) && typeof data['message'] === 'string' ? (data as unknown as HostToWebview) : null;
    case 'reveal':
      return isUint(data['offset']) && isUint(data['length']) ? (data as unknown as HostToWebview) : null;
    case 'layout': {
      const split = parseSplitPreference(data['split']);
      return split ? { type: 'layout', split } : null;
    }
    default:
      return null;
  }
}

/** Instructions as the host's disassembler lists them: offsets, lengths and widths, a name, integer operands. */
function asInstructions(v: unknown): Instruction[] | null {
  if (!Array.isArray(v)) return null;
  const out: Instruction[] = [];
  for (const i of v as unknown[]) {
    if (!isObject(i) || !isUint(i['offset']) || !isUint(i['length']) || !isUint(i['opcode']) || typeof i['name'] !== 'string') return null;
    const width = i['width'];
    const operands = i['operands'];
    if ((width !== 1 && width !== 2 && width !== 4) || !Array.isArray(operands) || !operands.every((n) => Number.isSafeInteger(n))) return null;
    out.push({ offset: i['offset'], length: i['length'], opcode: i['opcode'], name: i['name'], width, operands: operands as number[] });
  }
  return out;
}

/** Match offsets: a Float64Array (or, from an older host, a plain array) of offsets in increasing order. */
function asOffsets(v: unknown): Float64Array | null {
  const list = v instanceof Float64Array ? v : Array.isArray(v) && v.every((n) => isUint(n)) ? Float64Array.from(v as number[]) : null;
  if (!list) return null;
  for (let i = 0; i < list.length; i++) if (!Number.isSafeInteger(list[i]) || list[i]! < 0 || (i > 0 && list[i]! <= list[i - 1]!)) return null;
  return list;
}

/** Binary pages may arrive as any typed array or as a bare ArrayBuffer, depending on how the host sent them. */
function asBytes(v: unknown): Uint8Array | null {
  if (v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return null;
}
