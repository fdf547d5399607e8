import { describe, expect, it } from 'vitest';
import { CoprocStatus, ExceptionKind, Mode, StopReason, type Coprocessor } from '../src/index.js';
import { armCpu, thumbCpu } from './support/harness.js';

const NOP = 0xe1a00000; // mov r0, r0

describe('exceptions in machine mode', () => {
  it('SWI from user mode enters SVC at vector 0x08 with the return address in LR', () => {
    const { cpu } = armCpu([0xef123456]);
    cpu.cpsr = 0x60000010;
    cpu.pc = 0x1000;
    cpu.run(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Supervisor);
    expect(cpu.pc).toBe(0x08);
    expect(cpu.getReg(14)).toBe(0x1004);
    expect(cpu.spsr).toBe(0x60000010);
    expect(cpu.cpsr & 0x80).toBe(0x80);
  });

  it('SWI from Thumb: LR = next halfword, ARM state in the handler', () => {
    const { cpu } = thumbCpu([0xdf12]);
    cpu.run(1);
    expect(cpu.pc).toBe(0x08);
    expect(cpu.getReg(14)).toBe(0x1002);
    expect(cpu.cpsr & 0x20).toBe(0);
    expect(cpu.spsr & 0x20).toBe(0x20);
  });

  it('an undefined instruction enters UND at vector 0x04', () => {
    const { cpu } = armCpu([0xe7f000f0]);
    cpu.run(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Undefined);
    expect(cpu.pc).toBe(0x04);
    expect(cpu.getReg(14)).toBe(0x1004);
  });

  it('BKPT takes a prefetch abort (ARM9), LR = address + 4', () => {
    const { cpu } = armCpu([0xe1200172]);
    cpu.run(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Abort);
    expect(cpu.pc).toBe(0x0c);
    expect(cpu.getReg(14)).toBe(0x1004);
  });

  it('a data abort enters ABT at 0x10 with LR = address + 8', () => {
    const { cpu } = armCpu([0xe5910000]); // ldr r0, [r1]
    cpu.setReg(1, 0x20000);
    cpu.setReg(0, 7);
    cpu.run(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Abort);
    expect(cpu.pc).toBe(0x10);
    expect(cpu.getReg(14)).toBe(0x1008);
    expect(cpu.getBankedReg(Mode.Supervisor, 0)).toBe(7);
  });

  it('a prefetch abort on a fetch outside RAM', () => {
    const { cpu } = armCpu([]);
    cpu.pc = 0x20000;
    cpu.run(1);
    expect(cpu.pc).toBe(0x0c);
    expect(cpu.getReg(14)).toBe(0x20004);
  });

  it('IRQ is taken between instructions when unmasked, LR = next + 4', () => {
    const { cpu } = armCpu([NOP, NOP, NOP]);
    cpu.setIrq(true);
    cpu.run(2);
    expect(cpu.pc).toBe(0x1008); // masked (reset state has I set)
    cpu.cpsr = 0x53; // SVC, I clear, F set
    cpu.run(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Irq);
    expect(cpu.getReg(14)).toBe(0x100c);
    expect(cpu.spsr).toBe(0x53);
    // the handler starts at 0x18
    expect(cpu.instructions).toBe(3);
  });

  it('FIQ banks r8-r14 and masks both interrupts; high vectors move it to 0xFFFF001C', () => {
    const { cpu } = armCpu([NOP, NOP]);
    cpu.setReg(8, 0x88);
    cpu.setHighVectors(true);
    cpu.cpsr = 0x13;
    cpu.setFiq(true);
    cpu.run(1);
    // entered FIQ (I and F set), then the fetch at 0xffff001c (outside RAM) aborted
    expect(cpu.cpsr & 0x1f).toBe(Mode.Abort);
    expect(cpu.spsr & 0xff).toBe(0xd1);
    expect(cpu.getBankedReg(Mode.Fiq, 8)).toBe(0);
    expect(cpu.getBankedReg(Mode.Supervisor, 8)).toBe(0x88);
    expect(cpu.getBankedReg(Mode.Fiq, 14)).toBe(0x1004);
    expect(cpu.pc).toBe(0xffff000c);
  });

  it('MOVS pc, lr returns to the mode in the SPSR', () => {
    const { cpu } = armCpu([0xe1b0f00e]);
    cpu.spsr = 0x20000010 | 0x20; // user, Thumb, C
    cpu.setReg(14, 0x2001);
    cpu.run(1);
    expect(cpu.cpsr >>> 0).toBe(0x20000030);
    expect(cpu.pc).toBe(0x2000);
  });

  it('LDM with ^ and the PC restores the CPSR from the SPSR', () => {
    const { cpu, bus } = armCpu([0xe8fd8000]); // ldm sp!, {pc}^
    bus.loadWords(0x8000, [0x3000]);
    cpu.setReg(13, 0x8000);
    cpu.spsr = 0x1f;
    cpu.run(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.System);
    expect(cpu.pc).toBe(0x3000);
    expect(cpu.getBankedReg(Mode.Supervisor, 13)).toBe(0x8004);
  });

  it('STM with ^ stores the user registers', () => {
    const { cpu, bus } = armCpu([0xe8c16000]); // stmia r1, {sp, lr}^
    cpu.cpsr = 0x1f;
    cpu.setReg(13, 0xaaaa);
    cpu.setReg(14, 0xbbbb);
    cpu.cpsr = 0x13;
    cpu.setReg(13, 0x1111);
    cpu.setReg(1, 0x8000);
    cpu.pc = 0x1000;
    cpu.run(1);
    const dv = new DataView(bus.ram.buffer);
    expect(dv.getUint32(0x8000, true)).toBe(0xaaaa);
    expect(dv.getUint32(0x8004, true)).toBe(0xbbbb);
  });
});

