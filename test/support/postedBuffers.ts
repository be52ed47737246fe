/**
 * What `webview.postMessage` sends of a message's binary parts: VS Code's extension host sends every distinct
 * ArrayBuffer a typed array views once, whole (extHostWebviewMessaging.ts), so a view into a larger buffer sends
 * the rest too. `viewed` counts the bytes the message's views cover, `sent` the buffers' bytes.
 */
export interface PostedBuffers {
  readonly buffers: number;
  readonly views: number;
  readonly viewed: number;
  readonly sent: number;
}

export function postedBuffers(message: unknown): PostedBuffers {
  const covered = new Map<ArrayBufferLike, [number, number][]>();
  const seen = new Set<object>();
  let views = 0;
  const walk = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      views++;
      const ranges = covered.get(value.buffer) ?? [];
      ranges.push([value.byteOffset, value.byteOffset + value.byteLength]);
      covered.set(value.buffer, ranges);
      return;
    }
    if (value instanceof ArrayBuffer) {
      covered.set(value, [...(covered.get(value) ?? []), [0, value.byteLength]]);
      return;
    }
    for (const item of Object.values(value)) walk(item);
  };
  walk(message);
  let viewed = 0;
  let sent = 0;
  for (const [buffer, ranges] of covered) {
    sent += buffer.byteLength;
    ranges.sort((a, b) => a[0] - b[0]);
    let end = 0;
    for (const [start, stop] of ranges) {
      if (stop <= end) continue;
      viewed += stop - Math.max(start, end);
      end = stop;
    }
  }
  return { buffers: covered.size, views, viewed, sent };
}
