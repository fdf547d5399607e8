import { describe, expect, it } from 'vitest';
import { Cpu, CpuStateError, ExceptionKind, ExceptionModel, FlatRamBus, Mode, StopReason, type TrapInfo } from '../src/index.js';
import { armCpu, CODE, thumbCpu } from './support/harness.js';

const NOP = 0xe1a00000; // mov r0, r0

/** A copy of the fields of a TrapInfo (the CPU reuses one object). */
function copy(t: Readonly<TrapInfo>): TrapInfo {
  return { ...t };
}

describe('onException (trap handler)', () => {
  it('claims a semihosting SWI in machine mode: r0 replaced, execution continues after it', () => {
    // mov r0, #4 ; mov r1, #0x100 ; svc 0x123456 ; mov r2, #9
    const { cpu } = armCpu([0xe3a00004, 0xe3a01c01, 0xef123456, 0xe3a02009]);
    const seen: TrapInfo[] = [];
    cpu.onException = (trap) => {
      seen.push(copy(trap));
      if (trap.kind !== ExceptionKind.SoftwareInterrupt || (trap.instruction & 0xffffff) !== 0x123456) return false;
      cpu.setReg(0, cpu.getReg(0) + cpu.getReg(1));
      return true;
    };
    expect(cpu.run(4)).toBe(StopReason.Budget);
    expect(cpu.getReg(0)).toBe(0x104);
    expect(cpu.getReg(2)).toBe(9);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Supervisor);
    expect(cpu.pc).toBe(CODE + 16);
    expect(seen).toEqual([
      {
        kind: ExceptionKind.SoftwareInterrupt,
        pc: CODE + 8,
        returnAddress: CODE + 12,
        faultAddress: 0,
        faultStatus: 0,
        thumb: false,
        instruction: 0xef123456,
      },
    ]);
  });

  it('an SWI it declines goes through the vector as before', () => {
    const { cpu } = armCpu([0xef000001]);
    let calls = 0;
    cpu.onException = () => {
      calls++;
      return false;
    };
    cpu.cpsr = 0x10;
    cpu.pc = CODE;
    cpu.run(1);
    expect(calls).toBe(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Supervisor);
    expect(cpu.pc).toBe(0x08);
    expect(cpu.getReg(14)).toBe(CODE + 4);
    expect(cpu.spsr).toBe(0x10);
  });

  it('claims a Thumb SWI 0xAB and stays in Thumb state', () => {
    // svc 0xab ; movs r3, #5
    const { cpu } = thumbCpu([0xdfab, 0x2305]);
    cpu.onException = (trap) => {
      expect(trap.thumb).toBe(true);
      expect(trap.instruction).toBe(0xdfab);
      expect(cpu.pc).toBe(CODE + 2);
      cpu.setReg(0, 77);
      return true;
    };
    cpu.run(2);
    expect(cpu.getReg(0)).toBe(77);
    expect(cpu.getReg(3)).toBe(5);
    expect(cpu.cpsr & 0x20).toBe(0x20);
  });

  it('observes a data abort with the bus status and the fault address, then the CPU takes it', () => {
    const { cpu } = armCpu([NOP, 0xe5910000]); // ldr r0, [r1]
    cpu.setReg(1, 0x20004);
    const seen: TrapInfo[] = [];
    let modeInHook = -1;
    cpu.onException = (trap) => {
      seen.push(copy(trap));
      modeInHook = cpu.cpsr & 0x1f;
      return false;
    };
    cpu.run(2);
    expect(seen).toEqual([
      {
        kind: ExceptionKind.DataAbort,
        pc: CODE + 4,
        returnAddress: CODE + 12,
        faultAddress: 0x20004,
        faultStatus: 0x8,
        thumb: false,
        instruction: 0,
      },
    ]);
    expect(modeInHook).toBe(Mode.Supervisor);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Abort);
    expect(cpu.pc).toBe(0x10);
    expect(cpu.getReg(14)).toBe(CODE + 12);
  });

  it('sees the alignment fault status (0x1) of a misaligned load with c1.A set', () => {
    const { cpu } = armCpu([0xe5910000]); // ldr r0, [r1]
    cpu.setAlignmentCheck(true);
    cpu.setReg(1, 0x2002);
    let status = -1;
    let far = -1;
    cpu.onException = (trap) => {
      status = trap.faultStatus;
      far = trap.faultAddress;
      return false;
    };
    cpu.run(1);
    expect(status).toBe(1);
    expect(far).toBe(0x2002);
    expect(cpu.pc).toBe(0x10);
  });

  it('observes a prefetch abort (fetch outside RAM) with the instruction address as fault address', () => {
    const { cpu } = armCpu([]);
    cpu.pc = 0x20000;
    let trap: TrapInfo | null = null;
    cpu.onException = (t) => {
      trap = copy(t);
      return false;
    };
    cpu.run(1);
    expect(trap).toEqual({
      kind: ExceptionKind.PrefetchAbort,
      pc: 0x20000,
      returnAddress: 0x20004,
      faultAddress: 0x20000,
      faultStatus: 0x8,
      thumb: false,
      instruction: 0,
    });
    expect(cpu.pc).toBe(0x0c);
  });

  it('claims a BKPT (status 0x2) by moving the PC past it', () => {
    // bkpt #0x12 ; mov r4, #1
    const { cpu } = armCpu([0xe1200172, 0xe3a04001]);
    cpu.onException = (trap) => {
      expect(trap.kind).toBe(ExceptionKind.PrefetchAbort);
      expect(trap.faultStatus).toBe(2);
      expect(cpu.pc).toBe(trap.pc);
      cpu.pc = trap.pc + 4;
      return true;
    };
    cpu.run(2);
    expect(cpu.getReg(4)).toBe(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Supervisor);
  });

  it('emulates an undefined instruction', () => {
    // udf ; mov r5, #3
    const { cpu } = armCpu([0xe7f000f0, 0xe3a05003]);
    cpu.onException = (trap) => {
      if (trap.kind !== ExceptionKind.Undefined) return false;
      cpu.setReg(6, trap.instruction);
      cpu.pc = trap.pc + 4;
      return true;
    };
    cpu.run(2);
    expect(cpu.getReg(6)).toBe(0xe7f000f0);
    expect(cpu.getReg(5)).toBe(3);
    expect(cpu.instructions).toBe(2);
  });

  it('a claim may change the mode and state: the CPU continues from what the handler left', () => {
    // svc 0 ; (at CODE+0x100, Thumb) movs r0, #1
    const { cpu, bus } = armCpu([0xef000000]);
    bus.load(CODE + 0x100, new Uint8Array([0x01, 0x20]));
    cpu.onException = () => {
      cpu.cpsr = 0x30; // user mode, Thumb
      cpu.pc = CODE + 0x100;
      return true;
    };
    cpu.run(2);
    expect(cpu.getReg(0)).toBe(1);
    expect(cpu.cpsr & 0x3f).toBe(0x30);
  });

  it('hosted model: a claimed SWI does not stop run(); a declined one does', () => {
    // svc 1 ; svc 2 ; nop
    const { cpu } = armCpu([0xef000001, 0xef000002, NOP], true);
    cpu.cpsr = 0x10;
    cpu.pc = CODE;
    cpu.onException = (trap) => (trap.instruction & 0xff) === 1;
    expect(cpu.run(10)).toBe(StopReason.Exception);
    expect(cpu.trap.instruction).toBe(0xef000002);
    expect(cpu.pc).toBe(CODE + 8);
    expect(cpu.instructions).toBe(2);
  });

  it('is not called for interrupts', () => {
    const { cpu } = armCpu([NOP, NOP, NOP]);
    let calls = 0;
    cpu.onException = () => {
      calls++;
      return true;
    };
    cpu.cpsr = 0x13; // IRQs enabled
    cpu.pc = CODE;
    cpu.setIrq(true);
    cpu.run(1);
    expect(calls).toBe(0);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Irq);
    expect(cpu.getReg(14)).toBe(CODE + 4);
  });

  it('requestStop from the handler ends run() before the next instruction', () => {
    const { cpu } = armCpu([0xef123456, NOP, NOP]);
    cpu.onException = () => {
      cpu.requestStop();
      return true;
    };
    expect(cpu.run(100)).toBe(StopReason.Requested);
    expect(cpu.pc).toBe(CODE + 4);
    expect(cpu.instructions).toBe(1);
  });

  it('sees an instruction count that includes the trapping instruction', () => {
    const { cpu } = armCpu([NOP, NOP, NOP, 0xef000000, NOP]);
    let count = -1;
    cpu.onException = () => {
      count = cpu.liveInstructions;
      return true;
    };
    cpu.run(3);
    cpu.run(10);
    expect(count).toBe(4);
  });

  it('refuses run() from inside the handler, and the CPU stays usable', () => {
    const { cpu } = armCpu([NOP, 0xef000000, NOP, NOP]);
    cpu.onException = () => {
      cpu.run(1);
      return true;
    };
    expect(() => cpu.run(10)).toThrow(CpuStateError);
    expect(cpu.instructions).toBe(2);
    expect(cpu.pc).toBe(CODE + 8);
    cpu.onException = null;
    cpu.run(2);
    expect(cpu.instructions).toBe(4);
    expect(cpu.pc).toBe(CODE + 16);
  });

  it('can be given in the constructor options', () => {
    const bus = new FlatRamBus(0x10000);
    bus.loadWords(0x100, [0xef000000]);
    let calls = 0;
    const cpu = new Cpu(bus, {
      exceptionModel: ExceptionModel.Hosted,
      onException: () => {
        calls++;
        return true;
      },
    });
    cpu.cpsr = 0x10;
    cpu.pc = 0x100;
    expect(cpu.run(1)).toBe(StopReason.Budget);
    expect(calls).toBe(1);
    expect(cpu.pc).toBe(0x104);
  });
});
