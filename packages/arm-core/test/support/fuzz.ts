import { Cpu, ExceptionKind, ExceptionModel, StopReason, type Architecture, type Coprocessor, CoprocStatus } from '../../src/index.js';
import { HashBus, hash32 } from './vectors.js';

/** A coprocessor that accepts everything (to reach the coprocessor paths while fuzzing). */
export class AcceptAll implements Coprocessor {
  cdp(): CoprocStatus {
    return CoprocStatus.Ok;
  }
  mcr(): CoprocStatus {
    return CoprocStatus.Ok;
  }
  mrc(_a: number, crn: number, _b: number, _c: number, _p: boolean, out: Int32Array): CoprocStatus {
    out[0] = crn * 0x01010101;
    return CoprocStatus.Ok;
  }
  mcrr(): CoprocStatus {
    return CoprocStatus.Ok;
  }
  mrrc(_o: number, crm: number, _p: boolean, out: Int32Array): CoprocStatus {
    out[0] = crm;
    out[1] = ~crm;
    return CoprocStatus.Ok;
  }
  transferCount(instr: number): number {
    return (instr & 0x400000) !== 0 ? 2 : 1;
  }
  ldcWord(): void {
    /* accepted */
  }
  stcWord(_i: number, index: number): number {
    return index;
  }
}

/**
 * Runs `count` random instructions (ARM words and Thumb halfwords, alternately in batches)
 * from random states in both exception models; returns a 32-bit digest of every final
 * state, so two runs can be compared, and the number of instructions executed. Throws
 * only if the emulator throws. `architecture` selects the processor modelled (default v5te).
 */
export function fuzz(count: number, seed: number, architecture: Architecture = 'v5te'): { digest: number; executed: number } {
  const bus = new HashBus();
  const machine = new Cpu(bus, { architecture });
  const hosted = new Cpu(bus, { exceptionModel: ExceptionModel.Hosted, architecture });
  machine.setCoprocessor(15, new AcceptAll());
  hosted.setCoprocessor(7, new AcceptAll());
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    return hash32(s);
  };
  const modes = [0x10, 0x11, 0x12, 0x13, 0x17, 0x1b, 0x1f];
  let digest = 0;
  let executed = 0;
  let executedTraps = 0;
  for (let i = 0; i < count; i += 64) {
    const cpu = (i & 64) === 0 ? machine : hosted;
    bus.reset(next());
    cpu.flushTlb();
    cpu.flushDecodeCache();
    const thumb = (next() & 1) === 1;
    cpu.cpsr = (next() & 0xf80000c0) | (thumb ? 0x20 : 0) | modes[next() % 7]!;
    for (let r = 0; r < 15; r++) cpu.setReg(r, next() % 3 === 0 ? next() & 0xfff : next());
    cpu.spsr = next();
    cpu.setIrq((next() & 15) === 0);
    cpu.setFiq((next() & 31) === 0);
    cpu.setAlignmentCheck((next() & 7) === 0);
    cpu.setHighVectors((next() & 1) === 0);
    const pc = (next() & ~0x3ff) >>> 0;
    bus.page(pc & ~0xfff);
    bus.page((pc + 0x100) & ~0xfff);
    for (let k = 0; k < 64; k++) {
      if (thumb) bus.write16(pc + 2 * k, next());
      else bus.write32(pc + 4 * k, next());
    }
    cpu.pc = pc;
    // run 64 instructions; in the hosted model skip each trapping instruction and go on
    const start = cpu.instructions;
    for (let guard = 0; guard < 200 && cpu.instructions - start < 64; guard++) {
      if (cpu.run(64 - (cpu.instructions - start)) === StopReason.Exception) {
        const k = cpu.trap.kind;
        if (k === ExceptionKind.Irq || k === ExceptionKind.Fiq) {
          // the host "handles" the interrupt: drop the lines
          cpu.setIrq(false);
          cpu.setFiq(false);
        } else if (k !== ExceptionKind.SoftwareInterrupt) {
          cpu.pc = cpu.trap.pc + (cpu.trap.thumb ? 2 : 4);
        }
        executedTraps++;
      }
    }
    executed += cpu.instructions - start;
    digest = hash32((digest ^ cpu.cpsr ^ cpu.pc ^ cpu.getReg(0) ^ cpu.getReg(13) ^ cpu.getReg(14)) >>> 0);
  }
  return { digest: hash32((digest ^ executed ^ executedTraps) >>> 0), executed };
}
