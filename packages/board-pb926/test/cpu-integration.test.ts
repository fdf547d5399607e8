import { describe, expect, it } from 'vitest';
import { Cpu } from '@codezero-ts/arm-core';
import { VirtualClock, createPb926Devices } from '../src/index.js';
import { T0, VIC } from './helpers.js';

describe('with the arm-core CPU', () => {
  it('runs code from the bus RAM and takes the timer interrupt at the instruction the clock predicts', () => {
    const holder: { cpu: Cpu | null } = { cpu: null };
    const clock = new VirtualClock({ instructionCounter: () => holder.cpu?.instructions ?? 0 });
    const board = createPb926Devices({ clock, ramSize: 0x100000 });
    const { bus } = board;
    const cpu = new Cpu(bus);
    holder.cpu = cpu;
    board.vic.connectCpu(cpu);
    bus.write32(0x18, 0xe3a0102a); // IRQ vector: mov r1, #42
    bus.write32(0x1c, 0xeafffffe); // b .
    bus.write32(0x1000, 0xe321f013); // msr cpsr_c, #0x13 (IRQ and FIQ unmasked)
    bus.write32(0x1004, 0xeafffffe); // b .
    cpu.pc = 0x1000;
    bus.write32(VIC + 0x10, 1 << 4);
    bus.write32(T0, 10); // 10 µs = 1000 instructions at 100 MIPS
    bus.write32(T0 + 8, 0xe2);
    expect(clock.instructionsUntil(clock.nextEventTime())).toBe(1000);
    for (let slice = 0; slice < 3; slice++) {
      cpu.run(Math.min(clock.instructionsUntil(clock.nextEventTime()), 400));
      clock.runDue();
    }
    expect(cpu.instructions).toBe(1000);
    expect(cpu.getReg(1)).toBe(0);
    cpu.run(2);
    expect(cpu.cpsr & 0x1f).toBe(0x12);
    expect(cpu.getReg(1)).toBe(42);
    expect(cpu.pc).toBe(0x1c);
  });
});
