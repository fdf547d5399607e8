/**
 * Milliseconds of the host's monotonic clock, for the figures a command prints. It reads
 * `process.hrtime`, not `performance.now()`: the first use of `performance` loads Node's
 * perf_hooks modules, 1.5 ms of every start of the command.
 */
export function hostMilliseconds(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
