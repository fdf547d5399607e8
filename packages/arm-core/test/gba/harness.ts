import { Cpu, ExceptionKind, Mode, StopReason, type CpuOptions, type TrapInfo } from '../../src/index.js';
import { GbaBus } from './gba-bus.js';

/** Where a GBA cartridge starts (the BIOS jumps here after boot). */
export const ROM_ENTRY = 0x08000000;

/** Stack pointers the GBA BIOS leaves after boot (GBATEK: SP_svc, SP_irq, SP_usr/sys). */
const STACK_SVC = 0x03007fe0;
const STACK_IRQ = 0x03007fa0;
const STACK_SYS = 0x03007f00;

/** How a ROM run ended. */
export interface GbaRunResult {
  /** True when the program reached an instruction that branches to itself. */
  readonly settled: boolean;
  /** Address of that idle loop (or of the next instruction when the budget ran out). */
  readonly pc: number;
  /** r0–r12 at the end (the jsmolka ROMs keep the number of the first failed test in r12 (ARM) or r7 (Thumb), 0 when all passed). */
  readonly regs: readonly number[];
  /** Instructions executed. */
  readonly instructions: number;
  /** The CPU, for further inspection. */
  readonly cpu: Cpu;
  /** The bus, for further inspection. */
  readonly bus: GbaBus;
}

/** BIOS function number of `Div` (GBATEK: SWI 06h). */
const SWI_DIV = 0x06;

/**
 * The BIOS calls the test ROMs make, performed in the host (no BIOS image is needed):
 * `Div` (SWI 6: r0 / r1 → r0 quotient, r1 remainder, r3 |quotient|, rounding towards zero),
 * which their result screen uses to print numbers. Any other SWI is left to the vectors
 * (zeros here), which a test notices as a run that never settles.
 */
function biosCall(cpu: Cpu, trap: Readonly<TrapInfo>): boolean {
  if (trap.kind !== ExceptionKind.SoftwareInterrupt) return false;
  const fn = trap.thumb ? trap.instruction & 0xff : (trap.instruction >>> 16) & 0xff;
  if (fn !== SWI_DIV) return false;
  const num = cpu.getReg(0) | 0;
  const den = cpu.getReg(1) | 0;
  if (den === 0) return false;
  const q = Math.trunc(num / den) | 0;
  cpu.setReg(0, q);
  cpu.setReg(1, (num - Math.imul(q, den)) | 0);
  cpu.setReg(3, Math.abs(q) | 0);
  return true;
}

/**
 * A CPU on a {@link GbaBus} in the state the GBA BIOS leaves when it hands over to the
 * cartridge: System mode, ARM state, interrupts enabled in the CPSR (nothing raises them
 * here), the SVC, IRQ and System stacks set, every other register 0, PC at 0x08000000.
 * BIOS calls are performed by the host (see `biosCall`).
 */
export function bootGba(rom: Uint8Array, options: CpuOptions = {}): { cpu: Cpu; bus: GbaBus } {
  const bus = new GbaBus(rom);
  const cpu: Cpu = new Cpu(bus, { ...options, onException: (trap) => biosCall(cpu, trap) });
  cpu.cpsr = Mode.Supervisor | 0xc0;
  cpu.setReg(13, STACK_SVC);
  cpu.cpsr = Mode.Irq | 0xc0;
  cpu.setReg(13, STACK_IRQ);
  cpu.cpsr = Mode.System;
  cpu.setReg(13, STACK_SYS);
  cpu.pc = ROM_ENTRY;
  return { cpu, bus };
}

/**
 * Boots `rom` and runs it until it settles in an idle loop (an instruction after which the
 * PC is unchanged: `b .`) or `budget` instructions have run. The loop is checked between
 * chunks of `chunk` instructions by stepping once, so the check costs nothing while the
 * program runs.
 */
export function runGbaRom(rom: Uint8Array, budget: number, options: CpuOptions = {}, chunk = 10_000): GbaRunResult {
  const { cpu, bus } = bootGba(rom, options);
  let settled = false;
  while (!settled && cpu.instructions < budget) {
    const reason = cpu.run(Math.min(chunk, budget - cpu.instructions));
    if (reason !== StopReason.Budget) break;
    const pc = cpu.pc;
    if (cpu.step() === StopReason.Budget && cpu.pc === pc) settled = true;
  }
  const regs = Array.from({ length: 13 }, (_, i) => cpu.getReg(i));
  return { settled, pc: cpu.pc, regs, instructions: cpu.instructions, cpu, bus };
}
