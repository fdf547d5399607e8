import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Frame, SiCode, defaultAction, encodeFrame, killedStatus, makeSiginfo } from '../src/internal/signals.js';

const regs = Int32Array.from({ length: 16 }, (_, i) => (0x01010101 * i) | 0);
const stack = { sp: 0x20000, flags: 0, size: 0x4000 };

function word(b: Uint8Array, off: number): number {
  return new DataView(b.buffer, b.byteOffset).getUint32(off, true);
}

describe('the ARM Linux signal frame', () => {
  it('has the kernel struct sizes: ucontext 744, sigframe 760, rt_sigframe 888', () => {
    expect(Frame.UcontextSize).toBe(744);
    expect(encodeFrame(false, 10, makeSiginfo(10, 0), regs, new Uint32Array(2), null, stack, 0x10)).toHaveLength(760);
    expect(encodeFrame(true, 10, makeSiginfo(10, 0), regs, new Uint32Array(2), null, stack, 0x10)).toHaveLength(888);
    // uc_mcontext is 21 words, uc_sigmask right after it, uc_regspace 8-byte aligned after 128 bytes of sigset room.
    expect(Frame.Sigmask - Frame.Mcontext).toBe(21 * 4);
    expect(Frame.Regspace).toBe(Frame.Sigmask + 128);
    expect(Frame.Regspace % 8).toBe(0);
  });

  it('an rt frame holds siginfo, the altstack, sigcontext r0..pc, cpsr, fault, masks and an empty VFP area', () => {
    const info = makeSiginfo(11, SiCode.SegvMaperr, [0x10]);
    const saved = Uint32Array.of(0x1234, 0x8000_0001);
    const b = encodeFrame(true, 11, info, regs, saved, { trapNo: 14, errorCode: 0x805, address: 0x10 }, stack, 0x10);
    expect(word(b, 0)).toBe(11); // si_signo
    expect(word(b, 8)).toBe(1); // si_code SEGV_MAPERR
    expect(word(b, 12)).toBe(0x10); // si_addr
    const uc = Frame.SiginfoSize;
    expect(word(b, uc + Frame.UcFlags)).toBe(0);
    expect(word(b, uc + Frame.UcLink)).toBe(0);
    expect([word(b, uc + 8), word(b, uc + 12), word(b, uc + 16)]).toEqual([0x20000, 0, 0x4000]);
    expect(word(b, uc + 20)).toBe(14); // trap_no
    expect(word(b, uc + 24)).toBe(0x805); // error_code
    expect(word(b, uc + 28)).toBe(0x1234); // oldmask
    for (let i = 0; i < 16; i++) expect(word(b, uc + 32 + i * 4)).toBe(regs[i]! >>> 0);
    expect(word(b, uc + 96)).toBe(0x10); // arm_cpsr: user mode, ARM state
    expect(word(b, uc + 100)).toBe(0x10); // fault_address
    expect([word(b, uc + 104), word(b, uc + 108)]).toEqual([0x1234, 0x8000_0001]);
    expect(b.subarray(uc + Frame.Regspace, uc + Frame.UcontextSize).every((x) => x === 0)).toBe(true);
    // retcode: mov r7, #173; swi 0
    expect([word(b, uc + Frame.Retcode), word(b, uc + Frame.Retcode + 4)]).toEqual([0xe3a070ad, 0xef000000]);
  });

  it('a non-rt frame starts with the ucontext (magic uc_flags) and returns through sigreturn (119)', () => {
    const b = encodeFrame(false, 12, makeSiginfo(12, 0), regs, Uint32Array.of(5, 0), null, stack, 0x30);
    expect(word(b, Frame.UcFlags)).toBe(0x5ac3c35a);
    expect(word(b, Frame.R0 + 15 * 4)).toBe(regs[15]! >>> 0);
    expect(word(b, Frame.Cpsr)).toBe(0x30); // Thumb caller
    expect(word(b, Frame.Retcode)).toBe(0xe3a07077);
  });

  it('stores the interrupted CPSR (flags, Q, T) and has a Thumb retcode for Thumb handlers', () => {
    const b = encodeFrame(true, 10, makeSiginfo(10, 0), regs, new Uint32Array(2), null, stack, 0x68000030);
    const uc = Frame.SiginfoSize;
    expect(word(b, uc + Frame.Cpsr)).toBe(0x68000030);
    // movs r7, #173; svc 0 (Thumb) in retcode[2]
    expect(word(b, uc + Frame.ThumbRetcode)).toBe(0xdf0027ad);
    const n = encodeFrame(false, 10, makeSiginfo(10, 0), regs, new Uint32Array(2), null, stack, 0x10);
    expect(word(n, Frame.ThumbRetcode)).toBe(0xdf002777);
  });

  it('keeps every register word as an unsigned 32-bit value (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -0x80000000, max: 0x7fffffff }), { minLength: 16, maxLength: 16 }), (rs) => {
        const r = Int32Array.from(rs);
        const b = encodeFrame(true, 1, makeSiginfo(1, 0), r, new Uint32Array(2), null, stack, 0x10);
        return rs.every((v, i) => word(b, Frame.SiginfoSize + Frame.R0 + i * 4) === v >>> 0);
      }),
      { numRuns: 50 },
    );
  });
});

describe('default actions and wait statuses', () => {
  it('classifies signals as Linux does', () => {
    expect([1, 2, 9, 10, 12, 13, 14, 15, 26, 34, 64].map(defaultAction)).toEqual(Array(11).fill('term'));
    expect([3, 4, 5, 6, 7, 8, 11, 24, 25, 31].map(defaultAction)).toEqual(Array(10).fill('core'));
    expect([17, 23, 28].map(defaultAction)).toEqual(['ign', 'ign', 'ign']);
    expect(defaultAction(18)).toBe('cont');
    expect([19, 20, 21, 22].map(defaultAction)).toEqual(Array(4).fill('stop'));
  });

  it('sets the 0x80 core bit for core-dumping signals only', () => {
    expect(killedStatus(11)).toBe(0x8b);
    expect(killedStatus(6)).toBe(0x86);
    expect(killedStatus(15)).toBe(15);
    expect(killedStatus(9)).toBe(9);
  });
});
