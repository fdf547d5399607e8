import { describe, expect, it } from 'vitest';
import { thumbCpu, nzcv, word, CODE } from './support/harness.js';

function one(h: number[], regs: Record<number, number>, steps = h.length): ReturnType<typeof thumbCpu> {
  const t = thumbCpu(h);
  for (const [r, v] of Object.entries(regs)) t.cpu.setReg(Number(r), v);
  t.cpu.run(steps);
  return t;
}

describe('Thumb', () => {
  it('shifts, add/sub and immediates set flags', () => {
    expect(one([0x00c8], { 1: 0x30000001 }).cpu.getReg(0)).toBe(0x80000008); // lsls r0, r1, #3
    const { cpu } = one([0x0808], { 1: 0x80000000 }); // lsrs r0, r1, #32
    expect(cpu.getReg(0)).toBe(0);
    expect(nzcv(cpu)).toBe(0b0110);
    expect(one([0x1888], { 1: 2, 2: 3 }).cpu.getReg(0)).toBe(5); // adds r0, r1, r2
    expect(one([0x1fc8], { 1: 7 }).cpu.cpsr >>> 28).toBe(0b0110); // subs r0, r1, #7
    const t = one([0x20c8, 0x28c8, 0x3301], { 3: 0xffffffff }); // movs r0,#200; cmp r0,#200; adds r3,#1
    expect(t.cpu.getReg(0)).toBe(200);
    expect(t.cpu.getReg(3)).toBe(0);
    expect(nzcv(t.cpu)).toBe(0b0110);
  });

  it('ALU operations: AND, LSL by register, NEG, MUL', () => {
    expect(one([0x4008], { 0: 0xff0, 1: 0x0ff }).cpu.getReg(0)).toBe(0xf0);
    expect(one([0x4088], { 0: 1, 1: 33 }).cpu.getReg(0)).toBe(0);
    expect(one([0x4248], { 1: 5 }).cpu.getReg(0)).toBe(0xfffffffb);
    expect(one([0x4348], { 0: 6, 1: 7 }).cpu.getReg(0)).toBe(42);
  });

  it('high-register ADD, CMP and MOV pc', () => {
    const t = one([0x4488, 0x4588], { 8: 10, 1: 5 }); // add r8, r1 ; cmp r8, r1
    expect(t.cpu.getReg(8)).toBe(15);
    expect(nzcv(t.cpu)).toBe(0b0010);
    const m = one([0x468f], { 1: 0x2001 }); // mov pc, r1: stays in Thumb
    expect(m.cpu.pc).toBe(0x2000);
    expect(m.cpu.cpsr & 0x20).toBe(0x20);
  });

  it('BX to ARM and BLX register', () => {
    let t = one([0x4708], { 1: 0x2000 }); // bx r1
    expect(t.cpu.pc).toBe(0x2000);
    expect(t.cpu.cpsr & 0x20).toBe(0);
    t = one([0x4788], { 1: 0x2001 }); // blx r1
    expect(t.cpu.pc).toBe(0x2000);
    expect(t.cpu.getReg(14)).toBe(CODE + 3);
    expect(t.cpu.cpsr & 0x20).toBe(0x20);
  });

  it('PC-relative load and ADR word-align the PC', () => {
    // at 0x1002: ldr r0, [pc, #4] reads (0x1006 & ~3) + 4 = 0x1008 ; add r0, pc, #8
    const t = thumbCpu([0x46c0, 0x4801, 0xa002, 0x46c0, 0x5678, 0x1234]);
    t.cpu.run(2);
    expect(t.cpu.getReg(0)).toBe(0x12345678);
    t.cpu.run(1);
    expect(t.cpu.getReg(0)).toBe(0x1008 + 8);
  });

  it('register and immediate loads and stores, SP-relative', () => {
    const t = thumbCpu([0x5088, 0x5e88, 0x6848, 0x70c8, 0x8848, 0x9002]);
    const { cpu, bus } = t;
    bus.loadWords(0x8000, [0, 0x8001ffff]);
    cpu.setReg(0, 0xa5);
    cpu.setReg(1, 0x8000);
    cpu.setReg(2, 8);
    cpu.setReg(13, 0x9000);
    cpu.run(1); // str r0, [r1, r2]
    expect(word(bus, 0x8008)).toBe(0xa5);
    cpu.setReg(2, 6);
    cpu.run(1); // ldrsh r0, [r1, r2]
    expect(cpu.getReg(0)).toBe(0xffff8001);
    cpu.run(1); // ldr r0, [r1, #4]
    expect(cpu.getReg(0)).toBe(0x8001ffff);
    cpu.run(1); // strb r0, [r1, #3]
    expect(word(bus, 0x8000)).toBe(0xff000000);
    cpu.run(1); // ldrh r0, [r1, #2]
    expect(cpu.getReg(0)).toBe(0xff00);
    cpu.run(1); // str r0, [sp, #8]
    expect(word(bus, 0x9008)).toBe(0xff00);
  });

  it('SP adjustments, PUSH/POP with interworking POP {pc}, LDMIA/STMIA', () => {
    const t = thumbCpu([0xb004, 0xb084, 0xb503, 0xbd03]);
    const { cpu, bus } = t;
    cpu.setReg(13, 0x9000);
    cpu.setReg(0, 1);
    cpu.setReg(1, 2);
    cpu.setReg(14, 0x3000); // even: POP {pc} goes to ARM state (v5)
    cpu.run(2);
    expect(cpu.getReg(13)).toBe(0x9000);
    cpu.run(1);
    expect(cpu.getReg(13)).toBe(0x9000 - 12);
    expect(word(bus, 0x9000 - 4)).toBe(0x3000);
    cpu.setReg(0, 0);
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(1);
    expect(cpu.pc).toBe(0x3000);
    expect(cpu.cpsr & 0x20).toBe(0);
    const m = thumbCpu([0xc10c, 0xc90c]);
    m.cpu.setReg(1, 0x8000);
    m.cpu.setReg(2, 7);
    m.cpu.setReg(3, 9);
    m.cpu.run(1);
    expect(m.cpu.getReg(1)).toBe(0x8008);
    m.cpu.setReg(1, 0x8000);
    m.cpu.setReg(2, 0);
    m.cpu.run(1);
    expect([m.cpu.getReg(2), m.cpu.getReg(3), m.cpu.getReg(1)]).toEqual([7, 9, 0x8008]);
  });

  it('conditional and unconditional branches', () => {
    let t = thumbCpu([0x2000, 0xd002]); // movs r0, #0 ; beq +8
    t.cpu.run(2);
    expect(t.cpu.pc).toBe(CODE + 2 + 8);
    t = thumbCpu([0xe002]); // b +8
    t.cpu.run(1);
    expect(t.cpu.pc).toBe(CODE + 8);
  });

  it('BL and BLX pairs', () => {
    let t = thumbCpu([0xf000, 0xf87e]); // bl .+0x100
    t.cpu.run(2);
    expect(t.cpu.pc).toBe(CODE + 0x100);
    expect(t.cpu.getReg(14)).toBe(CODE + 5);
    t = thumbCpu([0xf000, 0xe880]); // blx .+0x100 (word-aligned target, ARM state)
    t.cpu.run(2);
    expect(t.cpu.pc).toBe(CODE + 0x104);
    expect(t.cpu.cpsr & 0x20).toBe(0);
  });

  it('undefined encodings take the undefined exception', () => {
    const t = thumbCpu([0xde00]);
    t.cpu.run(1);
    expect(t.cpu.pc).toBe(4);
    expect(t.cpu.getReg(14)).toBe(CODE + 2);
  });
});
