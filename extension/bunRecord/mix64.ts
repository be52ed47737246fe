/**
 * The 64 × 64 → 128-bit multiply and fold that wyhash and rapidhash are built on, in BigInt: the names these hashes
 * cover are short, and no hot path of the decoder hashes.
 */
const MASK64 = (1n << 64n) - 1n;

/** The low and high 64 bits of a × b. */
export function mum(a: bigint, b: bigint): [bigint, bigint] {
  const product = a * b;
  return [product & MASK64, product >> 64n];
}

/** The two halves of a × b, xored. */
export function mix(a: bigint, b: bigint): bigint {
  const [low, high] = mum(a, b);
  return low ^ high;
}
