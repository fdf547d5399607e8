import { describe, expect, it } from 'vitest';
import { armCpu, nzcv } from './support/harness.js';

function one(word: number, regs: Record<number, number>, flags = 0): ReturnType<typeof armCpu>['cpu'] {
  const { cpu } = armCpu([word]);
  for (const [r, v] of Object.entries(regs)) cpu.setReg(Number(r), v);
  cpu.cpsr = (flags << 28) | 0xd3;
  cpu.run(1);
  return cpu;
}

describe('ARM data processing', () => {
  it('MOV with immediate and ADD with a rotated immediate', () => {
    // mov r0,#10 ; add r1,r0,#0x3f000000 (0xe28014fc is add r1,r0,#0xfc000000)
    const { cpu } = armCpu([0xe3a0000a, 0xe28014fc]);
    cpu.run(2);
    expect(cpu.getReg(0)).toBe(10);
    expect(cpu.getReg(1)).toBe(0xfc00000a);
  });

  it('LSL by immediate sets C from the last bit shifted out', () => {
    const cpu = one(0xe1b00081, { 1: 0x80000001 }); // lsls r0, r1, #1
    expect(cpu.getReg(0)).toBe(2);
    expect(nzcv(cpu)).toBe(0b0010);
  });

  it('LSR #32 and ASR #32 (encoded as #0)', () => {
    let cpu = one(0xe1b00021, { 1: 0x80000000 }); // lsrs r0, r1, #32
    expect(cpu.getReg(0)).toBe(0);
    expect(nzcv(cpu)).toBe(0b0110);
    cpu = one(0xe1b00041, { 1: 0x80000000 }); // asrs r0, r1, #32
    expect(cpu.getReg(0)).toBe(0xffffffff);
    expect(nzcv(cpu)).toBe(0b1010);
  });

  it('RRX shifts the carry in', () => {
    const cpu = one(0xe1b00061, { 1: 3 }, 0b0010); // rrxs r0, r1
    expect(cpu.getReg(0)).toBe(0x80000001);
    expect(nzcv(cpu)).toBe(0b1010);
  });

  it('ROR by register: amount 0 keeps C, multiples of 32 give C = bit 31', () => {
    let cpu = one(0xe1b00271, { 1: 0x80000000, 2: 0 }, 0b0010); // rors r0, r1, r2
    expect(cpu.getReg(0)).toBe(0x80000000);
    expect(nzcv(cpu)).toBe(0b1010);
    cpu = one(0xe1b00271, { 1: 0x80000000, 2: 32 });
    expect(nzcv(cpu)).toBe(0b1010);
    cpu = one(0xe1b00271, { 1: 0x00000010, 2: 4 });
    expect(cpu.getReg(0)).toBe(1);
    expect(nzcv(cpu)).toBe(0b0000);
  });

  it('ADDS overflow and carry', () => {
    let cpu = one(0xe0910002, { 1: 0x7fffffff, 2: 1 }); // adds r0, r1, r2
    expect(cpu.getReg(0)).toBe(0x80000000);
    expect(nzcv(cpu)).toBe(0b1001);
    cpu = one(0xe0910002, { 1: 0xffffffff, 2: 1 });
    expect(cpu.getReg(0)).toBe(0);
    expect(nzcv(cpu)).toBe(0b0110);
  });

  it('ADC, SBC and RSC use the carry', () => {
    expect(one(0xe0b10002, { 1: 1, 2: 1 }, 0b0010).getReg(0)).toBe(3); // adcs
    expect(one(0xe0d10002, { 1: 5, 2: 3 }, 0).getReg(0)).toBe(1); // sbcs, C clear = borrow
    const cpu = one(0xe0f10002, { 1: 3, 2: 5 }, 0b0010); // rscs r0, r1, r2 = 5 - 3
    expect(cpu.getReg(0)).toBe(2);
    expect(nzcv(cpu)).toBe(0b0010);
  });

  it('SUBS and CMP set C as NOT borrow', () => {
    let cpu = one(0xe0510002, { 1: 1, 2: 2 }); // subs
    expect(cpu.getReg(0)).toBe(0xffffffff);
    expect(nzcv(cpu)).toBe(0b1000);
    cpu = one(0xe1510002, { 1: 0x80000000, 2: 1 }); // cmp: overflow
    expect(nzcv(cpu)).toBe(0b0011);
  });

  it('TST with a rotated immediate sets C from bit 31 of the immediate', () => {
    const cpu = one(0xe3110102, { 1: 0x80000000 }); // tst r1, #0x80000000
    expect(nzcv(cpu)).toBe(0b1010);
  });

  it('TEQ, CMN, BICS, MVNS', () => {
    expect(nzcv(one(0xe1310002, { 1: 5, 2: 5 }))).toBe(0b0100);
    expect(nzcv(one(0xe1710002, { 1: 0xffffffff, 2: 1 }))).toBe(0b0110);
    expect(one(0xe3d100ff, { 1: 0x1234 }).getReg(0)).toBe(0x1200);
    expect(one(0xe1f00001, { 1: 0 }).getReg(0)).toBe(0xffffffff);
  });

  it('MOV pc, r1 branches (word aligned in ARM state)', () => {
    const cpu = one(0xe1a0f001, { 1: 0x2002 });
    expect(cpu.pc).toBe(0x2000);
  });

  it('reads the PC as the instruction address + 8 (+12 with a register shift)', () => {
    // mov r0, pc ; add r1, pc, r2, lsl r3
    const { cpu } = armCpu([0xe1a0000f, 0xe08f1312]);
    cpu.setReg(2, 0);
    cpu.setReg(3, 0);
    cpu.run(2);
    expect(cpu.getReg(0)).toBe(0x1008);
    expect(cpu.getReg(1)).toBe(0x1010);
  });

  it('conditions: a failing condition does nothing but still counts', () => {
    // cmp r0, r0 ; movne r1, #1 ; moveq r2, #1
    const { cpu } = armCpu([0xe1500000, 0x13a01001, 0x03a02001]);
    cpu.run(3);
    expect(cpu.getReg(1)).toBe(0);
    expect(cpu.getReg(2)).toBe(1);
    expect(cpu.instructions).toBe(3);
  });
});
