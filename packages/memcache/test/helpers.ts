import { ArrayPageSource } from '../src/index.js';

/** The `[first, pages]` run of `source` that contains `address`, or undefined. */
export function runContaining(source: ArrayPageSource, address: number): [number, number] | undefined {
  for (const run of source.liveRuns()) {
    if (address >= run[0] && address < run[0] + run[1] * source.pageSize) return run;
  }
  return undefined;
}

/** True when `[address, address + size)` lies inside one live run of `source`. */
export function insideOneRun(source: ArrayPageSource, address: number, size: number): boolean {
  const run = runContaining(source, address);
  return run !== undefined && address + size <= run[0] + run[1] * source.pageSize;
}

/** True when the half-open ranges of `starts` (each `sizeOf(start)` long) do not overlap. */
export function noOverlaps(starts: Iterable<number>, sizeOf: (start: number) => number): boolean {
  const sorted = [...starts].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (prev + sizeOf(prev) > sorted[i]!) return false;
  }
  return true;
}

/** Runs `fn`, expecting a MemcacheError with `code`; returns the error's message. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error && 'code' in e && typeof e.code === 'string') return e.code;
    throw e;
  }
  return 'no error';
}

/** A page source over 0x10000000.. with `pages` 4 KiB pages. */
export function source(pages = 4096, pageSize = 4096): ArrayPageSource {
  return new ArrayPageSource({ pages, pageSize, base: 0x1000_0000 });
}
