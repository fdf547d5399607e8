/** Index of the lowest set bit of a non-zero 32-bit value. */
export function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** floor(log2(x)) for 1 ≤ x < 2^32. */
export function log2Floor(x: number): number {
  return 31 - Math.clz32(x);
}

/** ceil(log2(x)) for 1 ≤ x ≤ 2^31. */
export function log2Ceil(x: number): number {
  return x <= 1 ? 0 : 32 - Math.clz32(x - 1);
}

/** True when `x` is a positive integer power of two no larger than 2^30. */
export function isPow2(x: number): boolean {
  return Number.isInteger(x) && x >= 1 && x <= 0x40000000 && (x & (x - 1)) === 0;
}
