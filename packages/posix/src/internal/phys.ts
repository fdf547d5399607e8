import type { PhysicalMemory } from '@codezero-ts/vm-objects';

const PAGE = 4096;

/** What the pager needs of the machine's RAM: its bytes and the CPU's decoded-code cache. */
export interface RamAccess {
  /** RAM bytes; `ram[0]` is at physical address `ramBase`. */
  readonly ram: Uint8Array;
  /** Physical address of `ram[0]`. */
  readonly ramBase: number;
  /** Drops decoded instructions of RAM bytes `[offset, offset + length)`. */
  invalidateCode(offset: number, length: number): void;
}

/**
 * Frame contents for vm-objects: frames are absolute physical page numbers; every write
 * drops the CPU's decoded code for the bytes it touches.
 */
export class FrameMemory implements PhysicalMemory {
  readonly #ram: Uint8Array;
  readonly #base: number;
  readonly #inv: (offset: number, length: number) => void;

  constructor(access: RamAccess) {
    this.#ram = access.ram;
    this.#base = access.ramBase;
    this.#inv = (o, l) => {
      access.invalidateCode(o, l);
    };
  }

  /** Host offset of byte `offset` of `frame`. */
  offsetOf(frame: number, offset = 0): number {
    return frame * PAGE - this.#base + offset;
  }

  /** A view of a whole frame. */
  view(frame: number): Uint8Array {
    const o = this.offsetOf(frame);
    return this.#ram.subarray(o, o + PAGE);
  }

  copyFrame(dst: number, src: number): void {
    const d = this.offsetOf(dst);
    const s = this.offsetOf(src);
    this.#ram.copyWithin(d, s, s + PAGE);
    this.#inv(d, PAGE);
  }

  zeroFrame(frame: number): void {
    const o = this.offsetOf(frame);
    this.#ram.fill(0, o, o + PAGE);
    this.#inv(o, PAGE);
  }

  read(frame: number, offset: number, into: Uint8Array): void {
    const o = this.offsetOf(frame, offset);
    into.set(this.#ram.subarray(o, o + into.length));
  }

  write(frame: number, offset: number, from: Uint8Array): void {
    const o = this.offsetOf(frame, offset);
    this.#ram.set(from, o);
    this.#inv(o, from.length);
  }

  /** Invalidates decoded code of a frame written through {@link FrameMemory.view}. */
  touched(frame: number): void {
    this.#inv(this.offsetOf(frame), PAGE);
  }
}
