/**
 * Shared benchmark helpers for every package's `bench/` (not published).
 *
 * A benchmark measures compiled output: bench files import their package by name, which
 * resolves to `dist/` (the `@codezero-ts/source` condition is not set when benches run).
 * Figures are medians over several samples; nothing here is a pass/fail test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** One figure, in the shape `bench-results/<package>.json` holds. */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly higherIsBetter: boolean;
  readonly reference?: { readonly name: string; readonly value: number };
}

/** Options of {@link measureRate}. */
export interface RateOptions {
  /** Samples taken; the median is reported. Default 7. */
  readonly samples?: number;
  /** Minimum wall time of one sample in milliseconds. Default 150. */
  readonly minSampleMs?: number;
}

/**
 * Measures operations per second of `run`, which performs `iterations` repetitions of a
 * workload that counts as `opsPerIteration` operations each. The iteration count is grown
 * until one sample lasts at least `minSampleMs`; returns the median rate of the samples.
 */
export function measureRate(
  run: (iterations: number) => void,
  opsPerIteration = 1,
  options: RateOptions = {},
): number {
  const samples = options.samples ?? 7;
  const minMs = options.minSampleMs ?? 150;
  let iterations = 1;
  for (;;) {
    const t0 = performance.now();
    run(iterations);
    const dt = performance.now() - t0;
    if (dt >= minMs / 4) {
      iterations = Math.max(1, Math.ceil((iterations * minMs) / Math.max(dt, 1e-3)));
      break;
    }
    iterations *= 4;
  }
  const rates: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    run(iterations);
    const dt = (performance.now() - t0) / 1000;
    rates.push((iterations * opsPerIteration) / dt);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] ?? 0;
}

/** `value` with `unit`: SI prefixes for plain units; milliseconds of 1 000 or more as seconds. */
function formatWithUnit(value: number, unit: string): string {
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(3)} s` : `${value.toFixed(value < 10 ? 3 : 1)} ms`;
  return `${formatValue(value)}${unit}`;
}

function formatValue(value: number): string {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(2)} k`;
  return value.toFixed(value < 10 ? 3 : 1) + ' ';
}

/**
 * Prints a readable table of `results` and writes them to `bench-results/<pkg>.json` at the
 * repository root.
 */
export function report(pkg: string, results: readonly BenchResult[]): void {
  const dir = new URL('../bench-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL(`${pkg}.json`, dir), JSON.stringify(results, null, 2) + '\n');
  const rows = results.map((r) => {
    const ref = r.reference
      ? `${r.reference.name}: ${formatWithUnit(r.reference.value, r.unit)}  (ratio ${(r.higherIsBetter ? r.value / r.reference.value : r.reference.value / r.value).toFixed(2)}x)`
      : '';
    return [r.name, formatWithUnit(r.value, r.unit), ref] as const;
  });
  const w0 = Math.max(9, ...rows.map((r) => r[0].length));
  const w1 = Math.max(5, ...rows.map((r) => r[1].length));
  console.log(`\n${pkg} — ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
  console.log(`${'benchmark'.padEnd(w0)}  ${'value'.padStart(w1)}  reference`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
}
