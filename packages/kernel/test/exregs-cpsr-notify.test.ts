import { describe, expect, it } from 'vitest';
import { Errno, Exregs, IpcTag, Syscall, ThreadAction, receive, send, syscall } from '../src/index.js';
import { Asm } from '../../../scripts/test-kit/arm-asm.js';
import { machine } from './helpers/machine.js';

const EQ = 0;
const BLOCK = 0x200; // exchange_registers block (bytes into the server's memory)
const IDS = 0x100; // thread_control ids

/** A program that spins at `spin`; `check` branches on Z to set r9 = 2 (taken) or 1. */
function flagProgram(): Asm {
  return new Asm(0x10000)
    .label('spin')
    .add(1, 1, 1)
    .b('spin')
    .label('check')
    .b('yes', EQ)
    .mov(9, 1)
    .label('end1')
    .b('end1')
    .label('yes')
    .mov(9, 2)
    .label('end2')
    .b('end2');
}

describe('exchange_registers CPSR word', () => {
  for (const [z, r9] of [
    [true, 2],
    [false, 1],
  ] as const) {
    it(`reads the user CPSR and writes only NZCVQ and T (Z ${z ? 'set' : 'clear'} → r9 = ${r9})`, () => {
      const m = machine();
      const seen: number[] = [];
      const a = flagProgram();
      const check = 0x10000 + 8;
      const pager = m.kernel.spawnServer(function* (self) {
        const w = BLOCK / 4;
        const x = self.memory;
        x[IDS / 4] = pager + 1;
        yield syscall(Syscall.ThreadControl, ThreadAction.Suspend, IDS);
        x[w + Exregs.ValidVector] = Exregs.CpsrValid | (1 << 15);
        x[w + Exregs.Flags] = Exregs.Read;
        seen.push(yield syscall(Syscall.ExchangeRegisters, BLOCK, pager + 1), x[w + Exregs.Cpsr]! & 0x1f);
        // Every bit set: mode, I, F must be refused; the flags and T (then cleared again) taken.
        x[w + Exregs.Cpsr] = 0xffffffff;
        x[w + Exregs.Flags] = 0;
        x[w + Exregs.ValidVector] = Exregs.CpsrValid;
        seen.push(yield syscall(Syscall.ExchangeRegisters, BLOCK, pager + 1));
        x[w + Exregs.Flags] = Exregs.Read;
        seen.push(yield syscall(Syscall.ExchangeRegisters, BLOCK, pager + 1), x[w + Exregs.Cpsr]!);
        x[w + 15] = check;
        x[w + Exregs.Cpsr] = z ? 0x40000000 : 0x80000000;
        x[w + Exregs.ValidVector] = Exregs.CpsrValid | (1 << 15);
        x[w + Exregs.Flags] = 0;
        seen.push(yield syscall(Syscall.ExchangeRegisters, BLOCK, pager + 1));
        seen.push(yield syscall(Syscall.ThreadControl, ThreadAction.Run, IDS));
      });
      const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, pager });
      m.kernel.run(1_000_000);
      m.kernel.run(10_000);
      expect(seen).toEqual([0, 0x10, 0, 0, 0xf8000030, 0, 0]);
      const regs = m.kernel.thread(tid)!.registers;
      expect(regs[9]).toBe(r9);
      expect(regs[16]! & 0xdf).toBe(0x10);
    });
  }

  it('leaves an 80-byte block at the end of a page alone when the CPSR bit is clear', () => {
    const m = machine();
    const seen: number[] = [];
    const pager = m.kernel.spawnServer(function* (self) {
      const w = (4096 - Exregs.Size) / 4;
      self.memory[w + Exregs.ValidVector] = 1 << 1;
      self.memory[w + Exregs.Flags] = Exregs.Read;
      seen.push(yield syscall(Syscall.ExchangeRegisters, 4096 - Exregs.Size, pager + 1));
    });
    m.kernel.spawnProgram({ image: flagProgram().bytes(), loadAddress: 0x10000, pager });
    m.kernel.run(1_000_000);
    expect(seen).toEqual([0]);
  });
});

describe('exchange_registers NOTIFY', () => {
  it('a thread looping in user code sends its pager a Notify message; the reply resumes it where the pager put it', () => {
    const m = machine();
    const seen: number[] = [];
    const a = flagProgram();
    const check = 0x10000 + 8;
    const pager = m.kernel.spawnServer(function* (self) {
      const w = BLOCK / 4;
      const x = self.memory;
      x[IDS / 4] = pager + 1;
      // Let it loop for a while first.
      yield syscall(Syscall.ThreadControl, ThreadAction.Suspend, IDS);
      yield syscall(Syscall.ThreadControl, ThreadAction.Run, IDS);
      x[w + Exregs.ValidVector] = 0;
      x[w + Exregs.Flags] = Exregs.Notify;
      seen.push(yield syscall(Syscall.ExchangeRegisters, BLOCK, pager + 1));
      yield receive();
      const pc = x[2]!;
      seen.push(x[0]!, x[1]!, pc === 0x10000 || pc === 0x10004 ? 1 : 0);
      // Send it to `check` with Z set, then reply.
      x[w + 15] = check;
      x[w + Exregs.Cpsr] = 0x40000000;
      x[w + Exregs.ValidVector] = Exregs.CpsrValid | (1 << 15);
      x[w + Exregs.Flags] = 0;
      seen.push(yield syscall(Syscall.ExchangeRegisters, BLOCK, pager + 1));
      x[0] = 0;
      yield send(pager + 1);
      for (;;) {
        yield receive();
        seen.push(x[0]);
      }
    });
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, pager });
    m.kernel.run(2_000_000);
    expect(seen).toEqual([0, IpcTag.Notify, tid, 1, 0]);
    const regs = m.kernel.thread(tid)!.registers;
    expect(regs[9]).toBe(2);
    expect(regs[1]).toBeGreaterThan(0); // the loop ran before the notification
  });

  it('is refused to a thread that is not the pager, and not repeated for a thread already in a kernel message', () => {
    const m = machine();
    const seen: number[] = [];
    const other: number[] = [];
    const pager = m.kernel.spawnServer(function* (self) {
      const x = self.memory;
      for (;;) {
        yield receive();
        seen.push(x[0]!);
        const from = x[1]!;
        // Ask for a notification while its fault message is in flight: nothing more comes.
        x[BLOCK / 4 + Exregs.ValidVector] = 0;
        x[BLOCK / 4 + Exregs.Flags] = Exregs.Notify;
        seen.push(yield syscall(Syscall.ExchangeRegisters, BLOCK, from));
        x[0] = 0;
        yield send(from);
      }
    });
    const a = new Asm(0x10000).udf().mov(9, 7).label('end').b('end');
    const tid = m.kernel.spawnProgram({ image: a.bytes(), loadAddress: 0x10000, pager });
    m.kernel.spawnServer(function* (self) {
      self.memory[BLOCK / 4 + Exregs.ValidVector] = 0;
      self.memory[BLOCK / 4 + Exregs.Flags] = Exregs.Notify;
      other.push(yield syscall(Syscall.ExchangeRegisters, BLOCK, tid));
    });
    m.kernel.run(100_000);
    expect(seen).toEqual([IpcTag.UndefFault, 0]);
    expect(other).toEqual([-Errno.EPERM]);
    expect(m.kernel.thread(tid)!.registers[9]).toBe(7);
  });
});
