/** True when `n` is a positive integer power of two (up to 2^52). */
export function isPowerOfTwo(n: number): boolean {
  return Number.isSafeInteger(n) && n > 0 && n <= 2 ** 52 && 2 ** Math.round(Math.log2(n)) === n;
}

/** Smallest `k` with `2^k >= n`, for 1 ≤ n ≤ 2^31. */
export function ceilLog2(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
}

/** Index of the lowest set bit of a nonzero 32-bit word. */
export function lowestBit(word: number): number {
  return 31 - Math.clz32(word & -word);
}
