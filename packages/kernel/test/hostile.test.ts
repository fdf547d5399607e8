import { describe, expect, it } from 'vitest';
import { CALL_NAMES, HostileRun } from './helpers/hostile-run.js';

/** What two runs must agree on: console, every thread's registers, instruction and call counts. */
function fingerprint(h: HostileRun): string {
  const k = h.kernel;
  const threads = k.threadIds().map((tid) => [tid, k.thread(tid)!.registers]);
  return JSON.stringify({
    log: h.log,
    console: h.platform.consoleOutput,
    instructions: k.instructions,
    ticks: k.scheduler.now,
    threads,
    calls: Array.from(h.calls),
    results: h.results.map((m) => [...m.entries()]),
    traps: h.traps,
    keeper: h.keeperState.repairs,
    host: h.host,
  });
}

describe('hostile ARM guests', () => {
  it('30 000 random system calls from ARM threads in several spaces: no host exception, no panic, invariants at every checkpoint, memory back to boot', () => {
    const h = new HostileRun({ seed: 20261121 });
    h.runUntil(30_000, 3000);
    console.log(h.table());
    expect(h.problems).toEqual([]);
    expect(h.syscalls).toBeGreaterThanOrEqual(30_000);
    // Every call of the syscall page was issued, and threads were created, faulted and restarted.
    CALL_NAMES.forEach((name, slot) => {
      expect(h.calls[slot], name).toBeGreaterThan(0);
    });
    expect(h.results[2]!.get(0), 'successful thread_control').toBeGreaterThan(0);
    expect(h.keeperState.repairs.scratch).toBeGreaterThan(0);
    expect(h.keeperState.nudged).toBeGreaterThan(0);
    expect(h.outcomes.get('panic')).toBeUndefined();
    h.finish();
    expect(h.problems).toEqual([]);
  });

  it('two runs of the same hostile workload give identical consoles, registers, instruction and call counts', () => {
    const run = (): string => {
      const h = new HostileRun({ seed: 77 });
      h.runUntil(Infinity, 6);
      expect(h.problems).toEqual([]);
      expect(h.syscalls).toBeGreaterThan(1000);
      return fingerprint(h);
    };
    const a = run();
    expect(run()).toBe(a);
  });
});
