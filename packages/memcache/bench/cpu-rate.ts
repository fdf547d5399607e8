/**
 * Like the kit's `measureRate`, but timed by this process's CPU time (user + system) instead
 * of wall time, so figures taken on a busy shared machine are not dominated by time spent
 * waiting for a core. Still not a substitute for a quiet machine (caches are shared too).
 */
export function measureCpuRate(run: (iterations: number) => void, samples = 9, minSampleMs = 300): number {
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  let iterations = 1;
  for (;;) {
    const t0 = process.cpuUsage();
    run(iterations);
    const dt = cpuMs(t0);
    if (dt >= minSampleMs / 4) {
      iterations = Math.max(1, Math.ceil((iterations * minSampleMs) / Math.max(dt, 1e-3)));
      break;
    }
    iterations *= 4;
  }
  const rates: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.cpuUsage();
    run(iterations);
    rates.push(iterations / (cpuMs(t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] ?? 0;
}