describe('modes and PSR access', () => {
  it('banks r13/r14 per mode and r8-r12 only in FIQ', () => {
    const { cpu } = armCpu([]);
    cpu.cpsr = 0x13;
    cpu.setReg(8, 1);
    cpu.setReg(13, 0x100);
    cpu.cpsr = 0x12;
    expect(cpu.getReg(8)).toBe(1);
    cpu.setReg(13, 0x200);
    cpu.cpsr = 0x11;
    cpu.setReg(8, 2);
    cpu.cpsr = 0x13;
    expect(cpu.getReg(8)).toBe(1);
    expect(cpu.getReg(13)).toBe(0x100);
    expect(cpu.getBankedReg(Mode.Irq, 13)).toBe(0x200);
    expect(cpu.getBankedReg(Mode.Fiq, 8)).toBe(2);
  });

  it('MSR in user mode changes only the flags', () => {
    const { cpu } = armCpu([0xe321f01f, 0xe128f000]); // msr cpsr_c, #0x1f ; msr cpsr_f, r0
    cpu.cpsr = 0x10;
    cpu.setReg(0, 0xf0000000);
    cpu.pc = 0x1000;
    cpu.run(2);
    expect(cpu.cpsr >>> 0).toBe(0xf0000010);
  });

  it('MSR in a privileged mode switches mode; MRS reads CPSR and SPSR', () => {
    const { cpu } = armCpu([0xe14f1000, 0xe321f01f, 0xe10f0000]); // mrs r1, spsr ; msr cpsr_c, #0x1f ; mrs r0, cpsr
    cpu.spsr = 0x80000010;
    cpu.run(3);
    expect(cpu.getReg(1)).toBe(0x80000010);
    expect(cpu.getReg(0)).toBe(0x1f);
  });

  it('an invalid mode written to the CPSR leaves the mode unchanged', () => {
    const { cpu } = armCpu([]);
    cpu.cpsr = 0x15;
    expect(cpu.cpsr & 0x1f).toBe(Mode.Supervisor);
  });
});

class Cp implements Coprocessor {
  reg = 0;
  cdp(): CoprocStatus {
    return CoprocStatus.Ok;
  }
  mcr(opc1: number, crn: number, _crm: number, opc2: number, value: number): CoprocStatus {
    if (crn === 7 && opc2 === 4) return CoprocStatus.WaitForInterrupt;
    if (opc1 !== 0) return CoprocStatus.Undefined;
    this.reg = value;
    return CoprocStatus.Ok;
  }
  mrc(_o: number, _n: number, _m: number, _p: number, _priv: boolean, out: Int32Array): CoprocStatus {
    out[0] = this.reg;
    return CoprocStatus.Ok;
  }
  mcrr(): CoprocStatus {
    return CoprocStatus.Undefined;
  }
  mrrc(): CoprocStatus {
    return CoprocStatus.Undefined;
  }
  transferCount(): number {
    return -1;
  }
  ldcWord(): void {
    /* none */
  }
  stcWord(): number {
    return 0;
  }
}

