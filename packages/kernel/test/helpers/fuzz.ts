import fc from 'fast-check';
import { expect } from 'vitest';
import type { ServerBody } from '../../src/index.js';
import { Exregs, KernelLayout, Syscall, ThreadIds, receive, send, syscall } from '../../src/index.js';
import { Asm } from '../../../../scripts/test-kit/arm-asm.js';
import { machine } from './machine.js';

/** Argument values a hostile caller likes: ids, NIL/ANY, flags, addresses, extremes. */
const arg = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x100, 0x1000, 0x10000, 0x400000, ThreadIds.Nil, ThreadIds.Any, 0x7fffffff, 0x80000000),
  fc.constantFrom(0x01000000, 0x02000000, 0x04000000, 0x10000000, 0x20000000, 0x30000000, 0x40000000, 0x50000000, 0x04300000),
  fc.constantFrom(KernelLayout.Kip, KernelLayout.SyscallPage, KernelLayout.Vectors, 0x7f000000, 0xfffff000),
  fc.nat({ max: 0xffffffff }),
);
const op = fc.record({ slot: fc.nat({ max: 16 }), args: fc.array(arg, { minLength: 5, maxLength: 5 }) });

/** A pager that answers every fault by sending the thread back to its caller (or past the instruction). */
const forgivingPager: ServerBody = function* (self) {
  for (;;) {
    yield receive();
    const tid = self.utcb[1]!;
    const x = self.memory.subarray(0x80, 0x80 + Exregs.Size / 4);
    x.fill(0);
    x[Exregs.ValidVector] = 0xffff;
    x[Exregs.Flags] = Exregs.Read;
    if ((yield syscall(Syscall.ExchangeRegisters, 0x200, tid)) < 0) continue;
    const pc = x[15]!;
    x[15] = pc >>> 12 === 0xfffff ? x[14]! : pc + 4;
    x[Exregs.ValidVector] = 1 << 15;
    x[Exregs.Flags] = 0;
    yield syscall(Syscall.ExchangeRegisters, 0x200, tid);
    yield send(tid);
  }
};

function armFuzzer(ops: readonly { slot: number; args: readonly number[] }[]): Uint8Array {
  const a = new Asm(0x10000);
  for (const o of ops) {
    for (let r = 0; r < 5; r++) a.ldr(r, o.args[r]!);
    a.sys(o.slot * 4);
  }
  return a.label('end').b('end').bytes();
}

/** Runs the hostile-caller property: `runs` machines, up to `serverLen` calls per server thread and `armLen` from the ARM thread. */
export function hostileCallers(runs: number, serverLen: number, armLen: number, seed: number): void {
  fc.assert(
    fc.property(fc.array(fc.array(op, { maxLength: serverLen }), { minLength: 3, maxLength: 3 }), fc.array(op, { maxLength: armLen }), (serverOps, armOps) => {
      const m = machine({ instructionsPerSecond: 1_000_000 });
      const boot = m.kernel.memoryStats();
      const pager = m.kernel.spawnServer(forgivingPager, { name: 'pager' });
      for (const list of serverOps) {
        m.kernel.spawnServer(function* () {
          for (const o of list) yield syscall(o.slot * 4, ...o.args);
        });
      }
      m.kernel.spawnProgram({ image: armFuzzer(armOps), loadAddress: 0x10000, pager, priority: 4 });
      const outcome = m.kernel.run(300_000);
      expect(outcome).not.toBe('panic');
      expect(m.log.filter((l) => l.startsWith('Kernel panic'))).toEqual([]);
      for (const tid of m.kernel.threadIds()) m.kernel.kill(tid);
      expect(m.kernel.threadIds()).toEqual([]);
      expect(m.kernel.memoryStats()).toEqual(boot);
      expect(m.kernel.scheduler.totalPriority).toBe(0);
    }),
    { numRuns: runs, seed },
  );
}
