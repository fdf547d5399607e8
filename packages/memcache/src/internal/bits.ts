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

/** Number of trailing zero bits of a positive integer (below 2^53). */
export function trailingZeros(n: number): number {
  let z = 0;
  while (n % 2 === 0) {
    n /= 2;
    z++;
  }
  return z;
}

/**
 * The inverse of an odd number `d` modulo 2^32, as an int32: `Math.imul(d, oddInverse(d))`
 * is 1. Newton's iteration doubles the correct low bits each step (d is its own inverse
 * modulo 8). Multiplying an exact multiple of `d` by it gives the quotient.
 */
export function oddInverse(d: number): number {
  let x = d | 0;
  for (let i = 0; i < 4; i++) x = Math.imul(x, 2 - Math.imul(d | 0, x));
  return x;
}
