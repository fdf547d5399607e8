import { describe, expect, it } from 'vitest';
import { MapFlags, MutexOp, Syscall, receive, send, syscall } from '../src/index.js';
import { Asm, Cond } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const SHARED = 0x900000;

/** lock (SWP, kernel LOCK when taken); counter++; yield; unlock (SWP, kernel UNLOCK); `rounds` times. */
function contender(va: number, rounds: number): Uint8Array {
  return new Asm(0x10000)
    .mov(10, rounds)
    .ldr(11, va)
    .label('loop')
    .label('lock')
    .mov(2, 1)
    .swp(1, 2, 11)
    .cmp(1, 0)
    .b('got', Cond.EQ)
    .movr(0, 11)
    .ldr(1, MutexOp.Lock)
    .sys(Syscall.MutexControl)
    .b('lock')
    .label('got')
    .ldrw(3, 11, 4)
    .add(3, 3, 1)
    .strw(3, 11, 4)
    .sys(Syscall.ThreadSwitch)
    .mov(2, 0)
    .swp(1, 2, 11)
    .movr(0, 11)
    .ldr(1, MutexOp.Unlock | 1)
    .sys(Syscall.MutexControl)
    .sub(10, 10, 1)
    .cmp(10, 0)
    .b('loop', Cond.NE)
    .label('end')
    .b('end')
    .bytes();
}

describe('user-space mutex over the kernel queue', () => {
  it('contenders in different spaces, mapping one lock page at different addresses, meet by physical address', () => {
    const m = machine({ instructionsPerSecond: 1_000_000 });
    const pager = m.kernel.spawnServer(function* (self) {
      for (;;) {
        yield receive();
        yield syscall(Syscall.Map, SHARED, self.utcb[4]! & ~0xfff, 1, MapFlags.UserRw, self.utcb[1]!);
        yield send(self.utcb[1]!);
      }
    });
    const threads: number[] = [];
    for (let i = 0; i < 6; i++) {
      threads.push(m.kernel.spawnProgram({ image: contender(0x50000 + i * 0x3000, 50), loadAddress: 0x10000, pager, priority: 4 }));
    }
    m.kernel.run(4_000_000);
    expect(m.platform.memory.read32(SHARED + 4)).toBe(300);
    expect(m.platform.memory.read32(SHARED)).toBe(0);
    for (const t of threads) expect(m.kernel.thread(t)!.registers[10]).toBe(0);
  });
});
