import { describe, expect, it } from 'vitest';
import { armCpu, CODE } from './support/harness.js';

describe('ARM branches and interworking', () => {
  it('B and BL', () => {
    const { cpu } = armCpu([0xeb000000, 0, 0xeafffffe]); // bl .+8 ; ... ; b .
    cpu.run(1);
    expect(cpu.pc).toBe(CODE + 8);
    expect(cpu.getReg(14)).toBe(CODE + 4);
    cpu.run(5);
    expect(cpu.pc).toBe(CODE + 8);
  });

  it('BX and BLX register switch state from bit 0', () => {
    let t = armCpu([0xe12fff10]); // bx r0
    t.cpu.setReg(0, 0x2001);
    t.cpu.run(1);
    expect(t.cpu.pc).toBe(0x2000);
    expect(t.cpu.cpsr & 0x20).toBe(0x20);
    t = armCpu([0xe12fff30]); // blx r0
    t.cpu.setReg(0, 0x3000);
    t.cpu.run(1);
    expect(t.cpu.pc).toBe(0x3000);
    expect(t.cpu.getReg(14)).toBe(CODE + 4);
  });

  it('BLX immediate goes to Thumb with the H bit', () => {
    const { cpu } = armCpu([0xfb000000]); // blx .+10
    cpu.run(1);
    expect(cpu.pc).toBe(CODE + 10);
    expect(cpu.cpsr & 0x20).toBe(0x20);
    expect(cpu.getReg(14)).toBe(CODE + 4);
  });

  it('LDR to the PC interworks on ARMv5', () => {
    const { cpu, bus } = armCpu([0xe591f000]); // ldr pc, [r1]
    bus.loadWords(0x8000, [0x4001]);
    cpu.setReg(1, 0x8000);
    cpu.run(1);
    expect(cpu.pc).toBe(0x4000);
    expect(cpu.cpsr & 0x20).toBe(0x20);
  });

  it('PLD is a no-op; an NV-condition data-processing word is undefined', () => {
    const { cpu } = armCpu([0xf5d1f000, 0xf3a00001]);
    cpu.run(1);
    expect(cpu.pc).toBe(CODE + 4);
    cpu.run(1);
    expect(cpu.pc).toBe(4);
  });
});
