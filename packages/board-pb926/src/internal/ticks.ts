/**
 * Whole ticks of a `hz` clock elapsed in `ns` nanoseconds: floor(ns × hz / 10^9), exact
 * for every non-negative integer `ns` up to 2^53 (BigInt only when a product would not be
 * exact in a double).
 */
export function ticksAt(ns: number, hz: number): number {
  const q = Math.floor(ns / 1e9);
  const r = ns - q * 1e9;
  const p = r * hz;
  if (p <= Number.MAX_SAFE_INTEGER) return q * hz + Math.floor(p / 1e9);
  return q * hz + Number((BigInt(r) * BigInt(hz)) / 1_000_000_000n);
}
