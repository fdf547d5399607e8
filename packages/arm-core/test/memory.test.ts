import { describe, expect, it } from 'vitest';
import { Mode } from '../src/index.js';
import { CODE, armCpu, word } from './support/harness.js';

describe('loads and stores', () => {
  it('pre/post indexing and writeback', () => {
    // ldr r0,[r1,#4]! ; ldr r2,[r1],#-4 ; str r0,[r1,#-8]!
    const { cpu, bus } = armCpu([0xe5b10004, 0xe4112004, 0xe5210008]);
    bus.loadWords(0x8000, [0x11, 0x22, 0x33]);
    cpu.setReg(1, 0x8000);
    cpu.run(3);
    expect(cpu.getReg(0)).toBe(0x22);
    expect(cpu.getReg(2)).toBe(0x22);
    expect(cpu.getReg(1)).toBe(0x7ff8);
    expect(word(bus, 0x7ff8)).toBe(0x22);
  });

  it('register offsets with shifts, bytes', () => {
    // ldr r0,[r1,r2,lsl #2] ; ldrb r3,[r1,#1] ; strb r3,[r1,#9]
    const { cpu, bus } = armCpu([0xe7910102, 0xe5d13001, 0xe5c13009]);
    bus.loadWords(0x8000, [0x44332211, 0, 0xabcdef]);
    cpu.setReg(1, 0x8000);
    cpu.setReg(2, 2);
    cpu.run(3);
    expect(cpu.getReg(0)).toBe(0xabcdef);
    expect(cpu.getReg(3)).toBe(0x22);
    expect(word(bus, 0x8008)).toBe(0xab22ef);
  });

  it('an unaligned LDR rotates the word (ARMv5), unless alignment checking is on', () => {
    const { cpu, bus } = armCpu([0xe5910000, 0xe5910000]); // ldr r0, [r1]
    bus.loadWords(0x8000, [0x11223344]);
    cpu.setReg(1, 0x8001);
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(0x44112233);
    cpu.setAlignmentCheck(true);
    cpu.run(1);
    expect(cpu.cpsr & 0x1f).toBe(Mode.Abort);
    expect(cpu.pc).toBe(0x10);
  });

  it('an unaligned LDM/STM base aborts with alignment checking on, leaving the base alone', () => {
    // ldmia r0!, {r1, r2} ; stmdb r0!, {r1, r2}
    for (const insn of [0xe8b00006, 0xe9200006]) {
      const { cpu, bus } = armCpu([insn]);
      bus.loadWords(0x8000, [0x11, 0x22, 0x33]);
      cpu.setReg(0, 0x8002);
      cpu.setReg(1, 7);
      cpu.setAlignmentCheck(true);
      cpu.run(1);
      expect(cpu.cpsr & 0x1f).toBe(Mode.Abort);
      expect(cpu.pc).toBe(0x10);
      expect(cpu.getReg(0)).toBe(0x8002);
      expect(cpu.getReg(14)).toBe(CODE + 8); // the aborted instruction + 8
      expect(word(bus, 0x7ff8)).toBe(0);
    }
    // without alignment checking the low address bits are ignored
    const { cpu } = armCpu([0xe8b00006]);
    cpu.setReg(0, 0x8002);
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(0x800a);
  });

  it('invalidateCode drops decoded instructions that were rewritten behind the CPU', () => {
    // mov r0, #1 ; b . (decoded once), then the mov is patched directly in RAM
    const { cpu, bus } = armCpu([0xe3a00001, 0xeafffffe]);
    cpu.run(3);
    expect(cpu.getReg(0)).toBe(1);
    new DataView(bus.ram.buffer).setUint32(CODE, 0xe3a00002, true); // mov r0, #2
    cpu.pc = CODE;
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(1); // still the stale decoded instruction
    cpu.invalidateCode(CODE - 0x3fe, 0x1000); // a range across several 1 KiB blocks
    cpu.pc = CODE;
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(2);
  });

  it('halfwords and signed loads', () => {
    // ldrh r0,[r1,#2] ; ldrsh r2,[r1,#2] ; ldrsb r3,[r1,#3] ; strh r0,[r1],#2
    const { cpu, bus } = armCpu([0xe1d100b2, 0xe1d120f2, 0xe1d130d3, 0xe0c100b2]);
    bus.loadWords(0x8000, [0x80f01234]);
    cpu.setReg(1, 0x8000);
    cpu.run(4);
    expect(cpu.getReg(0)).toBe(0x80f0);
    expect(cpu.getReg(2)).toBe(0xffff80f0);
    expect(cpu.getReg(3)).toBe(0xffffff80);
    expect(cpu.getReg(1)).toBe(0x8002);
    expect(word(bus, 0x8000)).toBe(0x80f080f0);
  });

  it('LDRD/STRD', () => {
    // ldrd r2,[r1,#8] ; strd r2,[r1,#-8]!
    const { cpu, bus } = armCpu([0xe1c120d8, 0xe16120f8]);
    bus.loadWords(0x8008, [5, 6]);
    cpu.setReg(1, 0x8000);
    cpu.run(2);
    expect([cpu.getReg(2), cpu.getReg(3)]).toEqual([5, 6]);
    expect(cpu.getReg(1)).toBe(0x7ff8);
    expect([word(bus, 0x7ff8), word(bus, 0x7ffc)]).toEqual([5, 6]);
  });

  it('LDRD with an odd register is undefined', () => {
    const { cpu } = armCpu([0xe1c130d8]); // ldrd r3, [r1, #8]
    cpu.run(1);
    expect(cpu.pc).toBe(4);
  });

  it('PUSH/POP and LDM/STM addressing modes', () => {
    // push {r0-r3,lr} ; ldmia r1!, {r2-r4} ; pop {r0-r3,pc}
    const { cpu, bus } = armCpu([0xe92d400f, 0xe8b1001c, 0xe8bd800f]);
    for (let i = 0; i < 4; i++) cpu.setReg(i, i + 1);
    cpu.setReg(14, 0x2001);
    cpu.setReg(13, 0x9000);
    cpu.run(1);
    expect(cpu.getReg(13)).toBe(0x9000 - 20);
    expect(word(bus, 0x9000 - 4)).toBe(0x2001);
    cpu.setReg(1, 0x9000 - 20);
    cpu.run(1);
    expect([cpu.getReg(2), cpu.getReg(3), cpu.getReg(4)]).toEqual([1, 2, 3]);
    expect(cpu.getReg(1)).toBe(0x9000 - 8);
    cpu.run(1);
    // LDM to the PC interworks: bit 0 selects Thumb
    expect(cpu.pc).toBe(0x2000);
    expect(cpu.cpsr & 0x20).toBe(0x20);
  });

  it('SWP and SWPB', () => {
    const { cpu, bus } = armCpu([0xe1020091, 0xe1420091]); // swp r0,r1,[r2] ; swpb r0,r1,[r2]
    bus.loadWords(0x8000, [0xaabbccdd]);
    cpu.setReg(1, 0x11223344);
    cpu.setReg(2, 0x8000);
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(0xaabbccdd);
    expect(word(bus, 0x8000)).toBe(0x11223344);
    cpu.run(1);
    expect(cpu.getReg(0)).toBe(0x44);
  });

  it('stores over code invalidate the decoded instruction (self-modifying code)', () => {
    // str r0, [pc, #0] stores to 0x1008, the next-but-one instruction; then mov r1,#1 (replaced)
    const { cpu } = armCpu([0xe58f0000, 0xe1a00000, 0xe3a01001, 0xeafffffe]);
    cpu.setReg(0, 0xe3a01002); // mov r1, #2
    cpu.run(1);
    expect(cpu.getReg(1)).toBe(0);
    // run the loop once first so the block is decoded, then patch again
    cpu.run(3);
    expect(cpu.getReg(1)).toBe(2);
    cpu.pc = 0x1000;
    cpu.setReg(0, 0xe3a01003);
    cpu.run(3);
    expect(cpu.getReg(1)).toBe(3);
  });
});
