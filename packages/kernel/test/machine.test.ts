import { TraceRecorder } from '@codezero-ts/scheduler';
import { describe, expect, it } from 'vitest';
import { Errno, IrqRequest, KernelLayout, MapFlags, Syscall, ThreadAction, ThreadFlags, syscall } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const spinner = (): Uint8Array => new Asm(0x10000).label('spin').add(1, 1, 1).b('spin').bytes();

describe('preemption and determinism', () => {
  const scenario = () => {
    const trace = new TraceRecorder();
    const m = machine({ instructionsPerSecond: 1_000_000 }, { trace });
    const a = m.kernel.spawnProgram({ image: spinner(), loadAddress: 0x10000, priority: 4 });
    const b = m.kernel.spawnProgram({ image: spinner(), loadAddress: 0x10000, priority: 8 });
    expect(m.kernel.run(2_000_000)).toBe('budget');
    const ra = m.kernel.thread(a)!.registers[1]!;
    const rb = m.kernel.thread(b)!.registers[1]!;
    return { ra, rb, instructions: m.kernel.instructions, ticks: m.kernel.scheduler.now, spans: trace.spans(m.kernel.scheduler.now).length };
  };

  it('timer ticks preempt spinning threads in proportion to their priority, identically on every run', () => {
    const first = scenario();
    expect(first.instructions).toBe(2_000_000);
    expect(first.ticks).toBeGreaterThanOrEqual(1990);
    expect(first.spans).toBeGreaterThan(10);
    // 1 instruction in 2 is the ADD: the two counters share 1 M increments about 1:2 (priorities 4 and 8).
    expect(first.ra + first.rb).toBeGreaterThan(990_000);
    expect(first.rb / first.ra).toBeGreaterThan(1.7);
    expect(first.rb / first.ra).toBeLessThan(2.3);
    expect(scenario()).toEqual(first);
  });
});

describe('isolation', () => {
  for (const [what, addr, store] of [
    ['read the vector page', KernelLayout.Vectors, false],
    ['read kernel memory', 0xf0000000, false],
    ['write the syscall page', KernelLayout.SyscallPage, true],
    ['write the KIP', KernelLayout.Kip, true],
  ] as const) {
    it(`a thread that tries to ${what} faults and the system continues`, () => {
      const m = machine();
      const a = new Asm(0x10000).ldr(0, addr);
      if (store) a.strw(1, 0, 0);
      else a.ldrw(1, 0, 0);
      a.label('end').b('end');
      const good = m.kernel.spawnProgram({ image: spinner(), loadAddress: 0x10000, priority: 4 });
      const bad = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000 }); // runs first
      m.kernel.run(50_000);
      expect(m.log).toEqual([`Thread (${bad}) raised exception 0 at 0x10004 with no pager; destroyed.`]);
      expect(m.kernel.thread(good)!.registers[1]).toBeGreaterThan(1000);
    });
  }
});

describe('resources', () => {
  it('every kernel frame comes back when created threads and their spaces are destroyed', () => {
    const m = machine();
    const boot = m.kernel.memoryStats();
    m.kernel.spawnServer(function* (self) {
      for (let round = 0; round < 3; round++) {
        const kids: number[] = [];
        for (let i = 0; i < 10; i++) {
          expect(yield syscall(Syscall.ThreadControl, ThreadAction.Create | ThreadFlags.NewSpace, 0x100)).toBe(0);
          const kid = self.memory[0x40]!;
          kids.push(kid);
          expect(yield syscall(Syscall.Map, 0x400000 + i * 0x1000, 0x100000 * (i + 1), 1, MapFlags.UserRw, kid)).toBe(0);
          self.memory[0x44] = kid;
          self.memory[0x45] = self.memory[0x41]!;
          expect(yield syscall(Syscall.ThreadControl, ThreadAction.Create | ThreadFlags.ShareSpace, 0x110)).toBe(0);
          kids.push(self.memory[0x44]);
        }
        for (const kid of kids) {
          self.memory[0x40] = kid;
          expect(yield syscall(Syscall.ThreadControl, ThreadAction.Destroy, 0x100)).toBe(0);
        }
      }
    });
    expect(m.kernel.run()).toBe('idle');
    expect(m.kernel.memoryStats()).toEqual(boot);
  });
});

describe('irq_control', () => {
  it('a registered thread waits for its interrupt and reads the notification count', () => {
    const m = machine();
    const out: number[] = [];
    m.kernel.spawnProgram({ image: spinner(), loadAddress: 0x10000, priority: 2 });
    m.kernel.spawnServer(function* () {
      out.push(yield syscall(Syscall.IrqControl, IrqRequest.Register, 1, 3));
      out.push(yield syscall(Syscall.IrqControl, IrqRequest.Register, 1, 3));
      out.push(yield syscall(Syscall.IrqControl, IrqRequest.Register, 1, 0));
      out.push(yield syscall(Syscall.IrqControl, IrqRequest.Wait, 1, 3));
      out.push(yield syscall(Syscall.IrqControl, IrqRequest.Release, 1, 3));
      out.push(yield syscall(Syscall.IrqControl, IrqRequest.Release, 1, 3));
    });
    m.kernel.run(20_000);
    expect(out).toEqual([0, -Errno.EBUSY, -Errno.EINVAL]);
    m.platform.raise(3);
    // A wakeup does not preempt: the server runs at the spinner's next reschedule (≤ 100 ticks).
    m.kernel.run(2_000_000);
    expect(out).toEqual([0, -Errno.EBUSY, -Errno.EINVAL, 1, 0, -Errno.ENOIRQ]);
  });
});
