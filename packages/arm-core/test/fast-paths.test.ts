import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cpu, FlatRamBus } from '../src/index.js';

/*
 * The interpreter's fast loop does loads, stores, LDM/STM and BX itself when the memory
 * is RAM with a translation at hand, and leaves everything else to the general handlers.
 * The same instruction on data behind the slow path (a page the bus does not translate)
 * must end in the same state: one test, two paths.
 */

/** RAM whose page 0x3000 (the data page) goes through the slow path, as device memory or a fine page would. */
class SlowPageBus extends FlatRamBus {
  override translate(vaddr: number): number {
    return vaddr >>> 12 === 3 ? -1 : super.translate(vaddr);
  }
}

const CODE = 0x1000;

const DATA = 0x3000;

/** Runs `word` once (after two instructions that touch the data page) with r0–r3 pointing into the data page; returns registers, flags and the page. */
function runOnce(word: number, slow: boolean, regs: readonly number[]): unknown {
  const data = DATA;
  const bus = slow ? new SlowPageBus(0x10000) : new FlatRamBus(0x10000);
  for (let i = 0; i < 1024; i++) bus.write32(data + 4 * i, (0x1234567 * (i + 1)) | 0);
  // ldr lr, [sp]; str lr, [sp]: the data page's translations are then at hand, as the
  // fast paths need; then the instruction under test
  bus.loadWords(CODE, [0xe59de000, 0xe58de000, word]);
  const cpu = new Cpu(bus);
  cpu.cpsr = 0x13;
  cpu.setReg(13, data + 0xffc);
  for (let i = 0; i < 13; i++) cpu.setReg(i, regs[i]! >>> 0);
  // r0–r3 point into the page; their offsets come from the register values
  for (let i = 0; i < 4; i++) cpu.setReg(i, (data + 0x800 + ((regs[i]! & 0x3fc) - 0x200)) >>> 0);
  cpu.pc = CODE;
  cpu.run(3);
  const s = cpu.snapshot();
  const page = Array.from({ length: 1024 }, (_, i) => bus.read32(data + 4 * i));
  return { regs: s.regs, cpsr: s.cpsr, page, instructions: cpu.instructions };
}

/** Instruction words on r0–r3 as base and r4–r12 as data registers, always condition AL. */
const memoryWord = fc.oneof(
  // LDM/STM: any addressing mode, writeback or not, any list with r15 or not (no ^)
  fc.record({ pu: fc.integer({ min: 0, max: 3 }), w: fc.boolean(), l: fc.boolean(), rn: fc.integer({ min: 0, max: 3 }), list: fc.integer({ min: 1, max: 0xffff }) }).map(
    ({ pu, w, l, rn, list }) => (0xe8000000 | (pu << 23) | ((w ? 1 : 0) << 21) | ((l ? 1 : 0) << 20) | (rn << 16) | list) >>> 0,
  ),
  // LDR/STR/LDRB/STRB immediate: pre/post, up/down, writeback
  fc.record({ p: fc.boolean(), u: fc.boolean(), b: fc.boolean(), w: fc.boolean(), l: fc.boolean(), rn: fc.integer({ min: 0, max: 3 }), rd: fc.integer({ min: 0, max: 12 }), off: fc.integer({ min: 0, max: 0xfff }) }).map(
    ({ p, u, b, w, l, rn, rd, off }) =>
      (0xe4000000 | ((p ? 1 : 0) << 24) | ((u ? 1 : 0) << 23) | ((b ? 1 : 0) << 22) | ((w && p ? 1 : 0) << 21) | ((l ? 1 : 0) << 20) | (rn << 16) | (rd << 12) | (off & 0x3ff)) >>> 0,
  ),
  // LDR/STR/LDRB/STRB register offset (LSL #0), pre-indexed, up
  fc.record({ b: fc.boolean(), l: fc.boolean(), rn: fc.integer({ min: 0, max: 3 }), rd: fc.integer({ min: 4, max: 12 }), rm: fc.integer({ min: 4, max: 12 }) }).map(
    ({ b, l, rn, rd, rm }) => (0xe7800000 | ((b ? 1 : 0) << 22) | ((l ? 1 : 0) << 20) | (rn << 16) | (rd << 12) | rm) >>> 0,
  ),
);

describe('fast paths agree with the general handlers', () => {
  it('loads, stores and block transfers end the same on RAM and behind the slow path', () => {
    fc.assert(
      fc.property(memoryWord, fc.array(fc.integer({ min: 0, max: 0x3ff }), { minLength: 13, maxLength: 13 }), (word, regs) => {
        expect(runOnce(word, false, regs)).toEqual(runOnce(word, true, regs));
      }),
      { numRuns: 3000 },
    );
  });

  it('an LDM that loads its written-back base ends with the loaded value, on both paths', () => {
    // ldmia r0!, {r0, r4}
    const fast = runOnce(0xe8b00011, false, Array<number>(13).fill(0x200)) as { regs: number[] };
    expect(fast).toEqual(runOnce(0xe8b00011, true, Array<number>(13).fill(0x200)));
    expect(fast.regs[0]! >>> 0).toBe((0x1234567 * (0x800 / 4 + 1)) >>> 0);
  });
});
