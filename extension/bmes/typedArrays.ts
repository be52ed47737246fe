/** Typed arrays that grow: the decoder's columns, the string table's ids, the text view's line map. */
export type GrowableArray = Uint8Array | Uint16Array | Uint32Array | Int32Array;

/** A copy of `array` with room for `capacity` values (the values past it cut off when smaller). */
export function grown<T extends GrowableArray>(array: T, capacity: number): T {
  const next = new (array.constructor as new (length: number) => T)(capacity);
  next.set(array.subarray(0, Math.min(array.length, capacity)));
  return next;
}
