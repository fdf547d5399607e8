import type { AccessKind, CpuControl, MemoryBus } from '@codezero-ts/arm-core';
import type { PhysicalBus, PhysicalWords, ProtectionBits } from './api.js';
import { Control } from './cp15.js';
import type { Cp15 } from './cp15.js';
import { faultStatusRegister } from './fault-status.js';
import { checkAccess } from './permissions.js';
import { fcseRelocate, newWalkResult, walk } from './walk.js';

const FETCH: AccessKind = 2;
const WRITE: AccessKind = 1;

/**
 * The CPU's view of memory through the ARMv5 MMU: a {@link MemoryBus} over a
 * {@link PhysicalBus}, translating with the tables and registers of a {@link Cp15}.
 *
 * With c1.M clear addresses are physical (after FCSE relocation). With it set every access
 * is walked and checked; a fault sets {@link MmuBus.fault} to the FSR value (status and
 * domain) and records it in CP15 (DFSR and FAR for data, IFSR for fetches). `translate`
 * answers a RAM offset only when the whole 4 KiB page may be accessed that way, so pages
 * with mixed subpage permissions and tiny pages use the slow path, access by access.
 */
export class MmuBus implements MemoryBus {
  readonly ram: Uint8Array;
  fault = 0;
  readonly #phys: PhysicalBus;
  readonly #cp15: Cp15;
  readonly #ramBase: number;
  readonly #ramEnd: number;
  readonly #ram32: Int32Array;
  readonly #found = newWalkResult();
  readonly #bits = { system: false, rom: false };
  readonly #tables: PhysicalWords;
  #cpu: CpuControl | undefined;

  constructor(phys: PhysicalBus, cp15: Cp15) {
    this.#phys = phys;
    this.#cp15 = cp15;
    this.ram = phys.ram;
    this.#ramBase = phys.ramBase >>> 0;
    this.#ramEnd = this.#ramBase + phys.ram.length;
    this.#ram32 = new Int32Array(phys.ram.buffer, phys.ram.byteOffset, phys.ram.length >>> 2);
    this.#tables = {
      read32: (pa) => {
        const o = pa - this.#ramBase;
        return o >= 0 && o < this.ram.length ? this.#ram32[o >>> 2]! : this.#phys.read32(pa);
      },
      write32: (pa, v) => { this.#phys.write32(pa, v); },
    };
  }

  /** Connects the CPU, so that slow-path writes that land in RAM drop its decoded code. */
  attach(cpu: CpuControl): void {
    this.#cpu = cpu;
  }

  /**
   * Translates `vaddr` for an access of `kind` at this privilege: the physical address, or
   * -1 after a fault (whose FSR value is then in {@link MmuBus.fault} and in CP15). Does not
   * change CPU state; useful to debuggers and tests too.
   */
  physicalAddress(vaddr: number, kind: AccessKind, privileged: boolean): number {
    const cp = this.#cp15;
    const mva = fcseRelocate(vaddr >>> 0, cp.fcsePid);
    if ((cp.control & Control.M) === 0) return mva;
    const found = this.#found;
    walk(this.#tables, cp.ttbr, mva, found);
    let status = found.status;
    if (status === 0) status = checkAccess(found, cp.dacr, this.#protection(), kind === WRITE, privileged);
    if (status === 0) return found.pa;
    const fsr = faultStatusRegister(status, found.domain);
    this.fault = fsr;
    if (kind === FETCH) cp.recordPrefetchAbort(fsr);
    else cp.recordDataAbort(vaddr, fsr);
    return -1;
  }

  translate(vaddr: number, kind: AccessKind, privileged: boolean): number {
    const cp = this.#cp15;
    const page = vaddr & ~0xfff;
    const mva = fcseRelocate(page >>> 0, cp.fcsePid);
    let pa: number;
    if ((cp.control & Control.M) === 0) {
      pa = mva;
    } else {
      const found = this.#found;
      walk(this.#tables, cp.ttbr, mva, found);
      if (found.status !== 0 || !found.uniform) return -1;
      if (checkAccess(found, cp.dacr, this.#protection(), kind === WRITE, privileged) !== 0) return -1;
      pa = found.pa;
    }
    const o = pa - this.#ramBase;
    return o >= 0 && pa + 0x1000 <= this.#ramEnd ? o : -1;
  }

  read8(addr: number, kind: AccessKind, privileged: boolean): number {
    const pa = this.physicalAddress(addr, kind, privileged);
    return pa < 0 ? 0 : this.#phys.read8(pa);
  }

  read16(addr: number, kind: AccessKind, privileged: boolean): number {
    const pa = this.physicalAddress(addr, kind, privileged);
    return pa < 0 ? 0 : this.#phys.read16(pa);
  }

  read32(addr: number, kind: AccessKind, privileged: boolean): number {
    const pa = this.physicalAddress(addr, kind, privileged);
    return pa < 0 ? 0 : this.#phys.read32(pa) | 0;
  }

  write8(addr: number, value: number, privileged: boolean): void {
    const pa = this.physicalAddress(addr, WRITE, privileged);
    if (pa >= 0) this.#store(pa, value, 1);
  }

  write16(addr: number, value: number, privileged: boolean): void {
    const pa = this.physicalAddress(addr, WRITE, privileged);
    if (pa >= 0) this.#store(pa, value, 2);
  }

  write32(addr: number, value: number, privileged: boolean): void {
    const pa = this.physicalAddress(addr, WRITE, privileged);
    if (pa >= 0) this.#store(pa, value, 4);
  }

  #store(pa: number, value: number, size: 1 | 2 | 4): void {
    if (size === 1) this.#phys.write8(pa, value);
    else if (size === 2) this.#phys.write16(pa, value);
    else this.#phys.write32(pa, value);
    const o = pa - this.#ramBase;
    if (o >= 0 && o < this.ram.length) this.#cpu?.invalidateCode(o, size);
  }

  #protection(): ProtectionBits {
    const c = this.#cp15.control;
    this.#bits.system = (c & Control.S) !== 0;
    this.#bits.rom = (c & Control.R) !== 0;
    return this.#bits;
  }
}
