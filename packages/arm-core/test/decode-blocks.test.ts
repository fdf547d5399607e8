import { describe, expect, it } from 'vitest';
import { Cpu, FlatRamBus } from '../src/index.js';

/** RAM whose page 0x3000 goes through the slow path (as device memory or a fine page would). */
class SlowPageBus extends FlatRamBus {
  override translate(vaddr: number): number {
    return vaddr >>> 12 === 3 ? -1 : super.translate(vaddr);
  }
}

function cpuAt(bus: FlatRamBus, pc: number, thumb: boolean): Cpu {
  const cpu = new Cpu(bus);
  cpu.cpsr = thumb ? 0x33 : 0x13;
  cpu.pc = pc;
  return cpu;
}

const ADD_R0_1 = 0xe2800001; // add r0, r0, #1
const THUMB_ADDS_R0_1 = 0x3001; // adds r0, #1

describe('decode blocks', () => {
  it('runs straight across 1 KiB decode blocks and 4 KiB pages, counting exactly (ARM)', () => {
    const bus = new FlatRamBus(0x10000);
    bus.loadWords(0x1ff0, Array<number>(12).fill(ADD_R0_1)); // 0x1ff0..0x201f crosses both
    for (const budget of [1, 3, 4, 5, 12]) {
      const cpu = cpuAt(bus, 0x1ff0, false);
      cpu.run(budget);
      expect(cpu.getReg(0)).toBe(budget);
      expect(cpu.instructions).toBe(budget);
      expect(cpu.pc).toBe(0x1ff0 + 4 * budget);
    }
  });

  it('an STM over decoded instructions replaces them (block-transfer fast path)', () => {
    const bus = new FlatRamBus(0x10000);
    const NOP = 0xe1a00000; // mov r0, r0
    // 0x1000: stmia r1, {r2, r3}; three nops; 0x1010: mov r0, #1; 0x1014: mov r1, #1
    bus.loadWords(0x1000, [0xe881000c, NOP, NOP, NOP, 0xe3a00001, 0xe3a01001]);
    for (const thumbFirst of [false, true]) {
      const cpu = cpuAt(bus, 0x1010, false);
      if (thumbFirst) cpu.cpsr = 0x33; // decode the words as Thumb first: both decodings must go
      cpu.run(2);
      cpu.cpsr = 0x13;
      cpu.pc = 0x1000;
      cpu.setReg(1, 0x1010);
      cpu.setReg(2, 0xe3a00007); // mov r0, #7
      cpu.setReg(3, 0xe3a01009); // mov r1, #9
      cpu.run(6);
      expect([cpu.getReg(0), cpu.getReg(1), cpu.pc]).toEqual([7, 9, 0x1018]);
      bus.loadWords(0x1010, [0xe3a00001, 0xe3a01001]);
      cpu.invalidateCode(0x1010, 8);
    }
  });

  it('keeps running when the decode store fills up and is emptied in the middle of a run', () => {
    // 4 200 code blocks, more than the store holds (4 077 ARM blocks): each block adds 1 and
    // branches to the next one, so the store is emptied while run() is under way.
    const blocks = 4200;
    const bus = new FlatRamBus(0x1100000);
    for (let i = 0; i < blocks; i++) {
      const at = 0x1000 + i * 0x400;
      const offset = (0x400 - 4 - 8) >> 2; // from at + 4 to the next block
      bus.loadWords(at, [ADD_R0_1, (0xea000000 | (offset & 0xffffff)) >>> 0]);
    }
    bus.loadWords(0x1000 + blocks * 0x400, [ADD_R0_1]);
    for (const budget of [2 * blocks + 1, 2 * blocks - 7]) {
      const cpu = cpuAt(bus, 0x1000, false);
      cpu.run(budget);
      expect(cpu.instructions).toBe(budget);
      expect(cpu.getReg(0)).toBe(Math.ceil(budget / 2));
    }
  });

  it('runs straight across 1 KiB decode blocks (Thumb), one step at a time too', () => {
    const bus = new FlatRamBus(0x10000);
    const code = new Uint8Array(24);
    for (let i = 0; i < 12; i++) {
      code[2 * i] = THUMB_ADDS_R0_1 & 0xff;
      code[2 * i + 1] = THUMB_ADDS_R0_1 >>> 8;
    }
    bus.load(0x13f4, code); // 0x13f4..0x140b crosses 0x1400
    const cpu = cpuAt(bus, 0x13f4, true);
    for (let i = 1; i <= 12; i++) {
      cpu.step();
      expect(cpu.getReg(0)).toBe(i);
    }
    expect(cpu.instructions).toBe(12);
    expect(cpu.pc).toBe(0x140c);
  });

  it('runs sequential code from a slow-path page and into RAM after it', () => {
    const bus = new SlowPageBus(0x10000);
    bus.loadWords(0x3ff8, [ADD_R0_1, ADD_R0_1, ADD_R0_1, ADD_R0_1]); // slow page, then RAM at 0x4000
    const cpu = cpuAt(bus, 0x3ff8, false);
    cpu.run(4);
    expect(cpu.getReg(0)).toBe(4);
    expect(cpu.instructions).toBe(4);
    expect(cpu.pc).toBe(0x4008);
  });

  it('a slow-path page is fetched afresh: rewriting it behind the CPU takes effect at once', () => {
    const bus = new SlowPageBus(0x10000);
    // loop: add r0, r0, #1 ; b loop
    bus.loadWords(0x3000, [ADD_R0_1, 0xeafffffd]);
    const cpu = cpuAt(bus, 0x3000, false);
    cpu.run(4);
    expect(cpu.getReg(0)).toBe(2);
    bus.loadWords(0x3000, [0xe2800010]); // add r0, r0, #16
    cpu.run(2);
    expect(cpu.getReg(0)).toBe(18);
  });

  it('a conditional branch at the last slot of a block and a branch into another block', () => {
    const bus = new FlatRamBus(0x10000);
    // 0x13fc: cmp r0, #0 at 0x13f8 ; beq 0x2000 at 0x13fc ; 0x1400: mov r1, #1 ; 0x2000: mov r1, #2
    bus.loadWords(0x13f8, [0xe3500000, 0x0a0002ff, 0xe3a01001]);
    bus.loadWords(0x2000, [0xe3a01002]);
    for (const [r0, r1, pc] of [
      [0, 2, 0x2004],
      [5, 1, 0x1404],
    ] as const) {
      const cpu = cpuAt(bus, 0x13f8, false);
      cpu.setReg(0, r0);
      cpu.run(3);
      expect(cpu.getReg(1)).toBe(r1);
      expect(cpu.pc).toBe(pc);
      expect(cpu.instructions).toBe(3);
    }
  });
});
