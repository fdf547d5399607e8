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

describe('README trap handler example', () => {
  it('performs a semihosting-style SWI in the host and observes aborts', () => {
    const bus = new FlatRamBus(64 * 1024);
    // mov r0, #3 ; svc 0x123456 ; ldr r1, [r2]
    bus.loadWords(0x8000, [0xe3a00003, 0xef123456, 0xe5921000]);
    const cpu = new Cpu(bus); // machine model: exceptions go through the vectors
    cpu.pc = 0x8000;
    cpu.setReg(2, 0x100000); // outside the 64 KiB of RAM: the load aborts
    const log: string[] = [];
    cpu.onException = (trap) => {
      if (trap.kind === ExceptionKind.SoftwareInterrupt && (trap.instruction & 0xffffff) === 0x123456) {
        log.push(`call ${cpu.getReg(0)} at instruction ${cpu.liveInstructions}`);
        cpu.setReg(0, 0); // the result; the PC already points after the SVC
        return true; // claimed: no exception is taken
      }
      if (trap.kind === ExceptionKind.DataAbort) log.push(`abort at 0x${trap.faultAddress.toString(16)}, status ${trap.faultStatus}`);
      return false; // take it through the vectors
    };
    cpu.run(3);
    expect(log).toEqual(['call 3 at instruction 2', 'abort at 0x100000, status 8']);
    expect(cpu.getReg(0)).toBe(0);
    expect(cpu.pc).toBe(0x10); // the data abort vector
  });
});
