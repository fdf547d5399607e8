import { Cpu, ExceptionKind, Mode } from '@codezero-ts/arm-core';
import type { MemoryBus, TrapInfo } from '@codezero-ts/arm-core';

/** Handles a semihosting call: returns the value for r0. */
export type SemihostingHandler = (op: number, arg: number) => number;

/**
 * The arm-core CPU in the machine exception model, with two additions a debug host
 * provides on a real ARM926 board, both installed through the CPU's public trap hook
 * (`Cpu.onException`):
 * - semihosting: `SVC 0x123456` (ARM) or `SVC 0xAB` (Thumb) from a privileged mode is
 *   performed by the host and execution continues after it, no SWI taken (QEMU does the
 *   same and, like QEMU, a user-mode call is an ordinary SWI);
 * - the fault registers of aborts the CPU raises itself (a BKPT's IFSR status 2, the
 *   DFSR/FAR of an alignment fault), which CP15 must show; MMU faults are recorded by the
 *   MMU already and recording them again writes the same values.
 *
 * Do not replace `onException` on a `MachineCpu`: set the three fields below instead.
 */
export class MachineCpu extends Cpu {
  /** Semihosting handler; `null` leaves every SWI to the guest. */
  semihosting: SemihostingHandler | null = null;
  /** Called with the FSR of every prefetch abort (CP15 records it as IFSR). */
  onPrefetchAbort: ((fsr: number) => void) | null = null;
  /** Called with the address and FSR of every data abort (CP15 records DFSR and FAR). */
  onDataAbort: ((address: number, fsr: number) => void) | null = null;

  /** Creates the CPU on `bus` (machine exception model) with the board's trap hook. */
  constructor(bus: MemoryBus) {
    super(bus);
    this.onException = (trap) => this.#trap(trap);
  }

  #trap(trap: Readonly<TrapInfo>): boolean {
    if (trap.kind === ExceptionKind.SoftwareInterrupt && this.semihosting !== null && (this.cpsr & 0x1f) !== Mode.User) {
      if (trap.thumb ? (trap.instruction & 0xff) === 0xab : (trap.instruction & 0xffffff) === 0x123456) {
        // The PC already points after the SVC: claiming the trap continues there.
        this.setReg(0, this.semihosting(this.getReg(0) >>> 0, this.getReg(1) >>> 0));
        return true;
      }
    }
    if (trap.kind === ExceptionKind.PrefetchAbort) this.onPrefetchAbort?.(trap.faultStatus);
    else if (trap.kind === ExceptionKind.DataAbort) this.onDataAbort?.(trap.faultAddress, trap.faultStatus);
    return false;
  }
}
