import { describe, expect, it } from 'vitest';
import type { ServerBody } from '../src/index.js';
import { Exregs, MutexOp, Syscall, ThreadAction, ThreadIds, receive, syscall } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

describe('exchange_registers and the pc', () => {
  it('keeps an unaligned pc as written and runs the thread from the aligned address', () => {
    const m = machine();
    const out: number[] = [];
    const pager = m.kernel.spawnServer(function* (self) {
      self.memory[0x40] = pager + 1;
      const x = self.memory.subarray(0x80, 0x80 + Exregs.Size / 4);
      yield syscall(Syscall.ThreadControl, ThreadAction.Suspend, 0x100);
      x[15] = 0x10007; // 'target' + 3
      x[Exregs.ValidVector] = 1 << 15;
      out.push(yield syscall(Syscall.ExchangeRegisters, 0x200, pager + 1));
      x[15] = 0;
      x[Exregs.Flags] = Exregs.Read;
      out.push(yield syscall(Syscall.ExchangeRegisters, 0x200, pager + 1), x[15]);
      out.push(yield syscall(Syscall.ThreadControl, ThreadAction.Run, 0x100));
    });
    const a = new Asm(0x10000).label('spin').b('spin').mov(9, 0x77).label('end').b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, pager });
    m.kernel.run(1_000_000);
    m.kernel.run(10_000); // the program's next slice
    expect(out).toEqual([0, 0, 0x10007, 0]);
    expect(m.kernel.thread(tid)?.registers[9]).toBe(0x77);
  });
});

describe('mutex_control UNLOCK with a contender count', () => {
  it('wakes that many sleepers and keeps credits for the ones not yet in the kernel', () => {
    const m = machine();
    const woke: number[] = [];
    const sleeper = (n: number): ServerBody =>
      function* () {
        const r = yield syscall(Syscall.MutexControl, 0x100, MutexOp.Lock);
        woke.push(n * 10 + r);
        yield receive(ThreadIds.Any);
      };
    for (let i = 1; i <= 3; i++) m.kernel.spawnServer(sleeper(i));
    expect(m.kernel.run(10_000)).toBe('idle');
    expect(woke).toEqual([]);
    const unlocker: number[] = [];
    m.kernel.spawnServer(function* () {
      // Three sleep; the count says five contenders: three wake, two credits remain.
      unlocker.push(yield syscall(Syscall.MutexControl, 0x100, MutexOp.Unlock | 5));
      unlocker.push(yield syscall(Syscall.MutexControl, 0x100, MutexOp.Lock));
      unlocker.push(yield syscall(Syscall.MutexControl, 0x100, MutexOp.Lock));
      unlocker.push(-1);
      unlocker.push(yield syscall(Syscall.MutexControl, 0x100, MutexOp.Lock)); // no credit left: sleeps for good
      unlocker.push(-2);
    });
    expect(m.kernel.run(10_000)).toBe('idle');
    expect(woke.sort()).toEqual([10, 20, 30]);
    expect(unlocker).toEqual([0, 0, 0, -1]);
  });
});
