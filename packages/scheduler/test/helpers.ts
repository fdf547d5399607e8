import type { Scheduler, ThreadId } from '../src/index.js';

/** Run `n` timer ticks in user mode, each followed by the IRQ-exit preemption point. */
export function runTicks(s: Scheduler, n: number): void {
  for (let i = 0; i < n; i++) {
    s.tick(true);
    s.preempt(true);
  }
}

/** Run ticks and return the sequence of distinct dispatches (who was current after each tick). */
export function dispatchOrder(s: Scheduler, n: number): ThreadId[] {
  const out: ThreadId[] = [];
  let last = s.current;
  out.push(last);
  for (let i = 0; i < n; i++) {
    s.tick(true);
    s.preempt(true);
    if (s.current !== last) {
      last = s.current;
      out.push(last);
    }
  }
  return out;
}

/** Create and start a thread; returns its id. */
export function spawn(s: Scheduler, priority?: number): ThreadId {
  const t = s.create(priority === undefined ? {} : { priority });
  s.resume(t);
  return t;
}
