import { describe, expect, it } from 'vitest';
import { Errno, Syscall, ThreadAction, ThreadIds, getMr, receive, send, syscall, threadSwitch } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
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

  it('a sender suspended by its pager leaves the send queue before it is suspended (the safe point is its own, not the next thread\'s)', () => {
    const m = machine();
    let go = false;
    const got: number[] = [];
    const r = m.kernel.spawnServer(function* (self) {
      while (!go) yield threadSwitch();
      yield receive();
      got.push(getMr(self, 0));
    });
    let suspended = 1;
    const pager = m.kernel.spawnServer(function* (self) {
      for (let i = 0; i < 5; i++) yield threadSwitch();
      self.memory[0x40] = t;
      suspended = yield syscall(Syscall.ThreadControl, ThreadAction.Suspend, 0x100);
      go = true;
      for (;;) yield receive();
    });
    // T sends to R, which is not receiving yet, so T waits on R's queue.
    const code = new Asm(0x10000).mov(3, 0x1234).mov(0, r).mov(1, ThreadIds.Nil).mov(2, 0).sys(Syscall.Ipc).label('e').b('e').bytes();
    const t = m.kernel.spawnProgram({ image: code, loadAddress: 0x10000, pager });
    m.kernel.run(100_000);
    expect(suspended).toBe(0);
    expect(m.kernel.scheduler.stateOf(t)).toBe(0); // inactive
    expect(m.kernel.thread(t)!.registers[0]! | 0).toBe(-Errno.EINTR);
    expect(got).toEqual([]); // its message was withdrawn with the interrupted call
    expect(kernelProblems(m.kernel)).toEqual([]);
  });
});
