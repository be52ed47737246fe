/**
 * Wyhash as Zig's `std.hash.Wyhash` computes it ("final v4"), which is what Bun 1.4.x writes into a sidecar's
 * trailer (seed 0). No npm package implements this exact variant, so it is written out here and checked against
 * Zig's published test vectors and against `Bun.hash.wyhash` of a real Bun at test time.
 *
 * 64-bit arithmetic uses BigInt for the 128-bit multiply and reads lanes as BigInt; payloads are at most a few MB,
 * read once per check.
 */

import { mix, mum } from '../bunRecord/mix64';

const MASK64 = (1n << 64n) - 1n;
const SECRET = [0xa0761d6478bd642fn, 0xe7037ed1a0b428dbn, 0x8ebc6af09c88c6e3n, 0x589965cc75374cc3n] as const;

function read64(view: DataView, at: number): bigint {
  return view.getBigUint64(at, true);
}

function read32(view: DataView, at: number): bigint {
  return BigInt(view.getUint32(at, true));
}

export function wyhash(seed: bigint, input: Uint8Array): bigint {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const length = input.length;
  seed &= MASK64;
  const state = [seed ^ mix(seed ^ SECRET[0], SECRET[1]), 0n, 0n];
  state[1] = state[0]!;
  state[2] = state[0]!;
  let a: bigint;
  let b: bigint;
  if (length <= 16) {
    if (length >= 4) {
      const end = length - 4;
      const quarter = (length >> 3) << 2;
      a = (read32(view, 0) << 32n) | read32(view, quarter);
      b = (read32(view, end) << 32n) | read32(view, end - quarter);
    } else if (length > 0) {
      a = (BigInt(input[0]!) << 16n) | (BigInt(input[length >> 1]!) << 8n) | BigInt(input[length - 1]!);
      b = 0n;
    } else {
      a = 0n;
      b = 0n;
    }
  } else {
    let i = 0;
    if (length >= 48) {
      for (; i + 48 < length; i += 48) {
        for (let lane = 0; lane < 3; lane++) {
          const x = read64(view, i + 16 * lane);
          const y = read64(view, i + 16 * lane + 8);
          state[lane] = mix(x ^ SECRET[lane + 1]!, y ^ state[lane]!);
        }
      }
      state[0] = state[0]! ^ state[1]! ^ state[2]!;
    }
    for (; i + 16 < length; i += 16) {
      state[0] = mix(read64(view, i) ^ SECRET[1], read64(view, i + 8) ^ state[0]!);
    }
    a = read64(view, length - 16);
    b = read64(view, length - 8);
  }
  a ^= SECRET[1];
  b ^= state[0]!;
  [a, b] = mum(a, b);
  return mix(a ^ SECRET[0] ^ BigInt(length), b ^ SECRET[1]);
}
