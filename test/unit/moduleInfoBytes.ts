/** Test-only: writes a module_info body the way Bun's `ModuleInfoDeserialized.serialize` does (spec §4). */
export interface ModuleInfoInput {
  readonly records: readonly { readonly kind: number; readonly ids: readonly number[] }[];
  readonly requests: readonly { readonly specifier: number; readonly fetch: number }[];
  readonly flags: number;
  readonly strings: readonly string[];
}

export const NONE = 0xffffffff;

export function encodeModuleInfo(input: ModuleInfoInput): Uint8Array {
  const out: number[] = [];
  const u32 = (v: number) => out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  u32(input.records.length);
  for (const r of input.records) out.push(r.kind);
  for (let i = 0; i < (4 - (input.records.length % 4)) % 4; i++) out.push(0);
  const ids = input.records.flatMap((r) => r.ids);
  u32(ids.length);
  ids.forEach(u32);
  u32(input.requests.length);
  for (const r of input.requests) u32(r.specifier);
  for (const r of input.requests) u32(r.fetch);
  out.push(input.flags, 0, 0, 0);
  const strings = input.strings.map((s) => new TextEncoder().encode(s));
  u32(strings.length);
  for (const s of strings) u32(s.length);
  for (const s of strings) out.push(...s);
  return Uint8Array.from(out);
}
