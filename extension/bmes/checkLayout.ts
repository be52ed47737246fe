import type { ByteWindow } from './byteWindow';
import { DiagnosticSink, hex, plural, type LoaderFate } from './diagnostics';
import type { BytecodeRegion, Span } from './model';

/**
 * Checks what lies between the end of the metadata and the bytecode (v2/v3): Bun's writer puts only 0–7
 * zero bytes there, up to the next multiple of 8. The gap is located, never scanned: it can be large.
 */
export function checkLayout(
  window: ByteWindow,
  metadataEnd: number,
  bytecode: BytecodeRegion | null,
  fate: LoaderFate,
  isV2: boolean,
  sink: DiagnosticSink,
): { padding: Span | null; gap: Span | null } {
  if (!bytecode) return { padding: null, gap: null };
  const start = bytecode.offset;
  if (metadataEnd > start) {
    sink.add(
      'metadata-overlaps-bytecode',
      { offset: start, length: metadataEnd - start },
      `The metadata ends at ${hex(metadataEnd)}, but the header puts the bytecode at ${hex(start)}: expected the metadata to end at or before the bytecode; ${plural(metadataEnd - start, 'byte')} are read as both. ` +
        (fate === 'v3'
          ? 'Bun reads the module record from bytes that are also bytecode, so at least one of the two is wrong; JavaScriptCore will most likely reject the bytecode.'
          : 'Bun ignores the metadata of this version, but the bytecode is very likely not what was meant.'),
    );
    return { padding: null, gap: null };
  }
  const paddingEnd = Math.min(alignUp8(metadataEnd), start);
  const padding = paddingEnd > metadataEnd ? { offset: metadataEnd, length: paddingEnd - metadataEnd } : null;
  if (padding) {
    const bytes = window.bytes(padding.offset, padding.length);
    const firstNonZero = bytes.findIndex((b) => b !== 0);
    if (firstNonZero >= 0) {
      sink.add(
        'nonzero-padding',
        padding,
        `The ${plural(padding.length, 'alignment byte')} at ${hex(padding.offset)} should all be zero; found ${hex(bytes[firstNonZero]!, 2)} at ${hex(padding.offset + firstNonZero)}. Bun skips padding without reading it, so this is harmless at run time, but Bun's writer never writes it.`,
      );
    }
  }
  const gap = start > paddingEnd ? { offset: paddingEnd, length: start - paddingEnd } : null;
  if (gap) {
    sink.add(
      'gap-before-bytecode',
      gap,
      `${plural(gap.length, 'byte')} at ${hex(gap.offset)} lie between the ${isV2 ? 'module lists' : 'code-feature bits'} (and their padding) and the bytecode at ${hex(start)}: expected the bytecode to start at ${hex(paddingEnd)}. Bun skips them because it follows the header's offset, but Bun's writer leaves no gap${isV2 ? ' (for version 2, whose layout is inferred, these may be fields no public source describes)' : ''}.`,
    );
  }
  return { padding, gap };
}

export function alignUp8(n: number): number {
  return Math.ceil(n / 8) * 8;
}
