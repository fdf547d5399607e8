/**
 * Jain's fairness index of a set of allocations: (Σx)² / (n·Σx²). 1 means perfectly even;
 * 1/n means one party got everything. Returns 1 for an empty or all-zero set.
 */
export function jainIndex(values: ArrayLike<number>): number {
  let sum = 0;
  let squares = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const x = values[i] ?? 0;
    sum += x;
    squares += x * x;
  }
  return squares === 0 ? 1 : (sum * sum) / (n * squares);
}
