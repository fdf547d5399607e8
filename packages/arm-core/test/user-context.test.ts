import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cpu, CpuStateError, FlatRamBus, Mode } from '../src/index.js';

/*
 * loadUserContext / saveUserContext: a hosted kernel's thread switch in one call each. The
 * model is the field-by-field way (cpsr, then r0–r14, then pc) on a second CPU.
 */

const word = fc.integer({ min: -0x80000000, max: 0x7fffffff });

function cpuIn(mode: number, seed: number): Cpu {
  const cpu = new Cpu(new FlatRamBus(0x1000));
  // distinct banked registers in the starting mode, so a wrong bank switch shows
  cpu.cpsr = (0x1c0 | mode) >>> 0;
  for (let i = 0; i < 15; i++) cpu.setReg(i, seed + i);
  return cpu;
}

describe('Cpu.loadUserContext / saveUserContext', () => {
  it('loads like setting cpsr (mode User, IRQ/FIQ unmasked), r0–r14 and pc one by one (property)', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 17, maxLength: 17 }), fc.constantFrom(Mode.User, Mode.Supervisor, Mode.Irq, Mode.Fiq, Mode.System), word, (words, mode, seed) => {
        const ctx = Int32Array.from(words);
        const a = cpuIn(mode, seed);
        const b = cpuIn(mode, seed);
        a.loadUserContext(ctx);
        b.cpsr = ((ctx[16]! & ~0xdf) | Mode.User) >>> 0;
        for (let i = 0; i < 15; i++) b.setReg(i, ctx[i]!);
        b.pc = (ctx[15]! & ((ctx[16]! & 0x20) !== 0 ? ~1 : ~3)) >>> 0;
        expect(a.snapshot()).toEqual(b.snapshot());
        const back = new Int32Array(17);
        a.saveUserContext(back);
        const expected = Int32Array.from(ctx);
        expected[15] = b.pc;
        expected[16] = b.cpsr;
        expect(back).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the loaded context when another CPU runs in between (the interpreter arrays change owner)', () => {
    const a = new Cpu(new FlatRamBus(0x1000));
    const other = new Cpu(new FlatRamBus(0x1000));
    const ctx = Int32Array.from({ length: 17 }, (_, i) => i * 0x01010101);
    ctx[16] = 0xf0000030 | 0; // NZCV, Thumb, (mode bits ignored)
    a.loadUserContext(ctx);
    other.run(3);
    const back = new Int32Array(17);
    a.saveUserContext(back);
    expect(Array.from(back.subarray(0, 15))).toEqual(Array.from(ctx.subarray(0, 15)));
    expect(back[15]! >>> 0).toBe((ctx[15]! & ~1) >>> 0);
    expect(back[16]! >>> 0).toBe(0xf0000030);
  });

  it('refuses a context shorter than 17 words', () => {
    const cpu = new Cpu(new FlatRamBus(0x1000));
    expect(() => { cpu.loadUserContext(new Int32Array(16)); }).toThrow(CpuStateError);
    expect(() => { cpu.saveUserContext(new Int32Array(3)); }).toThrow(/17 words, not 3/);
  });
});
