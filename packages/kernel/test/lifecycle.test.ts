import { describe, expect, it } from 'vitest';
import { Errno, Syscall, ThreadAction, ThreadFlags, ThreadIds, receive, syscall } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { collector, machine } from './helpers/machine.js';
import type { Received } from './helpers/machine.js';

describe('thread lifecycle', () => {
  it('COPY_SPACE: the child resumes after the SWI with the parent registers, in a copied space, with half the ticks', () => {
    const m = machine({ instructionsPerSecond: 1_000_000_000 }); // no tick during the test
    const got: Received[] = [];
    const col = m.kernel.spawnServer(collector(got));
    const IDS = 0x11000;
    const report = (a: Asm, tag: number): Asm => a.mov(3, tag).movr(5, 0).ldr(6, IDS).ldrw(6, 6, 4).mov(0, col).mov(1, ThreadIds.Nil).mov(2, 0).sys(Syscall.Ipc).label(`end${tag}`).b(`end${tag}`);
    const a = new Asm(0x10000)
      .ldr(0, ThreadAction.Create | ThreadFlags.CopySpace)
      .ldr(1, IDS)
      .sys(Syscall.ThreadControl)
      .cmp(0, 0)
      .b('child', 0x10000000)
      .ldr(0, ThreadAction.Run)
      .ldr(1, IDS)
      .sys(Syscall.ThreadControl);
    report(a, 1).label('child');
    report(a, 2);
    const parent = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, bssSize: 0x1000 });
    const before = m.kernel.scheduler.ticksLeftOf(parent);
    m.kernel.run(100_000);
    const child = parent + 1;
    expect(got.map((g) => [g.mr[0], g.mr[1], g.mr[2]])).toEqual([
      [1, parent, 0],
      [2, child, ThreadAction.Create | ThreadFlags.CopySpace],
    ]);
    // Both read the ids the parent wrote before the child existed: the child's space id.
    expect(got[0]!.mr[3]).toBe(got[1]!.mr[3]);
    expect(m.kernel.thread(child)!.spaceId).not.toBe(m.kernel.thread(parent)!.spaceId);
    expect(m.kernel.scheduler.now).toBe(0);
    expect([m.kernel.scheduler.ticksLeftOf(parent), m.kernel.scheduler.ticksLeftOf(child)]).toEqual([Math.floor(before / 2), Math.ceil(before / 2)]);
  });

  it('SUSPEND interrupts a blocked receive with -EINTR; RUN resumes the thread', () => {
    const m = machine();
    const out: string[] = [];
    let a = -1;
    const p = m.kernel.spawnServer(function* (self) {
      self.memory[0x40] = a;
      out.push(`suspend ${yield syscall(Syscall.ThreadControl, ThreadAction.Suspend, 0x100)}`);
      out.push(`run ${yield syscall(Syscall.ThreadControl, ThreadAction.Run, 0x100)}`);
    });
    a = m.kernel.spawnServer(
      function* () {
        out.push(`receive ${yield receive(p)}`);
      },
      { pager: p },
    );
    expect(m.kernel.run()).toBe('idle');
    expect(out).toEqual(['suspend 0', 'run 0', `receive ${-Errno.EINTR}`]);
  });
});
