import { Cpu, ExceptionKind } from '@codezero-ts/arm-core';

/** Handles a semihosting call: returns the value for r0. */
export type SemihostingHandler = (op: number, arg: number) => number;

/**
 * The arm-core CPU in the machine exception model, with two additions a debug host
 * provides on a real ARM926 board:
 * - semihosting: `SVC 0x123456` (ARM) or `SVC 0xAB` (Thumb) from a privileged mode is
 *   performed by the host and execution continues after it, no SWI taken (QEMU does the
 *   same and, like QEMU, a user-mode call is an ordinary SWI);
 * - the fault registers of aborts the CPU raises itself (a BKPT's IFSR status 2, the
 *   DFSR/FAR of an alignment fault), which CP15 must show; MMU faults are recorded by the
 *   MMU already and recording them again writes the same values.
 */
export class MachineCpu extends Cpu {
  /** Semihosting handler; `null` leaves every SWI to the guest. */
  semihosting: SemihostingHandler | null = null;
  /** Called with the FSR of every prefetch abort (CP15 records it as IFSR). */
  onPrefetchAbort: ((fsr: number) => void) | null = null;
  /** Called with the address and FSR of every data abort (CP15 records DFSR and FAR). */
  onDataAbort: ((address: number, fsr: number) => void) | null = null;

  /** @internal Takes an exception, or performs a semihosting call in its place. */
  override exception(kind: ExceptionKind, cur: number, instr: number, faultAddr: number, status: number): void {
    if (kind === ExceptionKind.SoftwareInterrupt && this.semihosting !== null && this.priv !== 0) {
      const thumb = this.thumb !== 0;
      if (thumb ? (instr & 0xff) === 0xab : (instr & 0xffffff) === 0x123456) {
        const result = this.semihosting(this.r[0]! >>> 0, this.r[1]! >>> 0);
        this.r[0] = result;
        this.pcNext = (cur + (thumb ? 2 : 4)) | 0;
        this.sync = 1;
        return;
      }
    }
    if (kind === ExceptionKind.PrefetchAbort) this.onPrefetchAbort?.(status);
    else if (kind === ExceptionKind.DataAbort) this.onDataAbort?.(faultAddr, status);
    super.exception(kind, cur, instr, faultAddr, status);
  }
}
