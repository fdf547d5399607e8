import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cpu, FlatRamBus } from '../src/index.js';
import { armCpu } from './support/harness.js';

/** The compiled benchmark guest (loops inside decode blocks, compares next to branches). */
function guest(isa: 'arm' | 'thumb'): Cpu {
  const bus = new FlatRamBus(0x100000);
  bus.load(0x10000, readFileSync(new URL(`../bench/guest/mix-${isa}.bin`, import.meta.url)));
  const cpu = new Cpu(bus);
  cpu.pc = 0x10000;
  return cpu;
}

// around the interpreter's near-budget distance (1024) and a block's slot counts (256, 512)
const BUDGETS = [1, 2, 3, 7, 255, 256, 257, 511, 512, 513, 1000, 1023, 1024, 1025, 1026, 2047, 4096, 9999];

/** Deterministic pseudo-random words (xorshift32). */
function rng(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

/** Random ARM code rich in compares next to conditional branches (fused pairs) and short loops. */
function randomArm(next: () => number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = next() % 10;
    const rd = next() % 8;
    const rn = next() % 8;
    const imm = next() % 256;
    const cond = (next() % 14) << 28; // never AL: every loop can end
    if (k < 3) {
      // cmp / cmn / tst / subs with an immediate or cmp with a register
      const forms = [0x03500000 | (rn << 16) | imm, 0x03700000 | (rn << 16) | imm, 0x03100000 | (rn << 16) | imm, 0x02500000 | (rn << 16) | (rd << 12) | imm, 0x01500000 | (rn << 16) | rd];
      out.push((0xe0000000 | forms[next() % forms.length]!) >>> 0);
    } else if (k < 6) {
      const off = (next() % 48) - 32; // mostly backwards: loops inside the block
      out.push((cond | 0x0a000000 | (off & 0xffffff)) >>> 0);
    } else {
      out.push((0xe2800000 | (rn << 16) | (rd << 12) | imm) >>> 0); // add rd, rn, #imm
    }
  }
  return out;
}

/** Random Thumb code of the same kind. */
function randomThumb(next: () => number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = next() % 10;
    const rd = next() % 8;
    const rn = next() % 8;
    const imm = next() % 256;
    if (k < 3) {
      const forms = [0x2800 | (rn << 8) | imm, 0x4280 | (rn << 3) | rd, 0x3800 | (rd << 8) | imm, 0x1e00 | ((imm & 7) << 6) | (rn << 3) | rd];
      out.push(forms[next() % forms.length]!);
    } else if (k < 6) {
      const off = (next() % 48) - 32;
      out.push(0xd000 | ((next() % 14) << 8) | (off & 0xff));
    } else {
      out.push(0x3000 | (rd << 8) | imm); // adds rd, #imm
    }
  }
  return out;
}

/** RAM reached only through the bus calls: no decode blocks, so nothing is fused. */
class SlowBus extends FlatRamBus {
  override translate(): number {
    return -1;
  }
}

function loadRandom(isa: 'arm' | 'thumb', seed: number, slow = false): Cpu {
  const bus = slow ? new SlowBus(0x10000) : new FlatRamBus(0x10000);
  const next = rng(seed);
  if (isa === 'arm') bus.loadWords(0x1000, randomArm(next, 512));
  else {
    const halves = randomThumb(next, 1024);
    bus.load(0x1000, new Uint8Array(new Uint16Array(halves).buffer));
  }
  const cpu = new Cpu(bus);
  cpu.cpsr = isa === 'arm' ? 0x13 : 0x33;
  for (let i = 0; i < 8; i++) cpu.setReg(i, next() % 1024);
  cpu.pc = 0x1000 + (next() % 256) * 4;
  return cpu;
}

describe('run(budget) stops exactly at the budget', () => {
  for (const isa of ['arm', 'thumb'] as const) {
    it(`random compare-and-branch code: one long run equals single steps without decode blocks (${isa})`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const a = loadRandom(isa, seed * 7919);
        const b = loadRandom(isa, seed * 7919, true);
        a.run(3000);
        for (let i = 0; i < 3000; i++) b.step();
        expect(a.instructions).toBe(b.instructions);
        expect(a.snapshot()).toEqual(b.snapshot());
      }
    });
  }

  for (const isa of ['arm', 'thumb'] as const) {
    it(`gives the same state for any split of the same instructions (${isa} guest)`, () => {
      const a = guest(isa);
      const b = guest(isa);
      let total = 0;
      for (let round = 0; round < 3; round++) {
        for (const budget of BUDGETS) {
          a.run(budget);
          total += budget;
          for (let i = 0; i < budget; i++) b.step();
          expect(a.instructions).toBe(total);
          expect(b.instructions).toBe(total);
          expect(a.snapshot()).toEqual(b.snapshot());
        }
      }
    });
  }

  it('stops where the budget ends when a store rewrites that instruction first', () => {
    const ADD1 = 0xe2800001; // add r0, r0, #1
    const ADD16 = 0xe2800010; // add r0, r0, #16
    // str r1, [pc] writes the word at +8, the third instruction
    const code = [0xe58f1000, ADD1, ADD1, ADD1];
    for (const first of [1, 2, 3]) {
      const { cpu } = armCpu(code);
      cpu.setReg(1, ADD16);
      cpu.run(first);
      expect(cpu.instructions).toBe(first);
      expect(cpu.pc).toBe(0x1000 + 4 * first);
      cpu.run(4 - first);
      expect(cpu.getReg(0)).toBe(1 + 16 + 1);
      expect(cpu.pc).toBe(0x1010);
    }
  });
});

describe('a compare fused with the branch after it', () => {
  it('is dropped when a store rewrites the branch', () => {
    const code = [
      0xe3500000, // 1000: cmp r0, #0
      0x1a000001, // 1004: bne 0x1010 (fused with the cmp)
      0xe2822001, // 1008: add r2, r2, #1
      0xea000000, // 100c: b 0x1014
      0xe2833001, // 1010: add r3, r3, #1
      0xe5854000, // 1014: str r4, [r5]   (r5 = 0x1004: the bne becomes r4)
      0xe2466001, // 1018: sub r6, r6, #1
      0xe3560000, // 101c: cmp r6, #0
      0x1afffff6, // 1020: bne 0x1000
      0xeafffffe, // 1024: b 0x1024
    ];
    const { cpu } = armCpu(code);
    cpu.setReg(0, 1);
    cpu.setReg(4, 0xe1a00000); // mov r0, r0
    cpu.setReg(5, 0x1004);
    cpu.setReg(6, 2);
    cpu.run(5000); // far from the budget: the fused form runs
    expect(cpu.getReg(3)).toBe(1); // bne taken once, then gone
    expect(cpu.getReg(2)).toBe(1);
    expect(cpu.pc).toBe(0x1024);
    expect(cpu.instructions).toBe(5000);
  });
});
