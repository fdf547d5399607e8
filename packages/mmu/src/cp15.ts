import type { Coprocessor, CpuControl } from '@codezero-ts/arm-core';
import { CoprocStatus } from '@codezero-ts/arm-core';
import type { Cp15Options } from './api.js';

/** c1 bits that read as one on the ARM926EJ-S (W, P, D, L and bits 16 and 19). */
const C1_ONES = 0x00090078;
/** c1 bits software can change: M, A, C, S, R, I, V, RR, L4. */
const C1_WRITABLE = 0x0000f307;
/** c1 bits. */
export const Control = {
  M: 1 << 0,
  A: 1 << 1,
  C: 1 << 2,
  S: 1 << 8,
  R: 1 << 9,
  I: 1 << 12,
  V: 1 << 13,
  RR: 1 << 14,
  L4: 1 << 15,
} as const;

/**
 * CP15, the ARM926EJ-S system control coprocessor: ID and cache type, the control register
 * (its A and V bits are forwarded to the CPU), TTBR, DACR, data and prefetch FSR, FAR, cache
 * operations (accepted; c7,c0,4 waits for an interrupt; the test-and-clean reads report a
 * clean cache), TLB operations, cache and TLB lockdown, TCM region, FCSE PID and context ID,
 * and the c15 test registers (writes ignored, reads 0). Every CP15 access from user mode,
 * and CDP/LDC/STC/MCRR/MRRC to CP15, are undefined.
 *
 * Writes that change translation (TTBR, DACR, c1 M/S/R, FCSE PID, TLB operations) flush the
 * CPU's translation cache through {@link CpuControl}; call {@link Cp15.attach} first.
 */
export class Cp15 implements Coprocessor {
  /** c1, the control register. */
  control = C1_ONES;
  /** c2, the translation table base. */
  ttbr = 0;
  /** c3, the domain access control register. */
  dacr = 0;
  /** c5 opc2 0, the data fault status register. */
  dfsr = 0;
  /** c5 opc2 1, the instruction (prefetch) fault status register. */
  ifsr = 0;
  /** c6, the fault address register. */
  far = 0;
  /** c13 opc2 0 bits 31:25, the FCSE PID (0..127). */
  fcsePid = 0;
  /** c13 opc2 1, the context ID. */
  contextId = 0;
  readonly #mainId: number;
  readonly #cacheType: number;
  readonly #lockdown = new Int32Array(8);
  #cpu: CpuControl | undefined;

  constructor(options: Cp15Options = {}) {
    this.#mainId = options.mainId ?? 0x41069265;
    this.#cacheType = options.cacheType ?? 0x01dd20d2;
  }

  /** Connects the CPU whose translation cache, vectors and alignment checking CP15 drives. */
  attach(cpu: CpuControl): void {
    this.#cpu = cpu;
    this.#apply();
  }

  /** Back to the reset state (MMU, caches and alignment checking off, low vectors). */
  reset(): void {
    this.control = C1_ONES;
    this.ttbr = this.dacr = this.dfsr = this.ifsr = this.far = this.fcsePid = this.contextId = 0;
    this.#lockdown.fill(0);
    this.#apply();
  }

  /** True when c1.M is set. */
  get mmuEnabled(): boolean {
    return (this.control & Control.M) !== 0;
  }

  /** Records a data abort: FSR (status with the domain in bits 7:4) and FAR. */
  recordDataAbort(address: number, fsr: number): void {
    this.dfsr = fsr & 0xff;
    this.far = address | 0;
  }

  /** Records a prefetch abort's status in the IFSR. */
  recordPrefetchAbort(fsr: number): void {
    this.ifsr = fsr & 0xff;
  }

  cdp(): CoprocStatus {
    return CoprocStatus.Undefined;
  }

