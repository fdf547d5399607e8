import { describe, expect, it } from 'vitest';
import { fuzz } from './support/fuzz.js';
import { Cpu, CpuStateError, ExceptionKind, ExceptionModel, FlatRamBus, Mode, StopReason, type Architecture } from '../src/index.js';

/*
 * The ARM7TDMI behaviours of `architecture: 'v4t'` (needed by the GBA test ROMs), each next
 * to what the default ARM926EJ-S model does for the same instruction.
 */

const CODE = 0x1000;
const DATA = 0x2000;

interface Setup {
  readonly cpu: Cpu;
  readonly bus: FlatRamBus;
}

function cpuWith(arch: Architecture, thumb: boolean, code: readonly number[], hosted = false): Setup {
  const bus = new FlatRamBus(0x10000);
  if (thumb) {
    const b = new Uint8Array(code.length * 2);
    code.forEach((h, i) => {
      b[2 * i] = h & 0xff;
      b[2 * i + 1] = h >>> 8;
    });
    bus.load(CODE, b);
  } else bus.loadWords(CODE, code);
  const options = hosted ? { architecture: arch, exceptionModel: ExceptionModel.Hosted } : { architecture: arch };
  const cpu = new Cpu(bus, options);
  cpu.cpsr = Mode.System | (thumb ? 0x20 : 0);
  cpu.pc = CODE;
  return { cpu, bus };
}

function word(bus: FlatRamBus, addr: number): number {
  return new DataView(bus.ram.buffer).getUint32(addr, true);
}

const both: readonly Architecture[] = ['v5te', 'v4t'];