describe('coprocessors', () => {
  it('an absent coprocessor makes MCR undefined', () => {
    const { cpu } = armCpu([0xee010f10]);
    cpu.run(1);
    expect(cpu.pc).toBe(0x04);
  });

  it('MCR/MRC move values; MRC to r15 sets the flags', () => {
    const { cpu } = armCpu([0xee010f10, 0xee100f10, 0xee10ff10]); // mcr p15,0,r0,c1,c0,0 ; mrc r0 ; mrc APSR_nzcv
    const cp = new Cp();
    cpu.setCoprocessor(15, cp);
    cpu.setReg(0, 0xa0000005);
    cpu.setReg(0, 0xa0000005);
    cpu.run(1);
    expect(cp.reg >>> 0).toBe(0xa0000005);
    cpu.setReg(0, 0);
    cpu.run(2);
    expect(cpu.getReg(0)).toBe(0xa0000005);
    expect(cpu.cpsr >>> 28).toBe(0xa);
  });

  it('wait for interrupt halts until an interrupt line rises', () => {
    const { cpu } = armCpu([0xee070f94, NOP]); // mcr p15, 0, r0, c7, c4, 4 (opc2 4)
    cpu.setCoprocessor(15, new Cp());
    expect(cpu.run(10)).toBe(StopReason.Halted);
    expect(cpu.isHalted).toBe(true);
    expect(cpu.run(10)).toBe(StopReason.Halted);
    cpu.setIrq(true);
    expect(cpu.run(1)).toBe(StopReason.Budget);
    expect(cpu.pc).toBe(0x1008);
  });
});

describe('hosted exception model', () => {
  it('stops on SWI with the trap state and resumes after it', () => {
    const { cpu } = armCpu([0xef000042, 0xe3a00007], true);
    cpu.cpsr = 0x10;
    cpu.pc = 0x1000;
    expect(cpu.run(100)).toBe(StopReason.Exception);
    expect(cpu.trap.kind).toBe(ExceptionKind.SoftwareInterrupt);
    expect(cpu.trap.instruction).toBe(0xef000042);
    expect(cpu.trap.returnAddress).toBe(0x1004);
    expect(cpu.pc).toBe(0x1004);
    expect(cpu.cpsr & 0x1f).toBe(Mode.User);
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(7);
  });

  it('stops on a data abort with the address and status, PC on the faulting instruction', () => {
    const { cpu } = armCpu([0xe5910000], true); // ldr r0, [r1]
    cpu.cpsr = 0x10;
    cpu.pc = 0x1000;
    cpu.setReg(1, 0x12345678);
    expect(cpu.run(5)).toBe(StopReason.Exception);
    expect(cpu.trap.kind).toBe(ExceptionKind.DataAbort);
    expect(cpu.trap.faultAddress).toBe(0x12345678);
    expect(cpu.trap.faultStatus).toBe(8);
    expect(cpu.trap.returnAddress).toBe(0x1008);
    expect(cpu.pc).toBe(0x1000);
  });

  it('stops on an unmasked IRQ before the next instruction', () => {
    const { cpu } = armCpu([NOP, NOP], true);
    cpu.cpsr = 0x10;
    cpu.pc = 0x1000;
    cpu.setIrq(true);
    expect(cpu.run(5)).toBe(StopReason.Exception);
    expect(cpu.trap.kind).toBe(ExceptionKind.Irq);
    expect(cpu.trap.returnAddress).toBe(0x1004);
    expect(cpu.pc).toBe(0x1000);
  });
});

describe('run control', () => {
  it('breakpoints stop before the instruction and resume past it', () => {
    const { cpu } = armCpu([NOP, NOP, NOP, NOP]);
    cpu.addBreakpoint(0x1008);
    expect(cpu.run(10)).toBe(StopReason.Breakpoint);
    expect(cpu.pc).toBe(0x1008);
    expect(cpu.instructions).toBe(2);
    cpu.removeBreakpoint(0x1008);
    expect(cpu.run(1)).toBe(StopReason.Budget);
    expect(cpu.pc).toBe(0x100c);
  });

  it('requestStop stops at the next boundary; the counter stays exact', () => {
    const { cpu } = armCpu([0xeafffffe]); // b .
    expect(cpu.run(1000)).toBe(StopReason.Budget);
    cpu.requestStop();
    expect(cpu.run(1000)).toBe(StopReason.Requested);
    expect(cpu.instructions).toBe(1000);
    cpu.run(12345);
    expect(cpu.instructions).toBe(13345);
  });
});
