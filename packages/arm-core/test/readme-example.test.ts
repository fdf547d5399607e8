import { describe, expect, it } from 'vitest';
import { Cpu, ExceptionKind, ExceptionModel, FlatRamBus, StopReason } from '../src/index.js';

describe('README example', () => {
  it('runs a user-mode program until its SWI', () => {
    const bus = new FlatRamBus(64 * 1024);
    // mov r0, #6 ; mov r1, #7 ; mul r2, r0, r1 ; swi #0
    bus.loadWords(0x8000, [0xe3a00006, 0xe3a01007, 0xe0020190, 0xef000000]);
    const cpu = new Cpu(bus, { exceptionModel: ExceptionModel.Hosted });
    cpu.cpsr = 0x10; // user mode, ARM state
    cpu.pc = 0x8000;
    const reason = cpu.run(1000);
    expect(reason).toBe(StopReason.Exception);
    expect(cpu.trap.kind).toBe(ExceptionKind.SoftwareInterrupt);
    expect(cpu.getReg(2)).toBe(42);
    expect(cpu.instructions).toBe(4);
  });
});
