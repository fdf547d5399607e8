import { describe, expect, it } from 'vitest';
import { IDLE_THREAD, Scheduler, ThreadState } from '../src/index.js';
import { runTicks, spawn } from './helpers.js';

describe('scheduler smoke', () => {
  it('starts with idle, runs a started thread, returns to idle when it exits', () => {
    const s = new Scheduler();
    expect(s.current).toBe(IDLE_THREAD);
    const t = spawn(s);
    expect(s.needResched).toBe(true);
    expect(s.preempt()).toBe(t);
    runTicks(s, 10);
    expect(s.runTicksOf(t)).toBe(10);
    s.exit(t);
    expect(s.current).toBe(IDLE_THREAD);
    expect(s.stateOf(t)).toBe(ThreadState.ZOMBIE);
  });
});
