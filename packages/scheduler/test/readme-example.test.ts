// Mirrors the example in README.md: keep the two in step.
import { describe, expect, it } from 'vitest';
import { Priority, renderGantt, Scheduler, TraceRecorder } from '../src/index.js';

describe('README example', () => {
  it('runs as documented', () => {
    // --- README example start
    const trace = new TraceRecorder();
    const sched = new Scheduler({ ticksPerSecond: 100, trace }); // 10 ms ticks: short slices
    const pager = sched.create({ priority: Priority.PAGER, name: 'mm0' });
    const app = sched.create({ priority: Priority.NORMAL, name: 'test0' });
    sched.resume(pager);
    sched.resume(app); // started last, so at the front: it runs first

    // The kernel's timer interrupt and IRQ exit.
    const timer = (ticks: number): void => {
      for (let i = 0; i < ticks; i++) {
        sched.tick(true); // the tick interrupted user mode
        sched.preempt(true); // switch if a reschedule is due
      }
    };
    sched.preempt();
    timer(25);

    // mm0 waits for requests; test0 runs, then calls mm0 and waits for the reply.
    const requests = sched.createWaitQueue();
    const replies = sched.createWaitQueue();
    sched.sleepOn(requests); // mm0 (current) blocks: test0 runs
    timer(5);
    sched.wakeOne(requests); // test0 sends: mm0 is queued at the front...
    sched.sleepOn(replies); // ...and runs as soon as test0 blocks for the reply
    timer(5);
    sched.wakeOne(replies); // mm0 replies...
    sched.sleepOn(requests); // ...and waits for the next request: test0 runs
    timer(10);

    const chart = renderGantt(trace.spans(sched.now), { names: (t) => sched.nameOf(t) });
    process.stdout.write(chart);
    // --- README example end
    expect(sched.current).toBe(app);
    expect(sched.runTicksOf(pager)).toBe(17);
    expect(sched.runTicksOf(app)).toBe(28);
    expect(chart).toBe(
      [
        '      |0         10        20        30        40   |',
        'idle  |p............................................|',
        'mm0   |..........#########g...#s.....####s..........|',
        'test0 |#########g..........##e..####s.....#######e#>|',
        '1 tick/column; # ran, e expired, g granularity, p preempted, y yield, s sleep, S suspend, x exit, > running',
        '',
      ].join('\n'),
    );
  });
});