describe("architecture 'v4t' (ARM7TDMI) against the default 'v5te' (ARM926EJ-S)", () => {
  it('LDR and LDM into the PC interwork only on v5te', () => {
    for (const arch of both) {
      // ldr pc, [r0] ; ldmia r1, {pc}
      for (const insn of [0xe590f000, 0xe8918000]) {
        const { cpu, bus } = cpuWith(arch, false, [insn]);
        bus.loadWords(DATA, [0x3001]);
        cpu.setReg(0, DATA);
        cpu.setReg(1, DATA);
        cpu.step();
        expect({ arch, pc: cpu.pc, thumb: (cpu.cpsr >>> 5) & 1 }).toEqual({ arch, pc: 0x3000, thumb: arch === 'v5te' ? 1 : 0 });
      }
    }
  });

  it('Thumb POP {pc} switches to ARM only on v5te', () => {
    for (const arch of both) {
      const { cpu, bus } = cpuWith(arch, true, [0xbd00]); // pop {pc}
      bus.loadWords(DATA, [0x3000]);
      cpu.setReg(13, DATA);
      cpu.step();
      expect({ arch, pc: cpu.pc, thumb: (cpu.cpsr >>> 5) & 1, sp: cpu.getReg(13) }).toEqual({
        arch,
        pc: 0x3000,
        thumb: arch === 'v5te' ? 0 : 1,
        sp: DATA + 4,
      });
    }
  });

  it('STR and STM of r15 store the address + 8 on v5te, + 12 on v4t', () => {
    for (const arch of both) {
      // str pc, [r0] ; stmia r1, {pc}
      const { cpu, bus } = cpuWith(arch, false, [0xe580f000, 0xe881_8000]);
      cpu.setReg(0, DATA);
      cpu.setReg(1, DATA + 4);
      cpu.run(2);
      const extra = arch === 'v4t' ? 4 : 0;
      expect([word(bus, DATA), word(bus, DATA + 4)]).toEqual([CODE + 8 + extra, CODE + 4 + 8 + extra]);
    }
  });

  it('an empty register list transfers r15 only on v4t; the base moves by 64 on both', () => {
    for (const arch of both) {
      // Thumb stmia r0!, {} stores the address + 6
      const t = cpuWith(arch, true, [0xc000]);
      t.cpu.setReg(0, DATA);
      t.cpu.step();
      expect({ arch, base: t.cpu.getReg(0), stored: word(t.bus, DATA) }).toEqual({
        arch,
        base: DATA + 0x40,
        stored: arch === 'v4t' ? CODE + 6 : 0,
      });
      // ARM ldmia r0!, {} loads the PC (without interworking) on v4t
      const a = cpuWith(arch, false, [0xe8b00000]);
      a.bus.loadWords(DATA, [0x3000]);
      a.cpu.setReg(0, DATA);
      a.cpu.step();
      expect({ arch, base: a.cpu.getReg(0), pc: a.cpu.pc }).toEqual({ arch, base: DATA + 0x40, pc: arch === 'v4t' ? 0x3000 : CODE + 4 });
      // ARM stmdb r0!, {} stores at base - 64
      const d = cpuWith(arch, false, [0xe9200000]);
      d.cpu.setReg(0, DATA + 0x40);
      d.cpu.step();
      expect({ arch, base: d.cpu.getReg(0), stored: word(d.bus, DATA) }).toEqual({ arch, base: DATA, stored: arch === 'v4t' ? CODE + 12 : 0 });
    }
  });

  it('STM with writeback stores a base that is not first as written back only on v4t', () => {
    for (const arch of both) {
      // stmdb r1!, {r0-r3}: r1 is second
      const { cpu, bus } = cpuWith(arch, false, [0xe921000f, 0xe8a00003]);
      for (let i = 0; i < 4; i++) cpu.setReg(i, 0x100 + i);
      cpu.setReg(1, DATA + 0x10);
      cpu.step();
      expect({ arch, base: cpu.getReg(1), stored: word(bus, DATA + 4) }).toEqual({
        arch,
        base: DATA,
        stored: arch === 'v4t' ? DATA : DATA + 0x10,
      });
      // stmia r0!, {r0, r1}: a base that is first stores its original value on both
      cpu.setReg(0, DATA + 0x20);
      cpu.step();
      expect(word(bus, DATA + 0x20)).toBe(DATA + 0x20);
    }
  });

  it('unaligned LDRH rotates and unaligned LDRSH loads a signed byte only on v4t', () => {
    for (const arch of both) {
      // ldrh r1, [r0, #1] ; ldrsh r2, [r0, #1]
      const { cpu, bus } = cpuWith(arch, false, [0xe1d010b1, 0xe1d020f1]);
      bus.loadWords(DATA, [0x11229344]);
      cpu.setReg(0, DATA);
      cpu.run(2);
      expect({ arch, ldrh: cpu.getReg(1), ldrsh: cpu.getReg(2) }).toEqual(
        arch === 'v4t' ? { arch, ldrh: 0x44000093, ldrsh: 0xffffff93 } : { arch, ldrh: 0x9344, ldrsh: 0xffff9344 },
      );
    }
  });

  it('TST/TEQ/CMP/CMN with S and Rd = 15 copy the SPSR into the CPSR only on v4t', () => {
    for (const arch of both) {
      // cmp pc, r0 (Rd = 15) ; teq r0, #0 (Rd = 15), from FIQ mode with SPSR = System
      for (const insn of [0xe15ff000, 0xe330f000]) {
        const { cpu } = cpuWith(arch, false, [insn]);
        cpu.setReg(8, 0x55); // System r8
        cpu.cpsr = Mode.Fiq | 0xc0;
        cpu.spsr = Mode.System | 0x80000000;
        cpu.setReg(8, 0x66); // FIQ r8
        cpu.setReg(0, 0);
        cpu.step();
        if (arch === 'v4t') expect({ cpsr: cpu.cpsr, r8: cpu.getReg(8), pc: cpu.pc }).toEqual({ cpsr: 0x8000001f, r8: 0x55, pc: CODE + 4 });
        else expect({ mode: cpu.cpsr & 0x1f, r8: cpu.getReg(8), pc: cpu.pc }).toEqual({ mode: Mode.Fiq, r8: 0x66, pc: CODE + 4 });
      }
    }
  });

  it('the instructions ARMv5 added are undefined on v4t', () => {
    const arm = [
      0xe16f0f11, // clz r0, r1
      0xe12fff31, // blx r1
      0xfa000000, // blx #imm
      0xe1200070, // bkpt
      0xe12fff21, // bxj r1
      0xe1010050, // qadd r0, r0, r1
      0xe1600080, // smulbb r0, r0, r0
      0xe1c020d0, // ldrd r2, [r0]
      0xe1c020f0, // strd r2, [r0]
      0xf5d0f000, // pld [r0]
      0xec410f00, // mcrr p15, 0, r0, r1, c0
    ];
    for (const w of arm) {
      const { cpu } = cpuWith('v4t', false, [w], true);
      cpu.setReg(0, DATA);
      cpu.setReg(1, DATA);
      expect({ w: w.toString(16), stop: cpu.step(), kind: cpu.trap.kind, instruction: cpu.trap.instruction >>> 0 }).toEqual({
        w: w.toString(16),
        stop: StopReason.Exception,
        kind: ExceptionKind.Undefined,
        instruction: w,
      });
    }
    // Thumb: blx r1 ; bkpt ; a BL prefix and a BLX suffix
    for (const code of [[0x4788], [0xbe00], [0xf000, 0xe800]]) {
      const { cpu } = cpuWith('v4t', true, code, true);
      cpu.setReg(1, DATA);
      const stop = cpu.run(code.length);
      expect({ code, stop, kind: cpu.trap.kind, pc: cpu.trap.pc }).toEqual({
        code,
        stop: StopReason.Exception,
        kind: ExceptionKind.Undefined,
        pc: CODE + 2 * (code.length - 1),
      });
    }
    // v5te runs them: clz and blx
    const v5 = cpuWith('v5te', false, [0xe16f0f11], true);
    v5.cpu.setReg(1, 1);
    expect(v5.cpu.step()).toBe(StopReason.Budget);
    expect(v5.cpu.getReg(0)).toBe(31);
  });

  it('shares everything else: ARMv4T instructions run the same on both', () => {
    // mov r0, #5 ; movs r1, r0, lsl #30 ; ldr r2, [r3, #1] (rotated) ; swp r4, r0, [r3] ; bx r5
    const results = both.map((arch) => {
      const { cpu, bus } = cpuWith(arch, false, [0xe3a00005, 0xe1b01f00, 0xe5932001, 0xe1034090, 0xe12fff15]);
      bus.loadWords(DATA, [0x11223344]);
      cpu.setReg(3, DATA);
      cpu.setReg(5, 0x3001);
      cpu.run(5);
      return { ...cpu.snapshot(), instructions: 0 };
    });
    expect(results[1]).toEqual(results[0]);
  });

  it('random instructions on v4t never throw and give the same result twice', () => {
    const a = fuzz(20_000, 7, 'v4t');
    expect(fuzz(20_000, 7, 'v4t')).toEqual(a);
    expect(a.executed).toBeGreaterThanOrEqual(20_000);
    expect(fuzz(20_000, 7).digest).not.toBe(a.digest);
  });

  it('rejects an unknown architecture with a typed error', () => {
    const bad = { architecture: 'v6' } as unknown as { architecture: Architecture };
    expect(() => new Cpu(new FlatRamBus(4096), bad)).toThrow(CpuStateError);
    try {
      new Cpu(new FlatRamBus(4096), bad);
    } catch (e) {
      expect((e as CpuStateError).code).toBe('bad-architecture');
    }
  });
});
