import { describe, expect, it } from 'vitest';
import { HostileRun } from './helpers/hostile-run.js';

describe('hostile ARM guests (long)', () => {
  it('1 000 000 random system calls from many ARM threads in many spaces: no host exception, no panic, invariants hold, memory back to boot', () => {
    const h = new HostileRun({ seed: 1121 });
    h.runUntil(1_000_000);
    console.log(h.table());
    expect(h.problems).toEqual([]);
    expect(h.syscalls).toBeGreaterThanOrEqual(1_000_000);
    h.finish();
    expect(h.problems).toEqual([]);
  });
});
