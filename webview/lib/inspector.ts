/** The data inspector's readings of the bytes at the selection start, little-endian. Pure. */
export interface Reading {
  readonly label: string;
  /** Null when fewer bytes than the type needs remain. */
  readonly value: string | null;
}

/** `bytes` starts at the selection start and holds up to 8 bytes (fewer at the end of the file). */
export function readingsOf(bytes: Uint8Array): Reading[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (n: number, read: () => string): string | null => (bytes.length >= n ? read() : null);
  return [
    { label: 'u8', value: need(1, () => String(view.getUint8(0))) },
    { label: 'i8', value: need(1, () => String(view.getInt8(0))) },
    { label: 'u16', value: need(2, () => String(view.getUint16(0, true))) },
    { label: 'i16', value: need(2, () => String(view.getInt16(0, true))) },
    { label: 'u32', value: need(4, () => `${view.getUint32(0, true)} (0x${view.getUint32(0, true).toString(16)})`) },
    { label: 'i32', value: need(4, () => String(view.getInt32(0, true))) },
    { label: 'u64', value: need(8, () => view.getBigUint64(0, true).toString()) },
    { label: 'i64', value: need(8, () => view.getBigInt64(0, true).toString()) },
    { label: 'f32', value: need(4, () => formatFloat(view.getFloat32(0, true))) },
    { label: 'f64', value: need(8, () => formatFloat(view.getFloat64(0, true))) },
  ];
}

function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Infinity' : '-Infinity';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const abs = Math.abs(v);
  return abs >= 1e-6 && abs < 1e21 ? String(v) : v.toExponential();
}
