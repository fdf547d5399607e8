import { describe, expect, it } from 'vitest';
import { Priority, renderGantt, Scheduler, STOP_MARKS, TraceRecorder } from '../src/index.js';

/** At 60 Hz: NORMAL slices are 8 ticks, PAGER slices 16, granularity 6. */
function scenario(): { s: Scheduler; trace: TraceRecorder } {
  const trace = new TraceRecorder();
  const s = new Scheduler({ ticksPerSecond: 60, trace });
  const a = s.create({ name: 'a' });
  const b = s.create({ name: 'b', priority: Priority.PAGER });
  const q = s.createWaitQueue();
  s.tick();
  s.tick();
  s.resume(a);
  s.resume(b);
  s.preempt();
  for (let i = 0; i < 20; i++) {
    s.tick();
    s.preempt();
  }
  s.sleepOn(q); // b, dispatched at tick 22, sleeps at once
  for (let i = 0; i < 5; i++) {
    s.tick();
    s.preempt();
  }
  s.wakeOne(q);
  s.exit(s.current); // a exits at tick 27
  for (let i = 0; i < 5; i++) {
    s.tick();
    s.preempt();
  }
  return { s, trace };
}

describe('trace recorder', () => {
  it('records who ran when and why it stopped', () => {
    const { s, trace } = scenario();
    expect(trace.spans(s.now)).toEqual([
      { tid: 0, start: 0, end: 2, reason: 'preempted' },
      { tid: 2, start: 2, end: 8, reason: 'granularity' },
      { tid: 1, start: 8, end: 14, reason: 'granularity' },
      { tid: 2, start: 14, end: 20, reason: 'granularity' },
      { tid: 1, start: 20, end: 22, reason: 'expired' },
      { tid: 2, start: 22, end: 22, reason: 'sleep' },
      { tid: 1, start: 22, end: 27, reason: 'exit' },
      { tid: 2, start: 27, end: 31, reason: 'expired' },
      { tid: 2, start: 31, end: 32, reason: 'running' },
    ]);
    expect(trace.spans().at(-1)?.reason).toBe('expired');
    expect(trace.ticksByThread(s.now)).toEqual(
      new Map([
        [0, 2],
        [2, 17],
        [1, 13],
      ]),
    );
    expect(s.runTicksOf(2)).toBe(17);
  });

  it('keeps only the newest spans when given a limit, and can be cleared', () => {
    const trace = new TraceRecorder(3);
    const s = new Scheduler({ trace });
    s.resume(s.create());
    s.resume(s.create());
    s.preempt();
    for (let i = 0; i < 1000; i++) {
      s.tick();
      s.preempt();
    }
    expect(trace.spans()).toHaveLength(3);
    trace.clear();
    expect(trace.spans()).toEqual([]);
    expect(trace.spans(s.now)).toHaveLength(1);
  });
});

describe('Gantt rendering', () => {
  it('draws one row per thread with stop marks', () => {
    const { s, trace } = scenario();
    expect(renderGantt(trace.spans(s.now), { names: (t) => s.nameOf(t) })).toBe(
      [
        '     |0         10        20        30|',
        'idle |#p..............................|',
        'a    |........#####g......#e####x.....|',
        'b    |..#####g......#####g..s....###e>|',
        '1 tick/column; # ran, e expired, g granularity, p preempted, y yield, s sleep, S suspend, x exit, > running',
        '',
      ].join('\n'),
    );
  });

  it('groups ticks into columns to fit a width, and can clip a range', () => {
    const { s, trace } = scenario();
    expect(renderGantt(trace.spans(s.now), { width: 8, legend: false })).toBe(
      ['     |0       |', 'idle |p.......|', 't1   |..#g.ex.|', 't2   |#g.#gs#>|', ''].join('\n'),
    );
    expect(renderGantt(trace.spans(s.now), { from: 20, to: 24, legend: false })).toBe(
      ['     |20  |', 't1   |#e##|', 't2   |..s.|', ''].join('\n'),
    );
    expect(renderGantt([])).toBe('(no trace)\n');
  });

  it('has a mark for every stop reason', () => {
    expect(new Set(Object.values(STOP_MARKS)).size).toBe(8);
  });
});
