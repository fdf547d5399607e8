import { describe, expect, it } from 'vitest';
import { Errno, Syscall, send, syscall } from '../src/index.js';
import { kernelProblems } from './helpers/invariants.js';
import { machine } from './helpers/machine.js';

/** Bugs the hostile guests found, each kept as a small deterministic case. */
describe('hostile-guest regressions', () => {
  it('destroying a thread wakes every thread queued to send to it with -EINTR, not every other one', () => {
    const m = machine();
    // A receiver that never receives: it waits for a thread that does not exist yet... forever.
    const sink = m.kernel.spawnServer(function* () {
      for (;;) yield syscall(Syscall.MutexControl, 0x100, 0x10000000);
    });
    const results: number[] = [];
    for (let i = 0; i < 4; i++) {
      m.kernel.spawnServer(function* () {
        results.push(yield send(sink));
      });
    }
    expect(m.kernel.run(10_000)).toBe('idle');
    expect(results).toEqual([]);
    m.kernel.kill(sink);
    expect(m.kernel.run(10_000)).toBe('idle');
    expect(results).toEqual([-Errno.EINTR, -Errno.EINTR, -Errno.EINTR, -Errno.EINTR]);
    expect(kernelProblems(m.kernel)).toEqual([]);
  });
});
