import { Priority, Scheduler, TraceRecorder, renderGantt } from '@codezero-ts/scheduler';

/**
 * The scheduling section of the tour: six threads created and started in a row first run in
 * reverse order (wakeups go to the front of the runqueue), then share the CPU in slices.
 */
export function schedulingTour(): string[] {
  const trace = new TraceRecorder();
  const sched = new Scheduler({ ticksPerSecond: 100, trace });
  const threads = [2, 3, 4, 5, 6, 7].map((n) => sched.create({ priority: Priority.NORMAL, name: `tid ${n}` }));
  for (const t of threads) sched.resume(t);
  sched.preempt();
  const order: string[] = [];
  for (let tick = 0; tick < 60; tick++) {
    const name = sched.nameOf(sched.current);
    if (!order.includes(name)) order.push(name);
    sched.tick(true);
    sched.preempt(true);
  }
  const lines = [`scheduler: six NORMAL threads started in a row; first runs in order: ${order.join(', ')}`];
  const chart = renderGantt(trace.spans(sched.now), { names: (t) => sched.nameOf(t) });
  for (const line of chart.trimEnd().split('\n')) lines.push(`  ${line}`);
  return lines;
}
