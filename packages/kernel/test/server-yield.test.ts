import { describe, expect, it } from 'vitest';
import { Syscall, threadSwitch } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const spinner = (): Uint8Array => new Asm(0x10000).label('spin').add(1, 1, 1).b('spin').bytes();

describe('thread_switch from a server thread', () => {
  it('gives up the rest of its slice, so a server yielding in a loop cannot keep an expired ARM thread off the processor', () => {
    const m = machine({ instructionsPerSecond: 1_000_000 });
    const limit = 100_000;
    let yields = 0;
    const server = m.kernel.spawnServer(
      function* () {
        while (yields < limit) {
          yields++;
          yield threadSwitch();
        }
      },
      { name: 'spin-yield' },
    );
    const arm = m.kernel.spawnProgram({ image: spinner(), loadAddress: 0x10000, priority: 4 });
    // About 7 slices of 133 ticks (1 000 instructions a tick): the ARM thread expires 7 times.
    expect(m.kernel.run(1_000_000)).toBe('budget');
    // Once a round: the server yields, then waits on the expired queue behind the ARM thread.
    expect(yields).toBeGreaterThan(3);
    expect(yields).toBeLessThan(20);
    expect(m.kernel.thread(server)).toBeDefined();
    expect(m.kernel.thread(arm)!.registers[1]).toBeGreaterThan(490_000);
    expect(m.kernel.scheduler.ticksLeftOf(server)).toBe(0);
  });

  it('an ARM thread that yields keeps its slice (Codezero: the tail of runnable)', () => {
    const m = machine({ instructionsPerSecond: 1_000_000 });
    const yielder = new Asm(0x10000).label('loop').sys(Syscall.ThreadSwitch).b('loop').bytes();
    const a = m.kernel.spawnProgram({ image: yielder, loadAddress: 0x10000, priority: 4 });
    expect(m.kernel.run(5_000)).toBe('budget');
    expect(m.kernel.scheduler.ticksLeftOf(a)).toBeGreaterThan(125);
  });
});