  mcr(opc1: number, crn: number, crm: number, opc2: number, value: number, privileged: boolean): CoprocStatus {
    if (!privileged || opc1 !== 0) return CoprocStatus.Undefined;
    switch (crn) {
      case 0:
        return CoprocStatus.Ok; // ID registers are read-only; writes are ignored
      case 1:
        if (crm !== 0 || opc2 !== 0) return CoprocStatus.Undefined;
        this.control = (value & C1_WRITABLE) | C1_ONES;
        this.#apply();
        return CoprocStatus.Ok;
      case 2:
        if (crm !== 0 || opc2 !== 0) return CoprocStatus.Undefined;
        this.ttbr = value | 0;
        this.#cpu?.flushTlb();
        return CoprocStatus.Ok;
      case 3:
        if (crm !== 0 || opc2 !== 0) return CoprocStatus.Undefined;
        this.dacr = value | 0;
        this.#cpu?.flushTlb();
        return CoprocStatus.Ok;
      case 5:
        if (crm !== 0 || opc2 > 1) return CoprocStatus.Undefined;
        if (opc2 === 0) this.dfsr = value & 0x1ff;
        else this.ifsr = value & 0x1ff;
        return CoprocStatus.Ok;
      case 6:
        if (crm !== 0 || opc2 !== 0) return CoprocStatus.Undefined;
        this.far = value | 0;
        return CoprocStatus.Ok;
      case 7:
        return crm === 0 && opc2 === 4 ? CoprocStatus.WaitForInterrupt : CoprocStatus.Ok;
      case 8:
        if ((crm === 5 || crm === 6 || crm === 7) && opc2 === 1) this.#cpu?.flushTlbPage(value >>> 0);
        else this.#cpu?.flushTlb();
        return CoprocStatus.Ok;
      case 9:
      case 10:
        this.#lockdown[((crn - 9) << 2) | ((crm & 1) << 1) | (opc2 & 1)] = value;
        return CoprocStatus.Ok;
      case 13:
        if (crm !== 0 || opc2 > 1) return CoprocStatus.Undefined;
        if (opc2 === 0) {
          this.fcsePid = (value >>> 25) & 0x7f;
          this.#cpu?.flushTlb();
        } else {
          this.contextId = value | 0;
        }
        return CoprocStatus.Ok;
      case 15:
        return CoprocStatus.Ok;
      default:
        return CoprocStatus.Undefined;
    }
  }

  mrc(opc1: number, crn: number, crm: number, opc2: number, privileged: boolean, out: Int32Array): CoprocStatus {
    if (!privileged || opc1 !== 0) return CoprocStatus.Undefined;
    let v: number;
    switch (crn) {
      case 0:
        v = opc2 === 1 ? this.#cacheType : opc2 === 2 ? 0 : this.#mainId;
        break;
      case 1:
        v = this.control;
        break;
      case 2:
        v = this.ttbr;
        break;
      case 3:
        v = this.dacr;
        break;
      case 5:
        v = opc2 === 1 ? this.ifsr : this.dfsr;
        break;
      case 6:
        v = this.far;
        break;
      case 7:
        // "test and clean" (c7,c10,3) and "test, clean and invalidate" (c7,c14,3): our caches
        // are always clean, so report Z set (bit 30) for an MRC to r15.
        v = opc2 === 3 && (crm === 10 || crm === 14) ? 1 << 30 : 0;
        break;
      case 9:
      case 10:
        v = this.#lockdown[((crn - 9) << 2) | ((crm & 1) << 1) | (opc2 & 1)]!;
        break;
      case 13:
        v = opc2 === 0 ? this.fcsePid << 25 : opc2 === 1 ? this.contextId : 0;
        break;
      case 15:
        v = 0;
        break;
      default:
        return CoprocStatus.Undefined;
    }
    out[0] = v;
    return CoprocStatus.Ok;
  }

  mcrr(): CoprocStatus {
    return CoprocStatus.Undefined;
  }

  mrrc(): CoprocStatus {
    return CoprocStatus.Undefined;
  }

  transferCount(): number {
    return -1;
  }

  ldcWord(): void {
    // CP15 has no LDC: transferCount refuses every transfer.
  }

  stcWord(): number {
    return 0;
  }

  #apply(): void {
    const cpu = this.#cpu;
    if (!cpu) return;
    cpu.setAlignmentCheck((this.control & Control.A) !== 0);
    cpu.setHighVectors((this.control & Control.V) !== 0);
    cpu.flushTlb();
  }
}
