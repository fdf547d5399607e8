import { describe, expect, it } from 'vitest';
import { Errno, KIP_MAGIC, KernelLayout, KipOffset, Syscall, ThreadIds } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { collector, machine } from './helpers/machine.js';
import type { Received } from './helpers/machine.js';

const CODE = 0x10000;

/** Sends r3..r8 to `to` (short IPC), keeping nothing. */
function sendTo(a: Asm, to: number): Asm {
  return a.mov(0, to).mov(1, ThreadIds.Nil).mov(2, 0).sys(Syscall.Ipc);
}

describe('boot, KIP and syscall page', () => {
  it('publishes the KIP and the syscall page to user code', () => {
    const m = machine();
    const got: Received[] = [];
    const srv = m.kernel.spawnServer(collector(got), { name: 'collector' });
    const a = new Asm(CODE)
      .ldr(0, KernelLayout.Kip)
      .ldrw(3, 0, KipOffset.Magic)
      .ldrw(5, 0, KipOffset.Syscalls + 4 * 9)
      .ldrw(6, 0, KipOffset.Utcb)
      .ldr(1, KernelLayout.SyscallPage)
      .ldrw(7, 1, 0);
    sendTo(a, srv).label('end').b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: CODE, utcb: 0x7f000000 });
    expect(m.kernel.run(100_000)).toBe('budget');
    expect(got).toEqual([{ result: 0, mr: [KIP_MAGIC, tid, KernelLayout.SyscallPage + Syscall.GetId, 0x7f000000, 0xef000000, 0] }]);
  });

  it('refuses user writes to the KIP: the thread faults and, with no pager, is destroyed', () => {
    const m = machine();
    const a = new Asm(CODE).ldr(0, KernelLayout.Kip).mov(1, 7).strw(1, 0, 0).label('end').b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: CODE });
    expect(m.kernel.run(100_000)).toBe('idle');
    expect(m.log).toEqual([`Thread (${tid}) raised exception 0 at 0x10008 with no pager; destroyed.`]);
    expect(m.kernel.threadIds()).toEqual([]);
  });

  it('answers -ENOSYS past the last slot and returns to the caller', () => {
    const m = machine();
    const got: Received[] = [];
    const srv = m.kernel.spawnServer(collector(got));
    const a = new Asm(CODE).sys(0x3c).movr(3, 0).sys(0x7fc).movr(5, 0);
    sendTo(a, srv).label('end').b('end');
    m.kernel.spawnProgram({ image: a.bytes(), loadAddress: CODE });
    m.kernel.run(100_000);
    expect(got.map((g) => [g.mr[0]! | 0, g.mr[2]! | 0])).toEqual([[-Errno.ENOSYS, -Errno.ENOSYS]]);
  });
});
