import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { disassembleArm, disassembleThumb, formatListingLine, symbolizeAddress } from '../src/index.js';

describe('disassembleArm', () => {
  it('gives structured fields and objdump text', () => {
    const ldr = disassembleArm(0xe59f0004, 0x8010);
    expect(ldr).toMatchObject({ mnemonic: 'ldr', operands: 'r0, [pc, #4]', comment: '0x801c', length: 4, target: null });
    expect(ldr.text).toBe('ldr\tr0, [pc, #4]\t@ 0x801c');
    const bl = disassembleArm(0xebfffffe, 0x8008);
    expect(bl).toMatchObject({ mnemonic: 'bl', operands: '0x8008', target: 0x8008 });
    expect(disassembleArm(0xfa000000, 0x800c).target).toBe(0x8014);
    expect(disassembleArm(0xfb000000, 0x800c).target).toBe(0x8016);
  });

  it('spells the ARMv5TE additions as objdump does', () => {
    expect(disassembleArm(0xe16f1f12, 0).text).toBe('clz\tr1, r2');
    expect(disassembleArm(0xe1000080, 0).text).toBe('smlabb\tr0, r0, r0, r0');
    expect(disassembleArm(0xe1c020d0, 0).text).toBe('ldrd\tr2, [r0]');
    expect(disassembleArm(0xf5d0f000, 0).text).toBe('pld\t[r0]');
    expect(disassembleArm(0xe1200070, 0).text).toBe('bkpt\t0x0000');
    expect(disassembleArm(0xef000000, 0).text).toBe('svc\t0x00000000');
    expect(disassembleArm(0xee010f10, 0).text).toBe('mcr\t15, 0, r0, cr1, cr0, {0}');
    expect(disassembleArm(0xe10f0000, 0).text).toBe('mrs\tr0, CPSR');
    expect(disassembleArm(0xe1020091, 0).text).toBe('swp\tr0, r1, [r2]');
    expect(disassembleArm(0xe92d4010, 0).text).toBe('push\t{r4, lr}');
    expect(disassembleArm(0xe1a00000, 0)).toMatchObject({ mnemonic: 'nop', operands: '', comment: '(mov r0, r0)' });
  });

  it('marks undefined and unpredictable encodings', () => {
    const undef = disassembleArm(0xe6bf0f31, 0);
    expect(undef).toMatchObject({ undefined: true, mnemonic: '', comment: '<UNDEFINED> instruction: 0xe6bf0f31' });
    expect(disassembleArm(0xe00f251f, 0)).toMatchObject({ unpredictable: true, comment: '<UNPREDICTABLE>' });
  });

  it('names targets with a formatter', () => {
    const format = symbolizeAddress([{ name: 'main', address: 0x8000 }]);
    expect(disassembleArm(0xebfffffe, 0x8008, { formatAddress: format }).operands).toBe('8008 <main+0x8>');
    expect(format(0x8000)).toBe('8000 <main>');
    expect(format(0x10)).toBe('10');
  });

  it('never throws and always yields four bytes of text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xfffffffc }), (w, a) => {
        const insn = disassembleArm(w, a & ~3);
        return insn.length === 4 && insn.text.length > 0;
      }),
      { numRuns: 5000 },
    );
  });
});

describe('disassembleThumb', () => {
  it('decodes a BL pair as one 4-byte instruction', () => {
    const bl = disassembleThumb([0xf000, 0xf800], 0x8002);
    expect(bl).toMatchObject({ mnemonic: 'bl', length: 4, target: 0x8006, word: 0xf000f800 });
    expect(disassembleThumb([0xf000, 0xe800], 0x8006)).toMatchObject({ mnemonic: 'blx', target: 0x8008 });
    expect(formatListingLine(bl, true)).toBe('00008002: f000 f800  bl\t0x8006');
  });

  it('spells 16-bit forms as objdump does', () => {
    expect(disassembleThumb([0x2001], 0).text).toBe('movs\tr0, #1');
    expect(disassembleThumb(0x2001, 0).text).toBe('movs\tr0, #1');
    expect(disassembleThumb([0x4800], 0x800a).text).toBe('ldr\tr0, [pc, #0]\t@ (0x800c)');
    expect(disassembleThumb([0xa001], 0x801c).text).toBe('add\tr0, pc, #4\t@ (adr r0, 0x8024)');
    expect(disassembleThumb([0xd0fe], 0x800e)).toMatchObject({ text: 'beq.n\t0x800e', target: 0x800e });
    expect(disassembleThumb([0xdf01], 0).text).toBe('svc\t1');
    expect(disassembleThumb([0xb510], 0).text).toBe('push\t{r4, lr}');
    expect(disassembleThumb([0x46c0], 0).text).toBe('nop\t\t\t@ (mov r8, r8)');
  });

  it('treats a lone first half of a 32-bit unit as undefined', () => {
    expect(disassembleThumb([0xf000], 0)).toMatchObject({ undefined: true, length: 2 });
    expect(disassembleThumb([0xe800, 0x1234], 0)).toMatchObject({ undefined: true, length: 4 });
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), (a, b) => {
        const insn = disassembleThumb([a, b], 0x1000);
        const expected = a >= 0xe800 ? 4 : 2;
        return insn.length === expected && insn.text.length > 0;
      }),
      { numRuns: 5000 },
    );
  });
});
