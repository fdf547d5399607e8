import { describe, expect, it } from 'vitest';
import { armCpu, nzcv } from './support/harness.js';

function one(w: number, regs: Record<number, number>, cpsr = 0xd3): ReturnType<typeof armCpu>['cpu'] {
  const { cpu } = armCpu([w]);
  cpu.cpsr = cpsr;
  for (const [r, v] of Object.entries(regs)) cpu.setReg(Number(r), v);
  cpu.run(1);
  return cpu;
}

describe('multiplies, DSP, CLZ', () => {
  it('MUL/MLA; MULS leaves C alone', () => {
    expect(one(0xe0203291, { 1: 7, 2: 6, 3: 100 }).getReg(0)).toBe(142); // mla r0, r1, r2, r3
    const cpu = one(0xe0100291, { 1: 0x80000000, 2: 1 }, 0x200000d3); // muls r0, r1, r2
    expect(nzcv(cpu)).toBe(0b1010);
  });

  it('UMULL, SMULL, UMLAL, SMLAL', () => {
    let cpu = one(0xe0810392, { 2: 0xffffffff, 3: 0xffffffff }); // umull r0, r1, r2, r3
    expect([cpu.getReg(0), cpu.getReg(1)]).toEqual([1, 0xfffffffe]);
    cpu = one(0xe0c10392, { 2: 0xffffffff, 3: 2 }); // smull: -1 * 2
    expect([cpu.getReg(0), cpu.getReg(1)]).toEqual([0xfffffffe, 0xffffffff]);
    cpu = one(0xe0a10392, { 0: 0xffffffff, 1: 0, 2: 1, 3: 1 }); // umlal
    expect([cpu.getReg(0), cpu.getReg(1)]).toEqual([0, 1]);
    cpu = one(0xe0e10392, { 0: 0, 1: 0, 2: 0xffffffff, 3: 0xffffffff }); // smlal: (-1)(-1)
    expect([cpu.getReg(0), cpu.getReg(1)]).toEqual([1, 0]);
  });

  it('SMLAxy sets Q on overflow of the addition; Q is sticky', () => {
    const cpu = one(0xe1003281, { 1: 0x7fff, 2: 0x7fff, 3: 0x7fffffff }); // smlabb r0, r1, r2, r3
    expect(cpu.getReg(0)).toBe((0x3fff0001 + 0x7fffffff) >>> 0);
    expect((cpu.cpsr >>> 27) & 1).toBe(1);
    expect(one(0xe10032e1, { 1: 0xfffe0000, 2: 0x00030000, 3: 1 }).getReg(0)).toBe(0xfffffffb); // smlatt: -2*3+1
  });

  it('SMLAWy, SMULWy, SMLALxy, SMULxy', () => {
    expect(one(0xe1203281, { 1: 0x10000, 2: 3, 3: 1 }).getReg(0)).toBe(4); // smlawb: (0x10000*3)>>16 + 1
    expect(one(0xe12002e1, { 1: 0xffff0000, 2: 0x00020000 }).getReg(0)).toBe(0xfffffffe); // smulwt
    const cpu = one(0xe14103c2, { 0: 0xffffffff, 1: 0, 2: 2, 3: 0x00030000 }); // smlalbt r0, r1, r2, r3
    expect([cpu.getReg(0), cpu.getReg(1)]).toEqual([5, 1]);
    expect(one(0xe1600281, { 1: 0xffff, 2: 0xffff }).getReg(0)).toBe(1); // smulbb: (-1)(-1)
  });

  it('QADD/QSUB/QDADD/QDSUB saturate', () => {
    expect(one(0xe1020051, { 1: 0x7fffffff, 2: 1 }).getReg(0)).toBe(0x7fffffff);
    expect(one(0xe1220051, { 1: 0x80000000, 2: 1 }).getReg(0)).toBe(0x80000000);
    expect(one(0xe1420051, { 1: 1, 2: 0x40000000 }).getReg(0)).toBe(0x7fffffff);
    const cpu = one(0xe1620051, { 1: 0, 2: 3 });
    expect(cpu.getReg(0)).toBe(0xfffffffa);
    expect((cpu.cpsr >>> 27) & 1).toBe(0);
  });

  it('CLZ', () => {
    expect(one(0xe16f0f11, { 1: 0 }).getReg(0)).toBe(32);
    expect(one(0xe16f0f11, { 1: 0x00010000 }).getReg(0)).toBe(15);
  });
});
